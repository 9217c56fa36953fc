import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { serialiseModelFile, type ModelFile } from '../../src/core/model/model-file.js';
import { scorePatient } from '../../src/core/model/scoring.js';
import { settingsFromObject } from '../../src/core/settings-json.js';
import { logistic } from '../../src/core/stats/distributions.js';
import { extractCase } from '../../src/pipeline/extract-case.js';
import { FIXTURE_SETTINGS, fixtureModel, writePatient, type PatientFiles } from '../helpers/clinic-fixture.js';

// `webradiomics score` on a generated patient of the synthetic cohort and the demo model (synthetic data).
const BIN = path.resolve('bin/webradiomics.js');
const dir = mkdtempSync(path.join(tmpdir(), 'wr-score-'));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: process.env, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let patient: PatientFiles;
let model: ModelFile;
const modelPath = path.join(dir, 'model.json');
const write = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const imageArgs = (p: PatientFiles, skip: string[] = []) => Object.entries(p.images).filter(([s]) => !skip.includes(s)).flatMap(([s, f]) => ['--image', `${s}=${f}`]);

beforeAll(() => {
  model = fixtureModel();
  writeFileSync(modelPath, serialiseModelFile(model));
  patient = writePatient(path.join(dir, 'patient'), 4);
});

describe('webradiomics score', () => {
  it('extracts each sequence with the model settings, prefixes the names, and prints the assessment', async () => {
    const r = await cli('score', '--model', modelPath, ...imageArgs(patient), '--mask', patient.mask, '--clinical', patient.clinical, '--backend', 'cpu');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    // the features, independently: extractCase in this process on the generated volumes
    const settings = settingsFromObject(FIXTURE_SETTINGS);
    const expected: Record<string, number> = {};
    for (const seq of ['AP', 'PVP', 'T2'] as const) {
      const res = await extractCase({ image: patient.volumes.images[seq], mask: patient.volumes.mask, imageName: seq, maskName: 'mask' }, { settings, backend: 'cpu' }, async () => ({ ok: false, reason: 'cpu' }) as never);
      for (const f of res.features) if (model.radiomics.features.some((m) => m.name === `${seq}_${f.name}`)) expected[`${seq}_${f.name}`] = f.value;
    }
    expect(Object.keys(expected).sort()).toEqual(model.radiomics.features.map((f) => f.name).sort());
    expect(out.features).toEqual(expected);
    const s = scorePatient(model, { features: expected, clinical: patient.clinicalValues });
    if (!s.ok) throw new Error(JSON.stringify(s.errors));
    expect(out.probability).toBe(s.probability);
    expect(out.radScore).toBe(s.radScore);
    expect(out.linearPredictor).toBe(s.linearPredictor);
    expect(out.riskGroup).toBe(s.riskGroup);
    expect(out.probability).toBe(logistic(out.linearPredictor));
    expect(out.model.syntheticData).toBe(true);
    expect(out.warnings[0]).toMatch(/SYNTHETIC/);
    expect(r.stderr).toMatch(/warning: This model was trained on SYNTHETIC/);
    expect(out.sequences.map((x: { sequence: string }) => x.sequence)).toEqual(['AP', 'PVP', 'T2']);
    expect(out.sequences[0].spacing).toEqual([1.5, 1.5, 3]);
    expect(out.calibration.set).toBe('validation');
    expect(out.survival.patientGroup).toBe(out.riskGroup);
    expect(out.contributions[0].name).toBe('Rad-score');
    // per-sequence masks give the same result
    const r2 = await cli('score', '--model', modelPath, ...imageArgs(patient), ...['AP', 'PVP', 'T2'].flatMap((q) => ['--mask', `${q}=${patient.mask}`]), '--clinical', patient.clinical, '--backend', 'cpu');
    expect(r2.code, r2.stderr).toBe(0);
    expect(JSON.parse(r2.stdout).probability).toBe(out.probability);
  });

  it('a model without sequences takes one plain --image and unprefixed feature names', async () => {
    const single: ModelFile = JSON.parse(serialiseModelFile(model));
    single.sequences = [];
    const keep = single.radiomics.features.filter((f) => f.name.startsWith('T2_'));
    single.radiomics.features = keep.map((f) => ({ ...f, name: f.name.slice(3) }));
    const r = await cli('score', '--model', write('single.json', serialiseModelFile(single)), '--image', patient.images.T2, '--mask', patient.mask, '--clinical', patient.clinical, '--backend', 'cpu');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.features).sort()).toEqual(keep.map((f) => f.name.slice(3)).sort());
    const s = scorePatient(single, { features: out.features, clinical: patient.clinicalValues });
    if (!s.ok) throw new Error(JSON.stringify(s.errors));
    expect(out.probability).toBe(s.probability);
    expect(out.sequences[0].sequence).toBe('');
  });

  it('an invalid model file: exit 2 with every problem named', async () => {
    const bad: any = JSON.parse(serialiseModelFile(model));
    delete bad.radiomics.intercept;
    bad.radiomics.features[0].sd = 'x';
    const r = await cli('score', '--model', write('bad-model.json', JSON.stringify(bad)), ...imageArgs(patient), '--mask', patient.mask, '--clinical', patient.clinical);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing field "radiomics.intercept"');
    expect(r.stderr).toContain('wrong type at "radiomics.features[0].sd": expected number, got string "x"');
    expect(r.stderr).toMatch(/2 problems with the model file; nothing was scored/);
    expect(r.stdout).toBe('');
    const notModel = await cli('score', '--model', write('not-model.json', '{"schema": "other"}'), ...imageArgs(patient), '--mask', patient.mask, '--clinical', patient.clinical);
    expect(notModel.code).toBe(2);
    expect(notModel.stderr).toContain('not a WebRadiomics model file');
    const noSettings: any = JSON.parse(serialiseModelFile(model));
    noSettings.extractionSettings = {};
    const r3 = await cli('score', '--model', write('no-settings.json', JSON.stringify(noSettings)), ...imageArgs(patient), '--mask', patient.mask, '--clinical', patient.clinical);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain('"extractionSettings": profile must be "ibsi" or "pyradiomics"');
  });

  it('a missing sequence, an unknown one, a plain --image: exit 2 naming the sequence', async () => {
    const r = await cli('score', '--model', modelPath, ...imageArgs(patient, ['PVP']), '--mask', patient.mask, '--clinical', patient.clinical);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the model needs the PVP sequence (portal venous phase, contrast-enhanced T1-weighted) and none was given');
    const r2 = await cli('score', '--model', modelPath, ...imageArgs(patient), '--image', `DWI=${patient.images.AP}`, '--mask', patient.mask, '--clinical', patient.clinical);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('the model has no sequence DWI (it needs AP, PVP, T2)');
    const r3 = await cli('score', '--model', modelPath, '--image', patient.images.AP, '--mask', patient.mask, '--clinical', patient.clinical);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain('SEQ=<file> with SEQ one of AP, PVP, T2');
  });

  it('missing and out-of-range clinical values: exit 2 with the reason per variable', async () => {
    const withDiameter: ModelFile = JSON.parse(serialiseModelFile(model));
    withDiameter.clinicalVariables.push({ variable: 'max_diameter', label: 'Maximum diameter', unit: 'cm', type: 'numeric', min: 0.5, max: 30 });
    withDiameter.combinedModel.terms.push({ variable: 'max_diameter', term: 'max_diameter', coefficient: -0.05 });
    const m2 = write('model-diameter.json', serialiseModelFile(withDiameter));
    const values = { ...patient.clinicalValues, max_diameter: 45 } as Record<string, unknown>;
    delete values[model.clinicalVariables[0].variable];
    const r = await cli('score', '--model', m2, ...imageArgs(patient), '--mask', patient.mask, '--clinical', write('bad-clinical.json', JSON.stringify(values)));
    expect(r.code).toBe(2);
    const first = model.clinicalVariables[0];
    expect(r.stderr).toContain(`clinical value ${first.variable}: ${first.label} is missing`);
    expect(r.stderr).toContain('clinical value max_diameter: Maximum diameter = 45 cm is outside the allowed range [0.5, 30]');
    expect(r.stderr).toMatch(/2 problems with the clinical values/);
    const notJson = await cli('score', '--model', modelPath, ...imageArgs(patient), '--mask', patient.mask, '--clinical', write('x.json', '{ AFP: 3'));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/clinical values .*x\.json: not JSON/);
  });

  it('a bad image and an empty mask: exit 2 naming the file', async () => {
    const junk = write('junk.nii', 'not an image at all');
    const r = await cli('score', '--model', modelPath, ...imageArgs(patient, ['T2']), '--image', `T2=${junk}`, '--mask', patient.mask, '--clinical', patient.clinical);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('junk.nii');
    const empty = path.join(dir, 'empty-mask.nii');
    const { writeNifti1 } = await import('../helpers/nifti.js');
    const v = patient.volumes.mask;
    writeFileSync(empty, writeNifti1({ dims: [...v.dims], spacing: [...v.spacing], data: new Uint8Array(v.data.length), origin: [...v.origin] as [number, number, number] }));
    const r2 = await cli('score', '--model', modelPath, ...imageArgs(patient), '--mask', empty, '--clinical', patient.clinical, '--backend', 'cpu');
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/error: extraction: AP: .*empty-mask\.nii/);
  });
});
