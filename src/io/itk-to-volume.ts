/** Converts an itk-wasm Image into the project's Volume, checking what itk-wasm does not. */
import type { Image } from 'itk-wasm';
import type { Vec3, Volume, VoxelArray } from '../core/volume.js';
import { ImageReadError, UNDECODABLE } from './image-format.js';

const MAX_SPACING_MM = 1000;

export function itkImageToVolume(name: string, image: Image | undefined): Volume {
  if (!image || !image.data) throw new ImageReadError(name, UNDECODABLE);
  if (image.imageType.components !== 1) {
    throw new ImageReadError(name, `expected a scalar image, found ${image.imageType.components} components per voxel`);
  }
  const d = image.imageType.dimension;
  if (d !== 2 && d !== 3) throw new ImageReadError(name, `expected a 2D or 3D image, found ${d}D`);
  const dims: Vec3 = [image.size[0], image.size[1], d === 3 ? image.size[2] : 1];
  const n = dims[0] * dims[1] * dims[2];
  const data = image.data as VoxelArray;
  if (data.length !== n) throw new ImageReadError(name, `the voxel data is truncated (${data.length} of ${n} voxels)`);
  const spacing: Vec3 = [image.spacing[0], image.spacing[1], d === 3 ? image.spacing[2] : 1];
  const mm = `${spacing.join(' x ')} mm`;
  if (spacing.some((s) => !Number.isFinite(s) || s <= 0)) throw new ImageReadError(name, `invalid voxel spacing ${mm}`);
  // A voxel over a metre wide is a header in the wrong units or garbage, never a medical image.
  if (spacing.some((s) => s > MAX_SPACING_MM)) throw new ImageReadError(name, `implausible voxel spacing ${mm} (more than ${MAX_SPACING_MM} mm)`);
  const origin: Vec3 = [image.origin[0], image.origin[1], d === 3 ? image.origin[2] : 0];
  const dir = Array.from(image.direction as ArrayLike<number>);
  const direction = d === 3 ? dir.map((v) => v + 0) : [dir[0], dir[1], 0, dir[2], dir[3], 0, 0, 0, 1];
  return { dims, spacing, origin, direction, data };
}
