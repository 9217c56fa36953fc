/**
 * Neighbour directions for texture matrices (IBSI 1 section 3.6). Each unordered direction appears once;
 * symmetric matrices count both orders. Offsets are multiplied by the Chebyshev distance.
 */
import type { Vec3 } from './volume.js';

/** The 13 unique directions of a 26-connected 3D neighbourhood. */
export const DIRECTIONS_3D: readonly Vec3[] = [
  [1, 0, 0],
  [0, 1, 0],
  [1, 1, 0],
  [1, -1, 0],
  [0, 0, 1],
  [1, 0, 1],
  [1, 0, -1],
  [0, 1, 1],
  [0, 1, -1],
  [1, 1, 1],
  [1, 1, -1],
  [1, -1, 1],
  [1, -1, -1],
];

/** The 4 unique in-plane directions of an 8-connected 2D neighbourhood (slices along z). */
export const DIRECTIONS_2D: readonly Vec3[] = [
  [1, 0, 0],
  [0, 1, 0],
  [1, 1, 0],
  [1, -1, 0],
];

export type TextureDimension = '2d' | '3d';

export function directionsFor(dimension: TextureDimension): readonly Vec3[] {
  return dimension === '3d' ? DIRECTIONS_3D : DIRECTIONS_2D;
}
