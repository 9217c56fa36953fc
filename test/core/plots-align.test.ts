import { describe, expect, it } from 'vitest';
import { alignGroups, alignSeries, stepVertices } from '../../src/core/plots/align.js';

describe('alignSeries / alignGroups (uPlot columnar form)', () => {
  it('merges series with their own x into one table, nulls elsewhere, every series keeps its path', () => {
    const [x, a, b] = alignSeries([
      { x: [0, 0.5, 0.5, 1], y: [0, 0.2, 0.6, 1] },
      { x: [0, 0.5, 1], y: [0, 0.5, 1] },
    ]);
    expect(x).toEqual([0, 0, 0.5, 0.5, 0.5, 1, 1]);
    expect(a).toEqual([0, null, 0.2, 0.6, null, 1, null]);
    expect(b).toEqual([null, 0, null, null, 0.5, null, 1]);
    // each series' non-null values in row order are its own points
    expect(a.filter((v) => v !== null)).toEqual([0, 0.2, 0.6, 1]);
  });

  it('keeps the columns of a group on the same rows', () => {
    const [x, s, lo, other] = alignGroups([
      { x: [0, 2], ys: [[1, 0.5], [1, 0.3]] },
      { x: [1], ys: [[7]] },
    ]);
    expect(x).toEqual([0, 1, 2]);
    expect(s).toEqual([1, null, 0.5]);
    expect(lo).toEqual([1, null, 0.3]);
    expect(other).toEqual([null, 7, null]);
  });

  it('refuses decreasing or non-finite x and mismatched lengths', () => {
    expect(() => alignSeries([{ x: [1, 0], y: [0, 0] }])).toThrow(/non-decreasing/);
    expect(() => alignSeries([{ x: [NaN], y: [0] }])).toThrow(/not finite/);
    expect(() => alignSeries([{ x: [0, 1], y: [0] }])).toThrow(/differ in length/);
  });
});

describe('stepVertices', () => {
  it('draws a right-continuous step function: the old value up to each jump, then the new one', () => {
    const s = stepVertices(0, [1], [2, 5], [[0.8, 0.4]]);
    expect(s.x).toEqual([0, 2, 2, 5, 5]);
    expect(s.ys[0]).toEqual([1, 1, 0.8, 0.8, 0.4]);
    expect(s.at).toEqual([2, 4]);
  });
  it('a jump at the start is a vertical segment from the start value', () => {
    const s = stepVertices(0, [1], [0, 3], [[0.9, 0.5]]);
    expect(s.x).toEqual([0, 0, 3, 3]);
    expect(s.ys[0]).toEqual([1, 0.9, 0.9, 0.5]);
    expect(s.at).toEqual([1, 3]);
  });
});
