/**
 * Discretisation (IBSI 1 section 2.7, process "discretisation"): maps ROI intensities to grey levels 1..Ng.
 *
 * Output convention shared by every texture stage, CPU and GPU: one u32 per voxel of the grid,
 * 0 outside the ROI, 1..Ng inside. The mask is thereby folded into the grey-level volume.
 */
import type { Mask, Vec3, Volume } from './volume.js';

export type Discretisation =
  /** intensities already are integer grey levels 1..Ng (e.g. the IBSI digital phantom) */
  | { kind: 'none' }
  /** IBSI fixed bin number (K15C): floor(Ng (x - min) / (max - min)) + 1, max mapped to Ng */
  | { kind: 'fixed-bin-number'; bins: number }
  /**
   * Fixed bin size (Q3RU). convention 'ibsi': bins start at `lowerBound` (the re-segmentation minimum) or the
   * ROI minimum: floor((x - min) / w) + 1. convention 'pyradiomics': bins anchored at 0:
   * floor(x / w) - floor(min / w) + 1.
   */
  | { kind: 'fixed-bin-size'; width: number; convention: 'ibsi' | 'pyradiomics'; lowerBound?: number };

export interface GreyLevels {
  dims: Vec3;
  spacing: Vec3;
  /** 0 outside the ROI, 1..ng inside */
  levels: Uint32Array;
  /** number of grey levels (matrix size) */
  ng: number;
  /** number of ROI voxels */
  count: number;
  /**
   * the ROI as x-runs with the level of each of its voxels, when the discretisation worked on runs
   * (discretise-pyradiomics.ts): starts / lengths as in preprocess/crop.ts RoiRuns, levels in run order. Lets the
   * padded grid of the matrix loops be filled without reading `levels`, which is then never materialised. Not
   * enumerable there, so that `{ ...grey, levels }` copies drop it.
   */
  runs?: { starts: Int32Array; lengths: Int32Array; levels: Uint32Array };
}

export class DiscretisationError extends Error {}

export function discretise(image: Volume, mask: Mask, setting: Discretisation): GreyLevels {
  const n = image.data.length;
  if (mask.data.length !== n) throw new DiscretisationError('image and mask have different sizes');
  let min = Infinity;
  let max = -Infinity;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!mask.data[i]) continue;
    const x = image.data[i];
    if (Number.isNaN(x)) continue;
    count++;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (count === 0) throw new DiscretisationError('the ROI contains no voxel');
  if (setting.kind === 'fixed-bin-size' && setting.convention === 'ibsi' && setting.lowerBound !== undefined && min < setting.lowerBound) {
    // such a voxel has no bin (its level would be <= 0); IBSI bins start at the re-segmentation minimum, so the
    // ROI must be re-segmented to it first
    throw new DiscretisationError(
      `ROI intensity ${min} lies below the fixed bin size's lower bound ${setting.lowerBound}: re-segment the ROI to start at ${setting.lowerBound} (or lower the bound)`,
    );
  }

  const levels = new Uint32Array(n);
  let ng = 0;
  const put = (i: number, level: number) => {
    levels[i] = level;
    if (level > ng) ng = level;
  };
  for (let i = 0; i < n; i++) {
    if (!mask.data[i]) continue;
    const x = image.data[i];
    if (Number.isNaN(x)) continue;
    switch (setting.kind) {
      case 'none':
        if (!Number.isInteger(x) || x < 1) {
          throw new DiscretisationError(`discretisation 'none' needs integer grey levels >= 1 in the ROI; found ${x}`);
        }
        put(i, x);
        break;
      case 'fixed-bin-number': {
        const nb = setting.bins;
        put(i, max === min ? 1 : Math.min(nb, Math.floor((nb * (x - min)) / (max - min)) + 1));
        break;
      }
      case 'fixed-bin-size': {
        const w = setting.width;
        if (setting.convention === 'pyradiomics') put(i, Math.floor(x / w) - Math.floor(min / w) + 1);
        else put(i, Math.floor((x - (setting.lowerBound ?? min)) / w) + 1);
        break;
      }
    }
  }
  if (setting.kind === 'fixed-bin-number') ng = setting.bins;
  return { dims: image.dims, spacing: image.spacing, levels, ng, count };
}
