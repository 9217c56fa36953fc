/**
 * Cheap pre-filter of convex hull candidates for points on an integer lattice (marching-cubes vertices in
 * half-voxel units). A hull vertex cannot lie strictly between two other points of the set, so along every
 * lattice line parallel to an axis only the first and last point can be a hull vertex. Keeping the points that
 * are first or last on their x-, y- and z-line at once leaves the outer shell: typically a few percent of the
 * vertices of a large mesh, in O(n) time with flat arrays.
 */

/** Indices of the points (integer x, y, z triplets) that are extreme on all three axis-parallel lines through them. */
export function latticeLineExtremes(lattice: Int32Array): Uint32Array {
  const n = lattice.length / 3;
  if (n === 0) return new Uint32Array(0);
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < lattice.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      lo[k] = Math.min(lo[k], lattice[i + k]);
      hi[k] = Math.max(hi[k], lattice[i + k]);
    }
  }
  const size = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const extremeCount = new Uint8Array(n);
  for (let axis = 0; axis < 3; axis++) {
    const u = (axis + 1) % 3;
    const v = (axis + 2) % 3;
    const lines = size[u] * size[v];
    const first = new Int32Array(lines).fill(0x7fffffff);
    const last = new Int32Array(lines).fill(-0x80000000);
    const key = (i: number) => (lattice[3 * i + u] - lo[u]) * size[v] + (lattice[3 * i + v] - lo[v]);
    for (let i = 0; i < n; i++) {
      const k = key(i);
      const c = lattice[3 * i + axis];
      if (c < first[k]) first[k] = c;
      if (c > last[k]) last[k] = c;
    }
    for (let i = 0; i < n; i++) {
      const k = key(i);
      const c = lattice[3 * i + axis];
      if (c === first[k] || c === last[k]) extremeCount[i]++;
    }
  }
  let m = 0;
  for (let i = 0; i < n; i++) if (extremeCount[i] === 3) m++;
  const out = new Uint32Array(m);
  for (let i = 0, o = 0; i < n; i++) if (extremeCount[i] === 3) out[o++] = i;
  return out;
}
