/**
 * Exact Euclidean distance transform in mm on an anisotropic grid (Felzenszwalb & Huttenlocher, "Distance
 * transforms of sampled functions", 2012): the squared distance is separable,
 *
 *   D²(x) = min_y Σ_a (s_a (x_a − y_a))²   over feature voxels y,
 *
 * so it is computed by three 1D passes, each the lower envelope of parabolas f(q) + (s (p − q))².
 * Cost O(N) per pass. Distances are between voxel centres.
 */
import type { Vec3 } from '../volume.js';

/** One 1D pass in place on `f` (length n, squared distances so far; Infinity = no feature), step `s` mm. */
function pass1d(f: Float64Array, n: number, s: number, v: Int32Array, z: Float64Array, out: Float64Array): void {
  const s2 = s * s;
  let k = -1;
  for (let q = 0; q < n; q++) {
    if (f[q] === Infinity) continue;
    // Intersection of the parabola from q with the last one on the envelope.
    while (k >= 0) {
      const p = v[k];
      const x = (f[q] + s2 * q * q - (f[p] + s2 * p * p)) / (2 * s2 * (q - p));
      if (x <= z[k]) k--;
      else {
        k++;
        v[k] = q;
        z[k] = x;
        break;
      }
    }
    if (k < 0) {
      k = 0;
      v[0] = q;
      z[0] = -Infinity;
    }
  }
  if (k < 0) {
    out.fill(Infinity, 0, n);
    return;
  }
  z[k + 1] = Infinity;
  let j = 0;
  for (let q = 0; q < n; q++) {
    while (z[j + 1] < q) j++;
    const d = q - v[j];
    out[q] = s2 * d * d + f[v[j]];
  }
}

/**
 * Squared distance (mm²) from every voxel to the nearest voxel where `feature` is true (0 on features,
 * Infinity everywhere when there is none).
 */
export function squaredDistanceMm(dims: Vec3, spacing: Vec3, feature: (n: number) => boolean): Float64Array {
  const [nx, ny, nz] = dims;
  const total = nx * ny * nz;
  const d = new Float64Array(total);
  for (let n = 0; n < total; n++) d[n] = feature(n) ? 0 : Infinity;
  const longest = Math.max(nx, ny, nz);
  const f = new Float64Array(longest);
  const out = new Float64Array(longest);
  const v = new Int32Array(longest);
  const z = new Float64Array(longest + 1);
  const strides = [1, nx, nx * ny];
  for (let axis = 0; axis < 3; axis++) {
    const n = dims[axis];
    if (n === 1) continue;
    const stride = strides[axis];
    // every line along `axis`: iterate over the other two axes
    const [a, b] = [0, 1, 2].filter((x) => x !== axis);
    for (let ib = 0; ib < dims[b]; ib++) {
      for (let ia = 0; ia < dims[a]; ia++) {
        const base = ia * strides[a] + ib * strides[b];
        for (let q = 0; q < n; q++) f[q] = d[base + q * stride];
        pass1d(f, n, spacing[axis], v, z, out);
        for (let q = 0; q < n; q++) d[base + q * stride] = out[q];
      }
    }
  }
  return d;
}
