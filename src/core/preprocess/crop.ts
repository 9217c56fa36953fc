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
  // an array literal, not .map(): V8 gives map() results a holey or packed layout depending on whether the caller
  // is optimised, and each switch deoptimises the mesh and feature code that destructures dims
  const dims: Vec3 = [box.hi[0] - box.lo[0] + 1, box.hi[1] - box.lo[1] + 1, box.hi[2] - box.lo[2] + 1];
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

/** cropVolume of a mask given by its x-runs ((start, end) pairs on the grid of g, ascending, within `box`). */
export function cropRunMask(g: Geometry, box: Box, runs: Int32Array): Mask {
  const geometry = cropGeometry(g, box);
  const [cx, cy, cz] = geometry.dims;
  const [nx, ny] = g.dims;
  const data = new Uint8Array(cx * cy * cz);
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r];
    const x = start % nx;
    const t = (start - x) / nx;
    const y = t % ny;
    const z = (t - y) / ny;
    const d = x - box.lo[0] + cx * (y - box.lo[1] + cy * (z - box.lo[2]));
    data.fill(1, d, d + runs[r + 1] - start);
  }
  return { ...geometry, data };
}

/**
 * The ROI voxels of a cropped grid as x-runs: starts[r] = flat index on the cropped grid of the first voxel of run r,
 * lengths[r] its voxel count (ascending, within one x-row), and the voxels' intensities in that order.
 */
export interface RoiRuns {
  geometry: Geometry;
  starts: Int32Array;
  lengths: Int32Array;
  values: Float64Array;
}

/**
 * The voxels of `mask` inside `box` whose intensity is not NaN, as runs on the cropped grid with their intensities:
 * cropVolume of image and mask, then the ROI voxels, without copying the whole box. `runs`, the mask's x-runs as
 * (start, end) pairs on the image grid (ascending, within `box`), spare the scan of the mask; the intensities are
 * then copied run by run.
 */
export function cropRoi(image: Volume, mask: Mask, box: Box, runs: Int32Array | null = null): RoiRuns {
  const geometry = cropGeometry(image, box);
  const [cx, cy, cz] = geometry.dims;
  const [nx, ny] = image.dims;
  const src = image.data;
  const canBeNaN = src instanceof Float64Array || src instanceof Float32Array;
  if (runs !== null) {
    const n = runs.length / 2;
    const starts = new Int32Array(n);
    const lengths = new Int32Array(n);
    let count = 0;
    for (let r = 0; r < n; r++) count += runs[2 * r + 1] - runs[2 * r];
    const values = new Float64Array(count);
    let nan = false;
    for (let r = 0, k = 0; r < n; r++) {
      const start = runs[2 * r];
      const end = runs[2 * r + 1];
      // an element loop, not set(subarray): a view per run costs more than copying the run
      for (let i = start, o = k; i < end; i++, o++) values[o] = src[i];
      if (canBeNaN) for (let i = k; i < k + end - start; i++) if (Number.isNaN(values[i])) nan = true;
      k += end - start;
      const x = start % nx;
      const t = (start - x) / nx;
      const y = t % ny;
      const z = (t - y) / ny;
      starts[r] = x - box.lo[0] + cx * (y - box.lo[1] + cy * (z - box.lo[2]));
      lengths[r] = end - start;
    }
    // a NaN intensity splits a run: rare (filtered images), scan the mask instead
    if (!nan) return { geometry, starts, lengths, values };
  }
  const m = mask.data;
  // first pass: how many voxels and runs
  let count = 0;
  let nruns = 0;
  for (let z = 0; z < cz; z++) {
    for (let y = 0; y < cy; y++) {
      const s = box.lo[0] + nx * (box.lo[1] + y + ny * (box.lo[2] + z));
      let inside = false;
      for (let x = 0; x < cx; x++) {
        const take = m[s + x] !== 0 && !(canBeNaN && Number.isNaN(src[s + x]));
        if (take) {
          count++;
          if (!inside) nruns++;
        }
        inside = take;
      }
    }
  }
  const starts = new Int32Array(nruns);
  const lengths = new Int32Array(nruns);
  const values = new Float64Array(count);
  let k = 0;
  let r = -1;
  for (let z = 0; z < cz; z++) {
    for (let y = 0; y < cy; y++) {
      const s = box.lo[0] + nx * (box.lo[1] + y + ny * (box.lo[2] + z));
      const d = cx * (y + cy * z);
      let inside = false;
      for (let x = 0; x < cx; x++) {
        const take = m[s + x] !== 0 && !(canBeNaN && Number.isNaN(src[s + x]));
        if (take) {
          if (!inside) {
            starts[++r] = d + x;
            lengths[r] = 0;
          }
          lengths[r]++;
          values[k++] = src[s + x];
        }
        inside = take;
      }
    }
  }
  return { geometry, starts, lengths, values };
}
