/**
 * Texture aggregation (IBSI 1 section 3.1.1) over per-direction (and, in 2D, per-slice) count matrices:
 * "averaged" computes features per matrix and averages them; "merged" sums matrices first.
 * Empty matrices (a slice or direction without neighbour pairs) are left out of averages.
 */
import type { TextureAggregation } from './types.js';

/** The groups of matrix indices whose counts are summed before one feature evaluation. */
export function aggregationGroups(aggregation: TextureAggregation, directions: number, slices: number): number[][] {
  const all = (f: (s: number, d: number) => number[][]) => f(slices, directions);
  const index = (s: number, d: number) => s * directions + d;
  switch (aggregation) {
    case '3d-averaged':
    case '2d-averaged':
      return all((ns, nd) => range(ns).flatMap((s) => range(nd).map((d) => [index(s, d)])));
    case '3d-merged':
    case '2.5d-merged':
      return [range(slices * directions)];
    case '2d-slice-merged':
      return range(slices).map((s) => range(directions).map((d) => index(s, d)));
    case '2.5d-direction-merged':
      return range(directions).map((d) => range(slices).map((s) => index(s, d)));
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k);
}

/** Sums the matrices of one group (each `size` entries long) into a new array. */
export function sumMatrices(counts: ArrayLike<number>, group: number[], size: number): Float64Array {
  const out = new Float64Array(size);
  for (const m of group) {
    const base = m * size;
    for (let k = 0; k < size; k++) out[k] += counts[base + k];
  }
  return out;
}

/**
 * Evaluates `features` on each group's merged matrix and averages each feature over the groups that yield a
 * matrix (derive returns null for an empty one). Returns NaN for a feature when no group yields a matrix.
 */
export function aggregateFeatures<S>(
  groups: number[][],
  merge: (group: number[]) => S | null,
  features: readonly { compute(s: S): number }[],
): number[] {
  const sums = new Float64Array(features.length);
  let used = 0;
  for (const g of groups) {
    const stats = merge(g);
    if (stats === null) continue;
    used++;
    features.forEach((f, k) => (sums[k] += f.compute(stats)));
  }
  return Array.from(sums, (v) => (used === 0 ? NaN : v / used));
}
