/**
 * Calibration of predicted probabilities p_i against 0/1 outcomes y_i.
 *
 * Hosmer-Lemeshow: G groups; O1_g = sum y, E1_g = sum p, O0_g = n_g - O1_g, E0_g = n_g - E1_g;
 * C = sum_g (O1 - E1)^2/E1 + (O0 - E0)^2/E0, df = G - 2, p = P(chi2_df > C). Two grouping rules:
 *   'quantile'    (rule A, ResourceSelection::hoslem.test): breaks = unique(quantile(p, 0:G/G, type = 7)),
 *                 groups = cut(p, breaks, right = TRUE, include.lowest = TRUE); df stays G - 2 even if breaks tie.
 *   'equal-count' (rule B): group = ceiling(G * rank(p, ties.method = 'first') / n).
 * Logistic recalibration (rms::val.prob 'Intercept'/'Slope'): glm(y ~ logit(p), binomial) -> a, b;
 * calibration-in-the-large: glm(y ~ offset(logit(p)), binomial) intercept (slope fixed at 1); Brier = mean((p - y)^2).
 */
import { chiSquareUpper } from './distributions.js';

export type HosmerLemeshowRule = 'quantile' | 'equal-count';

export interface HosmerLemeshowResult {
  chisq: number;
  df: number;
  pValue: number;
  rule: HosmerLemeshowRule;
  /** Quantile rule only: the unique type-7 quantile breaks. */
  breaks?: number[];
  /** Group (1-based) of each input row. */
  groupOfRow: number[];
  table: {
    group: number[];
    n: number[];
    observedEvents: number[];
    expectedEvents: number[];
    meanPredicted: number[];
    minPredicted: number[];
    maxPredicted: number[];
    observedNonevents: number[];
    expectedNonevents: number[];
    observedRate: number[];
  };
}

/** R quantile(x, probs, type = 7): (1 - h) x[lo] + h x[hi] with index = 1 + (n - 1) prob. */
export function quantileType7(x: ArrayLike<number>, probs: readonly number[]): number[] {
  const s = Array.from(x).sort((a, b) => a - b);
  const n = s.length;
  return probs.map((prob) => {
    const index = 1 + Math.max(n - 1, 0) * prob;
    const lo = Math.floor(index);
    const hi = Math.ceil(index);
    const qs = s[lo - 1];
    const h = index - lo;
    return index > lo && s[hi - 1] !== qs ? (1 - h) * qs + h * s[hi - 1] : qs;
  });
}

/** Groups by rule A: R's .bincode(p, breaks, right = TRUE, include.lowest = TRUE). */
function quantileGroups(p: ArrayLike<number>, groups: number): { breaks: number[]; group: number[] } {
  const probs = Array.from({ length: groups + 1 }, (_, k) => Math.min(k * (1 / groups), 1)); // R: seq(0, 1, 1/g)
  const breaks = [...new Set(quantileType7(p, probs))];
  const group = Array.from(p, (v) => {
    if (v === breaks[0]) return 1;
    for (let k = 1; k < breaks.length; k++) if (v > breaks[k - 1] && v <= breaks[k]) return k;
    return NaN;
  });
  return { breaks, group };
}

/** Groups by rule B: ceiling(G rank / n), ranks breaking ties by position. */
function equalCountGroups(p: ArrayLike<number>, groups: number): number[] {
  const n = p.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  const group = new Array<number>(n);
  order.forEach((i, r) => (group[i] = Math.ceil((groups * (r + 1)) / n)));
  return group;
}

/** Hosmer-Lemeshow goodness-of-fit test (R: ResourceSelection::hoslem.test(y, p, g) for the quantile rule). */
export function hosmerLemeshow(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { groups?: number; rule?: HosmerLemeshowRule } = {},
): HosmerLemeshowResult {
  const G = options.groups ?? 10;
  const rule = options.rule ?? 'quantile';
  if (p.length !== y.length) throw new Error('predictions and outcomes differ in length');
  let breaks: number[] | undefined;
  let groupOfRow: number[];
  if (rule === 'quantile') ({ breaks, group: groupOfRow } = quantileGroups(p, G));
  else groupOfRow = equalCountGroups(p, G);
  const nGroups = rule === 'quantile' ? breaks!.length - 1 : G;
  const t = {
    group: Array.from({ length: nGroups }, (_, k) => k + 1),
    n: new Array<number>(nGroups).fill(0),
    observedEvents: new Array<number>(nGroups).fill(0),
    expectedEvents: new Array<number>(nGroups).fill(0),
    meanPredicted: new Array<number>(nGroups).fill(0),
    minPredicted: new Array<number>(nGroups).fill(Infinity),
    maxPredicted: new Array<number>(nGroups).fill(-Infinity),
    observedNonevents: new Array<number>(nGroups).fill(0),
    expectedNonevents: new Array<number>(nGroups).fill(0),
    observedRate: new Array<number>(nGroups).fill(0),
  };
  for (let i = 0; i < p.length; i++) {
    const g = groupOfRow[i] - 1;
    t.n[g]++;
    t.observedEvents[g] += y[i];
    t.expectedEvents[g] += p[i];
    t.observedNonevents[g] += 1 - y[i];
    t.expectedNonevents[g] += 1 - p[i];
    t.minPredicted[g] = Math.min(t.minPredicted[g], p[i]);
    t.maxPredicted[g] = Math.max(t.maxPredicted[g], p[i]);
  }
  let chisq = 0;
  for (let g = 0; g < nGroups; g++) {
    t.meanPredicted[g] = t.expectedEvents[g] / t.n[g];
    t.observedRate[g] = t.observedEvents[g] / t.n[g];
    chisq += (t.observedEvents[g] - t.expectedEvents[g]) ** 2 / t.expectedEvents[g];
    chisq += (t.observedNonevents[g] - t.expectedNonevents[g]) ** 2 / t.expectedNonevents[g];
  }
  const df = G - 2;
  return { chisq, df, pValue: chiSquareUpper(chisq, df), rule, breaks, groupOfRow, table: t };
}

/** Brier score mean((p - y)^2). */
export function brierScore(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i] - y[i]) ** 2;
  return s / p.length;
}
