/**
 * Grey level co-occurrence matrix (IBSI 1 section 3.6, family LFYI), CPU twin of shaders/glcm.wgsl.
 *
 * For every ROI voxel with grey level i and its neighbour at offset distance * direction with level j (both in
 * the ROI), counts[m][i][j] and counts[m][j][i] are incremented (symmetric matrix). One matrix per direction
 * in 3D; one per (slice, direction) in 2D, slices along z. The GPU kernel must produce the same integers.
 */
import type { GreyLevels } from '../discretise.js';
import { directionsFor, type TextureDimension } from '../directions.js';
import type { Vec3 } from '../volume.js';

export interface GlcmSettings {
  dimension: TextureDimension;
  /** Chebyshev distance between neighbours (IBSI default 1) */
  distance: number;
}

export interface GlcmCounts {
  /** nMatrices x ng x ng, row-major; entry (i, j) of grey levels i, j (1-based) at (i - 1) * ng + (j - 1) */
  counts: Uint32Array;
  ng: number;
  directions: readonly Vec3[];
  /** 1 in 3D; nz in 2D (matrix index = slice * directions.length + direction) */
  slices: number;
}

export function glcmMatrixCount(dimension: TextureDimension, nz: number): number {
  return directionsFor(dimension).length * (dimension === '3d' ? 1 : nz);
}

export function computeGlcm(grey: GreyLevels, settings: GlcmSettings): GlcmCounts {
  const [nx, ny, nz] = grey.dims;
  const { ng, levels } = grey;
  const directions = directionsFor(settings.dimension);
  const nd = directions.length;
  const slices = settings.dimension === '3d' ? 1 : nz;
  const counts = new Uint32Array(nd * slices * ng * ng);
  const d = settings.distance;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const a = levels[x + nx * (y + ny * z)];
        if (a === 0) continue;
        for (let k = 0; k < nd; k++) {
          const [dx, dy, dz] = directions[k];
          const x2 = x + d * dx;
          const y2 = y + d * dy;
          const z2 = z + d * dz;
          if (x2 < 0 || y2 < 0 || z2 < 0 || x2 >= nx || y2 >= ny || z2 >= nz) continue;
          const b = levels[x2 + nx * (y2 + ny * z2)];
          if (b === 0) continue;
          const base = ((slices === 1 ? 0 : z) * nd + k) * ng * ng;
          counts[base + (a - 1) * ng + (b - 1)]++;
          counts[base + (b - 1) * ng + (a - 1)]++;
        }
      }
    }
  }
  return { counts, ng, directions, slices };
}
