/**
 * Brush and eraser in the plane of a slice, with a radius in mm: the footprint is every pixel (dx, dy) from the
 * centre with
 *
 *   (dx · pw)² + (dy · ph)² ≤ r²      (pw, ph: mm per pixel along screen x and y)
 *
 * so on an anisotropic grid it is an ellipse in voxels and a disc in mm. The centre pixel is always included.
 */
import type { EditRecorder } from './history.js';
import { sliceIndexAt, type SliceLayout } from './slice-layout.js';

/** The pixel offsets of a brush of radius `radiusMm`. */
export function brushFootprint(pixelWidthMm: number, pixelHeightMm: number, radiusMm: number): [number, number][] {
  const r2 = radiusMm * radiusMm;
  // 1e-9: 2.4 / 0.8 is 2.9999999999999996 in floating point, and the pixel 3 away lies exactly on the circle
  const ax = Math.floor(radiusMm / pixelWidthMm + 1e-9);
  const ay = Math.floor(radiusMm / pixelHeightMm + 1e-9);
  const out: [number, number][] = [];
  for (let dy = -ay; dy <= ay; dy++) {
    for (let dx = -ax; dx <= ax; dx++) {
      const x = dx * pixelWidthMm;
      const y = dy * pixelHeightMm;
      if (x * x + y * y <= r2 * (1 + 1e-12)) out.push([dx + 0, dy + 0]); // + 0: no −0 offsets
    }
  }
  if (out.length === 0) out.push([0, 0]);
  return out;
}

export interface BrushOptions {
  radiusMm: number;
  /** the label painted (brush) or removed (eraser) */
  label: number;
  erase?: boolean;
}

/**
 * Paints (or erases) one dab centred on pixel (x, y) of `slice`. The brush overwrites any label; the eraser clears
 * only voxels of its own label.
 */
export function brushDab(rec: EditRecorder, l: SliceLayout, slice: number, x: number, y: number, o: BrushOptions): void {
  for (const [dx, dy] of brushFootprint(l.pixelWidthMm, l.pixelHeightMm, o.radiusMm)) {
    const px = x + dx;
    const py = y + dy;
    if (px < 0 || py < 0 || px >= l.width || py >= l.height) continue;
    const n = sliceIndexAt(l, px, py, slice);
    if (o.erase) {
      if (rec.data[n] === o.label) rec.set(n, 0);
    } else rec.set(n, o.label);
  }
}

/** Dabs every `step` along the segment from (x0, y0) to (x1, y1), so a fast drag leaves no gaps. */
export function brushLine(rec: EditRecorder, l: SliceLayout, slice: number, from: [number, number], to: [number, number], o: BrushOptions): void {
  const dxMm = (to[0] - from[0]) * l.pixelWidthMm;
  const dyMm = (to[1] - from[1]) * l.pixelHeightMm;
  const step = Math.max(Math.min(l.pixelWidthMm, l.pixelHeightMm), o.radiusMm / 2);
  const count = Math.max(1, Math.ceil(Math.hypot(dxMm, dyMm) / step));
  for (let s = 0; s <= count; s++) {
    const t = s / count;
    brushDab(rec, l, slice, Math.round(from[0] + t * (to[0] - from[0])), Math.round(from[1] + t * (to[1] - from[1])), o);
  }
}
