/**
 * Joins series that each have their own x values into one aligned table (uPlot's columnar form): rows are all
 * points of all groups ordered by x; ties keep group order, then point order, so a group that repeats an x (a
 * vertical step) keeps its path. A group is one or more columns sharing its x values (a KM curve with its CI
 * limits and censoring marks); each row holds one group's values and null in every other column. Drawn with gaps
 * spanned, every series follows exactly its own points.
 */
import type { AlignedColumns } from './types.js';

export interface XYSeries {
  x: readonly number[];
  y: readonly (number | null)[];
}

export interface XYGroup {
  x: readonly number[];
  ys: readonly (readonly (number | null)[])[];
}

export function alignGroups(groups: readonly XYGroup[]): AlignedColumns {
  const points: { x: number; g: number; k: number }[] = [];
  groups.forEach((grp, g) => {
    for (const ys of grp.ys) if (ys.length !== grp.x.length) throw new Error(`group ${g}: x and y differ in length`);
    for (let k = 0; k < grp.x.length; k++) {
      if (!Number.isFinite(grp.x[k])) throw new Error(`group ${g}: x[${k}] is not finite`);
      if (k > 0 && grp.x[k] < grp.x[k - 1]) throw new Error(`group ${g}: x must be non-decreasing`);
      points.push({ x: grp.x[k], g, k });
    }
  });
  points.sort((a, b) => a.x - b.x || a.g - b.g || a.k - b.k);
  const x = points.map((p) => p.x);
  const columns: (number | null)[][] = [];
  groups.forEach((grp, g) => {
    for (const ys of grp.ys) columns.push(points.map((p) => (p.g === g ? ys[p.k] : null)));
  });
  return [x, ...columns];
}

/** One column per series. */
export function alignSeries(series: readonly XYSeries[]): AlignedColumns {
  return alignGroups(series.map((s) => ({ x: s.x, ys: [s.y] })));
}

/**
 * Vertices of right-continuous step functions that share their jump points: each starts at y0[c] on [x0, x_1)
 * and jumps to ys[c][k] at xs[k]. Output: (x0, y0), (x1, y0), (x1, y1), (x2, y1), (x2, y2), ...; a jump at x0
 * itself is a vertical segment from the start value. `at[k]` is the vertex index of the value after the k-th jump.
 */
export function stepVertices(x0: number, y0: readonly (number | null)[], xs: readonly number[], ys: readonly (readonly (number | null)[])[]): { x: number[]; ys: (number | null)[][]; at: number[] } {
  const x: number[] = [x0];
  const out = y0.map((v) => [v]);
  const at: number[] = [];
  for (let k = 0; k < xs.length; k++) {
    // the vertex before the jump (at x0 the start vertex already is)
    if (k > 0 || xs[k] !== x0) {
      x.push(xs[k]);
      out.forEach((col) => col.push(col[col.length - 1]));
    }
    x.push(xs[k]);
    out.forEach((col, c) => col.push(ys[c][k]));
    at.push(x.length - 1);
  }
  return { x, ys: out, at };
}
