/**
 * Neighbourhood offsets shared by the zone (GLSZM, GLDZM) and neighbourhood (NGTDM, NGLDM) matrices.
 *
 * Offsets are flat Int32Array triplets (dx, dy, dz), centre excluded, both signs included, in a fixed order
 * (z, then y, then x ascending) so that a GPU kernel can use the same table. 2D neighbourhoods lie in the slice
 * (dz = 0); slices run along z, as in every 2D / 2.5D aggregation of IBSI 1.
 */
import type { TextureDimension } from '../directions.js';

/** Voxel connectivity of a zone: 4 / 8 in a slice (2D), 6 / 18 / 26 in 3D. IBSI default: 8 (2D), 26 (3D). */
export type Connectivity = 4 | 8 | 6 | 18 | 26;

export function defaultConnectivity(dimension: TextureDimension): Connectivity {
  return dimension === '3d' ? 26 : 8;
}

export function checkConnectivity(dimension: TextureDimension, connectivity: Connectivity): void {
  const allowed: readonly Connectivity[] = dimension === '3d' ? [6, 18, 26] : [4, 8];
  const ok = allowed.includes(connectivity);
  if (!ok) throw new Error(`connectivity ${connectivity} is not defined for ${dimension} neighbourhoods`);
}

/** Offsets of a connectivity neighbourhood: 6/4 = face neighbours, 18 = faces + edges, 26/8 = all at Chebyshev 1. */
export function connectivityOffsets(dimension: TextureDimension, connectivity: Connectivity): Int32Array {
  checkConnectivity(dimension, connectivity);
  const out: number[] = [];
  const zr = dimension === '3d' ? 1 : 0;
  for (let dz = -zr; dz <= zr; dz++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const l1 = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
        if (l1 === 0) continue;
        if ((connectivity === 6 || connectivity === 4) && l1 > 1) continue;
        if (connectivity === 18 && l1 > 2) continue;
        out.push(dx, dy, dz);
      }
    }
  }
  return Int32Array.from(out);
}

/** Offsets of all voxels within Chebyshev distance 1..distance of the centre (in the slice for 2D). */
export function chebyshevOffsets(dimension: TextureDimension, distance: number): Int32Array {
  if (!Number.isInteger(distance) || distance < 1) throw new Error(`neighbourhood distance must be an integer >= 1, got ${distance}`);
  const out: number[] = [];
  const zr = dimension === '3d' ? distance : 0;
  for (let dz = -zr; dz <= zr; dz++) {
    for (let dy = -distance; dy <= distance; dy++) {
      for (let dx = -distance; dx <= distance; dx++) {
        if (dx !== 0 || dy !== 0 || dz !== 0) out.push(dx, dy, dz);
      }
    }
  }
  return Int32Array.from(out);
}

/**
 * Flat index steps of offsets on an nx x ny x nz grid, and the largest |offset| per axis (voxels at least that far
 * from every face have all their neighbours inside the grid).
 */
export function offsetSteps(offsets: Int32Array, nx: number, ny: number): { steps: Int32Array; reach: [number, number, number] } {
  const n = offsets.length / 3;
  const steps = new Int32Array(n);
  const reach: [number, number, number] = [0, 0, 0];
  for (let k = 0; k < n; k++) {
    const dx = offsets[3 * k];
    const dy = offsets[3 * k + 1];
    const dz = offsets[3 * k + 2];
    steps[k] = dx + nx * (dy + ny * dz);
    reach[0] = Math.max(reach[0], Math.abs(dx));
    reach[1] = Math.max(reach[1], Math.abs(dy));
    reach[2] = Math.max(reach[2], Math.abs(dz));
  }
  return { steps, reach };
}
