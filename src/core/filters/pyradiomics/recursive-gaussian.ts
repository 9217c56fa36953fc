/**
 * ITK's RecursiveGaussianImageFilter (Deriche's 4th-order recursive approximation of a Gaussian and its
 * derivatives, as in ITK 5: itkRecursiveGaussianImageFilter.hxx / itkRecursiveSeparableImageFilter.hxx), written
 * from the published algorithm:
 *
 * With s = sigma / spacing (voxels), for exponential-series constants (a, b, w, l) of each order,
 *   causal:      y+[n] = N0 x[n] + N1 x[n-1] + N2 x[n-2] + N3 x[n-3] - (D1 y+[n-1] + ... + D4 y+[n-4])
 *   anticausal:  y-[n] = M1 x[n+1] + M2 x[n+2] + M3 x[n+3] + M4 x[n+4] - (D1 y-[n+1] + ... + D4 y-[n+4])
 *   y = y+ + y-.
 * The first four samples of each direction assume the signal continues with its edge value forever (boundary
 * coefficients BN = D SN / SD, BM = D SM / SD). The N coefficients are normalised so that the filter has unit
 * DC gain (order 0), or the right first / second moment (orders 1 / 2); with normalizeAcrossScale the order-k
 * response is multiplied by sigma^k (sigma in mm). The result is the derivative in units of voxels^-k.
 *
 * A pass is one IIR run per line: the GPU twin is one invocation per line along the axis.
 */
export type GaussianOrder = 0 | 1 | 2;

export interface RecursiveGaussianCoefficients {
  n: [number, number, number, number];
  d: [number, number, number, number];
  m: [number, number, number, number];
  bn: [number, number, number, number];
  bm: [number, number, number, number];
}

// Deriche's constants: index 0, 1, 2 = order of the derivative; w, l shared.
const A1 = [1.353, -0.6724, -1.3563];
const B1 = [1.8151, -3.4327, 5.2318];
const A2 = [-0.3531, 0.6724, 0.3446];
const B2 = [0.0902, 0.61, -2.2355];
const W1 = 0.6681;
const L1 = -1.3932;
const W2 = 2.0787;
const L2 = -1.3732;

function nCoefficients(s: number, k: number): { n: [number, number, number, number]; sn: number; dn: number; en: number } {
  const sin1 = Math.sin(W1 / s);
  const sin2 = Math.sin(W2 / s);
  const cos1 = Math.cos(W1 / s);
  const cos2 = Math.cos(W2 / s);
  const e1 = Math.exp(L1 / s);
  const e2 = Math.exp(L2 / s);
  const a1 = A1[k];
  const b1 = B1[k];
  const a2 = A2[k];
  const b2 = B2[k];
  const n0 = a1 + a2;
  let n1 = e2 * (b2 * sin2 - (a2 + 2 * a1) * cos2);
  n1 += e1 * (b1 * sin1 - (a1 + 2 * a2) * cos1);
  let n2 = (a1 + a2) * cos2 * cos1;
  n2 -= b1 * cos2 * sin1 + b2 * cos1 * sin2;
  n2 *= 2 * e1 * e2;
  n2 += a2 * e1 * e1 + a1 * e2 * e2;
  let n3 = e2 * e1 * e1 * (b2 * sin2 - a2 * cos2);
  n3 += e1 * e2 * e2 * (b1 * sin1 - a1 * cos1);
  return { n: [n0, n1, n2, n3], sn: n0 + n1 + n2 + n3, dn: n1 + 2 * n2 + 3 * n3, en: n1 + 4 * n2 + 9 * n3 };
}

/** The filter coefficients for sigma (mm) on an axis of the given spacing (mm). */
export function recursiveGaussianCoefficients(
  sigmaMm: number,
  spacing: number,
  order: GaussianOrder,
  normalizeAcrossScale: boolean,
): RecursiveGaussianCoefficients {
  let direction = 1;
  if (spacing < 0) {
    direction = -1;
    spacing = -spacing;
  }
  const s = sigmaMm / spacing;
  const cos1 = Math.cos(W1 / s);
  const cos2 = Math.cos(W2 / s);
  const e1 = Math.exp(L1 / s);
  const e2 = Math.exp(L2 / s);
  const d4 = e1 * e1 * e2 * e2;
  let d3 = -2 * cos1 * e1 * e2 * e2;
  d3 += -2 * cos2 * e2 * e1 * e1;
  let d2 = 4 * cos2 * cos1 * e1 * e2;
  d2 += e1 * e1 + e2 * e2;
  const d1 = -2 * (e2 * cos2 + e1 * cos1);
  const sd = 1 + d1 + d2 + d3 + d4;
  const dd = d1 + 2 * d2 + 3 * d3 + 4 * d4;
  const ed = d1 + 4 * d2 + 9 * d3 + 16 * d4;
  let n: [number, number, number, number];
  let symmetric: boolean;
  if (order === 0) {
    const c = nCoefficients(s, 0);
    const alpha0 = (2 * c.sn) / sd - c.n[0];
    n = c.n.map((v) => v * (1 / alpha0)) as typeof n;
    symmetric = true;
  } else if (order === 1) {
    const scale = normalizeAcrossScale ? sigmaMm : 1;
    const c = nCoefficients(s, 1);
    const alpha1 = ((2 * (c.sn * dd - c.dn * sd)) / (sd * sd)) * direction;
    n = c.n.map((v) => v * (scale / alpha1)) as typeof n;
    symmetric = false;
  } else {
    const scale = normalizeAcrossScale ? sigmaMm * sigmaMm : 1;
    const c0 = nCoefficients(s, 0);
    const c2 = nCoefficients(s, 2);
    const beta = -(2 * c2.sn - sd * c2.n[0]) / (2 * c0.sn - sd * c0.n[0]);
    const raw = [0, 1, 2, 3].map((i) => c2.n[i] + beta * c0.n[i]);
    const sn = c2.sn + beta * c0.sn;
    const dn = c2.dn + beta * c0.dn;
    const en = c2.en + beta * c0.en;
    let alpha2 = en * sd * sd - ed * sn * sd - 2 * dn * dd * sd + 2 * dd * dd * sn;
    alpha2 /= sd * sd * sd;
    n = raw.map((v) => v * (scale / alpha2)) as typeof n;
    symmetric = true;
  }
  const d: [number, number, number, number] = [d1, d2, d3, d4];
  const m: [number, number, number, number] = symmetric
    ? [n[1] - d1 * n[0], n[2] - d2 * n[0], n[3] - d3 * n[0], -d4 * n[0]]
    : [-(n[1] - d1 * n[0]), -(n[2] - d2 * n[0]), -(n[3] - d3 * n[0]), d4 * n[0]];
  const snSum = n[0] + n[1] + n[2] + n[3];
  const smSum = m[0] + m[1] + m[2] + m[3];
  const sdSum = 1 + d1 + d2 + d3 + d4;
  const bn = d.map((v) => (v * snSum) / sdSum) as typeof d;
  const bm = d.map((v) => (v * smSum) / sdSum) as typeof d;
  return { n, d, m, bn, bm };
}

/**
 * One pole of each conjugate pair of the denominator, 1 + d1 u + ... + d4 u^4 = prod (1 - p u) (u = z^-1):
 * p = exp((L + i W) / s), s = sigma / |spacing|, as [re, im] (the parallel form of recursive-gaussian-sections.ts).
 */
export function recursiveGaussianPoles(sigmaMm: number, spacing: number): [[number, number], [number, number]] {
  const s = sigmaMm / Math.abs(spacing);
  const pole = (l: number, w: number): [number, number] => [Math.exp(l / s) * Math.cos(w / s), Math.exp(l / s) * Math.sin(w / s)];
  return [pole(L1, W1), pole(L2, W2)];
}

/** Filters one line (length >= 4): out = causal + anticausal response. `scratch` has the line's length. */
export function recursiveGaussianLine(
  x: Float64Array,
  out: Float64Array,
  scratch: Float64Array,
  ln: number,
  c: RecursiveGaussianCoefficients,
): void {
  const [n0, n1, n2, n3] = c.n;
  const [d1, d2, d3, d4] = c.d;
  const [m1, m2, m3, m4] = c.m;
  const [bn1, bn2, bn3, bn4] = c.bn;
  const [bm1, bm2, bm3, bm4] = c.bm;
  const v1 = x[0];
  out[0] = v1 * n0 + v1 * n1 + v1 * n2 + v1 * n3;
  out[1] = x[1] * n0 + v1 * n1 + v1 * n2 + v1 * n3;
  out[2] = x[2] * n0 + x[1] * n1 + v1 * n2 + v1 * n3;
  out[3] = x[3] * n0 + x[2] * n1 + x[1] * n2 + v1 * n3;
  out[0] -= v1 * bn1 + v1 * bn2 + v1 * bn3 + v1 * bn4;
  out[1] -= out[0] * d1 + v1 * bn2 + v1 * bn3 + v1 * bn4;
  out[2] -= out[1] * d1 + out[0] * d2 + v1 * bn3 + v1 * bn4;
  out[3] -= out[2] * d1 + out[1] * d2 + out[0] * d3 + v1 * bn4;
  for (let i = 4; i < ln; i++) {
    out[i] = x[i] * n0 + x[i - 1] * n1 + x[i - 2] * n2 + x[i - 3] * n3;
    out[i] -= out[i - 1] * d1 + out[i - 2] * d2 + out[i - 3] * d3 + out[i - 4] * d4;
  }
  const v2 = x[ln - 1];
  const s = scratch;
  s[ln - 1] = v2 * m1 + v2 * m2 + v2 * m3 + v2 * m4;
  s[ln - 2] = x[ln - 1] * m1 + v2 * m2 + v2 * m3 + v2 * m4;
  s[ln - 3] = x[ln - 2] * m1 + x[ln - 1] * m2 + v2 * m3 + v2 * m4;
  s[ln - 4] = x[ln - 3] * m1 + x[ln - 2] * m2 + x[ln - 1] * m3 + v2 * m4;
  s[ln - 1] -= v2 * bm1 + v2 * bm2 + v2 * bm3 + v2 * bm4;
  s[ln - 2] -= s[ln - 1] * d1 + v2 * bm2 + v2 * bm3 + v2 * bm4;
  s[ln - 3] -= s[ln - 2] * d1 + s[ln - 1] * d2 + v2 * bm3 + v2 * bm4;
  s[ln - 4] -= s[ln - 3] * d1 + s[ln - 2] * d2 + s[ln - 1] * d3 + v2 * bm4;
  for (let i = ln - 4; i > 0; i--) {
    s[i - 1] = x[i] * m1 + x[i + 1] * m2 + x[i + 2] * m3 + x[i + 3] * m4;
    s[i - 1] -= s[i] * d1 + s[i + 1] * d2 + s[i + 2] * d3 + s[i + 3] * d4;
  }
  for (let i = 0; i < ln; i++) out[i] += s[i];
}

/** Runs the recursive filter along `axis` (every line needs >= 4 voxels). */
export function recursiveGaussianAxis(
  src: Float64Array,
  dims: readonly [number, number, number],
  axis: 0 | 1 | 2,
  c: RecursiveGaussianCoefficients,
): Float64Array {
  const [nx, ny] = dims;
  const n = dims[axis];
  if (n < 4) throw new RangeError(`the recursive Gaussian needs at least 4 voxels along axis ${axis}, found ${n}`);
  const stride = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
  const out = new Float64Array(src.length);
  const line = new Float64Array(n);
  const res = new Float64Array(n);
  const scratch = new Float64Array(n);
  const lines = src.length / n;
  for (let l = 0; l < lines; l++) {
    const start = axis === 0 ? l * nx : axis === 1 ? (l % nx) + Math.floor(l / nx) * nx * ny : l;
    for (let i = 0; i < n; i++) line[i] = src[start + i * stride];
    recursiveGaussianLine(line, res, scratch, n, c);
    for (let i = 0; i < n; i++) out[start + i * stride] = res[i];
  }
  return out;
}
