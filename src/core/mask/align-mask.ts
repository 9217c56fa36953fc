/**
 * Puts a mask (label image) on an image's grid. Same grid (within the geometry tolerance): the voxels unchanged,
 * with the image's exact geometry. A grid that differs only by a whole-voxel
 * shift (a DICOM SEG that stores only the slices it covers): copied exactly. Any other grid: resampled with
 * nearest neighbour (labels must not be blended), with a warning. A non-empty mask that lands wholly outside the
 * image is an error.
 */
import { geometryMismatch, type Geometry, type Volume, type VoxelArray } from '../volume.js';
import { indexToIndex } from './grid-transform.js';

export class MaskAlignmentError extends Error {
  override name = 'MaskAlignmentError';
}

/** Index offsets closer than this to whole numbers are a whole-voxel shift. */
const SHIFT_TOLERANCE = 1e-3;

function emptyLike(data: VoxelArray, n: number): VoxelArray {
  const Ctor = data.constructor as new (n: number) => VoxelArray;
  return new Ctor(n);
}

/**
 * Nearest-neighbour resampling of `source` onto `target`: each target voxel takes the label of the source voxel
 * whose centre is nearest its own centre, or 0 outside the source. Also counts the non-zero source voxels whose
 * centres fall outside the target.
 */
export function resampleNearest(source: Volume, target: Geometry): { volume: Volume; sourceOutside: number; sourceNonZero: number } {
  const [nx, ny, nz] = target.dims;
  const [sx, sy, sz] = source.dims;
  const a = indexToIndex(target, source);
  const out = emptyLike(source.data, nx * ny * nz);
  const src = source.data;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const bx = a[1] * j + a[2] * k + a[3];
      const by = a[5] * j + a[6] * k + a[7];
      const bz = a[9] * j + a[10] * k + a[11];
      const row = nx * (j + ny * k);
      for (let i = 0; i < nx; i++) {
        // floor(x + 0.5): ties go up, the same on every platform
        const u = Math.floor(a[0] * i + bx + 0.5);
        const v = Math.floor(a[4] * i + by + 0.5);
        const w = Math.floor(a[8] * i + bz + 0.5);
        if (u < 0 || v < 0 || w < 0 || u >= sx || v >= sy || w >= sz) continue;
        out[row + i] = src[u + sx * (v + sy * w)];
      }
    }
  }
  // Non-zero source voxels whose centres lie outside the target grid (half a voxel beyond the edge centres).
  const b = indexToIndex(source, target);
  let sourceOutside = 0;
  let sourceNonZero = 0;
  for (let w = 0; w < sz; w++) {
    for (let v = 0; v < sy; v++) {
      for (let u = 0; u < sx; u++) {
        if (src[u + sx * (v + sy * w)] === 0) continue;
        sourceNonZero++;
        const x = b[0] * u + b[1] * v + b[2] * w + b[3];
        const y = b[4] * u + b[5] * v + b[6] * w + b[7];
        const z = b[8] * u + b[9] * v + b[10] * w + b[11];
        if (x < -0.5 || y < -0.5 || z < -0.5 || x >= nx - 0.5 || y >= ny - 0.5 || z >= nz - 0.5) sourceOutside++;
      }
    }
  }
  const volume: Volume = { dims: [nx, ny, nz], spacing: [...target.spacing], origin: [...target.origin], direction: [...target.direction], data: out };
  return { volume, sourceOutside, sourceNonZero };
}

/** True when `mask` has the image's spacing and direction and its origin is a whole number of voxels away. */
export function isShiftedGrid(image: Geometry, mask: Geometry): boolean {
  for (let k = 0; k < 3; k++) if (Math.abs(image.spacing[k] - mask.spacing[k]) > 1e-4 * Math.max(1, image.spacing[k])) return false;
  for (let k = 0; k < 9; k++) if (Math.abs(image.direction[k] - mask.direction[k]) > 1e-4) return false;
  const t = indexToIndex(mask, image);
  return [3, 7, 11].every((n) => Math.abs(t[n] - Math.round(t[n])) < SHIFT_TOLERANCE);
}

export interface AlignedMask {
  mask: Volume;
  warnings: string[];
  /** how the mask reached the image grid */
  how: 'same-grid' | 'shifted-grid' | 'resampled';
}

export function alignMaskToImage(image: Geometry, mask: Volume, names: { image: string; mask: string }): AlignedMask {
  const mismatch = geometryMismatch(image, mask);
  // same grid within the tolerance: the mask takes the image's exact geometry (a NIfTI mask stores spacing as
  // float32, which must not leak into shape features of a DICOM image)
  if (mismatch === null) {
    const onImage: Volume = { dims: [...image.dims], spacing: [...image.spacing], origin: [...image.origin], direction: [...image.direction], data: mask.data };
    return { mask: onImage, warnings: [], how: 'same-grid' };
  }
  const shifted = isShiftedGrid(image, mask);
  const { volume, sourceOutside, sourceNonZero } = resampleNearest(mask, image);
  let inside = 0;
  for (let n = 0; n < volume.data.length; n++) if (volume.data[n] !== 0) inside++;
  if (sourceNonZero > 0 && inside === 0) {
    throw new MaskAlignmentError(`${names.mask} does not overlap ${names.image}: none of its ${sourceNonZero} labelled voxels lies inside the image`);
  }
  const warnings: string[] = [];
  if (!shifted) {
    warnings.push(`${names.mask} lies on another grid than ${names.image} (${mismatch}): resampled onto the image grid (nearest neighbour)`);
  }
  if (sourceOutside > 0) {
    warnings.push(`${names.mask}: ${sourceOutside} of ${sourceNonZero} labelled voxels lie outside ${names.image} and were dropped`);
  }
  return { mask: volume, warnings, how: shifted ? 'shifted-grid' : 'resampled' };
}
