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
  // dependence is symmetric (v counts w iff w counts v), so when the neighbourhood is (it holds -d with every d) each
  // pair is looked at once, from the voxel that comes first, and counted for both voxels
  const forward = forwardHalf(steps);
  const dependence = forward === null ? null : no < 256 ? new Uint8Array(levels.length) : new Uint16Array(levels.length);
  if (forward !== null && dependence !== null) {
    const nf = forward.length;
    for (let r = 0; r < roi.length; r++) {
      const v = roi[r];
      const a = levels[v];
      let k = dependence[v];
      for (let o = 0; o < nf; o++) {
        const w = v + forward[o];
        const b = levels[w];
        if (b === a || (alpha > 0 && b !== 0 && Math.abs(a - b) <= alpha)) {
          k++;
          dependence[w]++;
        }
      }
      dependence[v] = k;
    }
  }
  for (let z = 0; z < nz; z++) {
    // entry (a, k) at base + a * maxK + k for 1-based a, k
    const base = (slices === 1 ? 0 : z) * ng * maxK - maxK - 1;
    for (let r = sliceStart[z], end = sliceStart[z + 1]; r < end; r++) {
      const v = roi[r];
      const a = levels[v];
      let k = 1;
      if (dependence !== null) k += dependence[v];
      else {
        // ROI voxels of the padded grid: every neighbour is inside it, no bounds checks
        for (let o = 0; o < no; o++) {
          const b = levels[v + steps[o]];
          if (b !== 0 && Math.abs(a - b) <= alpha) k++;
        }
      }
      counts[base + a * maxK + k]++;
    }
  }
  return { dimension, counts, ng, maxK, slices };
}

/** The steps d > 0 of a step set that holds -d with every d (and not 0); null when it does not. */
function forwardHalf(steps: Int32Array): Int32Array | null {
  const sorted = Int32Array.from(steps).sort();
  const n = sorted.length;
  for (let k = 0; k < n; k++) if (sorted[k] === 0 || sorted[k] !== -sorted[n - 1 - k] || (k > 0 && sorted[k] === sorted[k - 1])) return null;
  return sorted.subarray(n >> 1);
}
