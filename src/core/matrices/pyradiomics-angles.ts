/**
 * PyRadiomics' neighbour offsets ("angles", radiomics/src/cmatrices.c build_angles) and its distance weights.
 *
 * An angle is an offset whose largest component (Chebyshev norm) is one of the requested distances. Offsets that
 * move along the out-of-plane axis (force2D) or by the full bounding-box size or more are left out. With
 * bidirectional = false only one of each +-pair is kept: PyRadiomics enumerates (z, y, x) offsets from +max to -max
 * and keeps those before (0, 0, 0), i.e. the first non-zero of (dz, dy, dx) is positive. Returned as flat
 * (dx, dy, dz) triplets in PyRadiomics' order, for this project's x-fastest volumes.
 */
import type { Vec3 } from '../volume.js';

/**
 * @param size grid size (x, y, z) of the cropped ROI
 * @param outOfPlaneAxis with force2D: the axis (0 = x, 1 = y, 2 = z) that angles may not move along, else null
 */
export function pyradiomicsOffsets(size: Vec3, distances: readonly number[], bidirectional: boolean, outOfPlaneAxis: number | null): Int32Array {
  const maxD = Math.max(...distances);
  const n = 2 * maxD + 1;
  const out: number[] = [];
  // numpy order (z, y, x): z slowest
  for (let iz = 0; iz < n; iz++) {
    const dz = maxD - iz;
    for (let iy = 0; iy < n; iy++) {
      const dy = maxD - iy;
      for (let ix = 0; ix < n; ix++) {
        const dx = maxD - ix;
        if (!bidirectional && (dz < 0 || (dz === 0 && (dy < 0 || (dy === 0 && dx <= 0))))) continue;
        const d = [dx, dy, dz];
        if (d.every((v) => v === 0)) continue;
        if (outOfPlaneAxis !== null && d[outOfPlaneAxis] !== 0) continue;
        if (d.some((v, k) => Math.abs(v) >= size[k])) continue;
        if (!distances.includes(Math.max(Math.abs(dx), Math.abs(dy), Math.abs(dz)))) continue;
        out.push(dx, dy, dz);
      }
    }
  }
  return Int32Array.from(out);
}

export type AngleWeighting = 'manhattan' | 'euclidean' | 'infinity' | 'no_weighting';

/**
 * Length of offset (dx, dy, dz) in mm under a norm: infinity max_k |d_k s_k|, euclidean sqrt(sum (d_k s_k)^2),
 * manhattan sum |d_k s_k|; no_weighting 1 (the weight itself).
 */
export function offsetLength(d: ArrayLike<number>, spacing: Vec3, norm: AngleWeighting): number {
  const a = [Math.abs(d[0]) * spacing[0], Math.abs(d[1]) * spacing[1], Math.abs(d[2]) * spacing[2]];
  if (norm === 'infinity') return Math.max(a[0], a[1], a[2]);
  if (norm === 'euclidean') return Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
  if (norm === 'manhattan') return a[0] + a[1] + a[2];
  return 1;
}

/** GLCM angle weight: exp(-length^2) (glcm.py), 1 for no_weighting. */
export function glcmAngleWeight(d: ArrayLike<number>, spacing: Vec3, norm: AngleWeighting): number {
  if (norm === 'no_weighting') return 1;
  if (norm === 'euclidean') {
    const a = [d[0] * spacing[0], d[1] * spacing[1], d[2] * spacing[2]];
    return Math.exp(-(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]));
  }
  const l = offsetLength(d, spacing, norm);
  return Math.exp(-(l * l));
}

/** GLRLM angle weight: the length itself (glrlm.py), 1 for no_weighting. */
export function glrlmAngleWeight(d: ArrayLike<number>, spacing: Vec3, norm: AngleWeighting): number {
  return offsetLength(d, spacing, norm);
}
