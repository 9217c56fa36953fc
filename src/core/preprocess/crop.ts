/**
 * Cropping to the ROI bounding box (PyRadiomics imageoperations.cropToTumorMask), optionally padded by `pad` voxels
 * on every side within the image. The cropped grid keeps spacing and direction; its origin is the physical position
 * of the first kept voxel.
 */
import type { Geometry, Mask, Vec3, Volume } from '../volume.js';
import { gridMaps, indexToPoint } from './geometry.js';

export interface Box {
  lo: Vec3;
  hi: Vec3;
}

export function padBox(box: Box, pad: number, dims: Vec3): Box {
  return {
    lo: box.lo.map((v) => Math.max(0, v - pad)) as Vec3,
    hi: box.hi.map((v, k) => Math.min(dims[k] - 1, v + pad)) as Vec3,
  };
}

export function cropGeometry(g: Geometry, box: Box): Geometry {
  const dims = [0, 1, 2].map((k) => box.hi[k] - box.lo[k] + 1) as Vec3;
  const origin = indexToPoint(gridMaps(g), box.lo[0], box.lo[1], box.lo[2]);
  return { dims, spacing: g.spacing, origin, direction: g.direction };
}

/** The voxels of `v` inside `box` (same typed-array type). */
export function cropVolume<T extends Volume>(v: T, box: Box): T {
  const geometry = cropGeometry(v, box);
  const [cx, cy, cz] = geometry.dims;
  const [nx, ny] = v.dims;
  const Ctor = v.data.constructor as new (n: number) => T['data'];
  const data = new Ctor(cx * cy * cz);
  for (let z = 0; z < cz; z++) {
    for (let y = 0; y < cy; y++) {
      const src = box.lo[0] + nx * (box.lo[1] + y + ny * (box.lo[2] + z));
      data.set(v.data.subarray(src, src + cx), cx * (y + cy * z));
    }
  }
  return { ...v, ...geometry, data };
}

/**
 * The voxels of `mask` inside `box` whose intensity is not NaN, as flat indices on the cropped grid (ascending)
 * and their intensities: cropVolume of image and mask, then the ROI voxels, without copying the whole box.
 * `runs`, the mask's x-runs as (start, end) pairs on the image grid (ascending, within `box`), spare the scan of
 * the mask and copy intensities run by run.
 */
export function cropRoi(image: Volume, mask: Mask, box: Box, runs: Int32Array | null = null): { geometry: Geometry; index: Int32Array; values: Float64Array } {
  const geometry = cropGeometry(image, box);
  if (runs !== null) {
    const fromRuns = cropRuns(image, geometry, box, runs);
    if (fromRuns !== null) return fromRuns;
  }
  const [cx, cy, cz] = geometry.dims;
  const [nx, ny] = image.dims;
  const m = mask.data;
  const src = image.data;
  let count = 0;
  for (let z = 0; z < cz; z++) {
    for (let y = 0; y < cy; y++) {
      const s = box.lo[0] + nx * (box.lo[1] + y + ny * (box.lo[2] + z));
      for (let x = 0; x < cx; x++) if (m[s + x] !== 0 && !Number.isNaN(src[s + x])) count++;
    }
  }
  const index = new Int32Array(count);
  const values = new Float64Array(count);
  let k = 0;
  for (let z = 0; z < cz; z++) {
    for (let y = 0; y < cy; y++) {
      const s = box.lo[0] + nx * (box.lo[1] + y + ny * (box.lo[2] + z));
      const d = cx * (y + cy * z);
      for (let x = 0; x < cx; x++) {
        if (m[s + x] === 0) continue;
        const v = src[s + x];
        if (Number.isNaN(v)) continue;
        index[k] = d + x;
        values[k++] = v;
      }
    }
  }
  return { geometry, index, values };
}

/** cropRoi from x-runs; null when an intensity is NaN (the caller then scans the mask). */
function cropRuns(image: Volume, geometry: Geometry, box: Box, runs: Int32Array): { geometry: Geometry; index: Int32Array; values: Float64Array } | null {
  const [cx, cy] = geometry.dims;
  const [nx, ny] = image.dims;
  let count = 0;
  for (let r = 0; r < runs.length; r += 2) count += runs[r + 1] - runs[r];
  const index = new Int32Array(count);
  const values = new Float64Array(count);
  for (let r = 0, k = 0; r < runs.length; r += 2) {
    const start = runs[r];
    const end = runs[r + 1];
    // typed-array set converts the run's intensities to f64 natively
    values.set(image.data.subarray(start, end), k);
    const x = start % nx;
    const t = (start - x) / nx;
    const y = t % ny;
    const z = (t - y) / ny;
    const d = x - box.lo[0] + cx * (y - box.lo[1] + cy * (z - box.lo[2]));
    for (let i = 0; i < end - start; i++) index[k++] = d + i;
  }
  if (image.data instanceof Float64Array || image.data instanceof Float32Array) {
    for (let k = 0; k < count; k++) if (Number.isNaN(values[k])) return null;
  }
  return { geometry, index, values };
}
