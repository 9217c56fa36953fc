/**
 * Point interpolators on a volume's grid (continuous voxel index in, value out), as ITK evaluates them:
 *  - nearest: index rounded half up per axis (itk::Math::RoundHalfIntegerUp: round-half-even of 2x + 0.5, halved);
 *  - linear: trilinear, lerp along x, then y, then z (LinearInterpolateImageFunction::EvaluateOptimized), the
 *    upper neighbour clamped to the last voxel and a position below the first voxel treated as on it;
 *  - bspline: cubic B-spline, see bspline.ts.
 * Callers keep indices within [-0.5, n - 0.5) (ITK's IsInsideBuffer) or clamp them first.
 */
import type { InterpolatorName } from '../settings.js';
import type { Vec3, Volume } from '../volume.js';
import { bsplineInterpolator } from './bspline.js';

export type PointInterpolator = (x: number, y: number, z: number) => number;

/** Round half to even (IEEE rint). */
function rint(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** itk::Math::RoundHalfIntegerUp */
export function roundHalfUp(x: number): number {
  return Math.floor(rint(x + x + 0.5) / 2);
}

export function nearestInterpolator(image: Volume): PointInterpolator {
  const [nx, ny, nz] = image.dims;
  const data = image.data;
  return (x, y, z) => {
    const i = Math.min(nx - 1, Math.max(0, roundHalfUp(x)));
    const j = Math.min(ny - 1, Math.max(0, roundHalfUp(y)));
    const k = Math.min(nz - 1, Math.max(0, roundHalfUp(z)));
    return data[i + nx * (j + ny * k)];
  };
}

export function linearInterpolator(image: Volume): PointInterpolator {
  const [nx, ny, nz] = image.dims;
  const data = image.data;
  const axis = (v: number, n: number): [number, number, number] => {
    let b = Math.floor(v);
    if (b < 0) b = 0;
    if (b > n - 1) b = n - 1;
    const d = v - b;
    return [b, Math.min(b + 1, n - 1), d > 0 ? d : 0];
  };
  return (x, y, z) => {
    const [x0, x1, dx] = axis(x, nx);
    const [y0, y1, dy] = axis(y, ny);
    const [z0, z1, dz] = axis(z, nz);
    const at = (i: number, j: number, k: number) => data[i + nx * (j + ny * k)];
    const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
    const v00 = lerp(at(x0, y0, z0), at(x1, y0, z0), dx);
    const v10 = lerp(at(x0, y1, z0), at(x1, y1, z0), dx);
    const v01 = lerp(at(x0, y0, z1), at(x1, y0, z1), dx);
    const v11 = lerp(at(x0, y1, z1), at(x1, y1, z1), dx);
    return lerp(lerp(v00, v10, dy), lerp(v01, v11, dy), dz);
  };
}

/** An interpolator for continuous indices within [lo, hi] of `image`'s grid. */
export function makeInterpolator(image: Volume, name: InterpolatorName, lo: Vec3, hi: Vec3): PointInterpolator {
  if (name === 'nearest') return nearestInterpolator(image);
  if (name === 'linear') return linearInterpolator(image);
  const b = bsplineInterpolator(image, lo, hi);
  return (x, y, z) => b.evaluate(x, y, z);
}
