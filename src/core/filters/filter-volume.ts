/** Shared plumbing for the filters: f64 input, output volumes on the input's grid, 2D-per-slice vs 3D. */
import type { Geometry, Vec3, Volume } from '../volume.js';

/**
 * '3d': the filter acts on the whole volume. '2d': the filter acts in each slice along z (NIfTI array axis 2), i.e.
 * only along x and y; no voxel of another slice contributes.
 */
export type FilterDimensionality = '2d' | '3d';

/** The voxels as f64 (a copy, so filters may work in place). */
export function toFloat64(volume: Volume): Float64Array {
  return Float64Array.from(volume.data as ArrayLike<number>);
}

/** A volume on the same grid as `like` holding `data`. */
export function withData(like: Geometry, data: Float64Array, dims?: Vec3, spacing?: Vec3): Volume {
  return {
    dims: dims ?? ([...like.dims] as Vec3),
    spacing: spacing ?? ([...like.spacing] as Vec3),
    origin: [...like.origin] as Vec3,
    direction: [...like.direction],
    data,
  };
}

/** Axes a filter of this dimensionality acts along. */
export function filterAxes(dimensionality: FilterDimensionality): (0 | 1 | 2)[] {
  return dimensionality === '3d' ? [0, 1, 2] : [0, 1];
}

/** How the responses of a rotated filter set are combined (IBSI 2: pooling). */
export type Pooling = 'max' | 'mean' | 'min';

export function poolInto(acc: Float64Array, r: Float64Array, pooling: Pooling, first: boolean): void {
  const n = acc.length;
  if (first) {
    acc.set(r);
    return;
  }
  if (pooling === 'mean') for (let i = 0; i < n; i++) acc[i] += r[i];
  else if (pooling === 'max') for (let i = 0; i < n; i++) acc[i] = r[i] > acc[i] ? r[i] : acc[i];
  else for (let i = 0; i < n; i++) acc[i] = r[i] < acc[i] ? r[i] : acc[i];
}

export function finishPool(acc: Float64Array, pooling: Pooling, count: number): void {
  if (pooling === 'mean') for (let i = 0; i < acc.length; i++) acc[i] /= count;
}

export function assertPositive(name: string, v: number): void {
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a positive number, got ${v}`);
}
