/**
 * The shipped demo model (public/demo/demo-model.json) and demo patient (public/demo/patient/): the research
 * workflow (build-model.ts, IMAGE_DEMO_MODEL_OPTIONS below) on REAL features extracted from the SYNTHETIC image cohort
 * (synthetic-image-cohort.ts: 239 generated patients, AP / PVP / T2 volumes and tumour masks), flagged
 * syntheticData = true. Generated data throughout: for demonstration and software testing, not for clinical use.
 *
 * Extraction (DEMO_EXTRACTION_SETTINGS): PyRadiomics profile, PyRadiomics defaults, image type Original, all seven
 * classes (107 features per sequence), 3D texture averaged over 13 directions (ITBB), no resampling (the volumes
 * share one grid), no normalisation (the generator's intensities are already on one scale), fixed bin width 15
 * (ROI intensities span about 150-900: 20-50 bins). Columns `<sequence>_<PyRadiomics name>`.
 *
 * The steps are split so that the expensive one (717 extractions, about 20 s of CPU) can be done once by the
 * script (scripts/make-demo.ts) or the cohort runner, and the rest checked cheaply by the tests.
 */
import { extractPyradiomics } from '../extract.js';
import { pyradiomicsDefaults, type ExtractionSettings } from '../settings.js';
import { SETTINGS_FORMAT, SETTINGS_VERSION } from '../settings-json.js';
import { buildModel, type BuildModelInput, type BuildModelOptions, type BuildModelResult } from './build-model.js';
import { patientFeatureRow, type CohortFeatureTable } from './cohort-features.js';
import { DEMO_MODEL_OPTIONS, DEMO_SEQUENCES } from './demo-model.js';
import type { ModelFile } from './model-file.js';
import { assembleModelFile } from './model-file-build.js';
import { scorePatient } from './scoring.js';
import { syntheticImageCohort, type SyntheticImageCohort } from './synthetic-image-cohort.js';
import { SYNTHETIC_IMAGE_SPACING, SYNTHETIC_SEQUENCES, type SyntheticPatientImages } from './synthetic-images.js';

/**
 * The demo model's workflow options: those of the feature-level demo (demo-model.ts) with a correlation filter at
 * |r| <= 0.8 instead of 0.9. Three co-registered sequences sharing one mask give strongly collinear features (the 14
 * shape features three times over, first-order statistics of one tissue in three contrasts); at 0.9, 66 features
 * reach LASSO and the cross-validated path took about 50 s of CPU for no better validation AUC (0.768 vs 0.781).
 */
export const IMAGE_DEMO_MODEL_OPTIONS: BuildModelOptions = { ...DEMO_MODEL_OPTIONS, correlation: { threshold: 0.8 } };

/** Creation date written into the shipped model file (fixed, so that the file is reproducible). */
export const DEMO_CREATED_AT = '2026-01-01T00:00:00.000Z';

export function demoExtractionSettings(): ExtractionSettings {
  const s = pyradiomicsDefaults();
  s.discretisation = { kind: 'fixed-bin-width', width: 15, convention: 'pyradiomics' };
  return s;
}

/** One synthetic patient's feature row (names prefixed with the sequence), with the core engine. */
export function syntheticPatientFeatures(p: SyntheticPatientImages, settings: ExtractionSettings = demoExtractionSettings()): { names: string[]; values: number[] } {
  const perSequence = new Map(SYNTHETIC_SEQUENCES.map((q) => [q as string, extractPyradiomics(p.images[q], p.mask, settings).features]));
  return patientFeatureRow(p.id, SYNTHETIC_SEQUENCES, perSequence, true);
}

/** Extracts the whole image cohort (or the first `n` patients), calling `onPatient` after each. */
export function syntheticCohortFeatures(c: SyntheticImageCohort, options: { n?: number; onPatient?: (done: number, total: number) => void } = {}): CohortFeatureTable {
  const total = Math.min(options.n ?? c.cohort.patients.length, c.cohort.patients.length);
  const table: CohortFeatureTable = { ids: [], names: [], values: [] };
  const settings = demoExtractionSettings();
  for (let i = 0; i < total; i++) {
    const row = syntheticPatientFeatures(c.images(i), settings);
    if (i === 0) table.names = row.names;
    table.ids.push(c.cohort.patients[i].id);
    table.values.push(row.values);
    options.onPatient?.(i + 1, total);
  }
  return table;
}

export interface ImageDemoModel {
  cohort: SyntheticImageCohort;
  input: BuildModelInput;
  result: BuildModelResult;
  modelFile: ModelFile;
  /** the chosen demo patient (a validation-set patient with an unambiguous prediction) */
  demoPatient: { index: number; id: string; probability: number; riskGroup: 'high' | 'low'; response: string };
}

/** Builds the demo model from the image cohort's extracted feature table (rows in any order, every patient present). */
export function buildImageDemoModel(table: CohortFeatureTable, meta: { toolVersion: string; createdAt?: string }, c: SyntheticImageCohort = syntheticImageCohort()): ImageDemoModel {
  const at = new Map(table.ids.map((id, i) => [id, i]));
  const features = c.cohort.patients.map((p) => {
    const i = at.get(p.id);
    if (i === undefined) throw new Error(`the feature table has no row for synthetic patient ${p.id}`);
    return table.values[i];
  });
  const input: BuildModelInput = { patients: c.cohort.patients, featureNames: table.names, features, predictors: c.cohort.predictors };
  const result = buildModel(input, IMAGE_DEMO_MODEL_OPTIONS);
  const settings = demoExtractionSettings();
  const modelFile = assembleModelFile(input, result, {
    toolVersion: meta.toolVersion,
    createdAt: meta.createdAt ?? DEMO_CREATED_AT,
    cohortDescription:
      `SYNTHETIC image cohort modelled on the TPI study (advanced HCC, TKI + PD-1 + TACE/HAIC, baseline MRI): ${c.cohort.patients.length} ` +
      `generated patients with generated AP / PVP / T2 volumes and tumour masks, seed ${JSON.stringify(c.seed)}; features extracted by WebRadiomics; not patient data`,
    syntheticData: true,
    intendedUse: 'demonstration and software testing only: built on generated data, not for clinical decisions',
    notes: ['SYNTHETIC DATA: images, masks, clinical variables and outcomes are generated (src/core/model/synthetic-images.ts, synthetic-cohort.ts)'],
    extractionSettings: { format: SETTINGS_FORMAT, version: SETTINGS_VERSION, settings } as unknown as Record<string, unknown>,
    sequences: DEMO_SEQUENCES.map((q) => ({ ...q, spacing: [...SYNTHETIC_IMAGE_SPACING] })),
  });
  return { cohort: c, input, result, modelFile, demoPatient: chooseDemoPatient(c, table, modelFile, result) };
}

/**
 * The demo patient: among validation patients whose features all lie inside the training ranges (no extrapolation
 * warning), whose combined-model prediction is right at p = 0.5 and whose risk group agrees with it (responders low
 * risk, non-responders high risk), the one with the largest |p - 0.5|; ties by id.
 */
function chooseDemoPatient(c: SyntheticImageCohort, table: CohortFeatureTable, model: ModelFile, result: BuildModelResult): ImageDemoModel['demoPatient'] {
  const col = new Map(table.names.map((n, j) => [n, j]));
  const row = new Map(table.ids.map((id, i) => [id, i]));
  let best: ImageDemoModel['demoPatient'] | null = null;
  let bestMargin = -1;
  for (const id of result.validation?.ids ?? []) {
    const index = c.cohort.patients.findIndex((p) => p.id === id);
    const p = c.cohort.patients[index];
    const values = table.values[row.get(id)!];
    const features = Object.fromEntries(model.radiomics.features.map((f) => [f.name, values[col.get(f.name)!]]));
    const s = scorePatient(model, { features, clinical: p.clinical });
    if (!s.ok || s.warnings.length > 0) continue;
    const responder = p.response === 'CR' || p.response === 'PR';
    if ((s.probability >= 0.5) !== responder || (s.riskGroup === 'low') !== responder) continue;
    const margin = Math.abs(s.probability - 0.5);
    if (margin > bestMargin || (margin === bestMargin && best !== null && id < best.id)) {
      bestMargin = margin;
      best = { index, id, probability: s.probability, riskGroup: s.riskGroup, response: p.response };
    }
  }
  if (!best) throw new Error('no validation patient qualifies as the demo patient');
  return best;
}
