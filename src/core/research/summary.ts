/**
 * The research summary: every number a study reports, taken from a buildModel() result, as plain JSON-ready data.
 * It is what `webradiomics train` prints, what the app's tables show and what the report lays out, so the three
 * agree by construction. Adds to buildModel: Harrell's C of the combined linear predictor for OS and PFS
 * (concordance.ts; a higher predictor means longer survival) per set, and event counts per risk group.
 */
import type { BuildModelInput, BuildModelResult, SetResult } from '../model/build-model.js';
import type { PredictorTest } from '../model/clinical-model.js';
import { ENDPOINT_LABELS, type Endpoint } from '../model/cohort.js';
import type { AucComparison, ClassificationAt } from '../model/evaluate.js';
import { formulaText } from '../model/model-file.js';
import type { RiskGroupSurvival } from '../model/risk-survival.js';
import { concordanceIndex } from '../stats/concordance.js';
import { termNames } from '../model/clinical-model.js';

export const MODEL_NAMES = ['clinical', 'radiomic', 'combined'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];
export const MODEL_LABELS: Record<ModelName, string> = { clinical: 'Clinical model', radiomic: 'Radiomic model', combined: 'Combined model' };

export interface ModelMetrics {
  n: number;
  events: number;
  auc: number;
  aucCi: [number, number];
  aucSe: number;
  /** At the Youden threshold of the training set (applied unchanged to validation). */
  youden: ClassificationAt;
  hosmerLemeshow: { chisq: number; df: number; pValue: number } | null;
  calibrationIntercept: number;
  calibrationSlope: number;
  brier: number;
}

export interface SurvivalSummary {
  endpoint: 'OS' | 'PFS';
  nLow: number;
  nHigh: number;
  eventsLow: number;
  eventsHigh: number;
  medianLow: [number | null, number | null, number | null];
  medianHigh: [number | null, number | null, number | null];
  logrankChisq: number;
  logrankP: number;
  hazardRatio: number;
  hrCi: [number, number];
  coxP: number;
  /** Harrell's C of the combined linear predictor (continuous) for this outcome. */
  cIndex: number | null;
  cIndexSe: number | null;
}

export interface SetSummary {
  n: number;
  events: number;
  models: Record<ModelName, ModelMetrics>;
  delong: AucComparison[];
  survival: { os: SurvivalSummary | null; pfs: SurvivalSummary | null };
}

export interface ResearchSummary {
  tool: 'webradiomics';
  version: string;
  syntheticData: boolean;
  cohort: { description: string; nPatients: number; nUsed: number; nFeatures: number; nRepeat: number; centres: string[]; excluded: { id: string; reason: string }[] };
  settings: string[];
  endpoint: { kind: Endpoint; positive: string; negative: string };
  split: { description: string; nTraining: number; nValidation: number };
  reduction: { step: string; kept: number; dropped: number }[];
  lasso: {
    rule: 'lambda.min' | 'lambda.1se';
    lambda: number;
    lambdaMin: number;
    lambda1se: number;
    nfolds: number;
    typeMeasure: 'deviance' | 'auc';
    intercept: number;
    features: { name: string; coefficient: number }[];
  };
  clinical: { univariate: PredictorTest[]; multivariate: PredictorTest[] | null; selected: string[]; note: string | null };
  combinedModel: {
    formula: string;
    terms: { term: string; coefficient: number; oddsRatio: number; orCi: [number, number]; pValue: number }[];
  };
  cutoff: { method: string; value: number; highRisk: 'below' | 'above'; score: 'combined linear predictor' };
  training: SetSummary;
  validation: SetSummary | null;
  notes: string[];
}

const nul = (v: number) => (Number.isFinite(v) ? v : null);

function survivalSummary(s: RiskGroupSurvival | null, time: number[], event: (0 | 1)[], lp: number[], endpoint: 'OS' | 'PFS'): SurvivalSummary | null {
  if (!s) return null;
  let c: { c: number; se: number } | null = null;
  try {
    c = concordanceIndex(time, event, lp, { higherIsShorter: false });
  } catch {
    c = null;
  }
  return {
    endpoint,
    nLow: s.low.n,
    nHigh: s.high.n,
    eventsLow: s.low.events,
    eventsHigh: s.high.events,
    medianLow: [s.low.median, s.low.medianLower, s.low.medianUpper],
    medianHigh: [s.high.median, s.high.medianLower, s.high.medianUpper],
    logrankChisq: s.logrankChisq,
    logrankP: s.logrankP,
    hazardRatio: s.hazardRatio,
    hrCi: [s.hrCiLower, s.hrCiUpper],
    coxP: s.coxP,
    cIndex: c ? nul(c.c) : null,
    cIndexSe: c ? nul(c.se) : null,
  };
}

function setSummary(set: SetResult, input: BuildModelInput): SetSummary {
  const byId = new Map(input.patients.map((p) => [p.id, p]));
  const surv = (key: 'os' | 'pfs') => {
    const rows = set.ids.map((id, k) => ({ o: byId.get(id)![key], lp: set.linearPredictor[k] })).filter((r) => r.o !== null);
    return survivalSummary(set.survival[key], rows.map((r) => r.o!.time), rows.map((r) => r.o!.event), rows.map((r) => r.lp), key === 'os' ? 'OS' : 'PFS');
  };
  const metrics = (m: ModelName): ModelMetrics => {
    const p = set.performance[m];
    return {
      n: p.n,
      events: p.events,
      auc: p.auc,
      aucCi: p.aucCi,
      aucSe: p.aucSe,
      youden: p.atYouden,
      hosmerLemeshow: p.hosmerLemeshow,
      calibrationIntercept: p.calibrationIntercept,
      calibrationSlope: p.calibrationSlope,
      brier: p.brier,
    };
  };
  return {
    n: set.ids.length,
    events: set.y.reduce((s, v) => s + v, 0),
    models: { clinical: metrics('clinical'), radiomic: metrics('radiomic'), combined: metrics('combined') },
    delong: set.comparisons,
    survival: { os: surv('os'), pfs: surv('pfs') },
  };
}

export interface SummaryContext {
  toolVersion: string;
  syntheticData: boolean;
  description: string;
  settings: string[];
}

export function summariseResearch(input: BuildModelInput, r: BuildModelResult, ctx: SummaryContext): ResearchSummary {
  const f = r.combinedFit;
  const termsOfCombined = ['RadScore', ...r.clinical.selected.flatMap(termNames)];
  const clinicalTerms = termsOfCombined.slice(1).map((term, k) => ({ variable: term, term, coefficient: f.coef[k + 2] }));
  const centres = [...new Set(input.patients.map((p) => p.centre).filter((c): c is string => c !== null))].sort();
  return {
    tool: 'webradiomics',
    version: ctx.toolVersion,
    syntheticData: ctx.syntheticData,
    cohort: {
      description: ctx.description,
      nPatients: input.patients.length,
      nUsed: r.rows.length,
      nFeatures: input.featureNames.length,
      nRepeat: input.repeat?.patientIds.length ?? 0,
      centres,
      excluded: r.excluded,
    },
    settings: ctx.settings,
    endpoint: { kind: r.endpoint, ...ENDPOINT_LABELS[r.endpoint] },
    split: { description: r.split.description, nTraining: r.split.train.length, nValidation: r.split.test.length },
    reduction: r.reduction.map((s) => ({ step: s.step, kept: s.kept.length, dropped: s.dropped.length })),
    lasso: {
      rule: r.lambdaRule,
      lambda: r.lambda,
      lambdaMin: r.cv.lambdaMin,
      lambda1se: r.cv.lambda1se,
      nfolds: Math.max(...r.cv.foldid),
      typeMeasure: r.cv.typeMeasure,
      intercept: r.radiomics.intercept,
      features: r.radiomics.features.map(({ name, coefficient }) => ({ name, coefficient })),
    },
    clinical: { univariate: r.clinical.univariate, multivariate: r.clinical.multivariate, selected: r.clinical.selected.map((p) => p.variable), note: r.clinical.note },
    combinedModel: {
      formula: formulaText(f.coef[0], f.coef[1], clinicalTerms),
      terms: termsOfCombined.map((term, k) => ({
        term,
        coefficient: f.coef[k + 1],
        oddsRatio: f.oddsRatio[k + 1],
        orCi: [f.orCiLower[k + 1], f.orCiUpper[k + 1]] as [number, number],
        pValue: f.pValue[k + 1],
      })),
    },
    cutoff: { method: r.cutoff.method, value: r.cutoff.cutoff, highRisk: r.cutoff.highRisk, score: 'combined linear predictor' },
    training: setSummary(r.training, input),
    validation: r.validation ? setSummary(r.validation, input) : null,
    notes: [...r.notes, ...r.cv.warnings],
  };
}
