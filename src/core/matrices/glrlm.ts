/**
 * Grey level run length matrix (IBSI 1 section 3.7, family TP0I), CPU twin of a future shaders/glrlm.wgsl.
 *
 * A run is a maximal line of consecutive ROI voxels with one grey level along a direction (directions.ts:
 * 13 in 3D, 4 in the slice in 2D). counts[m][i][j] = number of runs of grey level i and length j in matrix m.
 * One matrix per direction in 3D; one per (slice, direction) in 2D, matrix index = slice * directions + direction
 * as in the GLCM, so aggregate.ts groups them the same way. Layout: nMatrices x ng x maxRun, row-major, entry
 * (i, j) (1-based) at m * ng * maxRun + (i - 1) * maxRun + (j - 1); maxRun = max(nx, ny, nz) in 3D,
 * max(nx, ny) in 2D (no run can be longer). Each ROI voxel lies in exactly one run per direction, so
 * sum_ij j counts[m][i][j] is N_v of matrix m.
 *
 * A voxel starts a run when the voxel one step back is outside the image, outside the ROI or of another level;
 * the run is then walked forward. Each voxel is read at most twice per direction, a GPU thread per voxel can
 * do the same and add 1 atomically. The CPU loop walks the line segments of ROI voxels of a padded copy
 * (padded-grid.ts) instead, slice by slice so that 2D matrices know their slice: the same runs.
 */
import type { GreyLevels } from '../discretise.js';
import { directionsFor, type TextureDimension } from '../directions.js';
import type { Vec3 } from '../volume.js';
import { padGrid, paddedSteps, type PaddedGrid } from './padded-grid.js';

export interface GlrlmSettings {
  dimension: TextureDimension;
}

export interface GlrlmCounts {
  dimension: TextureDimension;
  /** nMatrices x ng x maxRun (see the file header) */
  counts: Uint32Array;
  ng: number;
  maxRun: number;
  directions: readonly Vec3[];
  /** 1 in 3D; nz in 2D (matrix index = slice * directions.length + direction) */
  slices: number;
}

export function computeGlrlm(grey: GreyLevels, settings: GlrlmSettings): GlrlmCounts {
  return glrlmPadded(padGrid(grey, 1), grey.ng, settings);
}

/** computeGlrlm on a padded grid (padded-grid.ts; any border of 1 or more). */
export function glrlmPadded(g: PaddedGrid, ng: number, settings: GlrlmSettings): GlrlmCounts {
  const { dimension } = settings;
  const nx = g.nx - 2 * g.pad;
  const ny = g.ny - 2 * g.pad;
  const nz = g.nz - 2 * g.pad;
  if (g.pad < 1) throw new Error('glrlmPadded: the grid needs a border');
  const directions = directionsFor(dimension);
  const nd = directions.length;
  const slices = dimension === '3d' ? 1 : nz;
  const maxRun = dimension === '3d' ? Math.max(nx, ny, nz) : Math.max(nx, ny);
  const counts = new Uint32Array(nd * slices * ng * maxRun);
  // the empty border ends every run, so no bounds checks
  const { levels, roi, sliceStart } = g;
  const steps = paddedSteps(g, directions.flat());
  for (let k = 0; k < nd; k++) {
    const step = steps[k];
    for (let z = 0; z < nz; z++) {
      // entry (a, length) at base + a * maxRun + length for 1-based a, length
      const base = ((slices === 1 ? 0 : z) * nd + k) * ng * maxRun - maxRun - 1;
      // walk each line segment of ROI voxels once, from its first voxel, counting its runs as they end: one
      // unpredictable branch per run (where the level changes), not two
      for (let r = sliceStart[z], end = sliceStart[z + 1]; r < end; r++) {
        const v = roi[r];
        if (levels[v - step] !== 0) continue; // not the first ROI voxel of its segment
        let level = levels[v];
        let length = 1;
        for (let w = v + step; ; w += step) {
          const b = levels[w];
          if (b === level) {
            length++;
            continue;
          }
          counts[base + level * maxRun + length]++;
          if (b === 0) break;
          level = b;
          length = 1;
        }
      }
    }
  }
  return { dimension, counts, ng, maxRun, directions, slices };
}
