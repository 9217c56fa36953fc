/**
 * Shape-based interpolation between drawn slices (Raya & Udupa 1990; Herman et al. 1992): each drawn slice becomes
 * a signed distance map in mm (negative inside),
 *
 *   sd(p) = −(d_out(p) − h/2) inside,   d_in(p) − h/2 outside,   h = min(pw, ph)
 *
 * (d_out, d_in: distance to the nearest pixel outside / inside; the h/2 puts the zero level between pixel
 * centres), and a slice at fraction t between drawn slices a and b gets the pixels where
 *
 *   (1 − t) · sd_a + t · sd_b ≤ 0.
 *
 * Two discs of radius r_a and r_b give a disc of radius close to (1 − t) r_a + t r_b. Only empty slices strictly
 * between two drawn ones are filled, and only on voxels without another label.
 */
import type { Vec3 } from '../volume.js';
import { squaredDistanceMm } from './distance.js';
import type { EditRecorder } from './history.js';
import { sliceIndices, type SliceLayout } from './slice-layout.js';

/** A pixel rectangle of a slice: columns x0..x1, rows y0..y1 (inclusive). */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Signed distance (mm) of one slice's `label` pixels over `rect` (default the whole slice), row by row of the
 * rectangle. Exact inside a rectangle that holds every `label` pixel with a margin of one pixel (or reaches the
 * slice's edge): the nearest pixel of either kind is then always inside it.
 */
export function signedDistanceSlice(l: SliceLayout, data: Uint8Array, slice: number, label: number, rect?: PixelRect): Float64Array {
  const r = rect ?? { x0: 0, y0: 0, x1: l.width - 1, y1: l.height - 1 };
  const all = sliceIndices(l, slice);
  const w = r.x1 - r.x0 + 1;
  const h = r.y1 - r.y0 + 1;
  const idx = new Uint32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) idx[y * w + x] = all[(r.y0 + y) * l.width + r.x0 + x];
  const dims: Vec3 = [w, h, 1];
  const spacing: Vec3 = [l.pixelWidthMm, l.pixelHeightMm, 1];
  const inside = (n: number) => data[idx[n]] === label;
  const toInside = squaredDistanceMm(dims, spacing, inside);
  const toOutside = squaredDistanceMm(dims, spacing, (n) => !inside(n));
  const half = Math.min(l.pixelWidthMm, l.pixelHeightMm) / 2;
  const out = new Float64Array(idx.length);
  for (let n = 0; n < idx.length; n++) out[n] = inside(n) ? -(Math.sqrt(toOutside[n]) - half) : Math.sqrt(toInside[n]) - half;
  return out;
}

/** The rectangle around `label` in the given slices, grown by one pixel and clipped to the slice. */
function labelRect(l: SliceLayout, data: Uint8Array, slices: number[], label: number): PixelRect {
  const r = { x0: l.width, y0: l.height, x1: -1, y1: -1 };
  for (const s of slices) {
    const idx = sliceIndices(l, s);
    for (let n = 0; n < idx.length; n++) {
      if (data[idx[n]] !== label) continue;
      const x = n % l.width;
      const y = (n - x) / l.width;
      if (x < r.x0) r.x0 = x;
      if (x > r.x1) r.x1 = x;
      if (y < r.y0) r.y0 = y;
      if (y > r.y1) r.y1 = y;
    }
  }
  return { x0: Math.max(0, r.x0 - 1), y0: Math.max(0, r.y0 - 1), x1: Math.min(l.width - 1, r.x1 + 1), y1: Math.min(l.height - 1, r.y1 + 1) };
}

/** Slices (along the layout's slice axis) holding at least one voxel of `label`. */
export function drawnSlices(l: SliceLayout, data: Uint8Array, label: number): number[] {
  const [nx, ny, nz] = l.dims;
  const has = new Uint8Array(l.slices);
  // one pass over the volume in storage order; the slice of voxel (i, j, k) is its coordinate on the slice axis
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        if (data[n] !== label) continue;
        has[l.wAxis === 0 ? i : l.wAxis === 1 ? j : k] = 1;
      }
    }
  }
  const out: number[] = [];
  for (let s = 0; s < l.slices; s++) if (has[s]) out.push(s);
  return out;
}

/** Fills the empty slices between drawn ones; returns the slices it filled. */
export function interpolateSlices(rec: EditRecorder, l: SliceLayout, label: number): number[] {
  const drawn = drawnSlices(l, rec.data, label);
  const filled: number[] = [];
  for (let m = 0; m + 1 < drawn.length; m++) {
    const a = drawn[m];
    const b = drawn[m + 1];
    if (b - a < 2) continue;
    // the blend can only be <= 0 where sa or sb is, i.e. inside either shape: work in their rectangle
    const rect = labelRect(l, rec.data, [a, b], label);
    const sa = signedDistanceSlice(l, rec.data, a, label, rect);
    const sb = signedDistanceSlice(l, rec.data, b, label, rect);
    const w = rect.x1 - rect.x0 + 1;
    for (let s = a + 1; s < b; s++) {
      const t = (s - a) / (b - a);
      const idx = sliceIndices(l, s);
      for (let n = 0; n < sa.length; n++) {
        const x = rect.x0 + (n % w);
        const y = rect.y0 + Math.floor(n / w);
        const v = idx[y * l.width + x];
        if ((1 - t) * sa[n] + t * sb[n] <= 0 && rec.data[v] === 0) rec.set(v, label);
      }
      filled.push(s);
    }
  }
  return filled;
}
