/** Tiny hand-made grey-level volumes for matrix unit tests. */
import type { GreyLevels } from '../../src/core/discretise.js';

/** Builds GreyLevels from slices[z][y][x] (0 = outside the ROI); ng defaults to the largest level. */
export function greyFromSlices(slices: number[][][], ng?: number): GreyLevels {
  const nz = slices.length;
  const ny = slices[0].length;
  const nx = slices[0][0].length;
  const levels = new Uint32Array(nx * ny * nz);
  let count = 0;
  let max = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const v = slices[z][y][x];
        levels[x + nx * (y + ny * z)] = v;
        if (v > 0) count++;
        if (v > max) max = v;
      }
    }
  }
  return { dims: [nx, ny, nz], spacing: [1, 1, 1], levels, ng: ng ?? Math.max(max, 1), count };
}

/** Matrix m (ng rows of nj entries) of a flat nMatrices x ng x nj array, as nested rows. */
export function matrixRows(counts: ArrayLike<number>, m: number, ng: number, nj: number): number[][] {
  return Array.from({ length: ng }, (_, i) => Array.from({ length: nj }, (_, j) => counts[(m * ng + i) * nj + j]));
}
