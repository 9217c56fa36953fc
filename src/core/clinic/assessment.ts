/**
 * The clinic's assessment of one patient: the model's score (scoring.ts) with the context a reader needs to weigh
 * it: the development cohort's AUC and calibration, where the probability lies against the risk cut-off and after
 * recalibration, the risk group and the KM curves of the groups, each factor's contribution, and every warning
 * (synthetic model, a feature or clinical value outside the development cohort's range, images unlike the model's).
 *
 *   p              = 1 / (1 + e^-lp)                             (model's predicted probability)
 *   p_cut          = 1 / (1 + e^-c)                              (probability at the risk cut-off c on lp)
 *   p_recalibrated = 1 / (1 + e^-(a + b lp))                     (a, b: calibration intercept and slope of the
 *                                                                  validation set, else the training set)
 */
import { logistic } from '../stats/distributions.js';
import type { CalibrationSummary, ModelFile, PerformanceSummary } from '../model/model-file.js';
import type { RiskGroupSurvival } from '../model/risk-survival.js';
import { scorePatient, type Contribution, type ScoreSuccess } from '../model/scoring.js';
import { validateClinical } from './clinical-form.js';
import { imageWarnings, type ClinicWarning, type SequenceImageInfo } from './sequence-checks.js';

export interface AssessmentInput {
  /** feature values by model name (sequence-prefixed) */
  features: Record<string, number | null | undefined>;
  clinical: Record<string, unknown>;
  /** the images the features come from (spacing, phase), for the image checks */
  images?: readonly SequenceImageInfo[];
  /** warnings of the extraction itself, passed through */
  extractionWarnings?: readonly ClinicWarning[];
}

export interface ModelIdentity {
  toolName: string;
  toolVersion: string;
  createdAt: string;
  syntheticData: boolean;
  intendedUse: string;
  cohort: string;
  nTraining: number;
  nValidation: number;
  endpoint: string;
  positive: string;
  formula: string;
}

export interface CalibrationContext {
  /** which set the calibration figures come from */
  set: 'validation' | 'training';
  summary: CalibrationSummary;
  auc: { training: PerformanceSummary; validation: PerformanceSummary | null };
  /** probability at the risk cut-off */
  cutoffProbability: number;
  /** the patient's probability after the set's calibration intercept and slope */
  recalibratedProbability: number;
}

export interface SurvivalContext {
  /** which group the patient is in */
  patientGroup: 'high' | 'low';
  /** the set whose curves are shown (validation where the file has it) */
  set: 'validation' | 'training';
  os: RiskGroupSurvival | null;
  pfs: RiskGroupSurvival | null;
}

export interface Assessment {
  ok: true;
  model: ModelIdentity;
  probability: number;
  radScore: number;
  linearPredictor: number;
  riskGroup: 'high' | 'low';
  /** logit contributions (and nomogram points) of the rad-score and each clinical variable */
  contributions: Contribution[];
  /** sum of the contributions' nomogram points (null without a nomogram) */
  totalPoints: number | null;
  featureContributions: ScoreSuccess['featureContributions'];
  /** the clinical values as scored */
  clinical: Record<string, number | string>;
  calibration: CalibrationContext;
  survival: SurvivalContext;
  warnings: ClinicWarning[];
}

export interface AssessmentFailure {
  ok: false;
  /** per field (feature or variable): why the patient cannot be scored */
  errors: { field: string; reason: string }[];
}

export function modelIdentity(model: ModelFile): ModelIdentity {
  const p = model.provenance;
  return {
    toolName: p.toolName,
    toolVersion: p.toolVersion,
    createdAt: p.createdAt,
    syntheticData: p.syntheticData,
    intendedUse: p.intendedUse,
    cohort: p.cohort.description,
    nTraining: p.cohort.nTraining,
    nValidation: p.cohort.nValidation,
    endpoint: model.endpoint.kind,
    positive: model.endpoint.positive,
    formula: model.combinedModel.formula,
  };
}

/** The synthetic-data banner as a warning (shown first, everywhere). */
export function syntheticWarning(model: ModelFile): ClinicWarning[] {
  if (!model.provenance.syntheticData) return [];
  return [{ kind: 'synthetic-model', subject: 'model', message: 'This model was trained on SYNTHETIC (generated) data: for demonstration only, not for clinical use.' }];
}

/** Clinical values inside the allowed range but outside what the development cohort showed. */
export function clinicalRangeWarnings(model: ModelFile, values: Record<string, number | string>): ClinicWarning[] {
  const out: ClinicWarning[] = [];
  for (const p of model.clinicalVariables) {
    const v = values[p.variable];
    if (p.type !== 'numeric' || !p.observedRange || typeof v !== 'number') continue;
    const [lo, hi] = p.observedRange;
    if (v < lo || v > hi) {
      const unit = p.unit ? ` ${p.unit}` : '';
      out.push({ kind: 'clinical-range', subject: p.variable, message: `${p.label ?? p.variable} = ${v}${unit} is outside the development cohort's observed range [${lo}, ${hi}]${unit}: the prediction extrapolates` });
    }
  }
  return out;
}

export function assessPatient(model: ModelFile, input: AssessmentInput): Assessment | AssessmentFailure {
  const clinical = validateClinical(model, input.clinical);
  const errors = Object.entries(clinical.errors).map(([field, reason]) => ({ field, reason }));
  const scored = scorePatient(model, { features: input.features, clinical: clinical.values });
  if (!scored.ok) {
    for (const e of scored.errors) if (!errors.some((x) => x.field === e.field)) errors.push(e);
  }
  if (errors.length > 0 || !scored.ok) return { ok: false, errors };
  const featureWarnings: ClinicWarning[] = model.radiomics.features
    .filter((f) => {
      const x = input.features[f.name] as number;
      return x < f.trainingRange[0] || x > f.trainingRange[1];
    })
    .map((f) => ({ kind: 'feature-range', subject: f.name, message: scored.warnings.find((w) => w.startsWith(`${f.name} =`)) ?? `${f.name} is outside the training range` }));
  const perf = model.performance;
  const set = perf.calibration.validation ? 'validation' : 'training';
  const summary = perf.calibration.validation ?? perf.calibration.training;
  const sv = model.riskGroups.survival;
  const survSet = sv.os.validation || sv.pfs.validation ? 'validation' : 'training';
  return {
    ok: true,
    model: modelIdentity(model),
    probability: scored.probability,
    radScore: scored.radScore,
    linearPredictor: scored.linearPredictor,
    riskGroup: scored.riskGroup,
    contributions: scored.contributions,
    totalPoints: model.nomogram && scored.contributions.every((c) => c.points !== null) ? scored.contributions.reduce((t, c) => t + c.points!, 0) : null,
    featureContributions: scored.featureContributions,
    clinical: clinical.values,
    calibration: {
      set,
      summary,
      auc: { training: perf.training.combined, validation: perf.validation?.combined ?? null },
      cutoffProbability: logistic(model.riskGroups.cutoff),
      recalibratedProbability: logistic(summary.calibrationIntercept + summary.calibrationSlope * scored.linearPredictor),
    },
    survival: {
      patientGroup: scored.riskGroup,
      set: survSet,
      os: sv.os[survSet],
      pfs: sv.pfs[survSet],
    },
    warnings: [
      ...syntheticWarning(model),
      ...(input.images ?? []).flatMap((i) => imageWarnings(model, i)),
      ...featureWarnings,
      ...clinicalRangeWarnings(model, clinical.values),
      ...(input.extractionWarnings ?? []),
    ],
  };
}
