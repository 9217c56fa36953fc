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
 * do the same and add 1 atomically.
 */
import type { GreyLevels } from '../discretise.js';
import { directionsFor, type TextureDimension } from '../directions.js';
import type { Vec3 } from '../volume.js';

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
  const { dimension } = settings;
  const [nx, ny, nz] = grey.dims;
  const { ng, levels } = grey;
  const directions = directionsFor(dimension);
  const nd = directions.length;
  const slices = dimension === '3d' ? 1 : nz;
  const maxRun = dimension === '3d' ? Math.max(nx, ny, nz) : Math.max(nx, ny);
  const counts = new Uint32Array(nd * slices * ng * maxRun);
  for (let k = 0; k < nd; k++) {
    const [dx, dy, dz] = directions[k];
    const step = dx + nx * (dy + ny * dz);
    for (let z = 0; z < nz; z++) {
      const base = ((slices === 1 ? 0 : z) * nd + k) * ng * maxRun;
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          const v = x + nx * (y + ny * z);
          const a = levels[v];
          if (a === 0) continue;
          const xp = x - dx;
          const yp = y - dy;
          const zp = z - dz;
          const prevInside = xp >= 0 && yp >= 0 && zp >= 0 && xp < nx && yp < ny && zp < nz;
          if (prevInside && levels[v - step] === a) continue; // not the first voxel of its run
          let length = 1;
          let x2 = x + dx;
          let y2 = y + dy;
          let z2 = z + dz;
          let w = v + step;
          while (x2 >= 0 && y2 >= 0 && z2 >= 0 && x2 < nx && y2 < ny && z2 < nz && levels[w] === a) {
            length++;
            x2 += dx;
            y2 += dy;
            z2 += dz;
            w += step;
          }
          counts[base + (a - 1) * maxRun + (length - 1)]++;
        }
      }
    }
  }
  return { dimension, counts, ng, maxRun, directions, slices };
}
