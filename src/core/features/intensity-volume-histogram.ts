/**
 * Intensity-volume histogram (IVH) features (IBSI 1 section 3.5, family code P88C), computed on the whole 3D ROI
 * (aggregation DHQ4).
 *
 * Input: the intensities X_gl of the N_v ROI voxels (plain array). They are first mapped to X_d,gl according to
 * the kind of data (IBSI's three cases, see IvhDiscretisation), which also fixes the range G = [G_0, G_1] and
 * the discretisation interval w_d. The IVH is evaluated on the grid i_k = G_0 + k w_d, k = 0..K-1,
 * K = floor((G_1 - G_0) / w_d) + 1, including intensities absent from the ROI:
 *   fractional volume   nu_i = 1 - (1/N_v) sum_k [X_d,gl,k < i]   (fraction of voxels with intensity >= i)
 *   intensity fraction  gamma_i = (i - G_0) / (G_1 - G_0)
 * Features at fractions x (default 10 % and 90 %):
 *   V_x = largest nu_i with gamma_i >= x;  I_x = smallest i with nu_i <= x.
 * Degenerate ROIs: with a single grid level (constant ROI) gamma is undefined, so V_x is NaN and the area under
 * the curve is 0 (IBSI). When no grid level has nu_i <= x, I_x is the next level G_0 + K w_d, the first where
 * nu is 0. The IBSI digital phantom uses kind 'none': G = [1, 6], w_d = 1.
 */
import { AGGREGATION_3D, type FeatureInfo, type ParametrisedFeatureRecord } from './types.js';

export type IvhDiscretisation =
  /** discrete calibrated intensities (e.g. CT in HU): X_d,gl = X_gl, w_d = 1, G = range or [min, max] */
  | { kind: 'none'; range?: [number, number] }
  /**
   * continuous calibrated intensities (e.g. PET SUV): fixed bin size w from X_min (re-segmentation bound or ROI
   * minimum), X_d,gl = bin centres X_min + (X_d - 0.5) w, G = [X_min + w/2, X_max - w/2], w_d = w
   */
  | { kind: 'fixed-bin-size'; width: number; min?: number; max?: number }
  /** arbitrary units (e.g. MR): fixed bin number N_g (IBSI recommends 1000), X_d,gl = X_d, G = [1, N_g], w_d = 1 */
  | { kind: 'fixed-bin-number'; bins: number };

export interface IntensityVolumeHistogram {
  /** intensity i_k of each grid level */
  intensity: Float64Array;
  /** nu_k */
  volumeFraction: Float64Array;
  /** gamma_k (NaN when the grid has one level) */
  intensityFraction: Float64Array;
  /** discretisation interval w_d */
  step: number;
}

/** The IVH of the ROI intensities under one discretisation. Empty input gives an empty histogram. */
export function intensityVolumeHistogram(values: ArrayLike<number>, setting: IvhDiscretisation = { kind: 'none' }): IntensityVolumeHistogram {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < n; k++) {
    min = Math.min(min, values[k]);
    max = Math.max(max, values[k]);
  }
  // map each value to X_d,gl through `toLevel`, and fix G and w_d
  let g0: number;
  let g1: number;
  let step = 1;
  let toLevel: (x: number) => number = (x) => x;
  if (setting.kind === 'none') {
    [g0, g1] = setting.range ?? [min, max];
  } else if (setting.kind === 'fixed-bin-size') {
    const w = setting.width;
    const lo = setting.min ?? min;
    const hi = setting.max ?? max;
    toLevel = (x) => lo + (Math.floor((x - lo) / w) + 1 - 0.5) * w;
    [g0, g1, step] = [lo + 0.5 * w, hi - 0.5 * w, w];
  } else {
    const nb = setting.bins;
    toLevel = (x) => (max === min ? 1 : Math.min(nb, Math.floor((nb * (x - min)) / (max - min)) + 1));
    [g0, g1] = [1, nb];
  }
  if (n === 0 || !(g1 >= g0)) {
    return { intensity: new Float64Array(0), volumeFraction: new Float64Array(0), intensityFraction: new Float64Array(0), step };
  }
  // tolerance for levels that are bin centres computed in floating point
  const eps = 1e-9;
  const levels = Math.floor((g1 - g0) / step + eps) + 1;
  // count[k]: voxels whose X_d,gl lies in [i_k, i_{k+1}); the last bin also takes everything above
  const count = new Float64Array(levels);
  for (let k = 0; k < n; k++) {
    const pos = Math.floor((toLevel(values[k]) - g0) / step + eps);
    if (pos >= 0) count[Math.min(pos, levels - 1)]++;
  }
  const intensity = new Float64Array(levels);
  const volumeFraction = new Float64Array(levels);
  const intensityFraction = new Float64Array(levels);
  let atLeast = 0;
  for (let k = levels - 1; k >= 0; k--) {
    atLeast += count[k];
    intensity[k] = g0 + k * step;
    volumeFraction[k] = atLeast / n;
    intensityFraction[k] = levels > 1 ? (k * step) / (g1 - g0) : NaN;
  }
  return { intensity, volumeFraction, intensityFraction, step };
}

/** V_x: largest nu with gamma >= x (fraction in [0, 1]); nu is non-increasing, so the first such level. */
export function volumeAtIntensityFraction(ivh: IntensityVolumeHistogram, x: number): number {
  for (let k = 0; k < ivh.intensity.length; k++) if (ivh.intensityFraction[k] >= x - 1e-12) return ivh.volumeFraction[k];
  return NaN;
}

/** I_x: smallest intensity with nu <= x (fraction in [0, 1]); the level past the range when none qualifies. */
export function intensityAtVolumeFraction(ivh: IntensityVolumeHistogram, x: number): number {
  const m = ivh.intensity.length;
  if (m === 0) return NaN;
  for (let k = 0; k < m; k++) if (ivh.volumeFraction[k] <= x + 1e-12) return ivh.intensity[k];
  return ivh.intensity[m - 1] + ivh.step;
}

/** Area under the IVH curve: trapezoidal sum of nu over gamma; 0 for a single level (IBSI). */
export function ivhArea(ivh: IntensityVolumeHistogram): number {
  const m = ivh.intensity.length;
  if (m === 0) return NaN;
  let area = 0;
  for (let k = 1; k < m; k++) {
    area += 0.5 * (ivh.intensityFraction[k] - ivh.intensityFraction[k - 1]) * (ivh.volumeFraction[k] + ivh.volumeFraction[k - 1]);
  }
  return area;
}

export const INTENSITY_VOLUME_HISTOGRAM_FEATURES: readonly FeatureInfo[] = [
  /** V_x = max { nu_i : gamma_i >= x }, reported at x = 10 % and 90 % */
  { name: 'Volume at intensity fraction', code: 'BC2M' },
  /** I_x = min { i : nu_i <= x }, reported at x = 10 % and 90 % */
  { name: 'Intensity at volume fraction', code: 'GBPN' },
  /** V_10 - V_90 */
  { name: 'Volume fraction difference between intensity fractions', code: 'DDTU' },
  /** I_10 - I_90 */
  { name: 'Intensity fraction difference between volume fractions', code: 'CNV2' },
  /** Area under the IVH curve: sum_k (gamma_{k+1} - gamma_k)(nu_k + nu_{k+1}) / 2 */
  { name: 'Area under the IVH curve', code: '9CMM' },
];

/**
 * IVH records (family "intensity-volume histogram", aggregation DHQ4). Parametrised features carry IBSI's table
 * label in `table_feature`, e.g. "volume fraction at 10% intensity". `fractions` are the two percentages
 * (low, high) reported; IBSI uses 10 and 90.
 */
export function intensityVolumeHistogramFeatureRecords(
  values: ArrayLike<number>,
  setting: IvhDiscretisation = { kind: 'none' },
  fractions: [number, number] = [10, 90],
): ParametrisedFeatureRecord[] {
  const ivh = intensityVolumeHistogram(values, setting);
  const [lo, hi] = fractions;
  const v = fractions.map((x) => volumeAtIntensityFraction(ivh, x / 100));
  const i = fractions.map((x) => intensityAtVolumeFraction(ivh, x / 100));
  const [vx, ix, dv, di, auc] = INTENSITY_VOLUME_HISTOGRAM_FEATURES;
  const rows: [FeatureInfo, string, number][] = [
    [vx, `volume fraction at ${lo}% intensity`, v[0]],
    [vx, `volume fraction at ${hi}% intensity`, v[1]],
    [ix, `intensity at ${lo}% volume`, i[0]],
    [ix, `intensity at ${hi}% volume`, i[1]],
    [dv, `volume fraction difference between ${lo}% and ${hi}% intensity`, v[0] - v[1]],
    [di, `intensity difference between ${lo}% and ${hi}% volume`, i[0] - i[1]],
    [auc, 'area under the IVH curve', ivhArea(ivh)],
  ];
  return rows.map(([f, label, value]) => ({
    name: f.name,
    family: 'intensity-volume histogram',
    ibsi_code: f.code,
    aggregation_code: AGGREGATION_3D.code,
    aggregation: AGGREGATION_3D.label,
    table_feature: label,
    value,
  }));
}
