/**
 * ROI value extraction: the flat inputs of the first-order families. Intensity statistics, histogram and IVH
 * functions take plain arrays of the ROI's voxel values (not volumes), so that the same functions serve any
 * profile (IBSI, PyRadiomics) whatever masking or re-segmentation produced the values.
 */
import type { GreyLevels } from '../discretise.js';
import type { Mask, Volume } from '../volume.js';

/** Intensities of the voxels where mask != 0, in voxel order (x fastest). NaN voxels are skipped. */
export function roiIntensities(image: Volume, mask: Mask): Float64Array {
  const data = image.data;
  const m = mask.data;
  let n = 0;
  for (let i = 0; i < m.length; i++) if (m[i] && !Number.isNaN(data[i])) n++;
  const out = new Float64Array(n);
  for (let i = 0, o = 0; i < m.length; i++) if (m[i] && !Number.isNaN(data[i])) out[o++] = data[i];
  return out;
}

/** Grey levels (1..ng) of the ROI voxels of a discretised volume, in voxel order. */
export function roiGreyLevels(grey: GreyLevels): Uint32Array {
  const out = new Uint32Array(grey.count);
  for (let i = 0, o = 0; i < grey.levels.length; i++) if (grey.levels[i]) out[o++] = grey.levels[i];
  return out;
}
