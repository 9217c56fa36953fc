/**
 * Intensity histogram features (IBSI 1 section 3.4, family code ZVCW), computed on the whole 3D ROI
 * (aggregation DHQ4).
 *
 * Input: discretised intensities X_d (grey levels 1..N_g) of the N_v ROI voxels (see discretise.ts and
 * roi-values.ts). The IBSI digital phantom is used without discretisation (its intensities already are grey levels).
 * Notation: histogram n_i = count of level i, i = 1..N_g (N_g = highest level unless given, empty levels kept),
 * p_i = n_i / N_v; mu, m_r, P_q, M as in distribution.ts, evaluated on X_d.
 * Histogram gradient: H'_1 = n_2 - n_1, H'_i = (n_{i+1} - n_{i-1}) / 2 for 1 < i < N_g, H'_Ng = n_Ng - n_{Ng-1};
 * undefined (NaN) when N_g = 1. A constant ROI has m_2 = 0: skewness and kurtosis are 0 by IBSI's definition.
 */
import { ratioOrNaN, summariseSorted, type DistributionSummary } from './distribution.js';
import { AGGREGATION_3D, type FeatureInfo, type FeatureRecord } from './types.js';

export interface IntensityHistogram {
  /** n_i at index i - 1 */
  counts: Float64Array;
  /** X_d in ascending order (a counting sort of the input) */
  sorted: Float64Array;
  summary: DistributionSummary;
  /** H'_i at index i - 1 (empty when N_g = 1) */
  gradient: Float64Array;
}

export interface IntensityHistogramFeature extends FeatureInfo {
  compute(h: IntensityHistogram): number;
}

/** Histogram, sorted values, summary statistics and gradient of grey levels 1..ng. */
export function intensityHistogram(levels: ArrayLike<number>, ng?: number): IntensityHistogram {
  let top = ng ?? 0;
  for (let k = 0; k < levels.length; k++) {
    const g = levels[k];
    if (!Number.isInteger(g) || g < 1) throw new RangeError(`intensity histogram needs grey levels >= 1, got ${g}`);
    if (ng === undefined && g > top) top = g;
    if (g > top) throw new RangeError(`grey level ${g} exceeds ng = ${ng}`);
  }
  const counts = new Float64Array(top);
  for (let k = 0; k < levels.length; k++) counts[levels[k] - 1]++;
  const sorted = new Float64Array(levels.length);
  for (let i = 0, o = 0; i < top; i++) sorted.fill(i + 1, o, (o += counts[i]));
  const gradient = new Float64Array(top > 1 ? top : 0);
  if (top > 1) {
    gradient[0] = counts[1] - counts[0];
    for (let i = 1; i < top - 1; i++) gradient[i] = (counts[i + 1] - counts[i - 1]) / 2;
    gradient[top - 1] = counts[top - 1] - counts[top - 2];
  }
  return { counts, sorted, summary: summariseSorted(sorted), gradient };
}

/** Mode: the level with the highest count; ties go to the level closest to the mean, then to the lower level. */
function mode(h: IntensityHistogram): number {
  let best = NaN;
  let bestCount = 0;
  const mu = h.summary.mean;
  for (let i = 0; i < h.counts.length; i++) {
    const n = h.counts[i];
    const level = i + 1;
    // levels are scanned upwards, so a strictly closer level is needed to replace an equidistant lower one
    if (n > bestCount || (n === bestCount && n > 0 && Math.abs(level - mu) < Math.abs(best - mu))) {
      best = level;
      bestCount = n;
    }
  }
  return best;
}

/** Grey level (1-based) where the gradient is extreme; the first such level. */
function gradientArg(h: IntensityHistogram, sign: 1 | -1): number {
  let best = -1;
  for (let i = 0; i < h.gradient.length; i++) if (best < 0 || sign * h.gradient[i] > sign * h.gradient[best]) best = i;
  return best < 0 ? NaN : best + 1;
}

function gradientExtreme(h: IntensityHistogram, sign: 1 | -1): number {
  const level = gradientArg(h, sign);
  return Number.isNaN(level) ? NaN : h.gradient[level - 1];
}

export const INTENSITY_HISTOGRAM_FEATURES: readonly IntensityHistogramFeature[] = [
  /** Mean: mu = sum i p_i */
  { name: 'Mean discretised intensity', code: 'X6K6', compute: (h) => h.summary.mean },
  /** Variance: sum (i - mu)^2 p_i */
  { name: 'Discretised intensity variance', code: 'CH89', compute: (h) => h.summary.variance },
  /** Skewness: m_3 / m_2^(3/2) */
  { name: 'Discretised intensity skewness', code: '88K1', compute: (h) => h.summary.skewness },
  /** Excess kurtosis: m_4 / m_2^2 - 3 */
  { name: '(Excess) discretised intensity kurtosis', code: 'C3I7', compute: (h) => h.summary.kurtosis },
  /** Median: P_50 of X_d */
  { name: 'Median discretised intensity', code: 'WIFQ', compute: (h) => h.summary.median },
  /** Minimum: min X_d */
  { name: 'Minimum discretised intensity', code: '1PR8', compute: (h) => h.summary.minimum },
  /** 10th percentile: P_10 of X_d */
  { name: '10th discretised intensity percentile', code: 'GPMT', compute: (h) => h.summary.p10 },
  /** 90th percentile: P_90 of X_d */
  { name: '90th discretised intensity percentile', code: 'OZ0C', compute: (h) => h.summary.p90 },
  /** Maximum: max X_d */
  { name: 'Maximum discretised intensity', code: '3NCY', compute: (h) => h.summary.maximum },
  /** Mode: argmax_i n_i (ties: closest to mu, then lower) */
  { name: 'Intensity histogram mode', code: 'AMMC', compute: mode },
  /** Interquartile range: P_75 - P_25 */
  { name: 'Discretised intensity interquartile range', code: 'WR0O', compute: (h) => h.summary.p75 - h.summary.p25 },
  /** Range: max X_d - min X_d */
  { name: 'Discretised intensity range', code: '5Z3W', compute: (h) => h.summary.maximum - h.summary.minimum },
  /** Mean absolute deviation: (1/N_v) sum |X_d - mu| */
  { name: 'Intensity histogram mean absolute deviation', code: 'D2ZX', compute: (h) => h.summary.meanAbsoluteDeviation },
  /** Robust mean absolute deviation over X_d,10-90 = {x : P_10 <= x <= P_90} */
  {
    name: 'Intensity histogram robust mean absolute deviation',
    code: 'WRZB',
    compute: (h) => h.summary.robustMeanAbsoluteDeviation,
  },
  /** Median absolute deviation: (1/N_v) sum |X_d - M| */
  { name: 'Intensity histogram median absolute deviation', code: '4RNL', compute: (h) => h.summary.medianAbsoluteDeviation },
  /** Coefficient of variation: sqrt(m_2) / mu */
  {
    name: 'Intensity histogram coefficient of variation',
    code: 'CWYJ',
    compute: (h) => ratioOrNaN(Math.sqrt(h.summary.variance), h.summary.mean),
  },
  /** Quartile coefficient of dispersion: (P_75 - P_25) / (P_75 + P_25) */
  {
    name: 'Intensity histogram quartile coefficient of dispersion',
    code: 'SLWD',
    compute: (h) => ratioOrNaN(h.summary.p75 - h.summary.p25, h.summary.p75 + h.summary.p25),
  },
  /** Entropy: -sum p_i log2 p_i (PyRadiomics' firstorder Entropy, which adds eps inside the log) */
  {
    name: 'Discretised intensity entropy',
    code: 'TLU2',
    pyradiomics: 'Entropy',
    compute: (h) => {
      let e = 0;
      for (const n of h.counts) if (n > 0) e -= (n / h.summary.count) * Math.log2(n / h.summary.count);
      return h.summary.count ? e : NaN;
    },
  },
  /** Uniformity: sum p_i^2 (PyRadiomics' firstorder Uniformity) */
  {
    name: 'Discretised intensity uniformity',
    code: 'BJ5W',
    pyradiomics: 'Uniformity',
    compute: (h) => (h.summary.count ? h.counts.reduce((u, n) => u + (n / h.summary.count) ** 2, 0) : NaN),
  },
  /** Maximum histogram gradient: max H' */
  { name: 'Maximum histogram gradient', code: '12CE', compute: (h) => gradientExtreme(h, 1) },
  /** Maximum histogram gradient intensity: argmax_i H'_i */
  { name: 'Maximum histogram gradient intensity', code: '8E6O', compute: (h) => gradientArg(h, 1) },
  /** Minimum histogram gradient: min H' */
  { name: 'Minimum histogram gradient', code: 'VQB3', compute: (h) => gradientExtreme(h, -1) },
  /** Minimum histogram gradient intensity: argmin_i H'_i */
  { name: 'Minimum histogram gradient intensity', code: 'RHQZ', compute: (h) => gradientArg(h, -1) },
];

/**
 * Intensity histogram records (family "intensity histogram", aggregation DHQ4) from the ROI's grey levels
 * (integers 1..ng; ng defaults to the highest level present).
 */
export function intensityHistogramFeatureRecords(levels: ArrayLike<number>, ng?: number): FeatureRecord[] {
  const h = intensityHistogram(levels, ng);
  return INTENSITY_HISTOGRAM_FEATURES.map((f) => ({
    name: f.name,
    family: 'intensity histogram',
    ibsi_code: f.code,
    aggregation_code: AGGREGATION_3D.code,
    aggregation: AGGREGATION_3D.label,
    value: f.compute(h),
  }));
}
