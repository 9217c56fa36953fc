/**
 * PyRadiomics firstorder class (radiomics/firstorder.py), IBSI intensity-based statistics (UHIW) and two intensity
 * histogram features (ZVCW) under PyRadiomics' conventions.
 *
 * Notation: X = the N_p ROI intensities (after preprocessing, before discretisation), c = voxelArrayShift,
 * P(i) = histogram of the discretised levels with N_g non-empty bins, p(i) = P(i) / N_p, eps = numpy.spacing(1).
 * Moments m_r = (1/N_p) sum (X - mean)^r (population). Percentiles interpolate linearly (numpy default).
 * Deviations from IBSI: Kurtosis is m4 / m2^2 (IBSI excess kurtosis + 3); Energy, TotalEnergy and RootMeanSquared
 * use X + c; Entropy adds eps inside the log; a flat region (m2 = 0) gives Skewness and Kurtosis 0.
 */
import { percentileSorted } from '../distribution.js';
import { type PyradiomicsFeature } from './common.js';

export interface FirstOrderCoefficients {
  /** X, ascending */
  sorted: Float64Array;
  n: number;
  mean: number;
  m2: number;
  m3: number;
  m4: number;
  /** sum (X + c)^2 */
  shiftedEnergy: number;
  /** voxel volume in mm^3 */
  voxelVolume: number;
  /** p(i) of the non-empty bins */
  p: Float64Array;
}

/** Coefficients from the ROI intensities, their discretised levels (any order) and the voxel volume. */
export function firstOrderCoefficients(
  values: ArrayLike<number>,
  levels: ArrayLike<number>,
  voxelArrayShift: number,
  voxelVolume: number,
): FirstOrderCoefficients {
  const n = values.length;
  const sorted = sortedCopy(values);
  let sum = 0;
  let shiftedEnergy = 0;
  for (let k = 0; k < n; k++) {
    sum += sorted[k];
    const s = sorted[k] + voxelArrayShift;
    shiftedEnergy += s * s;
  }
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let k = 0; k < n; k++) {
    const d = sorted[k] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  let top = 0;
  for (let k = 0; k < levels.length; k++) if (levels[k] > top) top = levels[k];
  const hist = new Int32Array(top + 1);
  for (let k = 0; k < levels.length; k++) hist[levels[k]]++;
  let bins = 0;
  for (let i = 0; i <= top; i++) if (hist[i] > 0) bins++;
  const p = new Float64Array(bins);
  for (let i = 0, o = 0; i <= top; i++) if (hist[i] > 0) p[o++] = hist[i] / levels.length;
  return { sorted, n, mean, m2: m2 / n, m3: m3 / n, m4: m4 / n, shiftedEnergy, voxelVolume, p };
}

/**
 * `values` in ascending order. Integer intensities (every CT and most MR volumes) are sorted by counting, in
 * O(n + range) instead of a comparison sort; -0 (which sorts before +0) and wide ranges take the native sort.
 */
function sortedCopy(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  let integral = n > 0;
  for (let k = 0; k < n && integral; k++) {
    const v = values[k];
    if (!Number.isInteger(v) || (v === 0 && 1 / v < 0)) integral = false;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!integral || min < -0x80000000 || max > 0x7fffffff || max - min > Math.max(4 * n, 1 << 16)) return Float64Array.from(values).sort();
  // int32 values: the bin index is computed in integers
  const counts = new Int32Array(max - min + 1);
  const base = min | 0;
  for (let k = 0; k < n; k++) counts[(values[k] | 0) - base]++;
  const sorted = new Float64Array(n);
  for (let i = 0, o = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c === 0) continue;
    sorted.fill(min + i, o, o + c);
    o += c;
  }
  return sorted;
}

const pct = (s: FirstOrderCoefficients, q: number) => percentileSorted(s.sorted, q);

function meanAbsoluteDeviation(values: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let k = from; k < to; k++) sum += values[k];
  const mean = sum / (to - from);
  let dev = 0;
  for (let k = from; k < to; k++) dev += Math.abs(values[k] - mean);
  return dev / (to - from);
}

/** Alphabetical, as PyRadiomics reports them. */
export const FIRSTORDER_FEATURES: readonly PyradiomicsFeature<FirstOrderCoefficients>[] = [
  /** 10th percentile of X */
  { name: '10Percentile', ibsi: 'QG58', compute: (s) => pct(s, 10) },
  /** 90th percentile of X */
  { name: '90Percentile', ibsi: '8DWT', compute: (s) => pct(s, 90) },
  /** Energy: sum (X + c)^2 (IBSI N8CA when c = 0) */
  { name: 'Energy', ibsi: 'N8CA', compute: (s) => s.shiftedEnergy },
  /** Entropy: -sum p(i) log2(p(i) + eps), on the discretised levels (IBSI TLU2) */
  {
    name: 'Entropy',
    ibsi: 'TLU2',
    compute: (s) => {
      let h = 0;
      for (const v of s.p) h -= v * Math.log2(v + 2.220446049250313e-16);
      return h;
    },
  },
  /** Interquartile range: P75 - P25 */
  { name: 'InterquartileRange', ibsi: 'SALO', compute: (s) => pct(s, 75) - pct(s, 25) },
  /** Kurtosis: m4 / m2^2, not excess (IBSI IPH6 + 3); 0 for a flat region */
  { name: 'Kurtosis', ibsi: 'IPH6', compute: (s) => (s.m2 === 0 ? s.m4 : s.m4 / (s.m2 * s.m2)) },
  /** Maximum of X */
  { name: 'Maximum', ibsi: '84IY', compute: (s) => s.sorted[s.n - 1] },
  /** Mean absolute deviation: (1/N_p) sum |X - mean| */
  { name: 'MeanAbsoluteDeviation', ibsi: '4FUA', compute: (s) => meanAbsoluteDeviation(s.sorted, 0, s.n) },
  /** Mean of X */
  { name: 'Mean', ibsi: 'Q4LE', compute: (s) => s.mean },
  /** Median of X */
  { name: 'Median', ibsi: 'Y12H', compute: (s) => pct(s, 50) },
  /** Minimum of X */
  { name: 'Minimum', ibsi: '1GSF', compute: (s) => s.sorted[0] },
  /** Range: max - min */
  { name: 'Range', ibsi: '2OJQ', compute: (s) => s.sorted[s.n - 1] - s.sorted[0] },
  /** Robust MAD: mean |X - mean(X')| over X' = {X : P10 <= X <= P90} */
  {
    name: 'RobustMeanAbsoluteDeviation',
    ibsi: '1128',
    compute: (s) => {
      const lo = pct(s, 10);
      const hi = pct(s, 90);
      let a = 0;
      while (a < s.n && s.sorted[a] < lo) a++;
      let b = s.n;
      while (b > a && s.sorted[b - 1] > hi) b--;
      return meanAbsoluteDeviation(s.sorted, a, b);
    },
  },
  /** Root mean squared: sqrt(sum (X + c)^2 / N_p) (IBSI 5ZWQ when c = 0) */
  { name: 'RootMeanSquared', ibsi: '5ZWQ', compute: (s) => Math.sqrt(s.shiftedEnergy / s.n) },
  /** Skewness: m3 / m2^1.5; 0 for a flat region */
  { name: 'Skewness', ibsi: 'KE2A', compute: (s) => (s.m2 === 0 ? s.m3 : s.m3 / s.m2 ** 1.5) },
  /** Standard deviation: sqrt(m2) (deprecated in PyRadiomics: correlated with Variance) */
  { name: 'StandardDeviation', deprecated: true, compute: (s) => Math.sqrt(s.m2) },
  /** Total energy: voxel volume x Energy (no IBSI equivalent) */
  { name: 'TotalEnergy', compute: (s) => s.shiftedEnergy * s.voxelVolume },
  /** Uniformity: sum p(i)^2 (IBSI BJ5W) */
  { name: 'Uniformity', ibsi: 'BJ5W', compute: (s) => s.p.reduce((a, v) => a + v * v, 0) },
  /** Variance: m2 (numpy.nanstd squared) */
  { name: 'Variance', ibsi: 'ECT3', compute: (s) => Math.sqrt(s.m2) ** 2 },
];
