/**
 * The research workflow of domain.md steps 4-8 in one call, every fitted quantity learnt on the training set only:
 *  1. complete cases (response and every candidate clinical value present and valid); endpoint y (1 = responder);
 *  2. split: stratified random (default 3:1, seeded) or by centre;
 *  3. feature reduction on training: variance, ICC (when repeat segmentations are given; computed on every patient
 *     with a repeat segmentation, training or not, as studies do: reproducibility does not involve the outcome),
 *     univariate test, correlation (reduction.ts); z-score standardisation fitted on training (standardise.ts);
 *  4. LASSO logistic regression with k-fold CV (cv-lasso.ts), lambda.min or lambda.1se (if the chosen lambda keeps
 *     no feature, the other rule is tried before giving up);
 *  5. rad-score = intercept + sum beta_j z_j; radiomic model = logistic(y ~ rad-score); clinical model by
 *     univariate then multivariate selection (clinical-model.ts); combined model = logistic(y ~ rad-score +
 *     clinical model variables); nomogram of the combined model;
 *  6. evaluation on both sets (evaluate.ts), risk cut-off on the combined linear predictor of the training set
 *     (risk-cutoff.ts) and KM / log-rank / Cox HR of the risk groups for OS and PFS (risk-survival.ts);
 *  7. the model file (model-file.ts) via assembleModelFile (model-file-build.ts).
 */
import { fitLogistic, type LogisticFit } from '../stats/logistic.js';
import { designColumns, encodePredictor, fitClinicalModel, termNames, type ClinicalModel, type ClinicalPredictor } from './clinical-model.js';
import type { ResponseCategory, SurvivalOutcome } from './cohort-clinical.js';
import { endpointValue, type Endpoint } from './cohort.js';
import { coefAt } from './lasso.js';
import { cvGlmnetBinomial, type CvLasso } from './cv-lasso.js';
import { compareModels, decisionCurve, modelPerformance, type AucComparison, type DecisionCurve, type ModelPerformance } from './evaluate.js';
import { buildNomogram, type Nomogram } from './nomogram.js';
import { correlationFilter, iccFilter, outcomeAssociation, univariateFilter, varianceFilter, type FilterStep, type UnivariateOptions } from './reduction.js';
import { riskCutoff, riskGroupOf, type CutoffMethod, type RiskCutoff } from './risk-cutoff.js';
import { riskGroupSurvival, type RiskGroupSurvival } from './risk-survival.js';
import { centreSplit, stratifiedSplit, type Split } from './split.js';
import { applyStandardiser, fitStandardiser, type Standardiser } from './standardise.js';
import type { IccType } from './icc.js';

export interface ModelPatient {
  id: string;
  centre: string | null;
  response: ResponseCategory | null;
  os: SurvivalOutcome | null;
  pfs: SurvivalOutcome | null;
  clinical: Record<string, number | string | null>;
}

export interface BuildModelInput {
  patients: readonly ModelPatient[];
  featureNames: readonly string[];
  /** features[i][j]: patient i (same order as patients), feature j. */
  features: readonly (readonly number[])[];
  /** Second-reader features for a subset of patients (ICC filter). */
  repeat?: { patientIds: readonly string[]; features: readonly (readonly number[])[] };
  predictors: readonly ClinicalPredictor[];
}

export interface BuildModelOptions {
  endpoint?: Endpoint;
  split?: { kind: 'random'; ratio?: number; seed?: number | string } | { kind: 'centre'; trainingCentres: string[] };
  varianceThreshold?: number;
  icc?: { threshold?: number; type?: IccType };
  univariate?: UnivariateOptions | false;
  correlation?: { threshold?: number; method?: 'pearson' | 'spearman' } | false;
  lasso?: { nfolds?: number; seed?: number | string; rule?: 'lambda.min' | 'lambda.1se'; typeMeasure?: 'deviance' | 'auc'; stratifyFolds?: boolean };
  clinical?: { alphaUnivariate?: number; alphaMultivariate?: number };
  cutoff?: { method?: CutoffMethod; survivalEndpoint?: 'os' | 'pfs' };
  /** Progress of the long steps (the UI's progress bar); `step` of `steps` done, `stage` says what runs next. */
  onProgress?: (progress: BuildProgress) => void;
}

export interface BuildProgress {
  stage: string;
  step: number;
  steps: number;
}

export interface SetResult {
  ids: string[];
  y: number[];
  radScore: number[];
  linearPredictor: number[];
  probability: Record<'clinical' | 'radiomic' | 'combined', number[]>;
  performance: Record<'clinical' | 'radiomic' | 'combined', ModelPerformance>;
  comparisons: AucComparison[];
  decisionCurves: Record<'clinical' | 'radiomic' | 'combined', DecisionCurve>;
  riskGroup: (0 | 1)[];
  survival: { os: RiskGroupSurvival | null; pfs: RiskGroupSurvival | null };
}

export interface BuildModelResult {
  endpoint: Endpoint;
  /** Indices into input.patients of the patients used (complete cases); split indices refer to this list. */
  rows: number[];
  excluded: { id: string; reason: string }[];
  split: Split & { description: string };
  reduction: FilterStep[];
  standardiser: Standardiser;
  cv: CvLasso;
  lambdaRule: 'lambda.min' | 'lambda.1se';
  lambda: number;
  radiomics: { intercept: number; features: { name: string; coefficient: number; column: number }[] };
  clinical: ClinicalModel;
  radiomicFit: LogisticFit;
  combinedFit: LogisticFit;
  cutoff: RiskCutoff;
  nomogram: Nomogram;
  training: SetResult;
  validation: SetResult | null;
  notes: string[];
}

const pickRows = <T>(a: readonly T[], rows: readonly number[]): T[] => rows.map((i) => a[i]);

export function buildModel(input: BuildModelInput, options: BuildModelOptions = {}): BuildModelResult {
  const endpoint = options.endpoint ?? 'objective-response';
  const notes: string[] = [];
  const nfolds = options.lasso?.nfolds ?? 10;
  const steps = nfolds + 6;
  const progress = (step: number, stage: string) => options.onProgress?.({ stage, step, steps });
  progress(0, 'complete cases and split');
  // 1. complete cases
  const excluded: BuildModelResult['excluded'] = [];
  const keep: number[] = [];
  input.patients.forEach((p, i) => {
    if (p.response === null) return void excluded.push({ id: p.id, reason: 'no response category' });
    for (const pr of input.predictors) {
      try {
        encodePredictor(pr, p.clinical[pr.variable]);
      } catch (e) {
        return void excluded.push({ id: p.id, reason: (e as Error).message });
      }
    }
    if (input.features[i].some((v) => !Number.isFinite(v))) return void excluded.push({ id: p.id, reason: 'a feature value is not finite' });
    keep.push(i);
  });
  const patients = pickRows(input.patients, keep);
  const X = pickRows(input.features, keep);
  const y = patients.map((p) => endpointValue(p.response!, endpoint));
  // 2. split
  const sp = options.split ?? { kind: 'random' };
  const split =
    sp.kind === 'centre'
      ? { ...centreSplit(patients.map((p) => p.centre ?? ''), sp.trainingCentres), description: `by centre: training ${sp.trainingCentres.join(', ')}, validation the other centres` }
      : { ...stratifiedSplit(y, { ratio: sp.ratio ?? 3, seed: sp.seed ?? 1 }), description: `stratified random ${sp.ratio ?? 3}:1 split by endpoint, seed ${JSON.stringify(sp.seed ?? 1)}` };
  const tr = split.train;
  const yTr = pickRows(y, tr);
  const cols = input.featureNames.map((_, j) => X.map((r) => r[j]));
  const trCols = cols.map((c) => pickRows(c, tr));
  progress(1, 'feature reduction');
  // 3. reduction (indices into the full feature list)
  const reduction: FilterStep[] = [];
  let alive = input.featureNames.map((_, j) => j);
  const apply = (step: FilterStep) => {
    const mapped = { ...step, kept: step.kept.map((k) => alive[k]), dropped: step.dropped.map((d) => ({ ...d, index: alive[d.index] })) };
    reduction.push(mapped);
    alive = mapped.kept;
  };
  apply(varianceFilter(pickRows(trCols, alive), options.varianceThreshold ?? 0));
  if (input.repeat) {
    const at = new Map(patients.map((p, i) => [p.id, i]));
    const rows = input.repeat.patientIds.map((id) => at.get(id));
    const ok = rows.map((r, k) => (r === undefined ? -1 : k)).filter((k) => k >= 0);
    const r1 = alive.map((j) => ok.map((k) => cols[j][rows[k]!]));
    const r2 = alive.map((j) => ok.map((k) => input.repeat!.features[k][j]));
    apply(iccFilter([r1, r2], options.icc));
  }
  if (options.univariate !== false) apply(univariateFilter(pickRows(trCols, alive), yTr, options.univariate ?? {}));
  if (options.correlation !== false) {
    const c = pickRows(trCols, alive);
    apply(correlationFilter(c, outcomeAssociation(c, yTr), { ...(options.correlation ?? {}), names: alive.map((j) => input.featureNames[j]) }));
  }
  if (alive.length < 2) throw new Error(`feature reduction left ${alive.length} feature(s); LASSO needs at least 2 (relax the filters)`);
  // standardise on training, LASSO with CV
  const standardiser = fitStandardiser(pickRows(trCols, alive), alive.map((j) => input.featureNames[j]));
  const zAll = applyStandardiser(standardiser, pickRows(cols, alive));
  const zTr = zAll.map((c) => pickRows(c, tr));
  const lo = options.lasso ?? {};
  progress(2, 'LASSO path on the training set');
  const cv = cvGlmnetBinomial(zTr, yTr, {
    nfolds,
    seed: lo.seed ?? 1,
    typeMeasure: lo.typeMeasure,
    stratifyFolds: lo.stratifyFolds,
    names: standardiser.names,
    onFit: (done, k) => progress(3 + done, done < k ? `LASSO cross-validation, fold ${done + 1} of ${k}` : 'clinical, radiomic and combined models'),
  });
  let lambdaRule = lo.rule ?? 'lambda.min';
  let at = coefAt(cv.fit, [lambdaRule === 'lambda.min' ? cv.lambdaMin : cv.lambda1se]);
  if (at.beta[0].every((b) => b === 0)) {
    const other = lambdaRule === 'lambda.min' ? 'lambda.1se' : 'lambda.min';
    notes.push(`${lambdaRule} kept no feature; ${other} used instead`);
    lambdaRule = other;
    at = coefAt(cv.fit, [lambdaRule === 'lambda.min' ? cv.lambdaMin : cv.lambda1se]);
    if (at.beta[0].every((b) => b === 0)) throw new Error('LASSO selected no radiomic feature at lambda.min or lambda.1se');
  }
  const lambda = lambdaRule === 'lambda.min' ? cv.lambdaMin : cv.lambda1se;
  const sel = at.beta[0].map((b, k) => ({ name: standardiser.names[k], coefficient: b, column: alive[k], k })).filter((f) => f.coefficient !== 0);
  const radScore = patients.map((_, i) => sel.reduce((s, f) => s + f.coefficient * zAll[f.k][i], at.a0[0]));
  // 5. models
  const clinRows = patients.map((p) => p.clinical);
  const clinical = fitClinicalModel(input.predictors, pickRows(clinRows, tr), yTr, { ...options.clinical, rowNames: pickRows(patients, tr).map((p) => p.id) });
  if (clinical.note) notes.push(clinical.note);
  const design = designColumns(clinical.selected, clinRows);
  const radiomicFit = fitLogistic([pickRows(radScore, tr)], yTr, { names: ['RadScore'] });
  const combinedFit = fitLogistic([pickRows(radScore, tr), ...design.columns.map((c) => pickRows(c, tr))], yTr, { names: ['RadScore', ...design.names] });
  const lpOf = (fit: LogisticFit, columns: number[][]) => patients.map((_, i) => columns.reduce((s, c, k) => s + fit.coef[k + 1] * c[i], fit.coef[0]));
  const lp = {
    clinical: lpOf(clinical.fit, design.columns),
    radiomic: lpOf(radiomicFit, [radScore]),
    combined: lpOf(combinedFit, [radScore, ...design.columns]),
  };
  const prob = (v: number) => 1 / (1 + Math.exp(-v));
  // 6. cut-off and sets
  const co = options.cutoff ?? {};
  const survEndpoint = co.survivalEndpoint ?? 'os';
  const survTr = pickRows(patients, tr).map((p) => p[survEndpoint]);
  const withSurv = survTr.map((s, k) => (s ? k : -1)).filter((k) => k >= 0);
  const lpTr = pickRows(lp.combined, tr);
  const cutoff = riskCutoff(
    { score: co.method === 'maxstat' ? pickRows(lpTr, withSurv) : lpTr, y: yTr, time: withSurv.map((k) => survTr[k]!.time), event: withSurv.map((k) => survTr[k]!.event) },
    co.method ?? 'median',
  );
  const setOf = (rows: number[], thresholds?: Record<'clinical' | 'radiomic' | 'combined', number>): SetResult => {
    const yy = pickRows(y, rows);
    const p = { clinical: pickRows(lp.clinical, rows).map(prob), radiomic: pickRows(lp.radiomic, rows).map(prob), combined: pickRows(lp.combined, rows).map(prob) };
    const names = ['clinical', 'radiomic', 'combined'] as const;
    const riskGroup = pickRows(lp.combined, rows).map((v) => riskGroupOf(v, cutoff));
    const pts = pickRows(patients, rows);
    return {
      ids: pts.map((q) => q.id),
      y: yy,
      radScore: pickRows(radScore, rows),
      linearPredictor: pickRows(lp.combined, rows),
      probability: p,
      performance: Object.fromEntries(names.map((m) => [m, modelPerformance(p[m], yy, thresholds?.[m])])) as SetResult['performance'],
      comparisons: compareModels(names.map((m) => ({ name: m, p: p[m] })), yy),
      decisionCurves: Object.fromEntries(names.map((m) => [m, decisionCurve(p[m], yy)])) as SetResult['decisionCurves'],
      riskGroup,
      survival: { os: riskGroupSurvival(pts.map((q) => q.os), riskGroup, 'OS'), pfs: riskGroupSurvival(pts.map((q) => q.pfs), riskGroup, 'PFS') },
    };
  };
  progress(nfolds + 4, 'evaluation and survival, training set');
  const training = setOf(tr);
  progress(nfolds + 5, 'evaluation and survival, validation set');
  const thr = { clinical: training.performance.clinical.atYouden.threshold, radiomic: training.performance.radiomic.atYouden.threshold, combined: training.performance.combined.atYouden.threshold };
  const validation = split.test.length > 0 ? setOf(split.test, thr) : null;
  // nomogram: rad-score over its training range, numeric clinical variables over their training ranges
  const rsTr = pickRows(radScore, tr);
  let t = 2;
  const nomogram = buildNomogram(combinedFit.coef[0], [
    { predictor: { variable: 'RadScore', label: 'Rad-score', type: 'numeric' }, coefficients: [combinedFit.coef[1]], range: [Math.min(...rsTr), Math.max(...rsTr)] },
    ...clinical.selected.map((pr) => {
      const nTerms = termNames(pr).length;
      const coefficients = combinedFit.coef.slice(t, t + nTerms);
      t += nTerms;
      const vals = pickRows(clinRows, tr).map((r) => Number(r[pr.variable]));
      return { predictor: pr, coefficients, range: pr.type === 'numeric' ? ([Math.min(...vals), Math.max(...vals)] as [number, number]) : undefined };
    }),
  ]);
  return {
    endpoint,
    rows: keep,
    excluded,
    split,
    reduction,
    standardiser,
    cv,
    lambdaRule,
    lambda,
    radiomics: { intercept: at.a0[0], features: sel.map(({ name, coefficient, column }) => ({ name, coefficient, column })) },
    clinical,
    radiomicFit,
    combinedFit,
    cutoff,
    nomogram,
    training,
    validation,
    notes,
  };
}
