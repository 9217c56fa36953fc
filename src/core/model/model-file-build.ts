/**
 * Assembles the model file (model-file.ts) from a buildModel() result: selected features with their training
 * mean / SD / range and LASSO coefficients, the clinical predictors of the combined model, the combined formula,
 * performance and calibration, the risk cut-off with KM curves per group, the nomogram, and provenance.
 */
import type { BuildModelInput, BuildModelResult, SetResult } from './build-model.js';
import { termNames, type ClinicalPredictor } from './clinical-model.js';
import { ENDPOINT_LABELS } from './cohort.js';
import type { ModelPerformance } from './evaluate.js';
import { formulaText, MODEL_FILE_SCHEMA, MODEL_FILE_VERSION, type CalibrationSummary, type ModelFile, type ModelSequence, type PerformanceSummary } from './model-file.js';

export interface ModelFileMeta {
  toolVersion: string;
  /** ISO 8601; default now. */
  createdAt?: string;
  cohortDescription: string;
  syntheticData: boolean;
  intendedUse: string;
  notes?: string[];
  /** Opaque extraction settings (the settings object of the extraction stage). */
  extractionSettings?: Record<string, unknown>;
  /** The sequences the features come from (model-file.ts); default: none (unprefixed feature names). */
  sequences?: ModelSequence[];
}

const perfOf = (s: SetResult): Record<'clinical' | 'radiomic' | 'combined', PerformanceSummary> => {
  const one = (p: ModelPerformance): PerformanceSummary => ({ auc: p.auc, aucCi: p.aucCi });
  return { clinical: one(s.performance.clinical), radiomic: one(s.performance.radiomic), combined: one(s.performance.combined) };
};

const calibrationOf = (p: ModelPerformance): CalibrationSummary => ({
  hosmerLemeshowChisq: p.hosmerLemeshow?.chisq ?? null,
  hosmerLemeshowDf: p.hosmerLemeshow?.df ?? null,
  hosmerLemeshowP: p.hosmerLemeshow?.pValue ?? null,
  calibrationIntercept: p.calibrationIntercept,
  calibrationSlope: p.calibrationSlope,
  brier: p.brier,
});

/** A numeric predictor with the range of its raw values in the training set (observedRange); others unchanged. */
function withObservedRange(p: ClinicalPredictor, values: readonly (number | string | null | undefined)[]): ClinicalPredictor {
  if (p.type !== 'numeric') return p;
  const xs = values.map((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v)).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (xs.length === 0) return p;
  return { ...p, observedRange: [Math.min(...xs), Math.max(...xs)] };
}

export function assembleModelFile(input: BuildModelInput, result: BuildModelResult, meta: ModelFileMeta): ModelFile {
  const tr = result.split.train;
  const features = result.radiomics.features.map((f) => {
    const k = result.standardiser.names.indexOf(f.name);
    const all = tr.map((i) => input.features[result.rows[i]][f.column]);
    return { name: f.name, mean: result.standardiser.mean[k], sd: result.standardiser.sd[k], coefficient: f.coefficient, trainingRange: [Math.min(...all), Math.max(...all)] as [number, number] };
  });
  const coef = result.combinedFit.coef;
  let t = 2;
  const terms = result.clinical.selected.flatMap((p) =>
    termNames(p).map((term) => ({ variable: p.variable, term, coefficient: coef[t++] })),
  );
  const centres = [...new Set(input.patients.map((p) => p.centre).filter((c): c is string => c !== null))].sort();
  const nUsed = result.split.train.length + result.split.test.length;
  return {
    schema: MODEL_FILE_SCHEMA,
    schemaVersion: MODEL_FILE_VERSION,
    provenance: {
      toolName: 'WebRadiomics',
      toolVersion: meta.toolVersion,
      createdAt: meta.createdAt ?? new Date().toISOString(),
      cohort: {
        description: meta.cohortDescription,
        nPatients: nUsed,
        nTraining: result.split.train.length,
        nValidation: result.split.test.length,
        centres,
        split: result.split.description,
      },
      syntheticData: meta.syntheticData,
      intendedUse: meta.intendedUse,
      notes: [...(meta.notes ?? []), ...result.notes, ...(result.excluded.length > 0 ? [`${result.excluded.length} patients excluded (incomplete data)`] : [])],
    },
    endpoint: { kind: result.endpoint, ...ENDPOINT_LABELS[result.endpoint] },
    extractionSettings: meta.extractionSettings ?? {},
    sequences: meta.sequences ?? [],
    radiomics: {
      features,
      intercept: result.radiomics.intercept,
      lambda: result.lambda,
      lambdaRule: result.lambdaRule,
      reduction: result.reduction.map((s) => ({ step: s.step, kept: s.kept.length, dropped: s.dropped.length })),
    },
    clinicalVariables: result.clinical.selected.map((p) => withObservedRange(p, tr.map((i) => input.patients[result.rows[i]].clinical[p.variable]))),
    combinedModel: {
      formula: formulaText(coef[0], coef[1], terms),
      intercept: coef[0],
      radScoreCoefficient: coef[1],
      terms,
    },
    performance: {
      training: perfOf(result.training),
      validation: result.validation ? perfOf(result.validation) : null,
      calibration: {
        training: calibrationOf(result.training.performance.combined),
        validation: result.validation ? calibrationOf(result.validation.performance.combined) : null,
      },
    },
    riskGroups: {
      score: 'combined-linear-predictor',
      method: result.cutoff.method,
      cutoff: result.cutoff.cutoff,
      highRisk: result.cutoff.highRisk,
      survival: {
        os: { training: result.training.survival.os, validation: result.validation?.survival.os ?? null },
        pfs: { training: result.training.survival.pfs, validation: result.validation?.survival.pfs ?? null },
      },
    },
    nomogram: result.nomogram,
  };
}
