/**
 * Two-sample univariate tests used to screen features and clinical variables, as R computes them.
 *
 * Mann-Whitney U (R: wilcox.test(x, y, exact = FALSE, correct = TRUE)):
 *   ranks r of c(x, y) with ties averaged; W = sum_{i in x} r_i - n_x (n_x + 1)/2 (= U of x);
 *   sigma = sqrt(n_x n_y / 12 * ((n_x + n_y + 1) - sum_t (t^3 - t) / ((n_x + n_y)(n_x + n_y - 1)))), t = tie sizes;
 *   z = (W - n_x n_y / 2 - 0.5 sign(W - n_x n_y / 2)) / sigma;  p = 2 min(P(Z <= z), P(Z > z)).
 *   AUC of x over y = W / (n_x n_y) (ties count 1/2).
 * Welch t (R: t.test(x, y), var.equal = FALSE):
 *   se = sqrt(v_x/n_x + v_y/n_y); df = se^4 / ((v_x/n_x)^2/(n_x - 1) + (v_y/n_y)^2/(n_y - 1));
 *   t = (mean_x - mean_y)/se; p = 2 P(T_df > |t|); CI = mean_x - mean_y -/+ qt(1 - alpha/2, df) se.
 * Benjamini-Hochberg (R: p.adjust(p, 'BH')): p_(i) n / i, cumulative minimum from the largest p down, capped at 1.
 */
import { normalCdf, normalUpper } from '../stats/distributions.js';
import { studentTQuantile, studentTTwoSided } from '../stats/student-t.js';

/** Ranks 1..n with ties given their average rank (R: rank(x), ties.method = 'average'), plus the tie sizes. */
export function averageRanks(values: ArrayLike<number>): { ranks: number[]; ties: number[] } {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(n);
  const ties: number[] = [];
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const r = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    ties.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, ties };
}

export interface MannWhitneyResult {
  /** R's W: rank sum of x minus n_x (n_x + 1)/2. */
  statistic: number;
  z: number;
  pValue: number;
  /** W / (n_x n_y): probability that an x exceeds a y, ties 1/2. */
  auc: number;
  nX: number;
  nY: number;
}

function finiteValues(v: ArrayLike<number>, what: string): number[] {
  const out = Array.from(v);
  out.forEach((x, i) => {
    if (!Number.isFinite(x)) throw new Error(`${what}[${i}] is not a finite number`);
  });
  return out;
}

/** Wilcoxon rank-sum / Mann-Whitney U test, normal approximation with tie and continuity correction. */
export function mannWhitneyTest(xIn: ArrayLike<number>, yIn: ArrayLike<number>): MannWhitneyResult {
  const x = finiteValues(xIn, 'x');
  const y = finiteValues(yIn, 'y');
  const nX = x.length;
  const nY = y.length;
  if (nX === 0 || nY === 0) throw new Error('the Mann-Whitney test needs observations in both groups');
  const { ranks, ties } = averageRanks([...x, ...y]);
  let rankSum = 0;
  for (let i = 0; i < nX; i++) rankSum += ranks[i];
  const statistic = rankSum - (nX * (nX + 1)) / 2;
  const n = nX + nY;
  const tieTerm = ties.reduce((s, t) => s + t * t * t - t, 0);
  const sigma = Math.sqrt(((nX * nY) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const centred = statistic - (nX * nY) / 2;
  const z = (centred - 0.5 * Math.sign(centred)) / sigma;
  const pValue = sigma > 0 ? 2 * Math.min(normalCdf(z), normalUpper(z)) : NaN;
  return { statistic, z, pValue, auc: statistic / (nX * nY), nX, nY };
}

export interface WelchResult {
  t: number;
  df: number;
  pValue: number;
  meanX: number;
  meanY: number;
  stderr: number;
  confInt: [number, number];
  confLevel: number;
}

function meanVar(v: number[]): { mean: number; variance: number } {
  const mean = v.reduce((s, a) => s + a, 0) / v.length;
  // two-pass with R's mean refinement: mean += mean(v - mean)
  const corr = v.reduce((s, a) => s + (a - mean), 0) / v.length;
  const m = mean + corr;
  const variance = v.reduce((s, a) => s + (a - m) * (a - m), 0) / (v.length - 1);
  return { mean: m, variance };
}

/** Welch two-sample t test (unequal variances). */
export function welchTTest(xIn: ArrayLike<number>, yIn: ArrayLike<number>, confLevel = 0.95): WelchResult {
  const x = finiteValues(xIn, 'x');
  const y = finiteValues(yIn, 'y');
  if (x.length < 2 || y.length < 2) throw new Error('the Welch t test needs at least two observations per group');
  const mx = meanVar(x);
  const my = meanVar(y);
  const sx = mx.variance / x.length;
  const sy = my.variance / y.length;
  const stderr = Math.sqrt(sx + sy);
  if (!(stderr > 0)) throw new Error('data are essentially constant: the t statistic is undefined');
  const df = (stderr * stderr * stderr * stderr) / ((sx * sx) / (x.length - 1) + (sy * sy) / (y.length - 1));
  const t = (mx.mean - my.mean) / stderr;
  const q = studentTQuantile(1 - (1 - confLevel) / 2, df);
  const diff = mx.mean - my.mean;
  return {
    t,
    df,
    pValue: studentTTwoSided(t, df),
    meanX: mx.mean,
    meanY: my.mean,
    stderr,
    confInt: [diff - q * stderr, diff + q * stderr],
    confLevel,
  };
}

/** Benjamini-Hochberg adjusted p-values (R: p.adjust(p, 'BH')). */
export function adjustBH(p: readonly number[]): number[] {
  const n = p.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b] - p[a] || a - b);
  const out = new Array<number>(n);
  let running = Infinity;
  order.forEach((idx, k) => {
    const rank = n - k; // i in R's lp:1
    running = Math.min(running, (n / rank) * p[idx]);
    out[idx] = Math.min(1, running);
  });
  return out;
}

/** Pearson correlation of two equal-length arrays (NaN when either is constant). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Spearman correlation: Pearson correlation of average ranks (R: cor(x, y, method = 'spearman')). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(averageRanks(a).ranks, averageRanks(b).ranks);
}
