import { describe, expect, it } from 'vitest';
import {
  chiSquareCdf,
  chiSquareUpper,
  gammaP,
  gammaQ,
  logGamma,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalUpper,
  normalUpperQuantile,
} from '../../src/core/stats/distributions.js';
import { relErr } from '../helpers/rel-tol.js';

const ACC = 1e-13; // the module aims at ~1e-14; every value here is checked at 1e-13 or better

/** Normal upper tails Q(z) to 20+ digits (published tables of the complementary error function). */
const NORMAL_UPPER: [number, number][] = [
  [0.5, 0.30853753872598689636],
  [1, 0.15865525393145705141],
  [2, 0.022750131948179207200],
  [3, 0.0013498980316300945267],
  [5, 2.8665157187919391167e-7],
  [10, 7.6198530241605260660e-24],
];

/** Mills-ratio asymptotic series Q(z) ~ phi(z)/z sum_k (-1)^k (2k-1)!! / z^2k, exact to 1e-16 for z >= 20. */
function millsTail(z: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 30; k++) {
    term *= -(2 * k - 1) / (z * z);
    sum += term;
  }
  return (normalPdf(z) / z) * sum;
}

describe('normal distribution', () => {
  it('upper tail matches reference values to 1e-13 relative', () => {
    for (const [z, q] of NORMAL_UPPER) {
      expect(relErr(normalUpper(z), q), `Q(${z})`).toBeLessThan(ACC);
      expect(relErr(normalCdf(-z), q), `Phi(-${z})`).toBeLessThan(ACC);
    }
  });

  it('far tail (z = 20 .. 37.5) matches the asymptotic series, no underflow to 1 - cdf = 0', () => {
    for (const z of [20, 25, 30, 37.5]) expect(relErr(normalUpper(z), millsTail(z)), `Q(${z})`).toBeLessThan(ACC);
    expect(normalUpper(37.5)).toBeGreaterThan(0);
  });

  it('is continuous where the algorithm switches (z = sqrt 3)', () => {
    const z = Math.sqrt(3);
    const below = normalUpper(z * (1 - 1e-15));
    const above = normalUpper(z * (1 + 1e-15));
    expect(relErr(below, above)).toBeLessThan(1e-13);
  });

  it('quantile: qnorm(0.975), qnorm(0.995), and round trips down to 1e-300', () => {
    expect(relErr(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(1e-15);
    expect(relErr(normalQuantile(0.995), 2.5758293035489004)).toBeLessThan(1e-15);
    expect(normalQuantile(0.5)).toBe(0);
    for (const p of [1e-300, 1e-20, 1e-8, 0.001, 0.02425, 0.3, 0.7, 0.9, 0.999]) {
      expect(relErr(normalCdf(normalQuantile(p)), p), `p = ${p}`).toBeLessThan(1e-13);
      expect(relErr(normalUpper(normalUpperQuantile(p)), p), `q = ${p}`).toBeLessThan(1e-13);
    }
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(Number.isNaN(normalQuantile(1.5))).toBe(true);
  });
});

describe('gamma and chi-square', () => {
  it('log Gamma at integers and half integers (absolute error, which is what e^-lgamma inherits)', () => {
    const abs = (a: number, b: number) => Math.abs(a - b);
    expect(abs(logGamma(0.5), Math.log(Math.sqrt(Math.PI)))).toBeLessThan(1e-14);
    expect(abs(logGamma(1), 0)).toBe(0);
    expect(abs(logGamma(10), Math.log(362880))).toBeLessThan(1e-14);
    expect(abs(logGamma(20), Math.log(121645100408832000))).toBeLessThan(1e-14);
    expect(abs(logGamma(3.5), Math.log((15 / 8) * Math.sqrt(Math.PI)))).toBeLessThan(1e-14);
    expect(relErr(logGamma(171), 706.5730622457874)).toBeLessThan(1e-15); // log(170!)
  });

  it('chi-square upper tail against closed forms for df 1..4, x up to 1000 (p down to 1e-217)', () => {
    for (const x of [1e-3, 0.5, 1, 2.5, 3.84, 10, 50, 200, 1000]) {
      const e = Math.exp(-x / 2);
      expect(relErr(chiSquareUpper(x, 2), e), `df 2, x ${x}`).toBeLessThan(1e-13);
      expect(relErr(chiSquareUpper(x, 4), e * (1 + x / 2)), `df 4, x ${x}`).toBeLessThan(1e-13);
      expect(relErr(chiSquareUpper(x, 1), 2 * normalUpper(Math.sqrt(x))), `df 1, x ${x}`).toBeLessThan(1e-13);
      const df3 = 2 * normalUpper(Math.sqrt(x)) + Math.sqrt((2 * x) / Math.PI) * e;
      expect(relErr(chiSquareUpper(x, 3), df3), `df 3, x ${x}`).toBeLessThan(5e-14);
      expect(relErr(gammaQ(0.5, x / 2), 2 * normalUpper(Math.sqrt(x))), `gammaQ(1/2), x ${x}`).toBeLessThan(5e-14);
    }
  });

  it('P + Q = 1 and the cdf is the complement', () => {
    for (const a of [0.5, 1, 2.5, 10, 50])
      for (const x of [0.1, 1, a, a + 1, 2 * a + 5]) expect(gammaP(a, x) + gammaQ(a, x)).toBeCloseTo(1, 14);
    expect(chiSquareCdf(3.84, 1) + chiSquareUpper(3.84, 1)).toBeCloseTo(1, 14);
  });

  it('edge cases', () => {
    expect(chiSquareUpper(0, 3)).toBe(1);
    expect(chiSquareUpper(Infinity, 3)).toBe(0);
    expect(Number.isNaN(chiSquareUpper(1, 0))).toBe(true);
    expect(normalUpper(Infinity)).toBe(0);
    expect(normalUpper(-Infinity)).toBe(1);
  });
});
