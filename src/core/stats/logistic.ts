/**
 * Binary logistic regression by iteratively reweighted least squares, step for step as R's glm.fit with
 * family = binomial(link = 'logit'), so coefficients, iteration counts and the covariance agree with
 * glm(y ~ x1 + ..., binomial) and summary.glm.
 *
 * Model: logit P(y = 1) = eta = offset + b0 + sum_k b_k x_k.
 * IRLS: start at mu = (y + 1/2)/2; each iteration, with w = mu(1 - mu) and z = eta - offset + (y - mu)/w, solves
 * (X'WX) b = X'Wz; stops when |dev - dev_old| / (|dev| + 0.1) < epsilon. Deviance dev = -2 sum log P(y_i) = -2 logLik.
 * Cov(b) = (X'WX)^-1 with W from the last iteration (as summary.glm); z_k = b_k / se_k, p_k = 2 Q(|z_k|).
 * AIC = dev + 2p, BIC = dev + p log n; LR chi-square = null deviance - deviance on p - 1 df.
 */
import { chiSquareUpper, normalQuantile, normalTwoSided } from './distributions.js';
import { cholesky, choleskySolve, invertSpd, type Matrix } from './linear-algebra.js';

export interface LogisticOptions {
  /** Names of the predictor columns (default x1, x2, ...). */
  names?: string[];
  /** Known offset on the logit scale (R: offset(...)). */
  offset?: ArrayLike<number>;
  /** Fit an intercept (default true). */
  intercept?: boolean;
  /** glm.control epsilon (default 1e-8, as R). */
  epsilon?: number;
  /** glm.control maxit (default 25, as R). */
  maxit?: number;
}

export interface LogisticFit {
  terms: string[];
  coef: number[];
  se: number[];
  z: number[];
  pValue: number[];
  vcov: Matrix;
  oddsRatio: number[];
  orCiLower: number[];
  orCiUpper: number[];
  logLik: number;
  aic: number;
  bic: number;
  deviance: number;
  nullDeviance: number;
  dfResidual: number;
  dfNull: number;
  lrChisq: number;
  lrDf: number;
  lrP: number;
  iterations: number;
  converged: boolean;
  /** Fitted probability at 0 or 1 within 10 machine epsilons: perfect or quasi-complete separation. */
  separation: boolean;
  warnings: string[];
  n: number;
  nEvents: number;
  linearPredictor: number[];
  fitted: number[];
  offset?: number[];
  intercept: boolean;
}

const DBL_EPS = 2.220446049250313e-16;
const THRESH = 30; // R's binomial link C code clamps exp() beyond |eta| > 30

/** R's C logit_linkinv: exp clamped to [eps, 1/eps] outside |eta| <= 30. */
function linkinv(eta: number): number {
  const t = eta < -THRESH ? DBL_EPS : eta > THRESH ? 1 / DBL_EPS : Math.exp(eta);
  return t / (1 + t);
}

/** R's C logit_mu_eta: d mu / d eta. */
function muEta(eta: number): number {
  const opexp = 1 + Math.exp(eta);
  return eta > THRESH || eta < -THRESH ? DBL_EPS : Math.exp(eta) / (opexp * opexp);
}

/** Binomial deviance residuals summed: -2 sum [y log mu + (1 - y) log(1 - mu)] for 0/1 y. */
export function binomialDeviance(y: ArrayLike<number>, mu: ArrayLike<number>): number {
  let dev = 0;
  for (let i = 0; i < y.length; i++) dev += y[i] === 1 ? -2 * Math.log(mu[i]) : y[i] === 0 ? -2 * Math.log(1 - mu[i]) : binom(y[i], mu[i]);
  return dev;
}

function binom(y: number, mu: number): number {
  const a = y > 0 ? y * Math.log(y / mu) : 0;
  const b = y < 1 ? (1 - y) * Math.log((1 - y) / (1 - mu)) : 0;
  return 2 * (a + b);
}

/** Weighted cross-products X'WX and X'Wv for design rows built on the fly. */
function normalEquations(design: number[][], w: number[], v: number[]): { xtwx: Matrix; xtwv: number[] } {
  const p = design[0].length;
  const xtwx: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xtwv = new Array<number>(p).fill(0);
  for (let i = 0; i < design.length; i++) {
    const row = design[i];
    for (let a = 0; a < p; a++) {
      const wa = w[i] * row[a];
      xtwv[a] += wa * v[i];
      for (let b = 0; b <= a; b++) xtwx[a][b] += wa * row[b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtwx[b][a] = xtwx[a][b];
  return { xtwx, xtwv };
}

/**
 * Fits the model. `columns` are the predictors (one array per variable, no intercept column); `y` is 0/1.
 * Throws when y has one class only, or when the design is singular (collinear predictors).
 * Separation does not hang: the iteration count is bounded by maxit and the result carries a warning.
 */
export function fitLogistic(columns: ArrayLike<number>[], y: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
  const n = y.length;
  const intercept = options.intercept ?? true;
  const epsilon = options.epsilon ?? 1e-8;
  const maxit = options.maxit ?? 25;
  const names = options.names ?? columns.map((_, k) => `x${k + 1}`);
  for (const c of columns) if (c.length !== n) throw new Error('predictor and outcome lengths differ');
  let nEvents = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`outcome ${i} is not 0/1`);
    nEvents += y[i];
  }
  if (nEvents === 0 || nEvents === n) throw new Error(`logistic regression needs both outcome classes (events: ${nEvents} of ${n})`);
  const offset = options.offset ? Array.from(options.offset) : new Array<number>(n).fill(0);
  const design = Array.from({ length: n }, (_, i) => [...(intercept ? [1] : []), ...columns.map((c) => c[i])]);
  const p = design[0].length;
  const terms = [...(intercept ? ['(Intercept)'] : []), ...names];

  // glm.fit initialisation: mustart = (y + 0.5) / 2, eta = logit(mustart)
  let eta = Array.from({ length: n }, (_, i) => Math.log((y[i] + 0.5) / 2 / (1 - (y[i] + 0.5) / 2)));
  let mu = eta.map(linkinv);
  let devOld = binomialDeviance(y, mu);
  let coef: number[] | null = null;
  let lastW: number[] = [];
  let converged = false;
  let iterations = 0;
  const warnings: string[] = [];

  for (let iter = 1; iter <= maxit; iter++) {
    iterations = iter;
    const me = eta.map(muEta);
    const w = me.map((m, i) => (m * m) / (mu[i] * (1 - mu[i])));
    lastW = w;
    let next: number[];
    if (p === 0) next = [];
    else if (coef === null) {
      // first step: weighted least squares on the working response z
      const z = eta.map((e, i) => e - offset[i] + (y[i] - mu[i]) / me[i]);
      const { xtwx, xtwv } = normalEquations(design, w, z);
      next = choleskySolve(cholesky(xtwx), xtwv);
    } else {
      // later steps solve for the increment (same fixed point; keeps full precision near convergence)
      const r = mu.map((m, i) => (y[i] - m) / me[i]);
      const { xtwx, xtwv } = normalEquations(design, w, r);
      const delta = choleskySolve(cholesky(xtwx), xtwv);
      next = coef.map((b, k) => b + delta[k]);
    }
    eta = design.map((row, i) => row.reduce((s, v, k) => s + v * next[k], offset[i]));
    mu = eta.map(linkinv);
    const dev = binomialDeviance(y, mu);
    if (!Number.isFinite(dev)) throw new Error('logistic regression: deviance became infinite (separation?)');
    coef = next;
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devOld = dev;
  }
  coef ??= [];
  if (!converged) warnings.push(`IRLS did not converge in ${maxit} iterations`);
  const edge = 10 * DBL_EPS;
  const separation = mu.some((m) => m > 1 - edge || m < edge);
  if (separation) warnings.push('fitted probabilities numerically 0 or 1 occurred: perfect or quasi-complete separation, estimates are unreliable');

  const deviance = binomialDeviance(y, mu);
  const vcov = p > 0 ? invertSpd(normalEquations(design, lastW, new Array<number>(n).fill(0)).xtwx) : [];
  const se = vcov.map((row, k) => Math.sqrt(row[k]));
  const z = coef.map((b, k) => b / se[k]);
  const q = normalQuantile(0.975);
  const nullDeviance = intercept && columns.length === 0 ? deviance : nullDevianceOf(y, offset, intercept, options);
  const lrDf = p - (intercept ? 1 : 0);
  const lrChisq = nullDeviance - deviance;
  return {
    terms,
    coef,
    se,
    z,
    pValue: z.map(normalTwoSided),
    vcov,
    oddsRatio: coef.map(Math.exp),
    orCiLower: coef.map((b, k) => Math.exp(b - q * se[k])),
    orCiUpper: coef.map((b, k) => Math.exp(b + q * se[k])),
    logLik: -deviance / 2,
    aic: deviance + 2 * p,
    bic: deviance + p * Math.log(n),
    deviance,
    nullDeviance,
    dfResidual: n - p,
    dfNull: n - (intercept ? 1 : 0),
    lrChisq,
    lrDf,
    lrP: lrDf > 0 ? chiSquareUpper(lrChisq, lrDf) : NaN,
    iterations,
    converged,
    separation,
    warnings,
    n,
    nEvents,
    linearPredictor: eta,
    fitted: mu,
    offset: options.offset ? offset : undefined,
    intercept,
  };
}

/** glm's null deviance: mean(y) with an intercept; with an offset too, the intercept-plus-offset fit (as glm refits). */
function nullDevianceOf(y: ArrayLike<number>, offset: number[], intercept: boolean, options: LogisticOptions): number {
  const n = y.length;
  if (!intercept) return binomialDeviance(y, offset.map(linkinv));
  if (!options.offset) {
    let s = 0;
    for (let i = 0; i < n; i++) s += y[i];
    return binomialDeviance(y, new Array<number>(n).fill(s / n));
  }
  return fitLogistic([], y, { offset, epsilon: options.epsilon, maxit: options.maxit }).deviance;
}

/** Linear predictor and probability for new rows (R: predict(fit, newdata, type = 'link' / 'response')). */
export function predictLogistic(
  fit: Pick<LogisticFit, 'coef' | 'intercept'>,
  columns: ArrayLike<number>[],
  offset?: ArrayLike<number>,
): { linearPredictor: number[]; probability: number[] } {
  const n = columns.length > 0 ? columns[0].length : (offset?.length ?? 0);
  const k0 = fit.intercept ? 1 : 0;
  const linearPredictor = Array.from({ length: n }, (_, i) => {
    let eta = (offset ? offset[i] : 0) + (fit.intercept ? fit.coef[0] : 0);
    for (let k = 0; k < columns.length; k++) eta += fit.coef[k + k0] * columns[k][i];
    return eta;
  });
  return { linearPredictor, probability: linearPredictor.map(linkinv) };
}
