/**
 * Cox proportional hazards regression as R's survival::coxph(Surv(time, event) ~ x1 + ..., ties) (C routine
 * coxfit6): Newton-Raphson from beta = 0 with step halving, Efron (R's default) or Breslow handling of tied times.
 *
 * At an event time with risk set R and d tied events D, eta = x'beta, r = e^eta:
 *   for k = 0..d-1, f = k/d (Efron) or 0 (Breslow):
 *     s0 = sum_R r - f sum_D r,  s1 = sum_R r x - f sum_D r x,  s2 = sum_R r x x' - f sum_D r x x'
 *     logL -= log s0;  U -= s1/s0;  I += s2/s0 - s1 s1'/s0^2
 *   logL += sum_D eta;  U += sum_D x
 * Iterate beta <- beta + I^-1 U until |1 - logL_old/logL_new| <= eps. Var(beta) = I^-1 at the final beta.
 * Tests: Wald beta' I beta, likelihood ratio 2 (logL - logL(0)), score U(0)' I(0)^-1 U(0), each on p df.
 * HR = e^beta with CI e^(beta -/+ z se). Covariates are centred internally (R does the same; the fit is invariant).
 */
import { chiSquareUpper, normalQuantile, normalTwoSided } from './distributions.js';
import { cholesky, choleskySolve, invertSpd, quadraticForm, type Matrix } from './linear-algebra.js';

export type CoxTies = 'efron' | 'breslow';

export interface CoxOptions {
  ties?: CoxTies;
  names?: string[];
  /** coxph.control eps (default 1e-9, as R). */
  eps?: number;
  /** coxph.control iter.max (default 20, as R). */
  maxit?: number;
}

export interface ChisqTest {
  chisq: number;
  df: number;
  pValue: number;
}

export interface CoxFit {
  ties: CoxTies;
  terms: string[];
  coef: number[];
  se: number[];
  z: number[];
  pValue: number[];
  hazardRatio: number[];
  hrCiLower: number[];
  hrCiUpper: number[];
  vcov: Matrix;
  logLikNull: number;
  logLik: number;
  lrTest: ChisqTest;
  waldTest: ChisqTest;
  scoreTest: ChisqTest;
  iterations: number;
  converged: boolean;
  warnings: string[];
  n: number;
  nEvent: number;
  /** R's fit$means: column means, 0 for 0/1 columns (survival >= 3). */
  means: number[];
  /** (x - means)' beta, as predict(fit, type = 'lp'). */
  linearPredictor: number[];
}

interface Data {
  /** Subjects sorted by time, descending; covariates centred. */
  time: number[];
  status: number[];
  x: number[][];
}

/** Log partial likelihood, score and information at beta (coxfit6_iter). */
export function coxLikelihood(data: Data, beta: readonly number[], ties: CoxTies): { logLik: number; u: number[]; imat: Matrix } {
  const p = beta.length;
  const { time, status, x } = data;
  const n = time.length;
  let logLik = 0;
  const u = new Array<number>(p).fill(0);
  const imat: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  let denom = 0;
  const a = new Array<number>(p).fill(0);
  const cmat: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < n; ) {
    const t = time[i];
    let ndead = 0;
    let denom2 = 0;
    const a2 = new Array<number>(p).fill(0);
    const cmat2: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (; i < n && time[i] === t; i++) {
      const xi = x[i];
      let zbeta = 0;
      for (let k = 0; k < p; k++) zbeta += beta[k] * xi[k];
      const risk = Math.exp(zbeta);
      if (status[i] === 0) {
        denom += risk;
        for (let k = 0; k < p; k++) {
          a[k] += risk * xi[k];
          for (let l = 0; l <= k; l++) cmat[k][l] += risk * xi[k] * xi[l];
        }
      } else {
        ndead++;
        denom2 += risk;
        logLik += zbeta;
        for (let k = 0; k < p; k++) {
          u[k] += xi[k];
          a2[k] += risk * xi[k];
          for (let l = 0; l <= k; l++) cmat2[k][l] += risk * xi[k] * xi[l];
        }
      }
    }
    if (ndead === 0) continue;
    // Breslow: all d events see the full risk set; Efron: the tied events leave it in d equal steps
    const steps = ties === 'breslow' || ndead === 1 ? 1 : ndead;
    const wt = ndead / steps;
    for (let s = 0; s < steps; s++) {
      denom += denom2 / steps;
      logLik -= wt * Math.log(denom);
      for (let k = 0; k < p; k++) {
        a[k] += a2[k] / steps;
        const mean = a[k] / denom;
        u[k] -= wt * mean;
        for (let l = 0; l <= k; l++) {
          cmat[k][l] += cmat2[k][l] / steps;
          imat[l][k] += (wt * (cmat[k][l] - mean * a[l])) / denom;
        }
      }
    }
  }
  for (let k = 0; k < p; k++) for (let l = 0; l < k; l++) imat[k][l] = imat[l][k];
  return { logLik, u, imat };
}

function test(chisq: number, df: number): ChisqTest {
  return { chisq, df, pValue: chiSquareUpper(chisq, df) };
}

/**
 * Fits the model; `columns` holds one array per covariate, `event` is 1 (event) or 0 (censored).
 * Throws without events or with a singular information matrix; a monotone likelihood (separation) gives a warning.
 */
export function fitCox(time: ArrayLike<number>, event: ArrayLike<number | boolean>, columns: ArrayLike<number>[], options: CoxOptions = {}): CoxFit {
  const ties = options.ties ?? 'efron';
  const eps = options.eps ?? 1e-9;
  const maxit = options.maxit ?? 20;
  const n = time.length;
  const p = columns.length;
  if (p === 0) throw new Error('Cox regression needs at least one covariate');
  if (event.length !== n || columns.some((c) => c.length !== n)) throw new Error('time, event and covariates differ in length');
  const names = options.names ?? columns.map((_, k) => `x${k + 1}`);
  const status = Array.from(event, Number);
  const nEvent = status.filter((s) => s === 1).length;
  if (status.some((s) => s !== 0 && s !== 1)) throw new Error('event must be 0 or 1');
  if (nEvent === 0) throw new Error('Cox regression needs at least one event');

  const colMean = columns.map((c) => Array.from(c).reduce((s, v) => s + v, 0) / n);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => time[b] - time[a]);
  const data: Data = {
    time: order.map((i) => time[i]),
    status: order.map((i) => status[i]),
    x: order.map((i) => columns.map((c, k) => c[i] - colMean[k])),
  };

  let beta = new Array<number>(p).fill(0);
  const start = coxLikelihood(data, beta, ties);
  const warnings: string[] = [];
  const solve = (imat: Matrix, v: number[]) => choleskySolve(cholesky(imat, 1e-12), v);
  const step0 = solve(start.imat, start.u);
  const score = start.u.reduce((s, v, k) => s + v * step0[k], 0);

  let best = start.logLik;
  let newBeta = beta.map((b, k) => b + step0[k]);
  let current = start;
  let converged = false;
  let halving = 0;
  let iterations = 0;
  for (let iter = 1; iter <= maxit; iter++) {
    iterations = iter;
    const next = coxLikelihood(data, newBeta, ties);
    const finite = Number.isFinite(next.logLik) && next.u.every(Number.isFinite) && next.imat.every((r) => r.every(Number.isFinite));
    if (finite && Math.abs(1 - best / next.logLik) <= eps) {
      beta = newBeta;
      current = next;
      best = next.logLik;
      converged = true;
      break;
    }
    if (!finite || next.logLik < best) {
      halving++; // step halving, more aggressive each time
      newBeta = newBeta.map((b, k) => (b + halving * beta[k]) / (halving + 1));
    } else {
      halving = 0;
      best = next.logLik;
      current = next;
      const step = solve(next.imat, next.u);
      beta = newBeta;
      newBeta = newBeta.map((b, k) => b + step[k]);
    }
  }
  if (!converged) {
    current = coxLikelihood(data, beta, ties);
    warnings.push(`Newton-Raphson ran out of iterations (${maxit}) and did not converge`);
  }

  const vcov = invertSpd(current.imat);
  const se = vcov.map((r, k) => Math.sqrt(r[k]));
  // as coxph: a score still large against the coefficient after convergence means the MLE is at infinity
  const infs = vcov.map((r) => Math.abs(r.reduce((s, v, l) => s + v * current.u[l], 0)));
  const tolInf = Math.sqrt(eps);
  const infinite = infs.map((v, k) => v > eps && v > tolInf * Math.abs(beta[k]));
  if (converged && infinite.some(Boolean))
    warnings.push(`log-likelihood converged before ${names.filter((_, k) => infinite[k]).join(', ')}; coefficient may be infinite (monotone likelihood / separation)`);

  const z = beta.map((b, k) => b / se[k]);
  const q = normalQuantile(0.975);
  const means = columns.map((c, k) => (Array.from(c).every((v) => v === 0 || v === 1) ? 0 : colMean[k]));
  return {
    ties,
    terms: names,
    coef: beta,
    se,
    z,
    pValue: z.map(normalTwoSided),
    hazardRatio: beta.map(Math.exp),
    hrCiLower: beta.map((b, k) => Math.exp(b - q * se[k])),
    hrCiUpper: beta.map((b, k) => Math.exp(b + q * se[k])),
    vcov,
    logLikNull: start.logLik,
    logLik: current.logLik,
    lrTest: test(2 * (current.logLik - start.logLik), p),
    waldTest: test(quadraticForm(current.imat, beta), p),
    scoreTest: test(score, p),
    iterations,
    converged,
    warnings,
    n,
    nEvent,
    means,
    linearPredictor: Array.from({ length: n }, (_, i) => columns.reduce((s, c, k) => s + (c[i] - means[k]) * beta[k], 0)),
  };
}
