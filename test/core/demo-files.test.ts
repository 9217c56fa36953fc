/**
 * The shipped demo files (public/demo/demo-model.json, public/demo/patient/*) and the feature table they are built
 * from (test/fixtures/model/synthetic-image-features.csv) must be exactly what the code produces
 * (scripts/make-demo.ts). Cheap parts are redone in full; the 717-case extraction is redone for a sample of patients.
 * On failure: `node --import tsx scripts/make-demo.ts` (add --reuse-features when the extraction did not change).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeNifti } from '../../src/core/nifti-write.js';
import { buildImageDemoModel, syntheticPatientFeatures } from '../../src/core/model/demo-image-model.js';
import { DEMO_FEATURES_PATH, DEMO_MODEL_PATH, DEMO_PATIENT_DIR, demoFiles } from '../../src/core/model/demo-files.js';
import { parseFeatureTable } from '../../src/core/model/feature-table.js';
import { parseModelFile } from '../../src/core/model/model-file-parse.js';
import { scorePatient } from '../../src/core/model/scoring.js';
import { syntheticImageCohort } from '../../src/core/model/synthetic-image-cohort.js';
import { closeImageReader, readImageFile } from '../../src/io/read-image-node.js';
import { TOOL_VERSION } from '../../src/version.js';

const REGENERATE = 'regenerate with: node --import tsx scripts/make-demo.ts';
const table = parseFeatureTable(readFileSync(DEMO_FEATURES_PATH, 'utf8'), { file: DEMO_FEATURES_PATH });
const cohort = syntheticImageCohort();
const demo = buildImageDemoModel({ ids: table.ids, names: table.names, values: table.values }, { toolVersion: TOOL_VERSION }, cohort);
const files = demoFiles(demo);

afterAll(() => closeImageReader());

describe('shipped demo files', () => {
  it('the feature table covers the 239 synthetic patients, 3 sequences x 107 PyRadiomics features', () => {
    expect(table.ok, table.issues.map((i) => i.message).join('\n')).toBe(true);
    expect(table.ids).toEqual(cohort.cohort.patients.map((p) => p.id));
    expect(table.names.length).toBe(321);
    expect(table.names.filter((n) => n.startsWith('AP_original_')).length).toBe(107);
    expect(table.names).toContain('T2_original_glcm_Contrast');
  });

  it('the feature table rows are what the engine extracts now (sample of patients, demo patient included)', () => {
    const sample = [0, 57, 118, 201, demo.demoPatient.index];
    for (const i of sample) {
      const row = syntheticPatientFeatures(cohort.images(i));
      expect(row.names).toEqual(table.names);
      expect(row.values, `patient ${table.ids[i]}: ${REGENERATE}`).toEqual(table.values[i]);
    }
  });

  it('demo-model.json is the model built from that table, flagged synthetic, and parses', () => {
    expect(readFileSync(DEMO_MODEL_PATH, 'utf8'), REGENERATE).toBe(files.modelJson);
    const m = parseModelFile(files.modelJson);
    expect(m.provenance.syntheticData).toBe(true);
    expect(m.provenance.intendedUse).toMatch(/not for clinical decisions/);
    expect(m.provenance.cohort.nPatients).toBe(239);
    expect(m.sequences.map((s) => s.name)).toEqual(['AP', 'PVP', 'T2']);
    expect((m.extractionSettings as { settings: { discretisation: unknown } }).settings.discretisation).toEqual({ kind: 'fixed-bin-width', width: 15, convention: 'pyradiomics' });
    // features extracted from the synthetic images carry the response signal the generator put in
    expect(m.performance.validation!.radiomic.auc).toBeGreaterThan(0.65);
    expect(m.performance.training.radiomic.auc).toBeGreaterThan(0.8);
  });

  it('the demo patient files are the generator output, and score as the README says', async () => {
    const dir = DEMO_PATIENT_DIR;
    for (const [name, volume] of Object.entries(files.volumes)) {
      const shipped = gunzipSync(readFileSync(`${dir}/${name}`));
      expect(Buffer.from(shipped).equals(Buffer.from(encodeNifti(volume, { gzip: false, description: 'WebRadiomics SYNTHETIC data' }))), `${name}: ${REGENERATE}`).toBe(true);
    }
    expect(readFileSync(`${dir}/clinical.json`, 'utf8')).toBe(files.clinicalJson);
    expect(readFileSync(`${dir}/README.md`, 'utf8')).toBe(files.readme);
    expect(files.readme).toMatch(/SYNTHETIC/);

    // the clinic path: decode the shipped files, extract, score with the shipped model
    const read = async (q: string) => readImageFile(`${dir}/${q}.nii.gz`);
    const mask = await read('mask');
    const images = { AP: await read('AP'), PVP: await read('PVP'), T2: await read('T2') };
    expect(Array.from(mask.data)).toEqual(Array.from(files.volumes['mask.nii.gz'].data));
    expect(images.AP.spacing).toEqual([1.5, 1.5, 3]);
    const row = syntheticPatientFeatures({ id: demo.demoPatient.id, images, mask });
    expect(row.values).toEqual(table.values[demo.demoPatient.index]);
    const model = parseModelFile(readFileSync(DEMO_MODEL_PATH, 'utf8'));
    const clinical = JSON.parse(readFileSync(`${dir}/clinical.json`, 'utf8')) as Record<string, number | string>;
    const score = scorePatient(model, { features: Object.fromEntries(row.names.map((n, j) => [n, row.values[j]])), clinical });
    expect(score.ok).toBe(true);
    if (!score.ok) return;
    expect(score.warnings).toEqual([]);
    expect(score.probability).toBe(demo.demoPatient.probability);
    expect(files.readme).toContain(`p(${model.endpoint.positive}) = ${score.probability.toFixed(3)}, ${score.riskGroup} risk group`);
  });
});
