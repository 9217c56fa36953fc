/**
 * LASSO (and elastic-net) logistic regression path as R's glmnet(x, y, family = "binomial") 4.1 computes it,
 * with its defaults: alpha = 1, nlambda = 100, lambda.min.ratio = 0.01 when n < p else 1e-4, standardize = TRUE,
 * intercept = TRUE, thresh = 1e-7, maxit = 1e5, dfmax = p + 1, pmax = min(2 dfmax + 20, p).
 *
 * Standardisation (lstandard1, weights w_i = 1/n): xm_j = sum w_i x_ij, xs_j = sqrt(sum w_i (x_ij - xm_j)^2)
 * (population SD); the solver (lasso-solver.ts) works on (x - xm)/xs and coefficients come back as
 * beta_j = b_j / xs_j, a0 = b0 - sum_j beta_j xm_j. Constant columns are excluded (coefficient 0).
 * As in R, the first lambda reported is exp(2 log lambda_2 - log lambda_3) (glmnet's fix.lam), i.e. lambda_max.
 * predictAt interpolates coefficients linearly in lambda between path points (glmnet's lambda.interp), which is
 * how cv.glmnet evaluates each fold's path at the full-data lambdas.
 */
import { lognetSolve } from './lasso-solver.js';

export interface LassoOptions {
  alpha?: number;
  nlambda?: number;
  lambdaMinRatio?: number;
  /** User lambda sequence (sorted decreasing internally); disables early stopping, as in glmnet. */
  lambda?: readonly number[];
  standardize?: boolean;
  intercept?: boolean;
  thresh?: number;
  maxit?: number;
  penaltyFactor?: readonly number[];
  dfmax?: number;
  pmax?: number;
  names?: readonly string[];
}

export interface LassoPath {
  names: string[];
  lambda: number[];
  a0: number[];
  /** beta[k][j]: coefficient of variable j at lambda[k], on the input scale. */
  beta: number[][];
  /** Non-zero coefficients per lambda. */
  df: number[];
  devRatio: number[];
  nulldev: number;
  npasses: number;
  /** Why the path ended before nlambda values (maxit or pmax), as R's warning; null otherwise. */
  warning: string | null;
  alpha: number;
}

/** Fits the path; `columns` are the p predictors (each length n), y is 0/1. */
export function glmnetBinomial(columns: readonly ArrayLike<number>[], yIn: ArrayLike<number>, options: LassoOptions = {}): LassoPath {
  const ni = columns.length;
  const no = yIn.length;
  if (ni < 2) throw new Error('glmnet needs a matrix with 2 or more columns');
  for (const c of columns) if (c.length !== no) throw new Error('x and y have different numbers of rows');
  const y = Float64Array.from(yIn);
  let n1 = 0;
  for (let i = 0; i < no; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`y[${i}] is not 0/1`);
    n1 += y[i];
  }
  if (Math.min(n1, no - n1) <= 1) throw new Error('one binomial class has 1 or 0 observations; not allowed');
  const alpha = Math.min(1, Math.max(0, options.alpha ?? 1));
  const isd = options.standardize ?? true;
  const intr = options.intercept ?? true;
  const names = options.names ? [...options.names] : columns.map((_, j) => `V${j + 1}`);
  const w = new Float64Array(no).fill(1 / no);
  // chkvars: a column is usable when not constant
  const ju = columns.map((c) => {
    for (let i = 1; i < no; i++) if (c[i] !== c[0]) return true;
    return false;
  });
  if (!ju.some(Boolean)) throw new Error('all columns are constant');
  // penalty factors: negative -> 0, scaled to sum to p
  const vp0 = options.penaltyFactor ? options.penaltyFactor.map((v) => Math.max(0, v)) : new Array<number>(ni).fill(1);
  if (Math.max(...vp0) <= 0) throw new Error('all penalty factors are <= 0');
  const vpSum = vp0.reduce((s, v) => s + v, 0);
  const vp = vp0.map((v) => (v * ni) / vpSum);
  // lstandard1
  const xm = new Float64Array(ni);
  const xs = new Float64Array(ni).fill(1);
  const x = columns.map((c, j) => {
    const col = Float64Array.from(c);
    if (!ju[j]) return col;
    if (intr) {
      let m = 0;
      for (let i = 0; i < no; i++) m += w[i] * col[i];
      xm[j] = m;
      for (let i = 0; i < no; i++) col[i] -= m;
      if (isd) {
        let s = 0;
        for (let i = 0; i < no; i++) s += w[i] * col[i] * col[i];
        xs[j] = Math.sqrt(s);
        for (let i = 0; i < no; i++) col[i] /= xs[j];
      }
    } else if (isd) {
      let m = 0;
      let s2 = 0;
      for (let i = 0; i < no; i++) {
        m += w[i] * col[i];
        s2 += w[i] * col[i] * col[i];
      }
      xs[j] = Math.sqrt(s2 - m * m);
      for (let i = 0; i < no; i++) col[i] /= xs[j];
    }
    return col;
  });
  const dfmax = options.dfmax ?? ni + 1;
  const pmax = options.pmax ?? Math.min(dfmax * 2 + 20, ni);
  const user = options.lambda !== undefined;
  if (user && options.lambda!.some((l) => l < 0)) throw new Error('lambdas should be non-negative');
  const ulam = user ? [...options.lambda!].sort((a, b) => b - a) : [];
  const flmin = user ? 1 : (options.lambdaMinRatio ?? (no < ni ? 0.01 : 1e-4));
  if (!user && flmin >= 1) throw new Error('lambda.min.ratio should be less than 1');
  const fit = lognetSolve({
    x,
    y,
    w,
    ju,
    vp,
    alpha,
    nlam: user ? ulam.length : (options.nlambda ?? 100),
    flmin,
    ulam,
    thresh: options.thresh ?? 1e-7,
    maxit: options.maxit ?? 1e5,
    intercept: intr,
    ne: dfmax,
    nx: pmax,
  });
  const beta = fit.beta.map((bk) => Array.from(bk, (b, j) => (ju[j] && isd ? b / xs[j] : b)));
  const a0 = fit.a0.map((b0, k) => (intr ? beta[k].reduce((s, b, j) => s - b * xm[j], b0) : 0));
  let lambda = fit.alm.slice();
  if (!user && lambda.length > 2) lambda[0] = Math.exp(2 * Math.log(lambda[1]) - Math.log(lambda[2]));
  if (fit.lmu < 1) lambda = [];
  return {
    names,
    lambda,
    a0,
    beta,
    df: beta.map((bk) => bk.filter((b) => b !== 0).length),
    devRatio: fit.dev,
    nulldev: fit.dev0 * 2 * no,
    npasses: fit.nlp,
    warning: fit.stop,
    alpha,
  };
}

/** R's approx(x, y, v) for increasing x (linear, exact at the knots), as used by lambda.interp. */
function approxIndex(x: number[], v: number): number {
  let i = 0;
  let j = x.length - 1;
  while (i < j - 1) {
    const ij = Math.floor((i + j) / 2);
    if (v < x[ij]) j = ij;
    else i = ij;
  }
  if (v === x[j]) return j + 1;
  if (v === x[i]) return i + 1;
  return i + 1 + (v - x[i]) / (x[j] - x[i]);
}

/** Coefficients (a0, beta) at arbitrary lambda values, interpolated as glmnet's lambda.interp + predict. */
export function coefAt(path: LassoPath, s: readonly number[]): { a0: number[]; beta: number[][] } {
  const lam = path.lambda;
  const k = lam.length;
  if (k === 0) throw new Error('empty path');
  const a0: number[] = [];
  const beta: number[][] = [];
  for (const si of s) {
    let left: number;
    let right: number;
    let frac: number;
    if (k === 1) {
      left = right = 0;
      frac = 1;
    } else {
      const norm = lam.map((l) => (lam[0] - l) / (lam[0] - lam[k - 1]));
      let sf = (lam[0] - si) / (lam[0] - lam[k - 1]);
      sf = Math.min(Math.max(sf, Math.min(...norm)), Math.max(...norm));
      const coord = approxIndex(norm, sf);
      left = Math.floor(coord) - 1;
      right = Math.ceil(coord) - 1;
      frac = (sf - norm[right]) / (norm[left] - norm[right]);
      if (left === right || Math.abs(norm[left] - norm[right]) < 2.220446049250313e-16) frac = 1;
    }
    a0.push(path.a0[left] * frac + path.a0[right] * (1 - frac));
    beta.push(path.beta[left].map((b, j) => b * frac + path.beta[right][j] * (1 - frac)));
  }
  return { a0, beta };
}

/** Linear predictors eta[row][s] for the given rows (columns as in the fit) at lambda values s. */
export function predictLink(path: LassoPath, columns: readonly ArrayLike<number>[], s: readonly number[]): number[][] {
  const { a0, beta } = coefAt(path, s);
  const n = columns.length > 0 ? columns[0].length : 0;
  return Array.from({ length: n }, (_, i) =>
    a0.map((b0, k) => {
      let eta = b0;
      for (let j = 0; j < columns.length; j++) if (beta[k][j] !== 0) eta += beta[k][j] * columns[j][i];
      return eta;
    }),
  );
}
