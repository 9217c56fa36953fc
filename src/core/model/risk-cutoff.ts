/**
 * Cut-off on a model score that splits patients into high- and low-risk groups (fixed on the training set).
 *
 *  median:  the training median of the score (R: median()).
 *  youden:  the threshold maximising sensitivity + specificity - 1 for the binary endpoint (pROC coords 'best',
 *           roc.ts): pROC calls "positive" a score > threshold.
 *  maxstat: the maximally selected log-rank statistic of Lausen & Schumacher (1992), as R's
 *           maxstat::maxstat.test(Surv(time, event) ~ score, smethod = "LogRank", minprop = 0.1, maxprop = 0.9):
 *    log-rank scores (exactRankTests::cscores): with r_i the rank of time_i, ties given their largest rank,
 *      a_i = event_i - sum_{k: r_k <= r_i} event_k / (N - r_k + 1)
 *    rows sorted by score x; for each m = number of rows below a distinct x value with
 *      max(1, floor(N minprop)) <= m <= floor(N maxprop):
 *      S_m = sum of the first m scores, E = m/N sum a, V = m (N - m)/(N^2 (N - 1)) (N sum a^2 - (sum a)^2),
 *      M_m = |S_m - E| / sqrt(V); the cut-off is the largest x of the low group at the first maximal M.
 *    p-values: Lausen & Schumacher 1992 ("Lau92") and the improved Bonferroni bound of Lausen, Sauerbrei &
 *    Schumacher 1994 ("Lau94"), both as maxstat computes them (Lau94 is not capped at 1).
 * Convention: the score predicts response, so high risk = score <= cut-off (option `highRisk: 'above'` flips it).
 */
import { normalPdf, normalUpper } from '../stats/distributions.js';
import { quantileType7 } from '../stats/calibration.js';
import { youden } from '../stats/roc.js';

export type CutoffMethod = 'median' | 'youden' | 'maxstat';

/** exactRankTests::cscores(Surv(time, event), type = 'LogRank'). */
export function logrankScores(time: ArrayLike<number>, event: ArrayLike<number>): number[] {
  const n = time.length;
  const ot = Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a] - time[b] || a - b);
  const rank = new Array<number>(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && time[ot[j + 1]] === time[ot[i]]) j++;
    for (let k = i; k <= j; k++) rank[ot[k]] = j + 1; // ties get their largest rank
    i = j + 1;
  }
  const cum = new Array<number>(n);
  let s = 0;
  ot.forEach((idx, k) => {
    s += event[idx] / (n - rank[idx] + 1);
    cum[k] = s;
  });
  return Array.from({ length: n }, (_, i) => event[i] - cum[rank[i] - 1]);
}

export interface MaxstatResult {
  statistic: number;
  /** Estimated cut-off: low group x <= estimate. */
  estimate: number;
  cuts: number[];
  stats: number[];
  pLausen92: number;
  pLausen94: number;
}

/** maxstat's Lau92 p-value approximation. */
export function pLausen92(b: number, minprop = 0.1, maxprop = 0.9): number {
  if (b < 1) return 1;
  const db = normalPdf(b);
  const p = (4 * db) / b + db * (b - 1 / b) * Math.log((maxprop * (1 - minprop)) / ((1 - maxprop) * minprop));
  return Math.max(p, 0);
}

/** maxstat's Lau94 p-value approximation over the candidate split sizes m. */
export function pLausen94(b: number, n: number, m: readonly number[]): number {
  let d = 0;
  for (let k = 0; k + 1 < m.length; k++) {
    const m1 = m[k];
    const m2 = m[k + 1];
    const t = Math.sqrt(1 - (m1 * (n - m2)) / ((n - m1) * m2));
    d += (1 / Math.PI) * Math.exp((-b * b) / 2) * (t - ((b * b) / 4 - 1) * (t * t * t) / 6);
  }
  return 2 * normalUpper(b) + d;
}

/** Maximally selected rank statistic of `scores` (e.g. log-rank scores) over cut-points of x. */
export function maxstat(scores: ArrayLike<number>, x: ArrayLike<number>, options: { minprop?: number; maxprop?: number } = {}): MaxstatResult {
  const minprop = options.minprop ?? 0.1;
  const maxprop = options.maxprop ?? 0.9;
  const n = scores.length;
  if (x.length !== n) throw new Error('scores and x differ in length');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  const ys = order.map((i) => scores[i]);
  const xs = order.map((i) => x[i]);
  let m: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || xs[i] !== xs[i - 1]) m.push(i);
  if (minprop === 0 && maxprop === 1) m = m.slice(1, m.length - 1);
  else {
    const lo = Math.max(1, Math.floor(n * minprop));
    const hi = Math.floor(n * maxprop);
    m = m.filter((v) => v >= lo && v <= hi);
  }
  if (m.length < 1) throw new Error('no cut-point between minprop and maxprop');
  const ss = ys.reduce((s, v) => s + v, 0);
  const ss2 = ys.reduce((s, v) => s + v * v, 0);
  const cum: number[] = [];
  ys.reduce((s, v, i) => (cum[i] = s + v), 0);
  const stats = m.map((mk) => {
    const e = (mk / n) * ss;
    const v = ((mk * (n - mk)) / (n * n * (n - 1))) * (n * ss2 - ss * ss);
    return Math.abs((cum[mk - 1] - e) / Math.sqrt(v));
  });
  const statistic = Math.max(...stats);
  const at = stats.indexOf(statistic);
  return {
    statistic,
    estimate: xs[m[at] - 1],
    cuts: m.map((mk) => xs[mk - 1]),
    stats,
    pLausen92: pLausen92(statistic, minprop, maxprop),
    pLausen94: pLausen94(statistic, n, m),
  };
}

export interface RiskCutoff {
  method: CutoffMethod;
  cutoff: number;
  highRisk: 'below' | 'above';
  /** maxstat details when method = 'maxstat'. */
  maxstat?: MaxstatResult;
}

export interface RiskCutoffInput {
  score: ArrayLike<number>;
  /** Binary endpoint (1 = responder), for 'youden'. */
  y?: ArrayLike<number>;
  /** Survival outcome, for 'maxstat'. */
  time?: ArrayLike<number>;
  event?: ArrayLike<number>;
}

export function riskCutoff(input: RiskCutoffInput, method: CutoffMethod, options: { highRisk?: 'below' | 'above'; minprop?: number; maxprop?: number } = {}): RiskCutoff {
  const highRisk = options.highRisk ?? 'below';
  if (method === 'median') return { method, cutoff: quantileType7(input.score, [0.5])[0], highRisk };
  if (method === 'youden') {
    if (!input.y) throw new Error('the Youden cut-off needs the binary endpoint');
    return { method, cutoff: youden(input.score, input.y).threshold, highRisk };
  }
  if (!input.time || !input.event) throw new Error('the maxstat cut-off needs survival times and events');
  const ms = maxstat(logrankScores(input.time, input.event), input.score, options);
  return { method, cutoff: ms.estimate, highRisk, maxstat: ms };
}

/** 1 = high risk, 0 = low risk. */
export function riskGroupOf(score: number, cut: Pick<RiskCutoff, 'cutoff' | 'highRisk'>): 0 | 1 {
  const below = score <= cut.cutoff;
  return (cut.highRisk === 'below' ? below : !below) ? 1 : 0;
}
