import { describe, expect, it } from 'vitest';
import { computeNgldm } from '../../src/core/matrices/ngldm.js';
import { greyFromSlices, matrixRows } from '../helpers/grey-levels.js';

const SLICE = [
  [1, 1, 2, 0],
  [1, 2, 2, 2],
  [0, 1, 1, 2],
];

describe('NGLDM matrix (hand-computed)', () => {
  it('counts the centre plus same-level ROI neighbours (alpha = 0)', () => {
    const m = computeNgldm(greyFromSlices([SLICE]), { dimension: '2d', distance: 1, alpha: 0 });
    expect(m.maxK).toBe(9);
    expect(matrixRows(m.counts, 0, 2, 9)).toEqual([
      [0, 1, 3, 1, 0, 0, 0, 0, 0],
      [0, 0, 2, 2, 1, 0, 0, 0, 0],
    ]);
  });

  it('counts every ROI neighbour within alpha = 1', () => {
    // k = 1 + ROI neighbours: level 1 at (0,0) 4, (1,0) 6, (0,1) 5, (1,2) 5, (2,2) 6; level 2 at (2,0) 5, (1,1) 8,
    // (2,1) 8, (3,1) 5, (3,2) 4
    const m = computeNgldm(greyFromSlices([SLICE]), { dimension: '2d', distance: 1, alpha: 1 });
    expect(matrixRows(m.counts, 0, 2, 9)).toEqual([
      [0, 0, 0, 1, 2, 2, 0, 0, 0],
      [0, 0, 0, 1, 2, 0, 0, 2, 0],
    ]);
  });

  it('uses 27-voxel neighbourhoods in 3D', () => {
    const cube = Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => [1, 1, 1]));
    const m = computeNgldm(greyFromSlices(cube), { dimension: '3d', distance: 1, alpha: 0 });
    expect(m.maxK).toBe(27);
    const row = matrixRows(m.counts, 0, 1, 27)[0];
    // corners 8 of k = 8, edges 12 of k = 12, faces 6 of k = 18, centre 1 of k = 27
    expect([row[7], row[11], row[17], row[26]]).toEqual([8, 12, 6, 1]);
  });
});
