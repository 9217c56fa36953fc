/**
 * Window/level: a grey value g in [0, 255] for a voxel value v,
 *
 *   g = 255 · clamp((v − (level − width / 2)) / width, 0, 1)
 *
 * MR intensities have no absolute scale (unlike CT's Hounsfield units), so the MR presets are percentiles of the
 * volume's own values: the window spans the p_lo..p_hi percentiles. CT gets the usual fixed presets in HU.
 */
import type { VoxelArray } from '../volume.js';

export interface WindowLevel {
  width: number;
  level: number;
}

export interface WindowPreset {
  id: string;
  label: string;
  /** percentiles (MR) or a fixed window (CT) */
  percentiles?: [number, number];
  fixed?: WindowLevel;
}

export const MR_PRESETS: WindowPreset[] = [
  { id: 'auto', label: 'Auto (1-99 %)', percentiles: [1, 99] },
  { id: 'contrast', label: 'High contrast (5-95 %)', percentiles: [5, 95] },
  { id: 'bright', label: 'Bright tissue (50-99.5 %)', percentiles: [50, 99.5] },
  { id: 'full', label: 'Full range', percentiles: [0, 100] },
];

export const CT_PRESETS: WindowPreset[] = [
  { id: 'abdomen', label: 'Abdomen (W400 L40)', fixed: { width: 400, level: 40 } },
  { id: 'liver', label: 'Liver (W150 L60)', fixed: { width: 150, level: 60 } },
  { id: 'lung', label: 'Lung (W1500 L-600)', fixed: { width: 1500, level: -600 } },
  { id: 'bone', label: 'Bone (W1800 L400)', fixed: { width: 1800, level: 400 } },
  ...MR_PRESETS.filter((p) => p.id === 'auto'),
];

/** At most this many voxels (evenly strided) are sorted for the percentiles. */
const SAMPLE = 1 << 20;

/** Sorted finite values of `data`, subsampled with a fixed stride when the volume is large. */
export function sortedSample(data: ArrayLike<number>): Float64Array {
  const stride = Math.max(1, Math.ceil(data.length / SAMPLE));
  const values: number[] = [];
  for (let n = 0; n < data.length; n += stride) if (Number.isFinite(data[n])) values.push(data[n]);
  return Float64Array.from(values).sort();
}

/** Percentile p (0..100) of sorted values, linear between order statistics (type 7). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The window of a preset; a zero-width window becomes width 1 so that the mapping stays defined. */
export function presetWindow(preset: WindowPreset, sorted: Float64Array): WindowLevel {
  if (preset.fixed) return { ...preset.fixed };
  const [a, b] = preset.percentiles ?? [0, 100];
  const lo = percentile(sorted, a);
  const hi = percentile(sorted, b);
  return { width: hi - lo > 0 ? hi - lo : 1, level: (lo + hi) / 2 };
}

export function presetsFor(modality: string | undefined): WindowPreset[] {
  return modality?.toUpperCase() === 'CT' ? CT_PRESETS : MR_PRESETS;
}

export function greyValue(v: number, w: WindowLevel): number {
  const t = (v - (w.level - w.width / 2)) / w.width;
  if (!(t > 0)) return 0;
  return t >= 1 ? 255 : Math.round(255 * t);
}

/**
 * A window dragged by (dx, dy) screen pixels: right widens, down raises the level, by `perPixel` of the value
 * range each (the usual mouse gesture of DICOM viewers).
 */
export function dragWindow(w: WindowLevel, dx: number, dy: number, range: number): WindowLevel {
  const perPixel = range / 512;
  return { width: Math.max(perPixel, w.width + dx * perPixel), level: w.level + dy * perPixel };
}

export function valueRange(data: VoxelArray | ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let n = 0; n < data.length; n++) {
    const v = data[n];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}
