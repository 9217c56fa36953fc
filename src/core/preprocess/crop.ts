/**
 * Cropping to the ROI bounding box (PyRadiomics imageoperations.cropToTumorMask), optionally padded by `pad` voxels
 * on every side within the image. The cropped grid keeps spacing and direction; its origin is the physical position
 * of the first kept voxel.
 */
import type { Geometry, Vec3, Volume } from '../volume.js';
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
