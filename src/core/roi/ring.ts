/**
 * Peritumoral ring of N mm: the voxels outside the ROI whose centre lies within N mm (Euclidean, in mm, so
 * anisotropic spacing is honoured) of an ROI voxel centre, i.e. the 3D dilation of the ROI by a ball of radius N
 * minus the ROI, optionally clipped to a parenchyma (e.g. liver) mask. For a ball of radius R it approximates the
 * shell 4/3 π ((R + N)³ − R³).
 *
 * The distance transform runs on the ROI's bounding box grown by N mm, not on the whole volume.
 */
import type { Geometry, Vec3 } from '../volume.js';
import { squaredDistanceMm } from './distance.js';

export interface RingOptions {
  /** ring width N (mm) */
  mm: number;
  /** the ROI's label in `labels` */
  roiLabel: number;
  /** when given, only voxels where it is non-zero can be in the ring */
  parenchyma?: Uint8Array;
}

/** Storage indices of the ring voxels, ascending. */
export function peritumoralRing(g: Geometry, labels: Uint8Array, o: RingOptions): Uint32Array {
  const [nx, ny, nz] = g.dims;
  const lo: Vec3 = [nx, ny, nz];
  const hi: Vec3 = [-1, -1, -1];
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        if (labels[n] !== o.roiLabel) continue;
        const v = [i, j, k];
        for (let a = 0; a < 3; a++) {
          if (v[a] < lo[a]) lo[a] = v[a];
          if (v[a] > hi[a]) hi[a] = v[a];
        }
      }
    }
  }
  if (hi[0] < 0 || !(o.mm > 0)) return new Uint32Array(0);
  for (let a = 0; a < 3; a++) {
    const grow = Math.floor(o.mm / g.spacing[a] + 1e-9); // as in brushFootprint: 2.4 / 0.8 must give 3
    lo[a] = Math.max(0, lo[a] - grow);
    hi[a] = Math.min(g.dims[a] - 1, hi[a] + grow);
  }
  const sub: Vec3 = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const full = (n: number) => {
    const i = n % sub[0];
    const r = (n - i) / sub[0];
    const j = r % sub[1];
    const k = (r - j) / sub[1];
    return lo[0] + i + nx * (lo[1] + j + ny * (lo[2] + k));
  };
  const d2 = squaredDistanceMm(sub, g.spacing, (n) => labels[full(n)] === o.roiLabel);
  const limit = o.mm * o.mm * (1 + 1e-12);
  const out: number[] = [];
  for (let n = 0; n < d2.length; n++) {
    if (d2[n] === 0 || d2[n] > limit) continue;
    const f = full(n);
    if (o.parenchyma && !o.parenchyma[f]) continue;
    out.push(f);
  }
  return Uint32Array.from(out).sort();
}
