/**
 * Index <-> physical point mappings of a grid, evaluated in the same order of floating-point operations as ITK's
 * ImageBase (which SimpleITK, and so PyRadiomics, use), so that resampling grids agree to the last bit where a
 * nearest-neighbour rounding or an integer cast depends on it.
 *
 *   index -> point:   p_r = origin_r + sum_c M(r,c) i_c        (TransformIndexToPhysicalPoint, integer index)
 *   cindex -> point:  p_r = (sum_c M(r,c) i_c) + origin_r      (TransformContinuousIndexToPhysicalPoint)
 *   point -> cindex:  i_r = sum_c M^-1(r,c) (p_c - origin_c)   (TransformPhysicalPointToContinuousIndex)
 * with M = direction * diag(spacing). For an axis-aligned direction M^-1 has the correctly rounded reciprocals of
 * the spacings (what ITK's SVD-based inverse yields for a signed permutation times a diagonal).
 */
import type { Geometry, Vec3 } from '../volume.js';

export interface GridMaps {
  /** M, row-major 3x3 */
  m: Float64Array;
  /** M^-1, row-major 3x3 */
  inv: Float64Array;
  origin: Vec3;
}

export function gridMaps(g: Geometry): GridMaps {
  const m = new Float64Array(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) m[3 * r + c] = g.direction[3 * r + c] * g.spacing[c];
  return { m, inv: invert3(m), origin: [g.origin[0], g.origin[1], g.origin[2]] };
}

/** True when every row and column has exactly one non-zero entry (a signed permutation times a diagonal). */
function isMonomial(m: Float64Array): boolean {
  for (let r = 0; r < 3; r++) {
    let nr = 0;
    let nc = 0;
    for (let c = 0; c < 3; c++) {
      if (m[3 * r + c] !== 0) nr++;
      if (m[3 * c + r] !== 0) nc++;
    }
    if (nr !== 1 || nc !== 1) return false;
  }
  return true;
}

export function invert3(m: Float64Array): Float64Array {
  const out = new Float64Array(9);
  if (isMonomial(m)) {
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) if (m[3 * r + c] !== 0) out[3 * c + r] = 1 / m[3 * r + c];
    return out;
  }
  const [a, b, c, d, e, f, g, h, i] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  if (det === 0) throw new Error('singular grid direction / spacing matrix');
  const k = 1 / det;
  out.set([(e * i - f * h) * k, (c * h - b * i) * k, (b * f - c * e) * k, (f * g - d * i) * k, (a * i - c * g) * k, (c * d - a * f) * k, (d * h - e * g) * k, (b * g - a * h) * k, (a * e - b * d) * k]);
  return out;
}

export function indexToPoint(t: GridMaps, i: number, j: number, k: number): Vec3 {
  const { m, origin } = t;
  const p: Vec3 = [0, 0, 0];
  for (let r = 0; r < 3; r++) {
    let v = origin[r];
    v += m[3 * r] * i;
    v += m[3 * r + 1] * j;
    v += m[3 * r + 2] * k;
    p[r] = v;
  }
  return p;
}

export function continuousIndexToPoint(t: GridMaps, ci: ArrayLike<number>): Vec3 {
  const { m, origin } = t;
  const p: Vec3 = [0, 0, 0];
  for (let r = 0; r < 3; r++) {
    let sum = 0;
    for (let c = 0; c < 3; c++) sum += m[3 * r + c] * ci[c];
    p[r] = sum + origin[r];
  }
  return p;
}

export function pointToContinuousIndex(t: GridMaps, p: ArrayLike<number>): Vec3 {
  const { inv, origin } = t;
  const v = [p[0] - origin[0], p[1] - origin[1], p[2] - origin[2]];
  const ci: Vec3 = [0, 0, 0];
  for (let r = 0; r < 3; r++) {
    let sum = 0;
    for (let c = 0; c < 3; c++) sum += inv[3 * r + c] * v[c];
    ci[r] = sum;
  }
  return ci;
}

/** Inclusive voxel bounding box of the non-zero voxels, or null when there is none. */
export function boundingBox(data: ArrayLike<number>, dims: Vec3): { lo: Vec3; hi: Vec3 } | null {
  const [nx, ny, nz] = dims;
  const lo: Vec3 = [nx, ny, nz];
  const hi: Vec3 = [-1, -1, -1];
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      let rowHit = false;
      for (let x = 0; x < nx; x++, i++) {
        if (!data[i]) continue;
        rowHit = true;
        if (x < lo[0]) lo[0] = x;
        if (x > hi[0]) hi[0] = x;
      }
      if (!rowHit) continue;
      if (y < lo[1]) lo[1] = y;
      if (y > hi[1]) hi[1] = y;
      if (z < lo[2]) lo[2] = z;
      if (z > hi[2]) hi[2] = z;
    }
  }
  return hi[0] < 0 ? null : { lo, hi };
}
