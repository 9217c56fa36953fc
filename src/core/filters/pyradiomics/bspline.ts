/**
 * Cubic B-spline interpolation as scipy.ndimage.map_coordinates(order=3, mode='constant', prefilter=True) does it:
 * coefficients from the exact mirror-boundary prefilter (Unser's recursive filter, pole z = sqrt(3) - 2, gain
 * (1 - z)(1 - 1/z), applied along each axis), then the cubic B-spline weights of the 4 nearest coefficients per
 * axis, coefficient indices beyond the grid mirrored (... c b | a b c ...). A sample outside [0, n - 1] on any axis
 * is 0 (cval). Prefilter (numpy axes z, y, x in turn), weights and the order of the 64-term sum follow scipy's
 * ni_splines.c / ni_interpolation.c so that samples agree to the last bit where it matters: LBP compares samples
 * with the centre voxel, and a flat neighbourhood must interpolate to exactly the same value.
 */
/** sqrt(3) - 2: the double nearest to the literal scipy uses (-0.267949192431122706472553658494127633) */
const POLE = -0.2679491924311227;

/** In-place mirror-boundary cubic spline prefilter of one line. */
export function splinePrefilterLine(c: Float64Array, n: number): void {
  if (n === 1) return;
  const z = POLE;
  const gain = 1.0 * ((1.0 - z) * (1.0 - 1.0 / z));
  for (let i = 0; i < n; i++) c[i] *= gain;
  // causal initialisation for the mirror extension, exact over one period
  let zi = z;
  const zn1 = z ** (n - 1);
  c[0] = c[0] + zn1 * c[n - 1];
  for (let i = 1; i < n - 1; i++) {
    c[0] += zi * (c[i] + zn1 * c[n - 1 - i]);
    zi *= z;
  }
  c[0] /= 1 - zn1 * zn1;
  for (let i = 1; i < n; i++) c[i] += z * c[i - 1];
  c[n - 1] = ((z * c[n - 2] + c[n - 1]) * z) / (z * z - 1);
  for (let i = n - 2; i >= 0; i--) c[i] = z * (c[i + 1] - c[i]);
}

/** Spline coefficients of a volume (x fastest), prefiltered along every axis. */
export function splineCoefficients(f: Float64Array, dims: readonly [number, number, number]): Float64Array {
  const c = Float64Array.from(f);
  const [nx, ny] = dims;
  const strides = [1, nx, nx * ny];
  for (const a of [2, 1, 0]) {
    const n = dims[a];
    if (n < 2) continue;
    const line = new Float64Array(n);
    const lines = c.length / n;
    for (let l = 0; l < lines; l++) {
      const start = a === 0 ? l * nx : a === 1 ? (l % nx) + Math.floor(l / nx) * nx * ny : l;
      for (let i = 0; i < n; i++) line[i] = c[start + i * strides[a]];
      splinePrefilterLine(line, n);
      for (let i = 0; i < n; i++) c[start + i * strides[a]] = line[i];
    }
  }
  return c;
}

function mirror(i: number, n: number): number {
  if (n === 1) return 0;
  const p = 2 * n - 2;
  let r = i % p;
  if (r < 0) r += p;
  return r < n ? r : p - r;
}

function weights(t: number, w: Float64Array): void {
  // cubic B-spline weights of the coefficients at floor(p) - 1 .. floor(p) + 2, t = p - floor(p) (scipy's forms)
  const y = t;
  const z = 1.0 - t;
  w[1] = (y * y * (y - 2.0) * 3.0 + 4.0) / 6.0;
  w[2] = (z * z * (z - 2.0) * 3.0 + 4.0) / 6.0;
  w[0] = (z * z * z) / 6.0;
  w[3] = 1.0;
  for (let i = 0; i < 3; i++) w[3] -= w[i];
}

/** Interpolated value at continuous voxel coordinates (x, y, z). */
export function splineSample(c: Float64Array, dims: readonly [number, number, number], x: number, y: number, z: number): number {
  const p = [x, y, z];
  for (let a = 0; a < 3; a++) if (p[a] < 0 || p[a] > dims[a] - 1) return 0;
  const w = [new Float64Array(4), new Float64Array(4), new Float64Array(4)];
  const idx = [new Int32Array(4), new Int32Array(4), new Int32Array(4)];
  for (let a = 0; a < 3; a++) {
    const f = Math.floor(p[a]);
    weights(p[a] - f, w[a]);
    for (let k = 0; k < 4; k++) idx[a][k] = mirror(f - 1 + k, dims[a]);
  }
  const [nx, ny] = dims;
  // t += ((coefficient * w_z) * w_y) * w_x, x fastest (scipy's loop over the 4 x 4 x 4 neighbourhood)
  let s = 0.0;
  for (let k = 0; k < 4; k++)
    for (let j = 0; j < 4; j++) {
      const row = nx * (idx[1][j] + ny * idx[2][k]);
      for (let i = 0; i < 4; i++) s += c[row + idx[0][i]] * w[2][k] * w[1][j] * w[0][i];
    }
  return s;
}
