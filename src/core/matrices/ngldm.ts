/**
 * Neighbouring grey level dependence matrix (IBSI 1 section 3.11, family REK0), CPU twin of a future
 * shaders/ngldm.wgsl.
 *
 * For an ROI voxel of grey level i, its dependence count k is 1 (the centre voxel itself, IBSI convention) plus
 * the number of ROI voxels within Chebyshev distance `distance` (in the slice for 2D) whose grey level j has
 * |i - j| <= alpha (coarseness parameter; IBSI phantom alpha = 0). counts[m][i][k] = number of voxels of level i
 * with dependence k. Layout: nMatrices x ng x maxK, row-major, entry (i, k) (1-based) at
 * m * ng * maxK + (i - 1) * maxK + (k - 1); maxK = (2d+1)^3 in 3D, (2d+1)^2 in 2D. One matrix in 3D, one per
 * slice (along z) in 2D. Every ROI voxel is counted once, so the sum of a matrix is its N_v.
 */
import type { GreyLevels } from '../discretise.js';
import type { TextureDimension } from '../directions.js';
import { chebyshevOffsets } from './neighbourhood.js';
import { offsetReach, padGrid, paddedSteps, type PaddedGrid } from './padded-grid.js';

export interface NgldmSettings {
  dimension: TextureDimension;
  /** Chebyshev radius of the neighbourhood (IBSI default 1) */
  distance: number;
  /** coarseness: largest grey-level difference that still counts as dependent (IBSI default 0) */
  alpha: number;
  /**
   * explicit neighbour offsets (dx, dy, dz triplets) replacing the Chebyshev ball of `distance`, e.g. PyRadiomics'
   * angles for its distances; maxK = offsets / 3 + 1
   */
  offsets?: Int32Array;
}

export interface NgldmCounts {
  dimension: TextureDimension;
  counts: Uint32Array;
  ng: number;
  maxK: number;
  /** 1 in 3D; nz in 2D (matrix index = slice) */
  slices: number;
}

export function computeNgldm(grey: GreyLevels, settings: NgldmSettings): NgldmCounts {
  if (!(settings.alpha >= 0)) throw new Error(`NGLDM alpha must be >= 0, got ${settings.alpha}`);
  const offsets = settings.offsets ?? chebyshevOffsets(settings.dimension, settings.distance);
  return ngldmPadded(padGrid(grey, offsetReach(offsets)), grey.ng, settings);
}

/** computeNgldm on a padded grid (padded-grid.ts) whose border covers the neighbourhood. */
export function ngldmPadded(g: PaddedGrid, ng: number, settings: NgldmSettings): NgldmCounts {
  const { dimension, alpha } = settings;
  if (!(alpha >= 0)) throw new Error(`NGLDM alpha must be >= 0, got ${alpha}`);
  const nz = g.nz - 2 * g.pad;
  const offsets = settings.offsets ?? chebyshevOffsets(dimension, settings.distance);
  const no = offsets.length / 3;
  const maxK = no + 1;
  const slices = dimension === '3d' ? 1 : nz;
  const counts = new Uint32Array(slices * ng * maxK);
  if (g.pad < offsetReach(offsets)) throw new Error('ngldmPadded: the border is narrower than the neighbourhood');
  const { levels, roi, sliceStart } = g;
  const steps = paddedSteps(g, offsets);
  for (let z = 0; z < nz; z++) {
    // entry (a, k) at base + a * maxK + k for 1-based a, k
    const base = (slices === 1 ? 0 : z) * ng * maxK - maxK - 1;
    const from = sliceStart[z];
    const to = sliceStart[z + 1];
    if (alpha === 0 && no === 26) count26(counts, base, maxK, levels, roi, from, to, steps);
    else if (alpha === 0) {
      for (let r = from; r < to; r++) {
        const v = roi[r];
        const a = levels[v];
        let k = 1;
        // (b ^ a) - 1 is negative only when b === a (levels are >= 0): the count without a branch
        for (let o = 0; o < no; o++) k += ((levels[v + steps[o]] ^ a) - 1) >>> 31;
        counts[base + a * maxK + k]++;
      }
    } else {
      for (let r = from; r < to; r++) {
        const v = roi[r];
        const a = levels[v];
        let k = 1;
        for (let o = 0; o < no; o++) {
          const b = levels[v + steps[o]];
          if (b !== 0 && Math.abs(a - b) <= alpha) k++;
        }
        counts[base + a * maxK + k]++;
      }
    }
  }
  return { dimension, counts, ng, maxK, slices };
}

/**
 * The default neighbourhood (26 neighbours) with alpha = 0, written out: equal levels counted without branches and
 * without a loop over offsets (measured: several times faster than the loop).
 */
function count26(counts: Uint32Array, base: number, maxK: number, levels: Int32Array, roi: Int32Array, from: number, to: number, steps: Int32Array): void {
  for (let r = from; r < to; r++) {
    const v = roi[r];
    const a = levels[v];
    let k = 1;
    k += ((levels[v + steps[0]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[1]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[2]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[3]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[4]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[5]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[6]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[7]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[8]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[9]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[10]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[11]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[12]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[13]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[14]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[15]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[16]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[17]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[18]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[19]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[20]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[21]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[22]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[23]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[24]] ^ a) - 1) >>> 31;
    k += ((levels[v + steps[25]] ^ a) - 1) >>> 31;
    counts[base + a * maxK + k]++;
  }
}
