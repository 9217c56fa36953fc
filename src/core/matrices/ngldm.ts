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
import { chebyshevOffsets, offsetSteps } from './neighbourhood.js';

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
  const { dimension, alpha } = settings;
  if (!(alpha >= 0)) throw new Error(`NGLDM alpha must be >= 0, got ${alpha}`);
  const [nx, ny, nz] = grey.dims;
  const { ng, levels } = grey;
  const offsets = settings.offsets ?? chebyshevOffsets(dimension, settings.distance);
  const no = offsets.length / 3;
  const maxK = no + 1;
  const slices = dimension === '3d' ? 1 : nz;
  const counts = new Uint32Array(slices * ng * maxK);
  const { steps, reach } = offsetSteps(offsets, nx, ny);
  for (let z = 0; z < nz; z++) {
    const base = (slices === 1 ? 0 : z) * ng * maxK;
    const zIn = z >= reach[2] && z < nz - reach[2];
    for (let y = 0; y < ny; y++) {
      const yzIn = zIn && y >= reach[1] && y < ny - reach[1];
      for (let x = 0; x < nx; x++) {
        const v = x + nx * (y + ny * z);
        const a = levels[v];
        if (a === 0) continue;
        let k = 1;
        if (yzIn && x >= reach[0] && x < nx - reach[0]) {
          // every neighbour lies inside the grid: no bounds checks
          for (let o = 0; o < no; o++) {
            const b = levels[v + steps[o]];
            if (b !== 0 && Math.abs(a - b) <= alpha) k++;
          }
        } else {
          for (let o = 0; o < no; o++) {
            const x2 = x + offsets[3 * o];
            const y2 = y + offsets[3 * o + 1];
            const z2 = z + offsets[3 * o + 2];
            if (x2 < 0 || y2 < 0 || z2 < 0 || x2 >= nx || y2 >= ny || z2 >= nz) continue;
            const b = levels[x2 + nx * (y2 + ny * z2)];
            if (b !== 0 && Math.abs(a - b) <= alpha) k++;
          }
        }
        counts[base + (a - 1) * maxK + (k - 1)]++;
      }
    }
  }
  return { dimension, counts, ng, maxK, slices };
}
