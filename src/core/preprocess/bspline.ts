/**
 * Cubic B-spline interpolation as ITK's BSplineInterpolateImageFunction (order 3) computes it, which is what
 * SimpleITK's sitkBSpline and so PyRadiomics' default interpolator evaluate.
 *
 * 1. Prefilter (BSplineDecompositionImageFilter; Unser 1999, Box 2): along x, then y, then z, each line is scaled
 *    by the gain (1 - z)(1 - 1/z), filtered causally and anti-causally with the pole z = sqrt(3) - 2, mirror
 *    boundaries; the causal start sums the first ceil(log(1e-10) / log|z|) = 18 samples (all of a shorter line).
 * 2. Evaluation at continuous index x: support floor(float(x)) - 1 .. + 2 per axis (ITK casts x to float here),
 *    cubic weights of w = x - (floor + 0), indices mirrored at the image edges (i < 0 -> -i, i > n-1 -> 2(n-1) - i),
 *    sum over the 4^3 support points in ITK's order (x fastest).
 * Coefficients are computed on a sub-box of the image with a margin of 40 voxels beyond the needed support (or up
 * to the image edge): the filters' influence decays as |z|^d (0.268^40 ~ 1e-23), so the coefficients inside agree
 * with whole-image ones to the last bit, at a fraction of the cost for large images.
 */
import type { Vec3, Volume } from '../volume.js';

const POLE = Math.sqrt(3.0) - 2.0;
const MARGIN = 40;

/** In-place prefilter of one line (ITK DataToCoefficients1D for a single pole). */
function lineToCoefficients(c: Float64Array, n: number): void {
  if (n === 1) return;
  const z = POLE;
  const gain = 1.0 * (1.0 - z) * (1.0 - 1.0 / z);
  for (let k = 0; k < n; k++) c[k] *= gain;
  const horizon = Math.ceil(Math.log(1e-10) / Math.log(Math.abs(z)));
  if (horizon < n) {
    let zn = z;
    let sum = c[0];
    for (let k = 1; k < horizon; k++) {
      sum += zn * c[k];
      zn *= z;
    }
    c[0] = sum;
  } else {
    let zn = z;
    const iz = 1.0 / z;
    let z2n = Math.pow(z, n - 1);
    let sum = c[0] + z2n * c[n - 1];
    z2n *= z2n * iz;
    for (let k = 1; k <= n - 2; k++) {
      sum += (zn + z2n) * c[k];
      zn *= z;
      z2n *= iz;
    }
    c[0] = sum / (1.0 - zn * zn);
  }
  for (let k = 1; k < n; k++) c[k] += z * c[k - 1];
  c[n - 1] = (z / (z * z - 1.0)) * (z * c[n - 2] + c[n - 1]);
  for (let k = n - 2; k >= 0; k--) c[k] = z * (c[k + 1] - c[k]);
}

export interface BSplineInterpolator {
  /** value at continuous index (x, y, z) of the input grid */
  evaluate(x: number, y: number, z: number): number;
}

/**
 * Prepares cubic B-spline interpolation of `image` for continuous indices within [lo, hi] (per axis); evaluation
 * outside that box is not supported.
 */
export function bsplineInterpolator(image: Volume, lo: Vec3, hi: Vec3): BSplineInterpolator {
  const dims = image.dims;
  const start = [0, 0, 0];
  const size = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const s = Math.max(0, Math.floor(lo[a]) - 2 - MARGIN);
    const e = Math.min(dims[a] - 1, Math.floor(hi[a]) + 3 + MARGIN);
    start[a] = Math.min(s, dims[a] - 1);
    size[a] = Math.max(1, e - start[a] + 1);
  }
  const [sx, sy, sz] = size;
  const coef = new Float64Array(sx * sy * sz);
  const [nx, ny] = dims;
  for (let z = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      const src = start[0] + nx * (start[1] + y + ny * (start[2] + z));
      const dst = sx * (y + sy * z);
      for (let x = 0; x < sx; x++) coef[dst + x] = image.data[src + x];
    }
  }
  const line = new Float64Array(Math.max(sx, sy, sz));
  const strides = [1, sx, sx * sy];
  for (let axis = 0; axis < 3; axis++) {
    const n = size[axis];
    if (n === 1 || dims[axis] === 1) continue;
    const stride = strides[axis];
    const others = [0, 1, 2].filter((a) => a !== axis);
    for (let b = 0; b < size[others[1]]; b++) {
      for (let a = 0; a < size[others[0]]; a++) {
        const base = a * strides[others[0]] + b * strides[others[1]];
        for (let k = 0; k < n; k++) line[k] = coef[base + k * stride];
        lineToCoefficients(line, n);
        for (let k = 0; k < n; k++) coef[base + k * stride] = line[k];
      }
    }
  }
  const wx = new Float64Array(4);
  const wy = new Float64Array(4);
  const wz = new Float64Array(4);
  const ix = new Int32Array(4);
  const iy = new Int32Array(4);
  const iz = new Int32Array(4);
  const prepare = (x: number, axis: number, w: Float64Array, idx: Int32Array) => {
    const first = Math.floor(Math.fround(x)) - 1;
    const t = x - (first + 1);
    w[3] = (1.0 / 6.0) * t * t * t;
    w[0] = 1.0 / 6.0 + 0.5 * t * (t - 1.0) - w[3];
    w[2] = t + w[0] - 2.0 * w[3];
    w[1] = 1.0 - w[0] - w[2] - w[3];
    const end = dims[axis] - 1;
    for (let k = 0; k < 4; k++) {
      let i = first + k;
      if (end === 0) i = 0;
      else {
        if (i < 0) i = -i;
        if (i >= end) i = end - (i - end);
      }
      idx[k] = i - start[axis];
    }
  };
  return {
    evaluate(x: number, y: number, z: number): number {
      prepare(x, 0, wx, ix);
      prepare(y, 1, wy, iy);
      prepare(z, 2, wz, iz);
      let v = 0;
      for (let c = 0; c < 4; c++) {
        const oz = iz[c] * sx * sy;
        for (let b = 0; b < 4; b++) {
          const oy = oz + iy[b] * sx;
          const wyz = wy[b];
          for (let a = 0; a < 4; a++) v += 1.0 * wx[a] * wyz * wz[c] * coef[oy + ix[a]];
        }
      }
      return v;
    },
  };
}
