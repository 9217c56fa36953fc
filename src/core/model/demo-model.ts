/**
 * The demo model: the full workflow (build-model.ts) on the seeded synthetic TPI cohort (synthetic-cohort.ts),
 * packaged as a model file flagged syntheticData = true. It lets the UI, the CLI and the tests show every step and
 * a clinic-side scoring session without any patient data. Deterministic: same seed, same model (the creation date
 * is the caller's).
 */
import { buildModel, type BuildModelInput, type BuildModelOptions, type BuildModelResult } from './build-model.js';
import type { ModelFile, ModelSequence } from './model-file.js';
import { assembleModelFile } from './model-file-build.js';
import { syntheticTpiCohort, type SyntheticCohort } from './synthetic-cohort.js';

export const DEMO_MODEL_OPTIONS: BuildModelOptions = {
  endpoint: 'objective-response',
  split: { kind: 'random', ratio: 3, seed: 7 },
  lasso: { nfolds: 10, seed: 11, rule: 'lambda.min' },
  cutoff: { method: 'median' },
};

/** The demo cohort's three MR sequences (feature-name prefixes of synthetic-features.ts). */
export const DEMO_SEQUENCES: ModelSequence[] = [
  { name: 'AP', description: 'arterial phase, contrast-enhanced T1-weighted', phase: 'arterial', settings: null },
  { name: 'PVP', description: 'portal venous phase, contrast-enhanced T1-weighted', phase: 'portal-venous', settings: null },
  { name: 'T2', description: 'T2-weighted', phase: 't2', settings: null },
];

export interface DemoModel {
  cohort: SyntheticCohort;
  input: BuildModelInput;
  result: BuildModelResult;
  modelFile: ModelFile;
}

export function buildDemoModel(meta: { toolVersion: string; createdAt: string; extractionSettings?: Record<string, unknown> }, seed: number | string = 2026): DemoModel {
  const cohort = syntheticTpiCohort({ seed });
  const input: BuildModelInput = {
    patients: cohort.patients,
    featureNames: cohort.featureNames,
    features: cohort.features,
    repeat: { patientIds: cohort.patients.slice(0, cohort.nRepeat).map((p) => p.id), features: cohort.repeatFeatures },
    predictors: cohort.predictors,
  };
  const result = buildModel(input, DEMO_MODEL_OPTIONS);
  const modelFile = assembleModelFile(input, result, {
    toolVersion: meta.toolVersion,
    createdAt: meta.createdAt,
    cohortDescription: `synthetic cohort modelled on the TPI study (advanced HCC, TKI + PD-1 + TACE/HAIC, baseline MRI), ${cohort.patients.length} generated patients, seed ${JSON.stringify(seed)}`,
    syntheticData: true,
    intendedUse: 'demonstration and software testing only: built on generated data, not for clinical decisions',
    extractionSettings: meta.extractionSettings,
    sequences: DEMO_SEQUENCES,
  });
  return { cohort, input, result, modelFile };
}
