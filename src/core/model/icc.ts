/**
 * Intraclass correlation for feature reproducibility between repeat segmentations (readers), from the two-way
 * ANOVA of an n subjects x k raters table without replication (Shrout & Fleiss 1979; McGraw & Wong 1996):
 *   MSR = k sum_i (mean_i. - mean..)^2 / (n - 1)                  between subjects
 *   MSC = n sum_j (mean_.j - mean..)^2 / (k - 1)                  between raters
 *   MSE = sum_ij (x_ij - mean_i. - mean_.j + mean..)^2 / ((n - 1)(k - 1))
 *   ICC(3,1) two-way mixed, consistency, single rater:   (MSR - MSE) / (MSR + (k - 1) MSE)
 *   ICC(2,1) two-way random, absolute agreement, single: (MSR - MSE) / (MSR + (k - 1) MSE + k (MSC - MSE) / n)
 * These are psych::ICC's ICC3 ("Single_fixed_raters") and ICC2 ("Single_random_raters"). ICC(3,1) ignores a
 * systematic offset between readers; ICC(2,1) penalises it, so it is the stricter choice. Radiomics studies keep
 * features with ICC >= 0.75 (good reliability, Koo & Li 2016).
 */

export type IccType = 'ICC(3,1)' | 'ICC(2,1)';

export interface IccResult {
  icc: number;
  type: IccType;
  msr: number;
  msc: number;
  mse: number;
  n: number;
  k: number;
}

/** ICC of one feature; ratings[j][i] = value of subject i by rater j (k >= 2 raters, n >= 2 subjects). */
export function intraclassCorrelation(ratings: readonly ArrayLike<number>[], type: IccType = 'ICC(3,1)'): IccResult {
  const k = ratings.length;
  if (k < 2) throw new Error('the ICC needs at least two readers');
  const n = ratings[0].length;
  if (n < 2) throw new Error('the ICC needs at least two subjects');
  for (const r of ratings) if (r.length !== n) throw new Error('every reader must rate the same subjects');
  let grand = 0;
  const rowMean = new Array<number>(n).fill(0);
  const colMean = new Array<number>(k).fill(0);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < n; i++) {
      const v = ratings[j][i];
      if (!Number.isFinite(v)) throw new Error(`reader ${j + 1}, subject ${i + 1}: value is not finite`);
      rowMean[i] += v / k;
      colMean[j] += v / n;
      grand += v;
    }
  }
  grand /= n * k;
  let ssr = 0;
  let ssc = 0;
  let sse = 0;
  for (let i = 0; i < n; i++) ssr += (rowMean[i] - grand) ** 2;
  for (let j = 0; j < k; j++) ssc += (colMean[j] - grand) ** 2;
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) sse += (ratings[j][i] - rowMean[i] - colMean[j] + grand) ** 2;
  const msr = (k * ssr) / (n - 1);
  const msc = (n * ssc) / (k - 1);
  const mse = sse / ((n - 1) * (k - 1));
  const icc = type === 'ICC(3,1)' ? (msr - mse) / (msr + (k - 1) * mse) : (msr - mse) / (msr + (k - 1) * mse + (k * (msc - mse)) / n);
  return { icc, type, msr, msc, mse, n, k };
}
