/**
 * Summary statistics of a set of ROI values, shared by the intensity-based statistics family (on raw intensities
 * X_gl) and the intensity histogram family (on discretised intensities X_d), whose first 17 features have the
 * same definitions (IBSI 1 sections 3.3 and 3.4).
 *
 * Notation: N values x_k, mean mu, population moments m_r = (1/N) sum (x_k - mu)^r; P_q the q-th percentile.
 * Percentiles interpolate linearly between order statistics (Hyndman-Fan type 7, numpy's default, which
 * PyRadiomics uses): P_q = x_(h) with h = (N - 1) q / 100 on the 0-based sorted values.
 */

/** Linear-interpolation percentile (type 7) of ascending `sorted`, q in [0, 100]. NaN when empty. */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = ((n - 1) * q) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface DistributionSummary {
  count: number;
  mean: number;
  /** m_2 (no bias correction) */
  variance: number;
  /** m_3 / m_2^(3/2); 0 when m_2 = 0 (IBSI) */
  skewness: number;
  /** excess kurtosis m_4 / m_2^2 - 3; 0 when m_2 = 0 (IBSI) */
  kurtosis: number;
  median: number;
  minimum: number;
  p10: number;
  p25: number;
  p75: number;
  p90: number;
  maximum: number;
  /** (1/N) sum |x_k - mu| */
  meanAbsoluteDeviation: number;
  /** mean absolute deviation from their own mean of the values with P10 <= x <= P90 */
  robustMeanAbsoluteDeviation: number;
  /** (1/N) sum |x_k - median| */
  medianAbsoluteDeviation: number;
  /** sum x_k^2 */
  energy: number;
}

/** Statistics of ascending `sorted` values; every field NaN (count 0) when empty. */
export function summariseSorted(sorted: Float64Array): DistributionSummary {
  const n = sorted.length;
  let sum = 0;
  let energy = 0;
  for (let k = 0; k < n; k++) {
    sum += sorted[k];
    energy += sorted[k] * sorted[k];
  }
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let mad = 0;
  for (let k = 0; k < n; k++) {
    const d = sorted[k] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
    mad += Math.abs(d);
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const median = percentileSorted(sorted, 50);
  const p10 = percentileSorted(sorted, 10);
  const p90 = percentileSorted(sorted, 90);
  let medad = 0;
  let robustSum = 0;
  let robustCount = 0;
  for (let k = 0; k < n; k++) {
    medad += Math.abs(sorted[k] - median);
    if (sorted[k] >= p10 && sorted[k] <= p90) {
      robustSum += sorted[k];
      robustCount++;
    }
  }
  const robustMean = robustSum / robustCount;
  let rmad = 0;
  for (let k = 0; k < n; k++) if (sorted[k] >= p10 && sorted[k] <= p90) rmad += Math.abs(sorted[k] - robustMean);
  const spread = m2 > 0;
  return {
    count: n,
    mean,
    variance: m2,
    skewness: n === 0 ? NaN : spread ? m3 / m2 ** 1.5 : 0,
    kurtosis: n === 0 ? NaN : spread ? m4 / (m2 * m2) - 3 : 0,
    median,
    minimum: n ? sorted[0] : NaN,
    p10,
    p25: percentileSorted(sorted, 25),
    p75: percentileSorted(sorted, 75),
    p90,
    maximum: n ? sorted[n - 1] : NaN,
    meanAbsoluteDeviation: mad / n,
    robustMeanAbsoluteDeviation: rmad / robustCount,
    medianAbsoluteDeviation: medad / n,
    energy: n ? energy : NaN,
  };
}

/** a / b, or NaN where the quotient is not finite (zero divisor, NaN input). */
export function ratioOrNaN(a: number, b: number): number {
  const r = a / b;
  return Number.isFinite(r) ? r : NaN;
}
