/**
 * 3D convex hull by quickhull (Barber, Dobkin & Huhdanpaa 1996), for the convex-hull morphology features of
 * IBSI 1 (maximum 3D diameter L0JK, volume density R3ER, area density 7T7F).
 *
 * Mesh vertices from marching cubes lie on a half-voxel lattice, so many are coplanar or collinear, which breaks
 * the orientation tests of a plain floating-point hull. The hull is therefore built on a copy of the points moved
 * by a tiny deterministic perturbation (1e-7 of the extent): the points are then in general position, while
 * the hull it finds is still a valid triangulation of the true hull's boundary (coplanar facets come out as
 * several coplanar triangles). Volumes and areas are computed by the caller from the unperturbed coordinates.
 */

export interface ConvexHull {
  /** indices into the input points, 3 per triangle, counter-clockwise seen from outside */
  triangles: Uint32Array;
  /** the distinct input point indices on the hull */
  vertices: Uint32Array;
}

const EMPTY: ConvexHull = { triangles: new Uint32Array(0), vertices: new Uint32Array(0) };

/**
 * Convex hull of points (x, y, z triplets). `candidates` restricts the input to a subset (e.g. after a cheap
 * pre-filter); returned indices always refer to `points`. Fewer than 4 points, or all points coplanar, give an
 * empty hull.
 */
export function convexHull(points: Float64Array, candidates?: Uint32Array): ConvexHull {
  const ids = candidates ?? Uint32Array.from({ length: points.length / 3 }, (_, i) => i);
  const n = ids.length;
  if (n < 4) return EMPTY;
  const p = perturbedCopy(points, ids);
  const hull = new Quickhull(p.coords, p.tolerance, p.flatness);
  if (!hull.build()) return EMPTY;
  const tris: number[] = [];
  const used = new Uint8Array(n);
  for (let f = 0; f < hull.faceCount(); f++) {
    if (!hull.alive[f]) continue;
    for (let k = 0; k < 3; k++) {
      const v = hull.fv[3 * f + k];
      tris.push(ids[v]);
      used[v] = 1;
    }
  }
  const vertices: number[] = [];
  for (let i = 0; i < n; i++) if (used[i]) vertices.push(ids[i]);
  return { triangles: Uint32Array.from(tris), vertices: Uint32Array.from(vertices) };
}

/**
 * Centred, perturbed coordinates, the plane-distance tolerance to use with them, and the thickness below which
 * the input counts as flat (far above the perturbation, so perturbed coplanar input is still recognised).
 */
function perturbedCopy(points: Float64Array, ids: Uint32Array): { coords: Float64Array; tolerance: number; flatness: number } {
  const n = ids.length;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++) {
      const v = points[3 * ids[i] + k];
      lo[k] = Math.min(lo[k], v);
      hi[k] = Math.max(hi[k], v);
    }
  }
  const extent = Math.max(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]) || 1;
  const coords = new Float64Array(3 * n);
  let seed = 0x9e3779b9;
  const random = () => {
    // xorshift32: deterministic, so a hull (and every feature built on it) is reproducible run to run
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296 - 0.5;
  };
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++) {
      const centre = 0.5 * (lo[k] + hi[k]);
      coords[3 * i + k] = points[3 * ids[i] + k] - centre + 2e-7 * extent * random();
    }
  }
  return { coords, tolerance: 1e-11 * extent, flatness: 1e-5 * extent };
}

class Quickhull {
  /** face vertices (3 per face), outward unit normals and plane offsets */
  fv: number[] = [];
  nrm: number[] = [];
  off: number[] = [];
  /** neighbour face across edge k (v_k -> v_{k+1}) */
  nb: number[] = [];
  alive: number[] = [];
  /** outside set of each face as a linked list through `nextPoint` */
  head: number[] = [];
  private readonly nextPoint: Int32Array;
  private visitStamp: number[] = [];
  private stamp = 0;

  constructor(
    private readonly p: Float64Array,
    private readonly tol: number,
    private readonly flatness: number,
  ) {
    this.nextPoint = new Int32Array(p.length / 3).fill(-1);
  }

  faceCount(): number {
    return this.alive.length;
  }

  distance(f: number, q: number): number {
    const p = this.p;
    return this.nrm[3 * f] * p[3 * q] + this.nrm[3 * f + 1] * p[3 * q + 1] + this.nrm[3 * f + 2] * p[3 * q + 2] - this.off[f];
  }

  private addFace(a: number, b: number, c: number): number {
    const p = this.p;
    const ux = p[3 * b] - p[3 * a];
    const uy = p[3 * b + 1] - p[3 * a + 1];
    const uz = p[3 * b + 2] - p[3 * a + 2];
    const vx = p[3 * c] - p[3 * a];
    const vy = p[3 * c + 1] - p[3 * a + 1];
    const vz = p[3 * c + 2] - p[3 * a + 2];
    let nx = uy * vz - uz * vy;
    let ny = uz * vx - ux * vz;
    let nz = ux * vy - uy * vx;
    const len = Math.hypot(nx, ny, nz);
    // a degenerate (zero-area) face gets a zero normal: no point is ever above it
    if (len > 0) {
      nx /= len;
      ny /= len;
      nz /= len;
    }
    const f = this.alive.length;
    this.fv.push(a, b, c);
    this.nrm.push(nx, ny, nz);
    this.off.push(nx * p[3 * a] + ny * p[3 * a + 1] + nz * p[3 * a + 2]);
    this.nb.push(-1, -1, -1);
    this.alive.push(1);
    this.head.push(-1);
    this.visitStamp.push(0);
    return f;
  }

  /** Slot k of face g whose edge runs a -> b, or -1. */
  private edgeSlot(g: number, a: number, b: number): number {
    for (let k = 0; k < 3; k++) if (this.fv[3 * g + k] === a && this.fv[3 * g + ((k + 1) % 3)] === b) return k;
    return -1;
  }

  /** Initial tetrahedron from extreme points; false when the points are (nearly) coplanar. */
  private initialSimplex(): boolean {
    const p = this.p;
    const n = p.length / 3;
    const dist2 = (i: number, j: number) =>
      (p[3 * i] - p[3 * j]) ** 2 + (p[3 * i + 1] - p[3 * j + 1]) ** 2 + (p[3 * i + 2] - p[3 * j + 2]) ** 2;
    const ext: number[] = [];
    for (let k = 0; k < 3; k++) {
      let lo = 0;
      let hi = 0;
      for (let i = 1; i < n; i++) {
        if (p[3 * i + k] < p[3 * lo + k]) lo = i;
        if (p[3 * i + k] > p[3 * hi + k]) hi = i;
      }
      ext.push(lo, hi);
    }
    let a = ext[0];
    let b = ext[1];
    for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) if (dist2(ext[i], ext[j]) > dist2(a, b)) [a, b] = [ext[i], ext[j]];
    // farthest from line ab
    let c = -1;
    let best = 0;
    const abx = p[3 * b] - p[3 * a];
    const aby = p[3 * b + 1] - p[3 * a + 1];
    const abz = p[3 * b + 2] - p[3 * a + 2];
    for (let i = 0; i < n; i++) {
      const x = p[3 * i] - p[3 * a];
      const y = p[3 * i + 1] - p[3 * a + 1];
      const z = p[3 * i + 2] - p[3 * a + 2];
      const d = (aby * z - abz * y) ** 2 + (abz * x - abx * z) ** 2 + (abx * y - aby * x) ** 2;
      if (d > best) [best, c] = [d, i];
    }
    if (c < 0 || best <= (this.flatness * Math.sqrt(dist2(a, b))) ** 2) return false;
    const base = this.addFace(a, b, c);
    let d = -1;
    best = this.flatness;
    for (let i = 0; i < n; i++) {
      const h = Math.abs(this.distance(base, i));
      if (h > best) [best, d] = [h, i];
    }
    if (d < 0) return false;
    const above = this.distance(base, d) > 0;
    this.fv.length = this.nrm.length = this.nb.length = 0;
    this.off.length = this.alive.length = this.head.length = this.visitStamp.length = 0;
    // each face must have the remaining vertex behind it
    const faces = above ? [[a, c, b], [a, b, d], [b, c, d], [c, a, d]] : [[a, b, c], [a, d, b], [b, d, c], [c, d, a]];
    for (const [u, v, w] of faces) this.addFace(u, v, w);
    for (let f = 0; f < 4; f++) {
      for (let k = 0; k < 3; k++) {
        const u = this.fv[3 * f + k];
        const v = this.fv[3 * f + ((k + 1) % 3)];
        for (let g = 0; g < 4; g++) if (g !== f && this.edgeSlot(g, v, u) >= 0) this.nb[3 * f + k] = g;
      }
    }
    for (let i = 0; i < n; i++) {
      if (i === a || i === b || i === c || i === d) continue;
      this.assign(i, [0, 1, 2, 3]);
    }
    return true;
  }

  /** Puts point q into the outside set of the first face of `faces` it lies above; drops it otherwise. */
  private assign(q: number, faces: number[]): void {
    for (const f of faces) {
      if (this.distance(f, q) > this.tol) {
        this.nextPoint[q] = this.head[f];
        this.head[f] = q;
        return;
      }
    }
  }

  build(): boolean {
    if (!this.initialSimplex()) return false;
    for (let f = 0; f < this.alive.length; f++) {
      while (this.alive[f] && this.head[f] >= 0) this.addPoint(f);
    }
    return true;
  }

  /** Adds the farthest outside point of face f: removes the faces it sees and cones the horizon to it. */
  private addPoint(f: number): void {
    let eye = -1;
    let best = -Infinity;
    for (let q = this.head[f]; q >= 0; q = this.nextPoint[q]) {
      const d = this.distance(f, q);
      if (d > best) [best, eye] = [d, q];
    }
    const { visible, horizon } = this.horizon(f, eye);
    const m = horizon.length / 3;
    const closed = m >= 3 && horizon.every((_, i) => i % 3 !== 1 || horizon[i] === horizon[(i + 2) % horizon.length]);
    if (!closed) {
      // numerically inconsistent visibility (should not happen on perturbed input): treat the eye as inside
      this.removeFromOutside(f, eye);
      return;
    }
    const orphans: number[] = [];
    for (const g of visible) {
      this.alive[g] = 0;
      for (let q = this.head[g]; q >= 0; q = this.nextPoint[q]) if (q !== eye) orphans.push(q);
      this.head[g] = -1;
    }
    const created: number[] = [];
    for (let i = 0; i < m; i++) {
      const u = horizon[3 * i];
      const v = horizon[3 * i + 1];
      const g = horizon[3 * i + 2];
      const nf = this.addFace(u, v, eye);
      this.nb[3 * nf] = g;
      this.nb[3 * g + this.edgeSlot(g, v, u)] = nf;
      created.push(nf);
    }
    for (let i = 0; i < m; i++) {
      const nf = created[i];
      this.nb[3 * nf + 1] = created[(i + 1) % m];
      this.nb[3 * nf + 2] = created[(i + m - 1) % m];
    }
    for (const q of orphans) this.assign(q, created);
  }

  private removeFromOutside(f: number, q: number): void {
    if (this.head[f] === q) {
      this.head[f] = this.nextPoint[q];
      return;
    }
    for (let r = this.head[f]; r >= 0; r = this.nextPoint[r]) {
      if (this.nextPoint[r] === q) {
        this.nextPoint[r] = this.nextPoint[q];
        return;
      }
    }
  }

  /**
   * Faces visible from the eye (connected to f) and the horizon as (u, v, hidden face) triplets in cyclic order,
   * by depth-first search that enters each face through one edge and scans its other edges in order.
   */
  private horizon(f: number, eye: number): { visible: number[]; horizon: number[] } {
    const stamp = ++this.stamp;
    const visible = [f];
    const horizon: number[] = [];
    this.visitStamp[f] = stamp;
    // stack of (face, first edge scanned, edges scanned so far)
    const stack: number[] = [f, 0, 0];
    while (stack.length) {
      const top = stack.length - 3;
      const g = stack[top];
      const first = stack[top + 1];
      const done = stack[top + 2];
      if (done === 3) {
        stack.length = top;
        continue;
      }
      stack[top + 2] = done + 1;
      const k = (first + done) % 3;
      const h = this.nb[3 * g + k];
      if (this.visitStamp[h] === stamp) continue;
      const u = this.fv[3 * g + k];
      const v = this.fv[3 * g + ((k + 1) % 3)];
      if (this.distance(h, eye) > this.tol) {
        this.visitStamp[h] = stamp;
        visible.push(h);
        // continue in h after the edge we came through (v -> u in h)
        stack.push(h, (this.edgeSlot(h, v, u) + 1) % 3, 0);
      } else {
        horizon.push(u, v, h);
      }
    }
    return { visible, horizon };
  }
}
