import { describe, expect, it } from 'vitest';
import { computeGlrlm } from '../../src/core/matrices/glrlm.js';
import { greyFromSlices, matrixRows } from '../helpers/grey-levels.js';

// One slice (nx = 4, ny = 3), rows listed by y; 0 = outside the ROI.
const SLICE = [
  [1, 1, 2, 0],
  [1, 2, 2, 2],
  [0, 1, 1, 2],
];

describe('GLRLM matrix (hand-computed)', () => {
  it('counts the runs of each 2D direction', () => {
    const m = computeGlrlm(greyFromSlices([SLICE]), { dimension: '2d' });
    expect(m.maxRun).toBe(4);
    expect(m.slices).toBe(1);
    // direction (1,0): rows "1 1 | 2", "1 | 2 2 2", "1 1 | 2"
    expect(matrixRows(m.counts, 0, 2, 4)).toEqual([
      [1, 2, 0, 0],
      [2, 0, 1, 0],
    ]);
    // direction (0,1): columns "1 1", "1 | 2 | 1", "2 2 | 1", "2 2"
    expect(matrixRows(m.counts, 1, 2, 4)).toEqual([
      [3, 1, 0, 0],
      [1, 2, 0, 0],
    ]);
    // direction (1,1): diagonals x - y = 2: "2 2"; 1: "1 | 2 2"; 0: "1 | 2 | 1"; -1: "1 1"
    expect(matrixRows(m.counts, 2, 2, 4)).toEqual([
      [3, 1, 0, 0],
      [1, 2, 0, 0],
    ]);
    // direction (1,-1): anti-diagonals x + y = 0: "1"; 1: "1 1"; 2: "2 2"; 3: "1 | 2"; 4: "1 | 2"; 5: "2"
    expect(matrixRows(m.counts, 3, 2, 4)).toEqual([
      [3, 1, 0, 0],
      [3, 1, 0, 0],
    ]);
  });

  it('keeps 2D runs inside their slice and indexes matrices by slice * 4 + direction', () => {
    const m = computeGlrlm(greyFromSlices([[[1, 1]], [[1, 1]]]), { dimension: '2d' });
    expect(m.slices).toBe(2);
    expect(matrixRows(m.counts, 0, 1, 2)).toEqual([[0, 1]]);
    expect(matrixRows(m.counts, 4, 1, 2)).toEqual([[0, 1]]);
    expect(matrixRows(m.counts, 5, 1, 2)).toEqual([[2, 0]]); // direction (0,1) in slice 1: two runs of 1
  });

  it('counts 3D runs along the 13 directions of a 2x2x2 cube', () => {
    const m = computeGlrlm(greyFromSlices([[[1, 1], [1, 1]], [[1, 1], [1, 1]]]), { dimension: '3d' });
    expect(m.directions.length).toBe(13);
    expect(m.maxRun).toBe(2);
    expect(matrixRows(m.counts, 0, 1, 2)).toEqual([[0, 4]]); // (1,0,0)
    expect(matrixRows(m.counts, 2, 1, 2)).toEqual([[4, 2]]); // (1,1,0): per slice one diagonal of 2, two singles
    expect(matrixRows(m.counts, 9, 1, 2)).toEqual([[6, 1]]); // (1,1,1): one space diagonal of 2
    for (let d = 0; d < 13; d++) {
      const [r1, r2] = matrixRows(m.counts, d, 1, 2)[0];
      expect(r1 + 2 * r2).toBe(8);
    }
  });
});
