/**
 * Co-occurrence counts for an arbitrary list of neighbour offsets, one matrix per offset over the whole grid (the
 * PyRadiomics GLCM: radiomics/src/cmatrices.c calculate_glcm, then P + P^T when symmetric). The IBSI twin with
 * fixed directions and per-slice matrices is glcm.ts; this one serves PyRadiomics' angles (several distances,
 * force2D in any plane).
 *
 * counts[a][i][j] (i, j = 1..ng at (i-1) ng + (j-1)) counts ROI voxels of level i whose neighbour at offset a is an
 * ROI voxel of level j; symmetric adds the transposed pair. Layout: nOffsets x ng x ng.
 *
 * Walks the ROI voxels of a padded copy of the grid (padded-grid.ts); the symmetric matrix is the one-sided count
 * plus its transpose, added at the end (the same integers as counting both orders per pair).
 */
import type { GreyLevels } from '../discretise.js';
import { offsetReach, padGrid, paddedSteps, type PaddedGrid } from './padded-grid.js';

export function computeGlcmByOffsets(grey: GreyLevels, offsets: Int32Array, symmetric: boolean): Uint32Array {
  return glcmCountsPadded(padGrid(grey, offsetReach(offsets)), grey.ng, offsets, symmetric);
}

/** computeGlcmByOffsets on a padded grid (padded-grid.ts) whose border covers the offsets. */
export function glcmCountsPadded(g: PaddedGrid, ng: number, offsets: Int32Array, symmetric: boolean): Uint32Array {
  if (g.pad < offsetReach(offsets)) throw new Error('glcmCountsPadded: the border is narrower than the offsets');
  const na = offsets.length / 3;
  const size = ng * ng;
  const counts = new Uint32Array(na * size);
  const { levels, roi } = g;
  const steps = paddedSteps(g, offsets);
  // voxel-major: the level of the voxel is read once, and successive increments go to different matrices.
  // entry (i, j) of matrix a at a * size + (i - 1) * ng + (j - 1) for 1-based i, j
  if (na === 13) count13(counts, levels, roi, steps, ng);
  else {
    for (let k = 0; k < roi.length; k++) {
      const v = roi[k];
      let e = levels[v] * ng - ng - 1;
      for (let a = 0; a < na; a++, e += size) {
        const j = levels[v + steps[a]];
        if (j !== 0) counts[e + j]++;
      }
    }
  }
  if (symmetric) {
    for (let m = 0; m < na * size; m += size) {
      for (let i = 0; i < ng; i++) {
        counts[m + i * ng + i] *= 2;
        for (let j = i + 1; j < ng; j++) {
          const sum = counts[m + i * ng + j] + counts[m + j * ng + i];
          counts[m + i * ng + j] = sum;
          counts[m + j * ng + i] = sum;
        }
      }
    }
  }
  return counts;
}

/**
 * The 13 offsets of the default 3D GLCM (one distance), written out: each neighbour test gets its own branch, which
 * the processor predicts far better than one test inside a loop over offsets (measured: about twice as fast).
 */
function count13(counts: Uint32Array, levels: Int32Array, roi: Int32Array, steps: Int32Array, ng: number): void {
  const size = ng * ng;
  for (let k = 0; k < roi.length; k++) {
    const v = roi[k];
    const e = levels[v] * ng - ng - 1;
    let j: number;
    j = levels[v + steps[0]];
    if (j !== 0) counts[e + j]++;
    j = levels[v + steps[1]];
    if (j !== 0) counts[e + 1 * size + j]++;
    j = levels[v + steps[2]];
    if (j !== 0) counts[e + 2 * size + j]++;
    j = levels[v + steps[3]];
    if (j !== 0) counts[e + 3 * size + j]++;
    j = levels[v + steps[4]];
    if (j !== 0) counts[e + 4 * size + j]++;
    j = levels[v + steps[5]];
    if (j !== 0) counts[e + 5 * size + j]++;
    j = levels[v + steps[6]];
    if (j !== 0) counts[e + 6 * size + j]++;
    j = levels[v + steps[7]];
    if (j !== 0) counts[e + 7 * size + j]++;
    j = levels[v + steps[8]];
    if (j !== 0) counts[e + 8 * size + j]++;
    j = levels[v + steps[9]];
    if (j !== 0) counts[e + 9 * size + j]++;
    j = levels[v + steps[10]];
    if (j !== 0) counts[e + 10 * size + j]++;
    j = levels[v + steps[11]];
    if (j !== 0) counts[e + 11 * size + j]++;
    j = levels[v + steps[12]];
    if (j !== 0) counts[e + 12 * size + j]++;
  }
}
