/**
 * Re-segmentation (IBSI 1 section 2.5; PyRadiomics imageoperations.resegmentMask): the intensity mask keeps the ROI
 * voxels whose intensity lies in a range. Range re-segmentation first (absolute thresholds, or fractions of the ROI
 * maximum for 'relative'), then outlier filtering on what remains: mean + lower sd <= x <= mean + upper sd with the
 * population standard deviation (numpy.std). Bounds are inclusive; NaN intensities are always excluded.
 */
import type { ResegmentationSettings } from '../settings.js';
import type { Mask, Volume } from '../volume.js';

function keep(mask: Uint8Array, data: ArrayLike<number>, lo: number | null, hi: number | null): void {
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const v = data[i];
    if (Number.isNaN(v) || (lo !== null && v < lo) || (hi !== null && v > hi)) mask[i] = 0;
  }
}

export function resegmentMask(image: Volume, mask: Mask, settings: ResegmentationSettings): Mask {
  const out = Uint8Array.from(mask.data);
  const data = image.data;
  const range = settings.range;
  if (range) {
    let lo = range.lower;
    let hi = range.upper;
    if (range.mode === 'relative') {
      let max = -Infinity;
      for (let i = 0; i < out.length; i++) if (out[i] && data[i] > max) max = data[i];
      lo = lo === null ? null : max * lo;
      hi = hi === null ? null : max * hi;
    }
    keep(out, data, lo, hi);
  }
  const sigma = settings.sigma;
  if (sigma) {
    let n = 0;
    let sum = 0;
    for (let i = 0; i < out.length; i++) {
      if (!out[i] || Number.isNaN(data[i])) continue;
      n++;
      sum += data[i];
    }
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < out.length; i++) if (out[i] && !Number.isNaN(data[i])) ss += (data[i] - mean) ** 2;
    const sd = Math.sqrt(ss / n);
    keep(out, data, sigma.lower === null ? null : mean + sd * sigma.lower, sigma.upper === null ? null : mean + sd * sigma.upper);
  }
  return { ...mask, data: out };
}
