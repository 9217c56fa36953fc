/**
 * The synthetic cohort as one wide CSV (clinical columns, reader-1 features, reader-2 features "R2_<name>" for the
 * ICC subset, training/validation set and CV fold of the default buildModel() run), shared by the fixture writer
 * (test/fixtures/make-synthetic-cohort.ts) and the workflow test, which checks the committed file is reproduced.
 */
import { buildModel, type BuildModelInput, type BuildModelOptions } from '../../src/core/model/build-model.js';
import { DEMO_MODEL_OPTIONS } from '../../src/core/model/demo-model.js';
import { syntheticTpiCohort, type SyntheticCohort } from '../../src/core/model/synthetic-cohort.js';

/** The demo model's options (src/core/model/demo-model.ts): the fixture checks exactly what the demo ships. */
export const WORKFLOW_FIXTURE_OPTIONS: BuildModelOptions = DEMO_MODEL_OPTIONS;

export function workflowInput(c: SyntheticCohort): BuildModelInput {
  return {
    patients: c.patients,
    featureNames: c.featureNames,
    features: c.features,
    repeat: { patientIds: c.patients.slice(0, c.nRepeat).map((p) => p.id), features: c.repeatFeatures },
    predictors: c.predictors,
  };
}

export function syntheticCohortTable(options: BuildModelOptions): string {
  const c = syntheticTpiCohort({ seed: 2026 });
  const r = buildModel(workflowInput(c), options);
  const set = new Map<number, string>();
  r.split.train.forEach((k, f) => set.set(r.rows[k], `train:${r.cv.foldid[f]}`));
  r.split.test.forEach((k) => set.set(r.rows[k], 'validation:NA'));
  const vars = Object.keys(c.patients[0].clinical);
  const header = ['patient_id', 'centre', 'response', 'os_time', 'os_event', 'pfs_time', 'pfs_event', ...vars, 'set', 'foldid', ...c.featureNames, ...c.featureNames.map((n) => `R2_${n}`)];
  const lines = [header.join(',')];
  c.patients.forEach((p, i) => {
    const [s, fold] = (set.get(i) ?? 'excluded:NA').split(':');
    const r2 = i < c.nRepeat ? c.repeatFeatures[i].map(String) : c.featureNames.map(() => 'NA');
    lines.push([p.id, p.centre, p.response, p.os.time, p.os.event, p.pfs.time, p.pfs.event, ...vars.map((v) => p.clinical[v]), s, fold, ...c.features[i].map(String), ...r2].join(','));
  });
  return `${lines.join('\n')}\n`;
}
