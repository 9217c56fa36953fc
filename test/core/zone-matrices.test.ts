import { describe, expect, it } from 'vitest';
import { computeGldzm } from '../../src/core/matrices/gldzm.js';
import { computeGlszm } from '../../src/core/matrices/glszm.js';
import { borderDistanceMap } from '../../src/core/matrices/zones.js';
import { greyFromSlices, matrixRows } from '../helpers/grey-levels.js';

const SLICE = [
  [1, 1, 2, 0],
  [1, 2, 2, 2],
  [0, 1, 1, 2],
];

const full = (n: number, level: number) => Array.from({ length: n }, () => Array.from({ length: n }, () => level));

describe('GLSZM matrix (hand-computed)', () => {
  it('joins diagonal neighbours with 8-connectivity (2D default)', () => {
    const m = computeGlszm(greyFromSlices([SLICE]), { dimension: '2d' });
    expect(m.nj).toBe(5);
    expect(matrixRows(m.counts, 0, 2, 5)).toEqual([
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 1],
    ]);
    expect(Array.from(m.voxels)).toEqual([10]);
  });

  it('splits them with 4-connectivity', () => {
    const m = computeGlszm(greyFromSlices([SLICE]), { dimension: '2d', connectivity: 4 });
    expect(matrixRows(m.counts, 0, 2, 5)).toEqual([
      [0, 1, 1, 0, 0],
      [0, 0, 0, 0, 1],
    ]);
  });

  it('distinguishes 26-, 18- and 6-connectivity in 3D', () => {
    // level 1 on the space diagonal (0,0,0)-(1,1,1), level 2 on the six other voxels (a face-connected ring)
    const grey = greyFromSlices([
      [
        [1, 2],
        [2, 2],
      ],
      [
        [2, 2],
        [2, 1],
      ],
    ]);
    const rows = (c: 6 | 18 | 26) => {
      const m = computeGlszm(grey, { dimension: '3d', connectivity: c });
      return matrixRows(m.counts, 0, 2, m.nj);
    };
    expect(rows(26)).toEqual([
      [0, 1, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 1],
    ]);
    expect(rows(18)).toEqual([
      [2, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 1],
    ]);
    expect(rows(6)).toEqual(rows(18));
  });

  it('rejects a connectivity of the other dimension', () => {
    expect(() => computeGlszm(greyFromSlices([SLICE]), { dimension: '2d', connectivity: 26 })).toThrow();
  });

  it('keeps one matrix per slice in 2D', () => {
    const m = computeGlszm(greyFromSlices([[[1, 1]], [[1, 2]]]), { dimension: '2d' });
    expect(m.slices).toBe(2);
    expect(matrixRows(m.counts, 0, 2, 2)).toEqual([
      [0, 1],
      [0, 0],
    ]);
    expect(matrixRows(m.counts, 1, 2, 2)).toEqual([
      [1, 0],
      [1, 0],
    ]);
    expect(Array.from(m.voxels)).toEqual([2, 2]);
  });
});

describe('distance to the ROI edge (hand-computed)', () => {
  it('counts 4-connected steps from 1 at the border of a 5x5 slice', () => {
    const d = borderDistanceMap(greyFromSlices([full(5, 1)]), '2d');
    expect(Array.from(d)).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 2, 3, 2, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1]);
  });

  it('treats a hole in the ROI as border', () => {
    const slice = full(5, 1);
    slice[2][2] = 0;
    const d = borderDistanceMap(greyFromSlices([slice]), '2d');
    expect(d[12]).toBe(0);
    expect([d[7], d[11], d[13], d[17]]).toEqual([1, 1, 1, 1]);
    expect([d[6], d[8], d[16], d[18]]).toEqual([2, 2, 2, 2]); // corners of the hole: 2 city-block steps away
  });

  it('uses 6-connected steps in 3D', () => {
    const cube = Array.from({ length: 5 }, () => full(5, 1));
    const d = borderDistanceMap(greyFromSlices(cube), '3d');
    expect(d[2 + 5 * (2 + 5 * 2)]).toBe(3);
    expect(d[1 + 5 * (1 + 5 * 1)]).toBe(2);
    expect(d[2 + 5 * (2 + 5 * 0)]).toBe(1);
    // the same centre voxel in 2D only sees its slice
    expect(borderDistanceMap(greyFromSlices(cube), '2d')[2 + 5 * (2 + 5 * 0)]).toBe(3);
  });
});

describe('GLDZM matrix (hand-computed)', () => {
  it('gives each zone the minimum distance of its voxels', () => {
    const slice = full(5, 1);
    slice[2][2] = 2; // centre zone at distance 3; the ring of level 1 touches the border (distance 1)
    const m = computeGldzm(greyFromSlices([slice]), { dimension: '2d' });
    expect(m.nj).toBe(3);
    expect(matrixRows(m.counts, 0, 2, 3)).toEqual([
      [1, 0, 0],
      [0, 0, 1],
    ]);
    expect(Array.from(m.voxels)).toEqual([25]);
  });

  it('puts every zone of the hand slice at distance 1', () => {
    const m = computeGldzm(greyFromSlices([SLICE]), { dimension: '2d' });
    expect(m.nj).toBe(1);
    expect(matrixRows(m.counts, 0, 2, 1)).toEqual([[1], [1]]);
  });
});
