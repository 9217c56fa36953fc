/**
 * Rasterises planar contours (RTSTRUCT ContourData: closed polygons, points in LPS mm) onto an image grid.
 *
 * Each contour is mapped to continuous voxel indices (i, j, k) through the grid's direction matrix, so contours on
 * oblique image planes work as axial ones do. A contour must lie in one image plane (k constant); it is drawn on the
 * nearest slice. All contours of one slice are filled together, scanline by scanline at voxel centres:
 *  - even-odd: a voxel is inside when a ray from it crosses the contours an odd number of times, so a contour
 *    inside another is a hole (the usual RTSTRUCT reading: holes and islands as separate contours);
 *  - non-zero: inside when the winding number is not 0, so a hole must run opposite to its outer contour.
 * A voxel centre is inside when it lies on a left or bottom edge and outside on a right or top edge (half-open
 * rule), so that two contours sharing an edge never both claim a voxel.
 */
import type { Geometry, Mask } from '../volume.js';
import { applyIndexMap, lpsToIndexMap } from './grid-transform.js';

export type FillRule = 'even-odd' | 'nonzero';

export interface PlanarContour {
  /** x, y, z triplets in LPS mm */
  points: ArrayLike<number>;
  /** for messages, e.g. "contour 3" */
  label?: string;
}

export interface RasteriseOptions {
  fillRule?: FillRule;
  /** name used in warnings, e.g. the ROI name */
  name?: string;
}

export interface RasteriseResult {
  mask: Mask;
  warnings: string[];
  /** slices that received at least one contour */
  slices: number[];
}

/** Slices: a contour may wander off its plane by this much (DS rounding) and lie this far from a slice centre. */
const PLANE_TOLERANCE = 0.1;
const SLICE_TOLERANCE = 0.25;
/** Index coordinates are snapped to this grid so that nominally exact boundaries decide the same way everywhere. */
const SNAP = 1e6;

interface Edge {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function snap(v: number): number {
  return Math.round(v * SNAP) / SNAP;
}

export function rasteriseContours(grid: Geometry, contours: PlanarContour[], options: RasteriseOptions = {}): RasteriseResult {
  const [nx, ny, nz] = grid.dims;
  const rule = options.fillRule ?? 'even-odd';
  const name = options.name ? `${options.name}: ` : '';
  const warnings: string[] = [];
  const map = lpsToIndexMap(grid);
  const bySlice = new Map<number, Edge[]>();
  const outside: string[] = [];
  const offPlane: string[] = [];
  const between: string[] = [];
  const q = [0, 0, 0];

  contours.forEach((contour, n) => {
    const label = contour.label ?? `contour ${n + 1}`;
    const p = contour.points;
    const count = Math.floor(p.length / 3);
    if (count < 3) {
      warnings.push(`${name}${label} has ${count} point(s): not a polygon, skipped`);
      return;
    }
    const xs = new Float64Array(count);
    const ys = new Float64Array(count);
    let kMin = Infinity;
    let kMax = -Infinity;
    let kSum = 0;
    for (let v = 0; v < count; v++) {
      applyIndexMap(map, p[3 * v], p[3 * v + 1], p[3 * v + 2], q);
      xs[v] = snap(q[0]);
      ys[v] = snap(q[1]);
      kMin = Math.min(kMin, q[2]);
      kMax = Math.max(kMax, q[2]);
      kSum += q[2];
    }
    if (kMax - kMin > PLANE_TOLERANCE) {
      offPlane.push(label);
      return;
    }
    const kc = kSum / count;
    const k = Math.round(kc);
    if (k < 0 || k >= nz) {
      outside.push(label);
      return;
    }
    if (Math.abs(kc - k) > SLICE_TOLERANCE) between.push(label);
    const edges = bySlice.get(k) ?? [];
    for (let v = 0; v < count; v++) {
      const w = (v + 1) % count;
      if (ys[v] !== ys[w]) edges.push({ x0: xs[v], y0: ys[v], x1: xs[w], y1: ys[w] });
    }
    bySlice.set(k, edges);
  });

  const list = (labels: string[]) => (labels.length > 3 ? `${labels.slice(0, 3).join(', ')} and ${labels.length - 3} more` : labels.join(', '));
  if (offPlane.length) warnings.push(`${name}${list(offPlane)} not parallel to the image slices: skipped`);
  if (outside.length) warnings.push(`${name}${list(outside)} outside the image's slice range: skipped`);
  if (between.length) warnings.push(`${name}${list(between)} between two image slices: drawn on the nearest`);

  const data = new Uint8Array(nx * ny * nz);
  const crossings: { x: number; w: number }[] = [];
  for (const [k, edges] of bySlice) {
    for (let j = 0; j < ny; j++) {
      crossings.length = 0;
      for (const e of edges) {
        // Half-open in y: an edge counts at rows y0 <= j < y1 (upward) or y1 <= j < y0 (downward).
        const up = e.y0 <= j && j < e.y1;
        const down = e.y1 <= j && j < e.y0;
        if (!up && !down) continue;
        const x = snap(e.x0 + ((j - e.y0) * (e.x1 - e.x0)) / (e.y1 - e.y0));
        crossings.push({ x, w: up ? 1 : -1 });
      }
      if (crossings.length < 2) continue;
      crossings.sort((a, b) => a.x - b.x);
      let winding = 0;
      for (let c = 0; c < crossings.length - 1; c++) {
        winding = rule === 'even-odd' ? winding ^ 1 : winding + crossings[c].w;
        if (winding === 0) continue;
        // voxel centres i with x_c <= i < x_(c+1)
        const from = Math.max(0, Math.ceil(crossings[c].x));
        const to = Math.min(nx - 1, Math.ceil(crossings[c + 1].x) - 1);
        const row = nx * (j + ny * k);
        for (let i = from; i <= to; i++) data[row + i] = 1;
      }
    }
  }
  return {
    mask: { dims: [...grid.dims], spacing: [...grid.spacing], origin: [...grid.origin], direction: [...grid.direction], data },
    warnings,
    slices: [...bySlice.keys()].sort((a, b) => a - b),
  };
}
