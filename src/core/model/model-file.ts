/**
 * The model file: a versioned JSON document holding everything a clinic needs to apply a published
 * clinical-radiomic model to a new patient, and to see what it was built on and how well it did.
 *
 * Schema "webradiomics-model", version 1. Top-level fields:
 *   schema, schemaVersion        identification ("webradiomics-model", 1)
 *   provenance                   tool name and version, creation date (ISO 8601), cohort description and sizes,
 *                                split, syntheticData flag (true for demo models built on generated data),
 *                                intended use
 *   endpoint                     objective-response or disease-control, with the meaning of p
 *   extractionSettings           the feature-extraction settings, stored as an opaque JSON object (its type is
 *                                defined by the extraction stage, src/core/settings.ts); the default of every sequence
 *   sequences                    the MR sequences (phases) the model needs: name (the prefix of its features' names,
 *                                `${name}_${pyradiomicsName}`, e.g. AP_original_glcm_Contrast), description, the
 *                                DICOM phase that preselects a series, and the sequence's own extraction settings
 *                                (a webradiomics-settings object, src/core/settings-json.ts) when they differ;
 *                                optionally the development images' voxel spacing (a clinic warns when a new image's
 *                                differs).
 *                                Empty: one image, features named without a prefix
 *   radiomics                    selected features with training mean / SD (z = (x - mean)/sd), LASSO
 *                                coefficients, training range; rad-score intercept; lambda and its rule; the
 *                                reduction funnel
 *   clinicalVariables            the clinical predictors of the combined model: unit, allowed range, categories,
 *                                transform / cut; optionally the training set's observed range of a numeric value
 *   combinedModel                logit(p) = intercept + radScoreCoefficient * rad-score + sum of clinical terms;
 *                                formula as text; coefficients per design term
 *   performance                  AUC (95 % CI) per model and set; calibration summary (Hosmer-Lemeshow,
 *                                calibration intercept and slope, Brier) of the combined model
 *   riskGroups                   score (combined linear predictor), cut-off method and value, which side is high
 *                                risk, and per endpoint (OS, PFS) and set the KM curves of both groups with
 *                                log-rank p and Cox HR
 *   nomogram                     points per variable and the total-points-to-probability scale (optional)
 * Numbers are plain JSON numbers; a quantity that is undefined (e.g. a CI limit where S = 0) is null.
 */
import type { Phase } from '../dicom/phase-guess.js';
import type { Endpoint } from './cohort.js';
import type { ClinicalPredictor } from './clinical-model.js';
import type { Nomogram } from './nomogram.js';
import type { CutoffMethod } from './risk-cutoff.js';
import type { RiskGroupSurvival } from './risk-survival.js';

export const MODEL_FILE_SCHEMA = 'webradiomics-model';
export const MODEL_FILE_VERSION = 1;

export interface ModelProvenance {
  toolName: string;
  toolVersion: string;
  /** ISO 8601 date-time of creation. */
  createdAt: string;
  cohort: {
    description: string;
    nPatients: number;
    nTraining: number;
    nValidation: number;
    centres: string[];
    split: string;
  };
  /** True when the model was built on generated (synthetic) data: not for clinical use. */
  syntheticData: boolean;
  intendedUse: string;
  notes: string[];
}

export interface ModelSequence {
  /** prefix of this sequence's feature names, e.g. "AP" for AP_original_glcm_Contrast */
  name: string;
  /** what to load, e.g. "arterial phase, contrast-enhanced T1-weighted" */
  description: string;
  /** the phase whose series is preselected (src/core/dicom/phase-guess.ts) */
  phase: Phase;
  /** extraction settings of this sequence (webradiomics-settings object); null: the model's extractionSettings */
  settings: Record<string, unknown> | null;
  /** voxel spacing (mm, x y z) of the development cohort's images of this sequence, when recorded (optional) */
  spacing?: [number, number, number];
}

export interface RadiomicFeatureTerm {
  name: string;
  /** Training mean and sample SD used to standardise: z = (x - mean) / sd. */
  mean: number;
  sd: number;
  coefficient: number;
  /** Training minimum and maximum of the raw value (values outside are extrapolation). */
  trainingRange: [number, number];
}

export interface CombinedTerm {
  variable: string;
  term: string;
  coefficient: number;
}

export interface PerformanceSummary {
  auc: number;
  aucCi: [number, number];
}

export interface CalibrationSummary {
  hosmerLemeshowChisq: number | null;
  hosmerLemeshowDf: number | null;
  hosmerLemeshowP: number | null;
  calibrationIntercept: number;
  calibrationSlope: number;
  brier: number;
}

export interface ModelFile {
  schema: typeof MODEL_FILE_SCHEMA;
  schemaVersion: typeof MODEL_FILE_VERSION;
  provenance: ModelProvenance;
  endpoint: { kind: Endpoint; positive: string; negative: string };
  extractionSettings: Record<string, unknown>;
  sequences: ModelSequence[];
  radiomics: {
    features: RadiomicFeatureTerm[];
    intercept: number;
    lambda: number;
    lambdaRule: 'lambda.min' | 'lambda.1se';
    reduction: { step: string; kept: number; dropped: number }[];
  };
  clinicalVariables: ClinicalPredictor[];
  combinedModel: {
    formula: string;
    intercept: number;
    radScoreCoefficient: number;
    terms: CombinedTerm[];
  };
  performance: {
    training: Record<'clinical' | 'radiomic' | 'combined', PerformanceSummary>;
    validation: Record<'clinical' | 'radiomic' | 'combined', PerformanceSummary> | null;
    calibration: { training: CalibrationSummary; validation: CalibrationSummary | null };
  };
  riskGroups: {
    score: 'combined-linear-predictor';
    method: CutoffMethod;
    cutoff: number;
    highRisk: 'below' | 'above';
    survival: {
      os: { training: RiskGroupSurvival | null; validation: RiskGroupSurvival | null };
      pfs: { training: RiskGroupSurvival | null; validation: RiskGroupSurvival | null };
    };
  };
  nomogram: Nomogram | null;
}

/** "logit(p) = -1.234 + 0.987 * RadScore + 0.5 * [ALBI=2] ..." with 4 significant digits. */
export function formulaText(intercept: number, radScoreCoefficient: number, terms: readonly CombinedTerm[]): string {
  const f = (v: number) => Number(v.toPrecision(4)).toString();
  const parts = [`${f(intercept)}`, `${f(radScoreCoefficient)} * RadScore`, ...terms.map((t) => `${f(t.coefficient)} * [${t.term}]`)];
  return `logit(p) = ${parts.join(' + ').replace(/\+ -/g, '- ')}`;
}

/** Serialises with stable two-space indentation (NaN and Infinity become null, as JSON requires). */
export function serialiseModelFile(model: ModelFile): string {
  return `${JSON.stringify(model, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}
