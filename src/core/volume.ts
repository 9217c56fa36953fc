/**
 * The project's own volume type. Every stage takes and returns plain typed arrays plus geometry, so the same
 * code runs in Node, in a worker and in the CLI.
 *
 * Voxel order: x fastest, then y, then z (index = x + nx * (y + ny * z)), as NIfTI, NRRD and itk-wasm store them.
 * Geometry is in LPS patient coordinates (DICOM convention); `direction` is row-major 3x3 whose columns are the
 * directions of the x, y and z axes.
 */
export type VoxelArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

export type Vec3 = [number, number, number];

export interface Geometry {
  /** voxels along x, y, z */
  dims: Vec3;
  /** mm between voxel centres along x, y, z */
  spacing: Vec3;
  /** LPS position (mm) of the centre of voxel (0, 0, 0) */
  origin: Vec3;
  /** row-major 3x3 direction cosines; columns are the axis directions */
  direction: number[];
}

export interface Volume extends Geometry {
  data: VoxelArray;
}

/** A region of interest on a volume's grid: 1 inside, 0 outside. */
export interface Mask extends Geometry {
  data: Uint8Array;
}

export function voxelCount(dims: Vec3): number {
  return dims[0] * dims[1] * dims[2];
}

/** Tolerance for comparing geometry read from files (mm, and direction cosines). */
const GEOMETRY_TOLERANCE = 1e-4;

/** Returns a description of the first geometric difference between two grids, or null when they match. */
export function geometryMismatch(a: Geometry, b: Geometry): string | null {
  for (let k = 0; k < 3; k++) {
    if (a.dims[k] !== b.dims[k]) return `size ${a.dims.join('x')} vs ${b.dims.join('x')}`;
  }
  for (let k = 0; k < 3; k++) {
    if (Math.abs(a.spacing[k] - b.spacing[k]) > GEOMETRY_TOLERANCE) {
      return `spacing ${a.spacing.join(' x ')} mm vs ${b.spacing.join(' x ')} mm`;
    }
  }
  for (let k = 0; k < 3; k++) {
    if (Math.abs(a.origin[k] - b.origin[k]) > GEOMETRY_TOLERANCE * Math.max(1, Math.abs(a.origin[k]))) {
      return `origin (${a.origin.join(', ')}) vs (${b.origin.join(', ')})`;
    }
  }
  for (let k = 0; k < 9; k++) {
    if (Math.abs(a.direction[k] - b.direction[k]) > GEOMETRY_TOLERANCE) return 'orientation (direction cosines) differ';
  }
  return null;
}

/** Binarises a label image: voxels equal to `label` (or any non-zero voxel when label is undefined) become 1. */
export function maskFromLabels(labels: Volume, label?: number): Mask {
  const n = labels.data.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = labels.data[i];
    const hit = label === undefined ? v !== 0 : v === label;
    if (hit) {
      out[i] = 1;
    }
  }
  return { dims: labels.dims, spacing: labels.spacing, origin: labels.origin, direction: labels.direction, data: out };
}

export function countInside(mask: Mask): number {
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) n += mask.data[i];
  return n;
}
