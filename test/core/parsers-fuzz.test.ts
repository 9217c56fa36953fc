/**
 * Fuzzing of the text and binary parsers a user's files go through, besides images (image-format-fuzz.test.ts):
 * the model file, the settings file (JSON) and PyRadiomics parameter files (YAML), the cohort tables (features,
 * clinical, manifest CSV), and the DICOM Part 10 header walk. Valid files are randomly truncated, overwritten,
 * spliced with random JSON values or text, and plain random input is given. Each parser must either return a result
 * or throw its own documented error (ModelFileError, SettingsError) with a message, never a TypeError or RangeError;
 * the CSV parsers never throw (they report issues); the DICOM walk never throws. A parsed model file must then score
 * a patient or refuse with reasons, never crash.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildDemoModel } from '../../src/core/model/demo-model.js';
import { serialiseModelFile } from '../../src/core/model/model-file.js';
import { ModelFileError, parseModelFile } from '../../src/core/model/model-file-parse.js';
import { scorePatient } from '../../src/core/model/scoring.js';
import { parseSettingsJson, settingsToJson } from '../../src/core/settings-json.js';
import { parsePyradiomicsParams } from '../../src/core/settings-pyradiomics.js';
import { pyradiomicsDefaults, SettingsError } from '../../src/core/settings.js';
import { IssueList } from '../../src/core/model/cohort-table.js';
import { parseFeatureTable } from '../../src/core/model/feature-table.js';
import { parseClinical } from '../../src/core/model/cohort-clinical.js';
import { parseManifest } from '../../src/core/model/cohort-manifest.js';
import { scanPart10 } from '../../src/io/dicom/part10-scan.js';

// FUZZ_RUNS=5000 for a longer local run; CI keeps 300 per property (fixed seeds, reproducible)
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const demo = buildDemoModel({ toolVersion: '0.0.0-test', createdAt: '2026-01-01T00:00:00.000Z' });
const modelText = serialiseModelFile(demo.modelFile);
const patient0 = {
  features: Object.fromEntries(demo.cohort.featureNames.map((n, j) => [n, demo.cohort.features[0][j]])),
  clinical: { ...demo.cohort.patients[0].clinical },
};

/** Replaces the value at a random path of a JSON value (objects and arrays walked by index). */
function mutateAt(root: unknown, choices: number[], replacement: unknown, remove: boolean): unknown {
  const top = structuredClone(root) as Record<string, unknown>;
  let node: unknown = top;
  for (let depth = 0; depth < choices.length; depth++) {
    if (typeof node !== 'object' || node === null) break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[choices[depth] % keys.length];
    const child = (node as Record<string, unknown>)[key];
    const last = depth === choices.length - 1 || typeof child !== 'object' || child === null;
    if (last) {
      if (remove && !Array.isArray(node)) delete (node as Record<string, unknown>)[key];
      else (node as Record<string, unknown>)[key] = replacement;
      break;
    }
    node = child;
  }
  return top;
}

const anyJson = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.constantFrom(-1, 0, 1e308, -0, 'NaN', 'high', 'below', 'arterial', ''),
  fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), fc.string()), { maxKeys: 3 }),
);

/** Truncation, byte overwrite and splice of a text. */
const textMutation = (text: string) =>
  fc.oneof(
    fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
    fc.tuple(fc.nat({ max: text.length - 1 }), fc.string({ minLength: 1, maxLength: 8 })).map(([at, s]) => text.slice(0, at) + s + text.slice(at + s.length)),
    fc.string({ maxLength: 200 }),
  );

function expectOwnError(e: unknown, type: new (...a: never[]) => Error): void {
  if (!(e instanceof type)) throw new Error(`expected ${type.name}, got ${(e as Error)?.name}: ${(e as Error)?.message}`);
  expect((e as Error).message.length).toBeGreaterThan(10);
}

describe('model file fuzzing', () => {
  it('a valid file parses and scores', () => {
    const m = parseModelFile(modelText);
    const r = scorePatient(m, patient0);
    expect(r.ok).toBe(true);
  });

  it('values replaced or removed anywhere: ModelFileError or a model that scores or refuses with reasons', () => {
    const value = JSON.parse(modelText);
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), anyJson, fc.boolean(), (path, replacement, remove) => {
        const mutated = mutateAt(value, path, replacement, remove);
        let m;
        try {
          m = parseModelFile(mutated);
        } catch (e) {
          expectOwnError(e, ModelFileError);
          return;
        }
        const r = scorePatient(m, patient0);
        if (r.ok) expect(Number.isFinite(r.linearPredictor) && r.probability >= 0 && r.probability <= 1).toBe(true);
        else expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS, seed: 20261128 },
    );
  });

  it('text truncated, overwritten or random: ModelFileError naming the problem', () => {
    fc.assert(
      fc.property(textMutation(modelText), (text) => {
        try {
          parseModelFile(text);
        } catch (e) {
          expectOwnError(e, ModelFileError);
        }
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });
});

describe('settings file fuzzing', () => {
  const json = settingsToJson(pyradiomicsDefaults());
  const yaml = [
    'setting:',
    '  binWidth: 25',
    '  label: 1',
    '  resampledPixelSpacing: [1, 1, 1]',
    '  interpolator: sitkBSpline',
    'imageType:',
    '  Original: {}',
    '  LoG:',
    '    sigma: [1.0, 3.0]',
    'featureClass:',
    '  shape:',
    '  firstorder: [Mean, Entropy]',
    '  glcm:',
    '',
  ].join('\n');

  it('the valid files parse', () => {
    expect(parseSettingsJson(json).profile).toBe('pyradiomics');
    expect(parsePyradiomicsParams(yaml).discretisation).toMatchObject({ kind: 'fixed-bin-width', width: 25 });
  });

  it('settings JSON mutated: settings or SettingsError', () => {
    const value = JSON.parse(json);
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), anyJson, fc.boolean(), (path, replacement, remove) => {
        try {
          parseSettingsJson(JSON.stringify(mutateAt(value, path, replacement, remove)));
        } catch (e) {
          expectOwnError(e, SettingsError);
        }
      }),
      { numRuns: RUNS, seed: 3 },
    );
    fc.assert(
      fc.property(textMutation(json), (text) => {
        try {
          parseSettingsJson(text);
        } catch (e) {
          expectOwnError(e, SettingsError);
        }
      }),
      { numRuns: RUNS, seed: 4 },
    );
  });

  it('PyRadiomics YAML mutated: settings or SettingsError', () => {
    fc.assert(
      fc.property(textMutation(yaml), (text) => {
        try {
          parsePyradiomicsParams(text);
        } catch (e) {
          expectOwnError(e, SettingsError);
        }
      }),
      { numRuns: RUNS, seed: 5 },
    );
  });
});

describe('cohort table fuzzing', () => {
  const csvText = fc
    .array(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('"', '""', ',', '\n', '\r\n', 'NA', '1e999', '-', 'P001', 'CR', 'PD')), { maxLength: 6 }), { maxLength: 8 })
    .map((rows) => rows.map((r) => r.join(',')).join('\n'));
  const header = fc.constantFrom(
    'patient_id,f1,f2\n',
    'patient_id,centre,response,os_time,os_event,pfs_time,pfs_event,afp\n',
    'patient_id,sequence,image,mask,centre\n',
    '',
  );

  it('feature, clinical and manifest CSV: never throw; errors reported as issues with file and row', () => {
    fc.assert(
      fc.property(header, csvText, (h, body) => {
        const text = h + body;
        const features = parseFeatureTable(text, { file: 'f.csv' });
        expect(features.ok).toBe(!features.issues.some((i) => i.severity === 'error'));
        for (const list of [new IssueList(), new IssueList()]) {
          parseClinical(text, list, { file: 'c.csv' });
          parseManifest(text, list, { file: 'm.csv' });
          for (const issue of list.items) expect(issue.message ?? JSON.stringify(issue)).toMatch(/\S/);
        }
      }),
      { numRuns: RUNS, seed: 11 },
    );
  });
});

describe('DICOM Part 10 walk fuzzing', () => {
  /** A small explicit-VR little-endian file: preamble, meta group, a few elements, native pixel data. */
  function part10(): Uint8Array {
    const parts: number[] = [...new Array(128).fill(0), 0x44, 0x49, 0x43, 0x4d];
    const el = (group: number, element: number, vr: string, value: number[]) => {
      parts.push(group & 0xff, group >> 8, element & 0xff, element >> 8, vr.charCodeAt(0), vr.charCodeAt(1));
      if (['OB', 'OW', 'SQ', 'UN', 'UT'].includes(vr)) parts.push(0, 0, value.length & 0xff, (value.length >> 8) & 0xff, (value.length >> 16) & 0xff, 0);
      else parts.push(value.length & 0xff, value.length >> 8);
      parts.push(...value);
    };
    const text = (s: string) => [...s, ...(s.length % 2 ? ['\0'] : [])].map((c) => c.charCodeAt(0));
    el(0x0002, 0x0010, 'UI', text('1.2.840.10008.1.2.1'));
    el(0x0008, 0x0060, 'CS', text('MR'));
    el(0x0028, 0x0010, 'US', [4, 0]);
    el(0x0028, 0x0011, 'US', [4, 0]);
    el(0x7fe0, 0x0010, 'OW', new Array(32).fill(7));
    return Uint8Array.from(parts);
  }

  it('truncated, overwritten or random bytes: a scan result, never an exception', () => {
    const file = part10();
    const good = scanPart10(file);
    expect(good.preamble).toBe(true);
    expect(good.pixelData?.complete).toBe(true);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.nat({ max: file.length }).map((n) => file.slice(0, n)),
          fc.tuple(fc.nat({ max: file.length - 1 }), fc.uint8Array({ minLength: 1, maxLength: 6 })).map(([at, b]) => {
            const out = file.slice();
            out.set(b.slice(0, out.length - at), at);
            return out;
          }),
          fc.uint8Array({ maxLength: 400 }),
        ),
        (bytes) => {
          const scan = scanPart10(bytes);
          expect(typeof scan.preamble).toBe('boolean');
          if (scan.pixelData) expect(scan.pixelData.availableBytes).toBeLessThanOrEqual(bytes.length);
        },
      ),
      { numRuns: RUNS * 2, seed: 13 },
    );
  });
});
