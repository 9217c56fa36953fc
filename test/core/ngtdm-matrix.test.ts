import { describe, expect, it } from 'vitest';
import { NGTDM_FEATURES, ngtdmFeatureRecords } from '../../src/core/features/ngtdm.js';
import { computeNgtdm, ngtdmSums } from '../../src/core/matrices/ngtdm.js';
import { greyFromSlices, matrixRows } from '../helpers/grey-levels.js';

// A row of three voxels 1 2 2: W = 1, 2, 1 neighbours; |iW - S| = |1 - 2|, |4 - 3|, |2 - 2|
const ROW = greyFromSlices([[[1, 2, 2]]]);

describe('NGTDM matrix (hand-computed)', () => {
  it('keeps integer counts and |iW - S| per (level, W)', () => {
    const m = computeNgtdm(ROW, { dimension: '2d', distance: 1 });
    expect(m.maxW).toBe(8);
    expect(matrixRows(m.counts, 0, 2, 9)).toEqual([
      [0, 1, 0, 0, 0, 0, 0, 0, 0],
      [0, 1, 1, 0, 0, 0, 0, 0, 0],
    ]);
    expect(matrixRows(m.absDiff, 0, 2, 9)).toEqual([
      [0, 1, 0, 0, 0, 0, 0, 0, 0],
      [0, 0, 1, 0, 0, 0, 0, 0, 0],
    ]);
    const { n, s } = ngtdmSums(m, [0]);
    expect(Array.from(n)).toEqual([1, 2]);
    expect(Array.from(s)).toEqual([1, 0.5]);
    expect(computeNgtdm(ROW, { dimension: '3d', distance: 1 }).maxW).toBe(26);
  });

  it('gives the hand-computed features', () => {
    // p = (1/3, 2/3), s = (1, 1/2), N_vc = 3
    const values = ngtdmFeatureRecords(computeNgtdm(ROW, { dimension: '2d', distance: 1 }), '2d').map((r) => r.value);
    const expected = { Coarseness: 1.5, Contrast: 1 / 9, Busyness: 1 / 3, Complexity: 4 / 9, Strength: 4 / 3 };
    NGTDM_FEATURES.forEach((f, k) => expect(values[k], f.name).toBeCloseTo(expected[f.name as keyof typeof expected], 12));
  });

  it('counts only neighbours inside the ROI and skips voxels without any', () => {
    const m = computeNgtdm(greyFromSlices([[[1, 0, 3]]]), { dimension: '2d', distance: 1 });
    expect(m.counts.every((v) => v === 0)).toBe(true);
  });
});
