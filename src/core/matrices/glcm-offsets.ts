/**
 * Co-occurrence counts for an arbitrary list of neighbour offsets, one matrix per offset over the whole grid (the
 * PyRadiomics GLCM: radiomics/src/cmatrices.c calculate_glcm, then P + P^T when symmetric). The IBSI twin with
 * fixed directions and per-slice matrices is glcm.ts; this one serves PyRadiomics' angles (several distances,
 * force2D in any plane).
 *
 * counts[a][i][j] (i, j = 1..ng at (i-1) ng + (j-1)) counts ROI voxels of level i whose neighbour at offset a is an
 * ROI voxel of level j; symmetric adds the transposed pair. Layout: nOffsets x ng x ng.
 */
import type { GreyLevels } from '../discretise.js';

export function computeGlcmByOffsets(grey: GreyLevels, offsets: Int32Array, symmetric: boolean): Uint32Array {
  const [nx, ny, nz] = grey.dims;
  const { ng, levels } = grey;
  const na = offsets.length / 3;
  const counts = new Uint32Array(na * ng * ng);
  for (let a = 0; a < na; a++) {
    const dx = offsets[3 * a];
    const dy = offsets[3 * a + 1];
    const dz = offsets[3 * a + 2];
    const step = dx + nx * (dy + ny * dz);
    const base = a * ng * ng;
    const x0 = Math.max(0, -dx);
    const x1 = Math.min(nx, nx - dx);
    for (let z = Math.max(0, -dz); z < Math.min(nz, nz - dz); z++) {
      for (let y = Math.max(0, -dy); y < Math.min(ny, ny - dy); y++) {
        let v = x0 + nx * (y + ny * z);
        for (let x = x0; x < x1; x++, v++) {
          const i = levels[v];
          if (i === 0) continue;
          const j = levels[v + step];
          if (j === 0) continue;
          counts[base + (i - 1) * ng + (j - 1)]++;
          if (symmetric) counts[base + (j - 1) * ng + (i - 1)]++;
        }
      }
    }
  }
  return counts;
}
