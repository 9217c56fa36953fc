/**
 * Largest distances between points of a lattice point set, as PyRadiomics' shape class reports them: over all
 * points (Maximum3DDiameter, IBSI L0JK) and over points sharing one coordinate plane (Maximum2DDiameterSlice /
 * Column / Row). PyRadiomics compares all pairs (O(n^2)); the maxima lie on convex hulls, so here:
 *  - per plane, Andrew's monotone chain over the first and last point of each lattice row of the plane (already in
 *    row order, so no sort), on exact integers (a hull survives the axis scaling to mm);
 *  - in 3D, a hull vertex is also a vertex of the 2D hulls of its x, y and z planes, which leaves few candidates.
 * Only candidate points are then compared pairwise.
 */
import type { Vec3 } from '../volume.js';

export interface LatticeDiameters {
  /** largest distance between any two points */
  max3d: number;
  /** largest distance between two points with equal x, equal y, equal z coordinate */
  sameX: number;
  sameY: number;
  sameZ: number;
}

function maxPairDistance(ids: ArrayLike<number>, mm: Float64Array): number {
  let best = 0;
  for (let a = 0; a < ids.length; a++) {
    const p = 3 * ids[a];
    for (let b = a + 1; b < ids.length; b++) {
      const q = 3 * ids[b];
      const d = (mm[p] - mm[q]) ** 2 + (mm[p + 1] - mm[q + 1]) ** 2 + (mm[p + 2] - mm[q + 2]) ** 2;
      if (d > best) best = d;
    }
  }
  return Math.sqrt(best);
}

/**
 * Largest in-plane distance over the planes of equal coordinate `axis`; sets onHull[i] |= bit for every point i that
 * is a vertex of its plane's 2D hull.
 */
function planeDiameter(lattice: Int32Array, lo: number[], size: number[], unit: Vec3, axis: number, onHull: Uint8Array, bit: number): number {
  const a = (axis + 1) % 3;
  const b = (axis + 2) % 3;
  const np = size[axis];
  const nr = size[a];
  const cells = np * nr;
  const first = new Int32Array(cells).fill(0x7fffffff);
  const last = new Int32Array(cells).fill(-0x80000000);
  for (let i = 0; i < lattice.length; i += 3) {
    const cell = (lattice[i + axis] - lo[axis]) * nr + (lattice[i + a] - lo[a]);
    const v = lattice[i + b];
    if (v < first[cell]) first[cell] = v;
    if (v > last[cell]) last[cell] = v;
  }
  const ua = unit[a];
  const ub = unit[b];
  const pu = new Int32Array(2 * nr);
  const pv = new Int32Array(2 * nr);
  const hu = new Int32Array(4 * nr + 2);
  const hv = new Int32Array(4 * nr + 2);
  // 1: the cell's first point is a hull vertex, 2: its last point
  const hullEnds = new Uint8Array(cells);
  let best = 0;
  for (let p = 0; p < np; p++) {
    // the plane's candidate points, sorted by (row, value): each row's first, then last point
    let m = 0;
    for (let r = 0; r < nr; r++) {
      const cell = p * nr + r;
      if (first[cell] > last[cell]) continue;
      pu[m] = r;
      pv[m++] = first[cell];
      if (last[cell] !== first[cell]) {
        pu[m] = r;
        pv[m++] = last[cell];
      }
    }
    if (m === 0) continue;
    // Andrew's monotone chain (collinear points dropped)
    let k = 0;
    const cross = (i: number, j: number, q: number) => (hu[j] - hu[i]) * (pv[q] - hv[i]) - (hv[j] - hv[i]) * (pu[q] - hu[i]);
    for (let q = 0; q < m; q++) {
      while (k >= 2 && cross(k - 2, k - 1, q) <= 0) k--;
      hu[k] = pu[q];
      hv[k++] = pv[q];
    }
    const lowerSize = k + 1;
    for (let q = m - 2; q >= 0; q--) {
      while (k >= lowerSize && cross(k - 2, k - 1, q) <= 0) k--;
      hu[k] = pu[q];
      hv[k++] = pv[q];
    }
    const h = m > 1 ? k - 1 : 1;
    for (let i = 0; i < h; i++) {
      const cell = p * nr + hu[i];
      hullEnds[cell] |= hv[i] === first[cell] ? 1 : 2;
    }
    for (let i = 0; i < h; i++) {
      for (let j = i + 1; j < h; j++) {
        const d = ((hu[i] - hu[j]) * ua) ** 2 + ((hv[i] - hv[j]) * ub) ** 2;
        if (d > best) best = d;
      }
    }
  }
  for (let i = 0, q = 0; i < lattice.length; i += 3, q++) {
    const cell = (lattice[i + axis] - lo[axis]) * nr + (lattice[i + a] - lo[a]);
    const v = lattice[i + b];
    if ((v === first[cell] && hullEnds[cell] & 1) || (v === last[cell] && hullEnds[cell] & 2)) onHull[q] |= bit;
  }
  return Math.sqrt(best);
}

/**
 * @param lattice integer (x, y, z) triplets (e.g. mesh vertices in half-voxel units)
 * @param unit mm per lattice step along x, y, z
 */
export function latticeDiameters(lattice: Int32Array, unit: Vec3): LatticeDiameters {
  const n = lattice.length / 3;
  if (n < 2) return { max3d: 0, sameX: 0, sameY: 0, sameZ: 0 };
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < lattice.length; i++) {
    const k = i % 3;
    if (lattice[i] < lo[k]) lo[k] = lattice[i];
    if (lattice[i] > hi[k]) hi[k] = lattice[i];
  }
  const size = [0, 1, 2].map((k) => hi[k] - lo[k] + 1);
  const onHull = new Uint8Array(n);
  const sameX = planeDiameter(lattice, lo, size, unit, 0, onHull, 1);
  const sameY = planeDiameter(lattice, lo, size, unit, 1, onHull, 2);
  const sameZ = planeDiameter(lattice, lo, size, unit, 2, onHull, 4);
  // a 3D hull vertex is a vertex of the 2D hull of each of its three axis planes
  let m = 0;
  for (let i = 0; i < n; i++) if (onHull[i] === 7) m++;
  const candidates = new Uint32Array(m);
  for (let i = 0, o = 0; i < n; i++) if (onHull[i] === 7) candidates[o++] = i;
  const mm = new Float64Array(lattice.length);
  for (let i = 0; i < lattice.length; i++) mm[i] = lattice[i] * unit[i % 3];
  return { max3d: maxPairDistance(candidates, mm), sameX, sameY, sameZ };
}
