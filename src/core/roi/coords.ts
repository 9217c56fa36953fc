/**
 * Voxel index <-> world position (LPS, mm) for a volume's grid.
 *
 *   world = origin + D · (spacing ⊙ index)      (D: row-major 3x3 direction, columns = axis directions)
 *   index = (Dᵀ · (world − origin)) ⊘ spacing   (D is orthonormal, so D⁻¹ = Dᵀ)
 */
import type { Geometry, Vec3 } from '../volume.js';

export function voxelToWorld(g: Geometry, index: Vec3): Vec3 {
  const s = [index[0] * g.spacing[0], index[1] * g.spacing[1], index[2] * g.spacing[2]];
  const d = g.direction;
  return [0, 1, 2].map((r) => g.origin[r] + d[3 * r] * s[0] + d[3 * r + 1] * s[1] + d[3 * r + 2] * s[2]) as Vec3;
}

/** The continuous voxel index of a world point (round it for the nearest voxel). */
export function worldToVoxel(g: Geometry, world: Vec3): Vec3 {
  const p = [world[0] - g.origin[0], world[1] - g.origin[1], world[2] - g.origin[2]];
  const d = g.direction;
  return [0, 1, 2].map((c) => (d[c] * p[0] + d[3 + c] * p[1] + d[6 + c] * p[2]) / g.spacing[c]) as Vec3;
}

/** Storage index of voxel (i, j, k): x fastest. */
export function linearIndex(dims: Vec3, i: number, j: number, k: number): number {
  return i + dims[0] * (j + dims[1] * k);
}

export function insideGrid(dims: Vec3, i: number, j: number, k: number): boolean {
  return i >= 0 && j >= 0 && k >= 0 && i < dims[0] && j < dims[1] && k < dims[2];
}
