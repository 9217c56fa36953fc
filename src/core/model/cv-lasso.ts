/**
 * k-fold cross-validation of the LASSO logistic path as R's cv.glmnet(x, y, family = "binomial") 4.1 does it:
 *  1. fit the path on all rows -> lambda (length L);
 *  2. for each fold f, fit a path on the other rows (its own lambda sequence) and predict the held-out rows at the
 *     full-data lambdas by linear interpolation in lambda (lambda.interp);
 *  3. deviance (default): per held-out row -2 [y log p + (1 - y) log(1 - p)] with p clipped to [1e-5, 1 - 1e-5];
 *     averaged within each fold ("grouped"), then cvm = weighted mean of fold means with fold sizes as weights and
 *     cvsd = sqrt(weighted mean of (fold mean - cvm)^2 / (nfolds - 1));
 *     AUC: per fold the Mann-Whitney AUC of the held-out predictions (ties 1/2), then the same weighted mean / SD
 *     (R switches to deviance, with a warning, when there are fewer than 10 rows per fold; so does this).
 *  4. lambda.min = largest lambda attaining the best cvm; lambda.1se = largest lambda whose cvm is within one cvsd
 *     of that optimum (cvm <= cvm_min + cvsd_min for deviance; >= cvm_max - cvsd_max for AUC).
 * Folds: `foldid` (1..k) or seeded folds from split.ts (glmnet's sample(rep(1:k, length = n)) recipe with this
 * project's generator, optionally stratified by outcome).
 */
import { glmnetBinomial, predictLink, type LassoOptions, type LassoPath } from './lasso.js';
import { foldIds } from './split.js';

export interface CvLassoOptions extends LassoOptions {
  nfolds?: number;
  foldid?: readonly number[];
  seed?: number | string;
  /** Balance outcome classes across folds when folds are generated (default false, like glmnet). */
  stratifyFolds?: boolean;
  typeMeasure?: 'deviance' | 'auc';
  /** Progress: called after the full-data path (done = 0) and after each fold's path (done = fold), of nfolds. */
  onFit?: (done: number, nfolds: number) => void;
}

export interface CvLasso {
  lambda: number[];
  cvm: number[];
  cvsd: number[];
  cvup: number[];
  cvlo: number[];
  nzero: number[];
  typeMeasure: 'deviance' | 'auc';
  lambdaMin: number;
  lambda1se: number;
  indexMin: number;
  index1se: number;
  foldid: number[];
  fit: LassoPath;
  warnings: string[];
}

const PROB_MIN = 1e-5;

function foldAuc(y: number[], p: number[]): number {
  let n1 = 0;
  let n0 = 0;
  let conc = 0;
  for (let a = 0; a < y.length; a++) {
    if (y[a] !== 1) continue;
    n1++;
    for (let b = 0; b < y.length; b++) {
      if (y[b] !== 0) continue;
      conc += p[a] > p[b] ? 1 : p[a] === p[b] ? 0.5 : 0;
    }
  }
  for (const v of y) if (v === 0) n0++;
  return n1 > 0 && n0 > 0 ? conc / (n1 * n0) : NaN;
}

function weightedMean(x: number[], w: number[]): number {
  let s = 0;
  let sw = 0;
  x.forEach((v, i) => {
    if (Number.isNaN(v)) return;
    s += v * w[i];
    sw += w[i];
  });
  return s / sw;
}

export function cvGlmnetBinomial(columns: readonly ArrayLike<number>[], yIn: ArrayLike<number>, options: CvLassoOptions = {}): CvLasso {
  const n = yIn.length;
  const y = Array.from(yIn);
  const warnings: string[] = [];
  const foldid = options.foldid ? [...options.foldid] : foldIds(n, options.nfolds ?? 10, { seed: options.seed ?? 1, strata: options.stratifyFolds ? y : undefined });
  if (foldid.length !== n) throw new Error('foldid and y differ in length');
  const nfolds = Math.max(...foldid);
  if (nfolds < 3) throw new Error('nfolds must be at least 3; nfolds = 10 recommended');
  let typeMeasure = options.typeMeasure ?? 'deviance';
  if (typeMeasure === 'auc' && n / nfolds < 10) {
    warnings.push("Too few (< 10) observations per fold for type.measure='auc'; changed to type.measure='deviance'");
    typeMeasure = 'deviance';
  }
  if (n / nfolds < 3) throw new Error('fewer than 3 observations per fold: ungrouped cross-validation is not supported');
  const { nfolds: _n, foldid: _f, seed: _s, stratifyFolds: _st, typeMeasure: _t, onFit, ...fitOptions } = options;
  const fit = glmnetBinomial(columns, y, fitOptions);
  if (fit.warning) warnings.push(`full data: ${fit.warning}`);
  onFit?.(0, nfolds);
  const lambda = fit.lambda;
  const L = lambda.length;
  const predmat: number[][] = Array.from({ length: n }, () => new Array<number>(L).fill(NaN));
  for (let f = 1; f <= nfolds; f++) {
    const trainRows: number[] = [];
    const testRows: number[] = [];
    foldid.forEach((id, i) => (id === f ? testRows : trainRows).push(i));
    const sub = (rows: number[]) => columns.map((c) => rows.map((i) => c[i]));
    const foldFit = glmnetBinomial(sub(trainRows), trainRows.map((i) => y[i]), fitOptions);
    if (foldFit.warning) warnings.push(`fold ${f}: ${foldFit.warning}`);
    const eta = predictLink(foldFit, sub(testRows), lambda);
    testRows.forEach((i, r) => (predmat[i] = eta[r].map((e) => 1 / (1 + Math.exp(-e)))));
    onFit?.(f, nfolds);
  }
  const foldSize = Array.from({ length: nfolds }, (_, f) => foldid.filter((id) => id === f + 1).length);
  const cvraw: number[][] = []; // [fold][lambda]
  for (let f = 1; f <= nfolds; f++) {
    const rows = foldid.map((id, i) => (id === f ? i : -1)).filter((i) => i >= 0);
    cvraw.push(
      lambda.map((_, k) => {
        if (typeMeasure === 'auc') return foldAuc(rows.map((i) => y[i]), rows.map((i) => predmat[i][k]));
        let s = 0;
        for (const i of rows) {
          const p = Math.min(Math.max(predmat[i][k], PROB_MIN), 1 - PROB_MIN);
          s += -2 * (y[i] === 1 ? Math.log(p) : Math.log(1 - p));
        }
        return s / rows.length;
      }),
    );
  }
  const cvm = lambda.map((_, k) => weightedMean(cvraw.map((r) => r[k]), foldSize));
  const cvsd = lambda.map((_, k) => Math.sqrt(weightedMean(cvraw.map((r) => (r[k] - cvm[k]) ** 2), foldSize) / (nfolds - 1)));
  // getOptcv.glmnet (AUC is maximised: work on -cvm)
  const sgn = typeMeasure === 'auc' ? -1 : 1;
  const score = cvm.map((m) => sgn * m);
  const best = Math.min(...score.filter((v) => !Number.isNaN(v)));
  const indexMin = lambda.reduce((bi, l, k) => (score[k] <= best && (bi < 0 || l > lambda[bi]) ? k : bi), -1);
  const semin = score[indexMin] + cvsd[indexMin];
  const index1se = lambda.reduce((bi, l, k) => (score[k] <= semin && (bi < 0 || l > lambda[bi]) ? k : bi), -1);
  return {
    lambda,
    cvm,
    cvsd,
    cvup: cvm.map((m, k) => m + cvsd[k]),
    cvlo: cvm.map((m, k) => m - cvsd[k]),
    nzero: fit.df,
    typeMeasure,
    lambdaMin: lambda[indexMin],
    lambda1se: lambda[index1se],
    indexMin,
    index1se,
    foldid,
    fit,
    warnings,
  };
}
