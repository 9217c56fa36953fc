/**
 * Feature reduction before LASSO, each step on the training set only and each returning what it kept and why it
 * dropped the rest (so the model file and the report can document the funnel).
 *
 *  variance:     drop features whose sample variance is <= threshold (default 0: constant features).
 *  icc:          drop features whose inter-reader ICC (icc.ts, default ICC(3,1)) is below threshold (default 0.75).
 *  univariate:   keep features whose two-sample test of responders vs non-responders has p < alpha (default 0.05),
 *                Mann-Whitney U (default) or Welch t, optionally BH-adjusted.
 *  correlation:  for pairs with |r| > threshold (default 0.9; Pearson or Spearman), keep the feature more associated
 *                with the outcome. Done greedily: features are visited from the strongest association |AUC - 1/2|
 *                (Mann-Whitney AUC) to the weakest, and one is kept when its |r| with every feature kept so far is
 *                <= threshold. Each dropped feature names the stronger feature that removed it.
 */
import { intraclassCorrelation, type IccType } from './icc.js';
import { adjustBH, mannWhitneyTest, pearson, spearman, welchTTest } from './univariate.js';

export interface FilterStep {
  step: string;
  /** Indices (into the input columns) kept, ascending. */
  kept: number[];
  dropped: { index: number; reason: string }[];
}

function sampleVariance(c: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < c.length; i++) m += c[i];
  m /= c.length;
  let ss = 0;
  for (let i = 0; i < c.length; i++) ss += (c[i] - m) ** 2;
  return ss / (c.length - 1);
}

export function varianceFilter(columns: readonly ArrayLike<number>[], threshold = 0): FilterStep {
  const out: FilterStep = { step: `variance > ${threshold}`, kept: [], dropped: [] };
  columns.forEach((c, j) => {
    const v = sampleVariance(c);
    if (Number.isFinite(v) && v > threshold) out.kept.push(j);
    else out.dropped.push({ index: j, reason: `variance ${v} <= ${threshold}` });
  });
  return out;
}

/** readers[r][j] = feature j of every patient as segmented by reader r (same patient order for all readers). */
export function iccFilter(readers: readonly (readonly ArrayLike<number>[])[], options: { threshold?: number; type?: IccType } = {}): FilterStep & { icc: number[] } {
  const threshold = options.threshold ?? 0.75;
  const type = options.type ?? 'ICC(3,1)';
  if (readers.length < 2) throw new Error('the ICC filter needs feature values from at least two readers');
  const p = readers[0].length;
  const out: FilterStep & { icc: number[] } = { step: `${type} >= ${threshold}`, kept: [], dropped: [], icc: [] };
  for (let j = 0; j < p; j++) {
    const icc = intraclassCorrelation(readers.map((r) => r[j]), type).icc;
    out.icc.push(icc);
    if (icc >= threshold) out.kept.push(j);
    else out.dropped.push({ index: j, reason: `${type} ${icc.toFixed(3)} < ${threshold}` });
  }
  return out;
}

export interface UnivariateOptions {
  test?: 'mann-whitney' | 'welch';
  alpha?: number;
  adjust?: 'none' | 'BH';
}

/** Two-sample screen of each column by outcome y (0/1); pValue holds the (adjusted) p of every column. */
export function univariateFilter(columns: readonly ArrayLike<number>[], y: ArrayLike<number>, options: UnivariateOptions = {}): FilterStep & { pValue: number[] } {
  const test = options.test ?? 'mann-whitney';
  const alpha = options.alpha ?? 0.05;
  const raw = columns.map((c) => {
    const pos: number[] = [];
    const neg: number[] = [];
    for (let i = 0; i < c.length; i++) (y[i] === 1 ? pos : neg).push(c[i]);
    if (test === 'mann-whitney') return mannWhitneyTest(pos, neg).pValue;
    try {
      return welchTTest(pos, neg).pValue;
    } catch {
      return NaN; // constant in both groups
    }
  });
  const pValue = options.adjust === 'BH' ? adjustBH(raw) : raw;
  const out: FilterStep & { pValue: number[] } = { step: `${test} p${options.adjust === 'BH' ? ' (BH)' : ''} < ${alpha}`, kept: [], dropped: [], pValue };
  pValue.forEach((p, j) => {
    if (p < alpha) out.kept.push(j);
    else out.dropped.push({ index: j, reason: `p = ${Number.isNaN(p) ? 'NA' : p.toPrecision(3)} >= ${alpha}` });
  });
  return out;
}

/** |AUC - 1/2| of each column for outcome y: the association used to break correlated pairs. */
export function outcomeAssociation(columns: readonly ArrayLike<number>[], y: ArrayLike<number>): number[] {
  return columns.map((c) => {
    const pos: number[] = [];
    const neg: number[] = [];
    for (let i = 0; i < c.length; i++) (y[i] === 1 ? pos : neg).push(c[i]);
    return Math.abs(mannWhitneyTest(pos, neg).auc - 0.5);
  });
}

export function correlationFilter(
  columns: readonly ArrayLike<number>[],
  association: readonly number[],
  options: { threshold?: number; method?: 'pearson' | 'spearman'; names?: readonly string[] } = {},
): FilterStep {
  const threshold = options.threshold ?? 0.9;
  const cor = options.method === 'spearman' ? spearman : pearson;
  const name = (j: number) => options.names?.[j] ?? `#${j}`;
  const order = columns.map((_, j) => j).sort((a, b) => association[b] - association[a] || a - b);
  const kept: number[] = [];
  const out: FilterStep = { step: `|${options.method ?? 'pearson'} r| <= ${threshold}`, kept: [], dropped: [] };
  for (const j of order) {
    let blocker = -1;
    let rBlock = 0;
    for (const k of kept) {
      const r = cor(columns[j], columns[k]);
      if (Math.abs(r) > threshold) {
        blocker = k;
        rBlock = r;
        break;
      }
    }
    if (blocker < 0) kept.push(j);
    else out.dropped.push({ index: j, reason: `|r| = ${Math.abs(rBlock).toFixed(3)} with ${name(blocker)}, which is more associated with the outcome` });
  }
  out.kept = kept.sort((a, b) => a - b);
  out.dropped.sort((a, b) => a.index - b.index);
  return out;
}
