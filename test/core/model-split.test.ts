import { describe, expect, it } from 'vitest';
import { createPrng, seedOf } from '../../src/core/model/prng.js';
import { centreSplit, foldIds, stratifiedSplit } from '../../src/core/model/split.js';

describe('seeded PRNG (xoshiro128** seeded by SplitMix32)', () => {
  // First outputs of the reference C implementation (test/fixtures/c/xoshiro128ss-reference.c, gcc 12).
  const REFERENCE: [number, number[]][] = [
    [0, [3809008728, 1133695204, 53579671, 2891528803, 139681546, 2203266335]],
    [1, [2442144158, 3238099751, 3819917871, 2104621829, 2021136066, 4223536128]],
    [4294967295, [835879718, 1921286648, 2356205009, 1885780724, 980451116, 1053911718]],
  ];
  for (const [seed, out] of REFERENCE) {
    it(`matches the C reference for seed ${seed}`, () => {
      const p = createPrng(seed);
      expect(out.map(() => p.uint32())).toEqual(out);
    });
  }
  it('derived draws: floats in [0, 1), unbiased ints, normal moments, reproducible streams', () => {
    const p = createPrng('abc');
    const q = createPrng('abc');
    const a = Array.from({ length: 20000 }, () => p.float());
    expect(Array.from({ length: 20000 }, () => q.float())).toEqual(a);
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70000; i++) counts[p.int(7)]++;
    counts.forEach((c) => expect(Math.abs(c - 10000)).toBeLessThan(500));
    const z = Array.from({ length: 40000 }, () => p.normal());
    const m = z.reduce((s, v) => s + v, 0) / z.length;
    const v = z.reduce((s, x) => s + (x - m) ** 2, 0) / (z.length - 1);
    expect(Math.abs(m)).toBeLessThan(0.02);
    expect(Math.abs(v - 1)).toBeLessThan(0.03);
    expect(seedOf(42)).toBe(42);
    expect(seedOf('42')).not.toBe(42);
    expect(() => createPrng(Number.NaN)).toThrow(/finite/);
  });
});

describe('splits and folds', () => {
  const y = Array.from({ length: 239 }, (_, i) => (i < 176 ? 1 : 0)); // ORR 176/239 as in the paper
  it('stratified 3:1 split keeps the outcome proportions and is reproducible', () => {
    const s = stratifiedSplit(y, { seed: 5 });
    expect(s.train.length + s.test.length).toBe(239);
    expect(new Set([...s.train, ...s.test]).size).toBe(239);
    expect(s.train.filter((i) => y[i] === 1).length).toBe(132); // round(176 * 3/4)
    expect(s.train.filter((i) => y[i] === 0).length).toBe(47); // round(63 * 3/4)
    expect(stratifiedSplit(y, { seed: 5 })).toEqual(s);
    expect(stratifiedSplit(y, { seed: 6 })).not.toEqual(s);
    const fourToOne = stratifiedSplit(y, { ratio: 4, seed: 5 });
    expect(fourToOne.train.length).toBe(191); // the paper's 191 / 48
  });
  it('split by centre', () => {
    const centres = ['A', 'B', 'A', 'C', 'B', 'C'];
    expect(centreSplit(centres, ['A', 'B'])).toEqual({ train: [0, 1, 2, 4], test: [3, 5] });
    expect(() => centreSplit(centres, ['D'])).toThrow(/centre "D" does not occur/);
    expect(() => centreSplit(centres, ['A', 'B', 'C'])).toThrow(/empty/);
  });
  it('stratified folds balance the classes', () => {
    const f = foldIds(239, 10, { seed: 3, strata: y });
    for (let k = 1; k <= 10; k++) {
      const pos = f.filter((v, i) => v === k && y[i] === 1).length;
      expect(pos === 17 || pos === 18).toBe(true);
    }
    expect(() => foldIds(10, 2)).toThrow(/nfolds/);
  });
});
