/**
 * Applying a model file to one patient:
 *   z_j        = (x_j - mean_j) / sd_j                          for each selected radiomic feature
 *   rad-score  = intercept_rad + sum_j beta_j z_j
 *   lp         = intercept + radScoreCoefficient * rad-score + sum_t b_t term_t(clinical values)
 *   p          = 1 / (1 + e^-lp)  (probability of the endpoint's positive class, e.g. objective response)
 *   risk group = high when lp <= cut-off (highRisk 'below'; the opposite side for 'above')
 * Per-factor contributions are on the logit scale (and in nomogram points when the file has a nomogram); the
 * rad-score's contribution is split over its features in `featureContributions`.
 * Refused with reasons (nothing computed): a missing or non-finite feature value, a missing clinical value, a
 * value outside the variable's allowed range, an unknown category. Warned: a feature outside its training range.
 */
import { logistic } from '../stats/distributions.js';
import { encodePredictor, termNames } from './clinical-model.js';
import type { ModelFile } from './model-file.js';
import { riskGroupOf } from './risk-cutoff.js';

export interface ScoreInput {
  features: Record<string, number | null | undefined>;
  clinical: Record<string, number | string | null | undefined>;
}

export interface Contribution {
  name: string;
  value: number | string;
  /** Contribution to the linear predictor (logit scale). */
  logit: number;
  /** Nomogram points, when the model file has a nomogram. */
  points: number | null;
}

export interface ScoreSuccess {
  ok: true;
  probability: number;
  radScore: number;
  linearPredictor: number;
  riskGroup: 'high' | 'low';
  contributions: Contribution[];
  featureContributions: { name: string; value: number; z: number; radScoreContribution: number }[];
  warnings: string[];
}

export interface ScoreFailure {
  ok: false;
  errors: { field: string; reason: string }[];
}

export type ScoreResult = ScoreSuccess | ScoreFailure;

export function scorePatient(model: ModelFile, input: ScoreInput): ScoreResult {
  const errors: ScoreFailure['errors'] = [];
  const warnings: string[] = [];
  const featureContributions: ScoreSuccess['featureContributions'] = [];
  let radScore = model.radiomics.intercept;
  for (const f of model.radiomics.features) {
    const x = input.features[f.name];
    if (x === undefined || x === null) {
      errors.push({ field: f.name, reason: `radiomic feature ${f.name} is missing` });
      continue;
    }
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      errors.push({ field: f.name, reason: `radiomic feature ${f.name} is not a finite number` });
      continue;
    }
    if (x < f.trainingRange[0] || x > f.trainingRange[1]) {
      warnings.push(`${f.name} = ${x} is outside the training range [${f.trainingRange[0]}, ${f.trainingRange[1]}]: the prediction extrapolates`);
    }
    const z = (x - f.mean) / f.sd;
    radScore += f.coefficient * z;
    featureContributions.push({ name: f.name, value: x, z, radScoreContribution: f.coefficient * z });
  }
  const terms = model.combinedModel.terms;
  const contributions: Contribution[] = [];
  let t = 0;
  let lp = model.combinedModel.intercept;
  for (const p of model.clinicalVariables) {
    const raw = input.clinical[p.variable];
    const n = termNames(p).length;
    let enc: number[] | null = null;
    try {
      enc = encodePredictor(p, raw);
    } catch (e) {
      errors.push({ field: p.variable, reason: (e as Error).message });
    }
    if (enc) {
      const logit = enc.reduce((s, v, k) => s + v * terms[t + k].coefficient, 0);
      lp += logit;
      contributions.push({ name: p.label ?? p.variable, value: raw as number | string, logit, points: null });
    }
    t += n;
  }
  if (errors.length > 0) return { ok: false, errors };
  const radLogit = model.combinedModel.radScoreCoefficient * radScore;
  lp += radLogit;
  contributions.unshift({ name: 'Rad-score', value: radScore, logit: radLogit, points: null });
  const nomo = model.nomogram;
  if (nomo) {
    for (const c of contributions) {
      const v = nomo.variables.find((nv) => nv.label === c.name || nv.variable === c.name);
      if (v) c.points = nomo.pointsPerLogit * (c.logit - v.minContribution);
    }
  }
  if (!Number.isFinite(lp)) {
    return { ok: false, errors: [{ field: 'model', reason: `the model's linear predictor is ${lp} for these inputs: its coefficients or standardisation are not usable` }] };
  }
  const group = riskGroupOf(lp, model.riskGroups);
  return {
    ok: true,
    probability: logistic(lp),
    radScore,
    linearPredictor: lp,
    riskGroup: group === 1 ? 'high' : 'low',
    contributions,
    featureContributions,
    warnings,
  };
}
