/**
 * Intensity-based statistical features (IBSI 1 section 3.3, family code UHIW), computed on the whole 3D ROI
 * (aggregation DHQ4).
 *
 * Input: the intensities X_gl of the N_v voxels in the ROI intensity mask as a plain array (see roi-values.ts).
 * Notation as in distribution.ts: mean mu, population central moments m_r = (1/N_v) sum (X_k - mu)^r (no bias
 * correction), percentiles P_q by linear interpolation (numpy / PyRadiomics), median M = P_50.
 * Degenerate ROIs: a constant ROI has m_2 = 0, for which IBSI defines skewness and kurtosis as 0; ratios whose
 * divisor is 0 (coefficient of variation with mu = 0, ...) are NaN; an empty ROI gives NaN throughout.
 */
import { ratioOrNaN, summariseSorted, type DistributionSummary } from './distribution.js';
import { AGGREGATION_3D, type FeatureInfo, type FeatureRecord } from './types.js';

export interface IntensityStatisticsFeature extends FeatureInfo {
  compute(s: DistributionSummary): number;
}

export const INTENSITY_STATISTICS_FEATURES: readonly IntensityStatisticsFeature[] = [
  /** Mean: mu = (1/N_v) sum X_k */
  { name: 'Mean intensity', code: 'Q4LE', pyradiomics: 'Mean', compute: (s) => s.mean },
  /** Variance: m_2 */
  { name: 'Intensity variance', code: 'ECT3', pyradiomics: 'Variance', compute: (s) => s.variance },
  /** Skewness: m_3 / m_2^(3/2) */
  { name: 'Intensity skewness', code: 'KE2A', pyradiomics: 'Skewness', compute: (s) => s.skewness },
  /** Excess kurtosis: m_4 / m_2^2 - 3. PyRadiomics' Kurtosis omits the -3 (it equals this + 3). */
  { name: '(Excess) intensity kurtosis', code: 'IPH6', pyradiomics: 'Kurtosis', compute: (s) => s.kurtosis },
  /** Median: P_50 */
  { name: 'Median intensity', code: 'Y12H', pyradiomics: 'Median', compute: (s) => s.median },
  /** Minimum: min X */
  { name: 'Minimum intensity', code: '1GSF', pyradiomics: 'Minimum', compute: (s) => s.minimum },
  /** 10th percentile: P_10 */
  { name: '10th intensity percentile', code: 'QG58', pyradiomics: '10Percentile', compute: (s) => s.p10 },
  /** 90th percentile: P_90 */
  { name: '90th intensity percentile', code: '8DWT', pyradiomics: '90Percentile', compute: (s) => s.p90 },
  /** Maximum: max X */
  { name: 'Maximum intensity', code: '84IY', pyradiomics: 'Maximum', compute: (s) => s.maximum },
  /** Interquartile range: P_75 - P_25 */
  { name: 'Intensity interquartile range', code: 'SALO', pyradiomics: 'InterquartileRange', compute: (s) => s.p75 - s.p25 },
  /** Range: max X - min X */
  { name: 'Intensity range', code: '2OJQ', pyradiomics: 'Range', compute: (s) => s.maximum - s.minimum },
  /** Mean absolute deviation: (1/N_v) sum |X_k - mu| */
  {
    name: 'Intensity-based mean absolute deviation',
    code: '4FUA',
    pyradiomics: 'MeanAbsoluteDeviation',
    compute: (s) => s.meanAbsoluteDeviation,
  },
  /** Robust mean absolute deviation: mean |X - mean(X_10-90)| over X_10-90 = {X : P_10 <= X <= P_90} */
  {
    name: 'Intensity-based robust mean absolute deviation',
    code: '1128',
    pyradiomics: 'RobustMeanAbsoluteDeviation',
    compute: (s) => s.robustMeanAbsoluteDeviation,
  },
  /** Median absolute deviation: (1/N_v) sum |X_k - M| (a mean of deviations from the median) */
  { name: 'Intensity-based median absolute deviation', code: 'N72L', compute: (s) => s.medianAbsoluteDeviation },
  /** Coefficient of variation: sqrt(m_2) / mu */
  { name: 'Intensity-based coefficient of variation', code: '7TET', compute: (s) => ratioOrNaN(Math.sqrt(s.variance), s.mean) },
  /** Quartile coefficient of dispersion: (P_75 - P_25) / (P_75 + P_25) */
  {
    name: 'Intensity-based quartile coefficient of dispersion',
    code: '9S40',
    compute: (s) => ratioOrNaN(s.p75 - s.p25, s.p75 + s.p25),
  },
  /** Energy: sum X_k^2. PyRadiomics' Energy sums (X_k + c)^2 with its voxelArrayShift c (same when c = 0). */
  { name: 'Intensity-based energy', code: 'N8CA', pyradiomics: 'Energy', compute: (s) => s.energy },
  /** Root mean square: sqrt(sum X_k^2 / N_v). PyRadiomics' RootMeanSquared also adds voxelArrayShift. */
  { name: 'Root mean square intensity', code: '5ZWQ', pyradiomics: 'RootMeanSquared', compute: (s) => Math.sqrt(s.energy / s.count) },
];

/** Ascending copy of the values (typed-array sort: numeric, no comparator call per element). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Intensity-based statistics records (family "intensity-based statistics", aggregation DHQ4). */
export function intensityStatisticsFeatureRecords(intensities: ArrayLike<number>): FeatureRecord[] {
  const s = summariseSorted(sortedCopy(intensities));
  return INTENSITY_STATISTICS_FEATURES.map((f) => ({
    name: f.name,
    family: 'intensity-based statistics',
    ibsi_code: f.code,
    aggregation_code: AGGREGATION_3D.code,
    aggregation: AGGREGATION_3D.label,
    value: f.compute(s),
  }));
}
