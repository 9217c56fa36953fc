/**
 * `webradiomics extract` with the full engine, run in process through main() (the bin only adds tsx):
 *  - PyRadiomics parameter files (YAML, written here from baseline_settings_brain1.json) on brain1: every baseline
 *    value of the column within 1e-6 relative, from the JSON and from the CSV output (PyRadiomics column names);
 *  - the IBSI digital phantom with --profile ibsi: every IBSI reference value to 3 significant digits;
 *  - bad settings and an MR ROI without discretisation: exit code 2 and a message naming the file and the problem.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { parseCsv, parseCsvRecords } from '../../src/core/csv.js';
import { main } from '../../src/cli/main.js';
import { PHANTOM_IMAGE, PHANTOM_MASK, sharedPath, sig3 } from '../helpers/refdata.js';
import { writeNifti1 } from '../helpers/nifti.js';

const brain = (f: string) => sharedPath('refdata/pyradiomics/brain1', f);
const BRAIN_IMAGE = brain('brain1_image.nrrd');
const BRAIN_LABEL = brain('brain1_label.nrrd');
const dir = mkdtempSync(path.join(tmpdir(), 'wr-cli-profiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command in this process; stdout and stderr are captured. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const so = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const se = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  try {
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    so.mockRestore();
    se.mockRestore();
  }
}

/**
 * Current PyRadiomics where the baseline CSV holds values from before PyRadiomics' mesh change (refdata/README.md,
 * "Known difference inside the brain1 baseline"; test/core/pyradiomics-brain1-baseline.test.ts).
 */
const CURRENT: Record<string, Record<string, number>> = {
  brain1: {
    original_shape_MeshVolume: 16147.51180013021,
    original_shape_SurfaceArea: 6438.821603779402,
    original_shape_Sphericity: 0.4798234536231475,
    original_shape_SurfaceVolumeRatio: 0.3987500788652454,
  },
};

let baseline: Record<string, string>[];
let settingsJson: Record<string, Record<string, { Settings: Record<string, unknown> }>>;
beforeAll(() => {
  baseline = parseCsvRecords(readFileSync(brain('baseline_brain1.csv'), 'utf8'));
  settingsJson = JSON.parse(readFileSync(brain('baseline_settings_brain1.json'), 'utf8'));
});

function expectBaseline(column: string, values: Map<string, number>): void {
  const rows = baseline.filter((r) => r.test === column);
  expect(rows.length).toBeGreaterThan(50);
  for (const r of rows) {
    const expected = CURRENT[column]?.[r.feature] ?? Number(r.value);
    const value = values.get(r.feature);
    expect(value, `${column} ${r.feature} missing`).toBeDefined();
    const err = expected === 0 ? Math.abs(value!) : Math.abs(value! - expected) / Math.abs(expected);
    expect(err, `${column} ${r.feature}: ${value} vs ${expected}`).toBeLessThanOrEqual(expected === 0 ? 1e-12 : 1e-6);
  }
}

describe('extract with PyRadiomics parameter files on brain1', () => {
  for (const column of ['brain1', 'brain1_FBN', 'brain1_resegmentation']) {
    it(`reproduces baseline column ${column} from a YAML parameter file, in JSON and CSV`, async () => {
      const rows = baseline.filter((r) => r.test === column);
      const classes = [...new Set(rows.map((r) => r.feature_class))];
      const params = { setting: settingsJson[classes[0]][column].Settings, featureClass: Object.fromEntries(classes.map((c) => [c, null])) };
      const yaml = path.join(dir, `${column}.yaml`);
      writeFileSync(yaml, stringify(params));

      const json = path.join(dir, `${column}.json`);
      const r = await cli('extract', '--image', BRAIN_IMAGE, '--mask', BRAIN_LABEL, '--params', yaml, '--backend', 'cpu', '--out', json);
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(readFileSync(json, 'utf8'));
      expect(doc).toMatchObject({ tool: 'webradiomics', profile: 'pyradiomics', label: 1, settings: yaml, image: BRAIN_IMAGE, mask: BRAIN_LABEL });
      expect(doc.backend.kind).toMatch(/^(gpu|cpu)$/);
      const fromJson = new Map<string, number>(doc.features.map((f: { name: string; value: number | null }) => [f.name, f.value ?? Number.NaN]));
      expect(doc.features.find((f: { name: string }) => f.name === 'original_glcm_Contrast')).toMatchObject({ family: 'glcm', ibsi_code: 'ACUI', image_type: 'original' });
      expectBaseline(column, fromJson);

      const csv = path.join(dir, `${column}.csv`);
      const c = await cli('extract', '--image', BRAIN_IMAGE, '--mask', BRAIN_LABEL, '--params', yaml, '--backend', 'cpu', '--out', csv);
      expect(c.code, c.stderr).toBe(0);
      const [header, row, ...rest] = parseCsv(readFileSync(csv, 'utf8').trim());
      expect(rest).toEqual([]);
      expect(header.slice(0, 3)).toEqual(['Image', 'Mask', 'Label']);
      expect(row.slice(0, 3)).toEqual([BRAIN_IMAGE, BRAIN_LABEL, '1']);
      expect(header[header.indexOf('diagnostics_Configuration_Profile')]).toBeDefined();
      expect(row[header.indexOf('diagnostics_Configuration_Profile')]).toBe('pyradiomics');
      const firstFeature = header.findIndex((h) => h.startsWith('original_'));
      expect(header.slice(firstFeature).every((h) => h.startsWith('original_'))).toBe(true);
      expectBaseline(column, new Map(header.slice(firstFeature).map((h, i) => [h, Number(row[firstFeature + i])])));
    });
  }

  it('--label overrides the label of the parameter file', async () => {
    const yaml = path.join(dir, 'label2.yaml');
    writeFileSync(yaml, 'setting:\n  label: 1\n  binWidth: 25\nfeatureClass:\n  firstorder: [Mean]\n');
    const r = await cli('extract', '--image', BRAIN_IMAGE, '--mask', BRAIN_LABEL, '--params', yaml, '--label', '9', '--backend', 'cpu');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/label 9 is not present in the mask; labels found: 1/);
  });
});

describe('extract --profile ibsi on the IBSI digital phantom', () => {
  it('gives every IBSI reference value to 3 significant digits, in JSON and CSV', async () => {
    const json = path.join(dir, 'phantom.json');
    const r = await cli('extract', '--image', PHANTOM_IMAGE, '--mask', PHANTOM_MASK, '--profile', 'ibsi', '--backend', 'cpu', '--out', json);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect(doc).toMatchObject({ profile: 'ibsi', label: null, settings: null });
    const refs = parseCsvRecords(readFileSync(sharedPath('refdata/ibsi/ibsi1_digital_phantom_reference.csv'), 'utf8'));
    expect(refs.length).toBe(482);
    type Out = { family: string; ibsi_code: string; aggregation_code: string | null; table_feature?: string; value: number | null };
    const features: Out[] = doc.features;
    expect(features.length).toBe(483);
    for (const ref of refs) {
      const hits = features.filter(
        (f) =>
          f.family === ref.family &&
          f.ibsi_code === ref.ibsi_code &&
          (ref.aggregation_code === '' || f.aggregation_code === ref.aggregation_code) &&
          (f.table_feature === undefined || f.table_feature === ref.table_feature),
      );
      expect(hits.length, `${ref.family} ${ref.feature} ${ref.aggregation_code}`).toBe(1);
      expect(sig3(hits[0].value!), `${ref.family} ${ref.feature} ${ref.aggregation_code}`).toBe(sig3(Number(ref.reference_value)));
    }

    const csv = path.join(dir, 'phantom.csv');
    const c = await cli('extract', '--image', PHANTOM_IMAGE, '--mask', PHANTOM_MASK, '--profile', 'ibsi', '--backend', 'cpu', '--out', csv);
    expect(c.code, c.stderr).toBe(0);
    const [header, row] = parseCsv(readFileSync(csv, 'utf8').trim());
    const firstFeature = header.findIndex((h) => h.startsWith('morphology_'));
    const columns = header.slice(firstFeature);
    expect(columns.length).toBe(features.length);
    expect(new Set(columns).size).toBe(columns.length);
    const cell = (name: string) => Number(row[header.indexOf(name)]);
    const ref = (code: string, agg: string, table?: string) =>
      Number(refs.find((x) => x.ibsi_code === code && x.aggregation_code === agg && (!table || x.table_feature === table))!.reference_value);
    expect(sig3(cell('GLCM_Joint_maximum_ITBB'))).toBe(sig3(ref('GYBY', 'ITBB')));
    expect(sig3(cell('GLSZM_Small_zone_emphasis_KOBO'))).toBe(sig3(ref('5QRC', 'KOBO')));
    expect(sig3(cell('intensity_volume_histogram_volume_fraction_at_10_intensity_DHQ4'))).toBe(sig3(ref('BC2M', 'DHQ4', 'volume fraction at 10% intensity')));
    expect(sig3(cell('intensity_volume_histogram_volume_fraction_at_90_intensity_DHQ4'))).toBe(sig3(ref('BC2M', 'DHQ4', 'volume fraction at 90% intensity')));
  });
});

describe('extract refuses bad settings with exit code 2', () => {
  it('names an unknown key of a PyRadiomics parameter file, and the file', async () => {
    const yaml = path.join(dir, 'unknown-key.yaml');
    writeFileSync(yaml, 'setting:\n  binWidth: 25\n  binwidth: 10\nvoxelSetting:\n  kernelRadius: 2\n');
    const r = await cli('extract', '--image', BRAIN_IMAGE, '--mask', BRAIN_LABEL, '--params', yaml);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${yaml}: invalid settings:`);
    expect(r.stderr).toContain('setting.binwidth: unknown setting');
    expect(r.stderr).toContain('voxelSetting: voxel-based extraction is not supported');
  });

  it('names an unknown key of a webradiomics settings file', async () => {
    const json = path.join(dir, 'unknown-key.json');
    writeFileSync(json, JSON.stringify({ format: 'webradiomics-settings', version: 1, settings: { profile: 'ibsi', texture: { distance: 2 } } }));
    const r = await cli('extract', '--image', PHANTOM_IMAGE, '--mask', PHANTOM_MASK, '--params', json);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${json}: invalid settings:`);
    expect(r.stderr).toContain('texture.distance: unknown key');
  });

  it('refuses --profile with a settings file of the other profile', async () => {
    const yaml = path.join(dir, 'pyradiomics.yaml');
    writeFileSync(yaml, 'setting:\n  binWidth: 25\n');
    const r = await cli('extract', '--image', BRAIN_IMAGE, '--mask', BRAIN_LABEL, '--params', yaml, '--profile', 'ibsi');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--profile ibsi was given with ${yaml}, which holds settings of the pyradiomics profile`);
    expect(r.stderr).toContain("Run 'webradiomics --help' for usage.");
  });

  it('reports a parameter file that is not YAML, and one that is missing', async () => {
    const yaml = path.join(dir, 'broken.yaml');
    writeFileSync(yaml, 'setting:\n  binWidth: [25\n  label: 1\n');
    const r = await cli('extract', '--image', BRAIN_IMAGE, '--mask', BRAIN_LABEL, '--params', yaml);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${yaml}: invalid settings:`);
    expect(r.stderr).toContain('parameter file is not valid YAML');
    const missing = await cli('extract', '--image', BRAIN_IMAGE, '--mask', BRAIN_LABEL, '--params', path.join(dir, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml: no such file/);
  });

  it('refuses an MR ROI under the IBSI profile without discretisation, saying what to add', async () => {
    const r = await cli('extract', '--image', BRAIN_IMAGE, '--mask', BRAIN_LABEL, '--profile', 'ibsi', '--backend', 'cpu');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/brain1_image\.nrrd: the ROI has grey levels up to \d+; without discretisation at most 1024 are supported/);
    expect(r.stderr).toContain('the IBSI profile without discretisation uses the intensities as grey levels');
    expect(r.stderr).toContain('give a settings file with a fixed bin width or bin count');
  });

  it('refuses fractional intensities under the IBSI profile without discretisation', async () => {
    const image = path.join(dir, 'fractional.nii');
    writeFileSync(image, writeNifti1({ dims: [5, 4, 4], spacing: [2, 2, 2], data: Float32Array.from({ length: 80 }, (_, i) => 1 + i / 7) }));
    const r = await cli('extract', '--image', image, '--mask', PHANTOM_MASK, '--profile', 'ibsi', '--backend', 'cpu');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fractional\.nii: discretisation 'none' needs integer grey levels >= 1 in the ROI; found \d+\.\d+/);
    expect(r.stderr).toContain('give a settings file with a fixed bin width or bin count');
    // with a bin width the same image is accepted
    const json = path.join(dir, 'bins.json');
    writeFileSync(json, JSON.stringify({ profile: 'ibsi', discretisation: { kind: 'fixed-bin-width', width: 2, convention: 'ibsi' } }));
    const ok = await cli('extract', '--image', image, '--mask', PHANTOM_MASK, '--params', json, '--backend', 'cpu');
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).features.length).toBe(483);
  });
});
