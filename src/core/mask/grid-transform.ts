/**
 * Maps between LPS millimetres and continuous voxel indices of a grid:
 *   p = origin + D * diag(spacing) * idx,   idx = diag(1/spacing) * D^-1 * (p - origin)
 * with D the row-major direction matrix (columns = axis directions). D is inverted in general (not transposed),
 * so that a direction matrix that is only nearly orthonormal (rounded DICOM cosines) maps exactly back.
 */
import type { Geometry, Vec3 } from '../volume.js';

/** Inverse of a row-major 3x3 matrix. */
export function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-12) throw new Error('singular direction matrix');
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

export interface IndexMap {
  /** row-major 3x3 applied to LPS offsets from the origin */
  m: number[];
  origin: Vec3;
}

/** The map from LPS mm to continuous voxel index of `grid`. */
export function lpsToIndexMap(grid: Geometry): IndexMap {
  const inv = invert3(grid.direction);
  const m = inv.map((v, n) => v / grid.spacing[Math.floor(n / 3)]);
  return { m, origin: grid.origin };
}

export function applyIndexMap(map: IndexMap, x: number, y: number, z: number, out: number[] = [0, 0, 0]): number[] {
  const dx = x - map.origin[0];
  const dy = y - map.origin[1];
  const dz = z - map.origin[2];
  const m = map.m;
  out[0] = m[0] * dx + m[1] * dy + m[2] * dz;
  out[1] = m[3] * dx + m[4] * dy + m[5] * dz;
  out[2] = m[6] * dx + m[7] * dy + m[8] * dz;
  return out;
}

/** LPS mm of continuous voxel index (i, j, k). */
export function indexToLps(grid: Geometry, i: number, j: number, k: number): Vec3 {
  const d = grid.direction;
  const a = i * grid.spacing[0];
  const b = j * grid.spacing[1];
  const c = k * grid.spacing[2];
  return [0, 1, 2].map((r) => grid.origin[r] + d[3 * r] * a + d[3 * r + 1] * b + d[3 * r + 2] * c) as Vec3;
}

/**
 * The affine map from voxel index of `from` to continuous voxel index of `to`: idx_to = A idx_from + t.
 * Returned as a row-major 3x4 matrix [A | t].
 */
export function indexToIndex(from: Geometry, to: Geometry): number[] {
  const map = lpsToIndexMap(to);
  const o = applyIndexMap(map, from.origin[0], from.origin[1], from.origin[2]);
  const out: number[] = [];
  const cols = [0, 1, 2].map((c) => {
    // image of the unit index step along axis c of `from`
    const s = from.spacing[c];
    const v = [from.direction[c] * s, from.direction[3 + c] * s, from.direction[6 + c] * s];
    return [0, 1, 2].map((r) => map.m[3 * r] * v[0] + map.m[3 * r + 1] * v[1] + map.m[3 * r + 2] * v[2]);
  });
  for (let r = 0; r < 3; r++) out.push(cols[0][r], cols[1][r], cols[2][r], o[r]);
  return out;
}
