/**
 * Cropping a case to the bounding box of its ROI before upload, and mapping the results back to the twins'
 * layouts, which are sized by the whole grid. Clinical ROIs fill a small part of the grid (brain1: 4137 of
 * 1.6 M voxels), and every kernel here costs per grid voxel, so this removes most of the upload and the work.
 *
 * It changes no count: every matrix counts ROI voxels and ROI neighbours only, and all ROI voxels lie in the box.
 * For the GLDZM distance, the positions outside the box are non-ROI or outside the image in the full grid, so
 * the set of "outside" positions, hence every distance, is the same. What depends on the grid is only layout:
 * 2D matrices exist per slice of the full grid, and the GLRLM is max(side) columns wide.
 */
import type { GreyLevels } from '../core/discretise.js';
import type { TextureDimension } from '../core/directions.js';
import type { GlcmCounts } from '../core/matrices/glcm.js';
import type { GlrlmCounts } from '../core/matrices/glrlm.js';
import type { ZoneCounts } from '../core/matrices/glszm.js';
import type { NgldmCounts } from '../core/matrices/ngldm.js';
import type { NgtdmCounts } from '../core/matrices/ngtdm.js';
import type { Vec3, VoxelArray } from '../core/volume.js';

export interface Crop {
  /** the full grid */
  full: Vec3;
  /** first voxel of the box in the full grid */
  offset: Vec3;
  /** size of the box */
  dims: Vec3;
}

/** Bounding box of the voxels where `inside[v]` is non-zero; a 1-voxel box at the origin when there is none. */
export function boundingBox(inside: ArrayLike<number>, full: Vec3): Crop {
  const [nx, ny, nz] = full;
  const lo: Vec3 = [nx, ny, nz];
  const hi: Vec3 = [-1, -1, -1];
  for (let z = 0, v = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, v++) {
        if (!inside[v]) continue;
        if (x < lo[0]) lo[0] = x;
        if (x > hi[0]) hi[0] = x;
        if (y < lo[1]) lo[1] = y;
        if (y > hi[1]) hi[1] = y;
        if (z < lo[2]) lo[2] = z;
        if (z > hi[2]) hi[2] = z;
      }
    }
  }
  if (hi[0] < 0) return { full, offset: [0, 0, 0], dims: [1, 1, 1] };
  return { full, offset: lo, dims: [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1] };
}

/** The box's part of a full-grid array (same type). */
export function cropArray<T extends VoxelArray>(data: T, crop: Crop): T {
  const [nx, ny] = crop.full;
  const [cx, cy, cz] = crop.dims;
  const [ox, oy, oz] = crop.offset;
  const out = new (data.constructor as new (n: number) => T)(cx * cy * cz);
  for (let z = 0; z < cz; z++) {
    for (let y = 0; y < cy; y++) {
      const from = ox + nx * (oy + y + ny * (oz + z));
      out.set(data.subarray(from, from + cx) as ArrayLike<number>, cx * (y + cy * z));
    }
  }
  return out;
}

/** A box-sized array put back into a zeroed full-grid array. */
export function uncropArray(data: Uint32Array, crop: Crop): Uint32Array {
  const [nx, ny, nz] = crop.full;
  const [cx, cy, cz] = crop.dims;
  const [ox, oy, oz] = crop.offset;
  const out = new Uint32Array(nx * ny * nz);
  for (let z = 0; z < cz; z++) {
    for (let y = 0; y < cy; y++) {
      const from = cx * (y + cy * z);
      out.set(data.subarray(from, from + cx), ox + nx * (oy + y + ny * (oz + z)));
    }
  }
  return out;
}

export function cropGreyLevels(grey: GreyLevels, crop: Crop): GreyLevels {
  return { ...grey, dims: crop.dims, levels: cropArray(grey.levels, crop) };
}

/** 2D results: the box's per-slice blocks (slice outermost in every layout) at their slices of the full grid. */
function placeSlices<T extends Uint32Array | Float64Array>(data: T, crop: Crop): T {
  const words = data.length / crop.dims[2];
  const out = new (data.constructor as new (n: number) => T)(words * crop.full[2]);
  out.set(data, words * crop.offset[2]);
  return out;
}

export function uncropGlcm(m: GlcmCounts, crop: Crop, dimension: TextureDimension): GlcmCounts {
  return dimension === '3d' ? m : { ...m, counts: placeSlices(m.counts, crop), slices: crop.full[2] };
}

export function uncropGlrlm(m: GlrlmCounts, crop: Crop): GlrlmCounts {
  const [nx, ny, nz] = crop.full;
  const maxRun = m.dimension === '3d' ? Math.max(nx, ny, nz) : Math.max(nx, ny);
  const rows = m.counts.length / m.maxRun;
  const wide = new Uint32Array(rows * maxRun);
  for (let r = 0; r < rows; r++) wide.set(m.counts.subarray(r * m.maxRun, (r + 1) * m.maxRun), r * maxRun);
  if (m.dimension === '3d') return { ...m, counts: wide, maxRun };
  return { ...m, counts: placeSlices(wide, crop), maxRun, slices: nz };
}

export function uncropZones(m: ZoneCounts, crop: Crop): ZoneCounts {
  if (m.dimension === '3d') return m;
  return { ...m, counts: placeSlices(m.counts, crop), voxels: placeSlices(m.voxels, crop), slices: crop.full[2] };
}

export function uncropNgtdm(m: NgtdmCounts, crop: Crop): NgtdmCounts {
  if (m.dimension === '3d') return m;
  return { ...m, counts: placeSlices(m.counts, crop), absDiff: placeSlices(m.absDiff, crop), slices: crop.full[2] };
}

export function uncropNgldm(m: NgldmCounts, crop: Crop): NgldmCounts {
  if (m.dimension === '3d') return m;
  return { ...m, counts: placeSlices(m.counts, crop), slices: crop.full[2] };
}
