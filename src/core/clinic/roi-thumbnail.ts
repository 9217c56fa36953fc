/**
 * A small picture of the ROI for the report: the axial slice (constant z) holding the most ROI voxels, cropped to
 * the ROI's in-plane bounding box plus a margin, grey values windowed to the 1st-99th percentile of the crop, and
 * the ROI's boundary (ROI voxels with a 4-neighbour outside it) drawn in red. RGBA, row 0 at the top (y down, as
 * stored). Returns null when the label is absent.
 */
import type { Volume } from '../volume.js';

export interface RoiThumbnail {
  width: number;
  height: number;
  /** RGBA, width * height * 4 */
  rgba: Uint8ClampedArray;
  /** slice index (z) shown */
  slice: number;
  roiVoxelsInSlice: number;
}

export function roiThumbnail(image: Volume, mask: Volume, label: number, marginFraction = 0.5, minSide = 32): RoiThumbnail | null {
  const [nx, ny, nz] = image.dims;
  if (mask.data.length !== image.data.length) return null;
  const perSlice = new Array<number>(nz).fill(0);
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i] === label) perSlice[Math.floor(i / (nx * ny))]++;
  const z = perSlice.reduce((best, n, k) => (n > perSlice[best] ? k : best), 0);
  if (perSlice[z] === 0) return null;
  const off = z * nx * ny;
  let x0 = nx;
  let x1 = -1;
  let y0 = ny;
  let y1 = -1;
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      if (mask.data[off + x + nx * y] !== label) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  const grow = (lo: number, hi: number, n: number): [number, number] => {
    const side = Math.max(minSide, Math.ceil((hi - lo + 1) * (1 + 2 * marginFraction)));
    const centre = (lo + hi) / 2;
    const a = Math.max(0, Math.floor(centre - side / 2));
    return [a, Math.min(n - 1, a + side - 1)];
  };
  [x0, x1] = grow(x0, x1, nx);
  [y0, y1] = grow(y0, y1, ny);
  const width = x1 - x0 + 1;
  const height = y1 - y0 + 1;
  const values: number[] = [];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) values.push(Number(image.data[off + x + nx * y]));
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))] ?? 0;
  const lo = q(0.01);
  const hi = q(0.99);
  const inRoi = (x: number, y: number) => x >= 0 && y >= 0 && x < nx && y < ny && mask.data[off + x + nx * y] === label;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const o = 4 * (x - x0 + width * (y - y0));
      const v = values[x - x0 + width * (y - y0)];
      const g = hi > lo && Number.isFinite(v) ? Math.round((255 * (Math.min(hi, Math.max(lo, v)) - lo)) / (hi - lo)) : 0;
      const edge = inRoi(x, y) && (!inRoi(x - 1, y) || !inRoi(x + 1, y) || !inRoi(x, y - 1) || !inRoi(x, y + 1));
      rgba.set(edge ? [230, 40, 40, 255] : [g, g, g, 255], o);
    }
  }
  return { width, height, rgba, slice: z, roiVoxelsInSlice: perSlice[z] };
}
