/**
 * Complex FFT of any length whose prime factors are small (mixed radix 2, 3, 4, 5, with a plain DFT butterfly
 * for any other factor), in f64, plus a 3D transform over flat arrays (x fastest).
 *
 * Each stage is one Stockham autosort pass (output in natural order, no bit reversal): with Ns the product of
 * the radices already applied and R this stage's radix, butterfly j (0 <= j < N/R) reads x[j + r N/R],
 * r = 0..R-1, multiplies by the twiddles exp(-2 pi i r (j mod Ns) / (Ns R)), applies an R-point DFT and writes
 * to y[(j div Ns) Ns R + (j mod Ns) + r Ns]. Twiddles are tabulated once per length.
 */

/** Smallest n' >= n whose prime factors are all 2, 3 or 5 (fast FFT lengths). */
export function fastLength(n: number): number {
  for (let m = Math.max(1, n); ; m++) {
    let r = m;
    for (const p of [2, 3, 5]) while (r % p === 0) r /= p;
    if (r === 1) return m;
  }
}

function factorise(n: number): number[] {
  const out: number[] = [];
  let r = n;
  while (r % 4 === 0) {
    out.push(4);
    r /= 4;
  }
  for (let p = 2; r > 1; p++) {
    while (r % p === 0) {
      out.push(p);
      r /= p;
    }
  }
  return out;
}

/** A planned 1D FFT of one length; transforms (re, im) in place using internal scratch. */
export class Fft {
  private readonly radices: number[];
  /** per stage: cos and sin of -2 pi r k / (Ns R) at index k * R + r */
  private readonly twCos: Float64Array[] = [];
  private readonly twSin: Float64Array[] = [];
  private readonly bufRe: Float64Array;
  private readonly bufIm: Float64Array;

  constructor(readonly n: number) {
    this.radices = n > 1 ? factorise(n) : [];
    let ns = 1;
    for (const r of this.radices) {
      const c = new Float64Array(ns * r);
      const s = new Float64Array(ns * r);
      for (let k = 0; k < ns; k++) {
        for (let q = 0; q < r; q++) {
          const a = (-2 * Math.PI * q * k) / (ns * r);
          c[k * r + q] = Math.cos(a);
          s[k * r + q] = Math.sin(a);
        }
      }
      this.twCos.push(c);
      this.twSin.push(s);
      ns *= r;
    }
    this.bufRe = new Float64Array(n);
    this.bufIm = new Float64Array(n);
  }

  /** In-place forward transform X_k = sum_j x_j exp(-2 pi i j k / n); inverse = conjugate transform / n. */
  transform(re: Float64Array, im: Float64Array, inverse = false): void {
    const n = this.n;
    if (inverse) for (let k = 0; k < n; k++) im[k] = -im[k];
    let xr = re;
    let xi = im;
    let yr = this.bufRe;
    let yi = this.bufIm;
    let ns = 1;
    for (let stage = 0; stage < this.radices.length; stage++) {
      const r = this.radices[stage];
      const tc = this.twCos[stage];
      const ts = this.twSin[stage];
      if (r === 2) radix2(xr, xi, yr, yi, n, ns, tc, ts);
      else if (r === 3) radix3(xr, xi, yr, yi, n, ns, tc, ts);
      else if (r === 4) radix4(xr, xi, yr, yi, n, ns, tc, ts);
      else if (r === 5) radix5(xr, xi, yr, yi, n, ns, tc, ts);
      else radixGeneric(r, xr, xi, yr, yi, n, ns, tc, ts);
      [xr, yr] = [yr, xr];
      [xi, yi] = [yi, xi];
      ns *= r;
    }
    if (xr !== re) {
      re.set(xr);
      im.set(xi);
    }
    if (inverse) {
      for (let k = 0; k < n; k++) {
        re[k] /= n;
        im[k] = -im[k] / n;
      }
    }
  }
}

/*
 * Stage kernels: butterfly j reads x[j + q N/R] (q = 0..R-1), twiddles it by tw[(j mod Ns) R + q], applies the
 * R-point DFT and writes y[(j - j mod Ns) R + j mod Ns + q Ns]. One specialised loop per radix keeps the
 * arithmetic inline (no per-butterfly calls or temporary arrays).
 */
type F64 = Float64Array;
type Stage = (xr: F64, xi: F64, yr: F64, yi: F64, n: number, ns: number, tc: F64, ts: F64) => void;

const radix2: Stage = (xr, xi, yr, yi, n, ns, tc, ts) => {
  const m = n / 2;
  for (let j = 0; j < m; j++) {
    const k = j % ns;
    const t = 2 * k;
    const ar = xr[j];
    const ai = xi[j];
    const br = xr[j + m] * tc[t + 1] - xi[j + m] * ts[t + 1];
    const bi = xr[j + m] * ts[t + 1] + xi[j + m] * tc[t + 1];
    const d = (j - k) * 2 + k;
    yr[d] = ar + br;
    yi[d] = ai + bi;
    yr[d + ns] = ar - br;
    yi[d + ns] = ai - bi;
  }
};

const C3 = -0.5;
const S3 = -Math.sqrt(3) / 2;

const radix3: Stage = (xr, xi, yr, yi, n, ns, tc, ts) => {
  const m = n / 3;
  for (let j = 0; j < m; j++) {
    const k = j % ns;
    const t = 3 * k;
    const ar = xr[j];
    const ai = xi[j];
    const br = xr[j + m] * tc[t + 1] - xi[j + m] * ts[t + 1];
    const bi = xr[j + m] * ts[t + 1] + xi[j + m] * tc[t + 1];
    const cr = xr[j + 2 * m] * tc[t + 2] - xi[j + 2 * m] * ts[t + 2];
    const ci = xr[j + 2 * m] * ts[t + 2] + xi[j + 2 * m] * tc[t + 2];
    const sr = br + cr;
    const si = bi + ci;
    const dr = br - cr;
    const di = bi - ci;
    const er = ar + C3 * sr;
    const ei = ai + C3 * si;
    const d = (j - k) * 3 + k;
    yr[d] = ar + sr;
    yi[d] = ai + si;
    yr[d + ns] = er - S3 * di;
    yi[d + ns] = ei + S3 * dr;
    yr[d + 2 * ns] = er + S3 * di;
    yi[d + 2 * ns] = ei - S3 * dr;
  }
};

const radix4: Stage = (xr, xi, yr, yi, n, ns, tc, ts) => {
  const m = n / 4;
  for (let j = 0; j < m; j++) {
    const k = j % ns;
    const t = 4 * k;
    const x0r = xr[j];
    const x0i = xi[j];
    const x1r = xr[j + m] * tc[t + 1] - xi[j + m] * ts[t + 1];
    const x1i = xr[j + m] * ts[t + 1] + xi[j + m] * tc[t + 1];
    const x2r = xr[j + 2 * m] * tc[t + 2] - xi[j + 2 * m] * ts[t + 2];
    const x2i = xr[j + 2 * m] * ts[t + 2] + xi[j + 2 * m] * tc[t + 2];
    const x3r = xr[j + 3 * m] * tc[t + 3] - xi[j + 3 * m] * ts[t + 3];
    const x3i = xr[j + 3 * m] * ts[t + 3] + xi[j + 3 * m] * tc[t + 3];
    const s0r = x0r + x2r;
    const s0i = x0i + x2i;
    const d0r = x0r - x2r;
    const d0i = x0i - x2i;
    const s1r = x1r + x3r;
    const s1i = x1i + x3i;
    const d1r = x1r - x3r;
    const d1i = x1i - x3i;
    const d = (j - k) * 4 + k;
    yr[d] = s0r + s1r;
    yi[d] = s0i + s1i;
    // X1 = d0 - i d1, X3 = d0 + i d1
    yr[d + ns] = d0r + d1i;
    yi[d + ns] = d0i - d1r;
    yr[d + 2 * ns] = s0r - s1r;
    yi[d + 2 * ns] = s0i - s1i;
    yr[d + 3 * ns] = d0r - d1i;
    yi[d + 3 * ns] = d0i + d1r;
  }
};

const C5a = Math.cos((2 * Math.PI) / 5);
const C5b = Math.cos((4 * Math.PI) / 5);
const S5a = -Math.sin((2 * Math.PI) / 5);
const S5b = -Math.sin((4 * Math.PI) / 5);

const radix5: Stage = (xr, xi, yr, yi, n, ns, tc, ts) => {
  const m = n / 5;
  for (let j = 0; j < m; j++) {
    const k = j % ns;
    const t = 5 * k;
    const x0r = xr[j];
    const x0i = xi[j];
    const x1r = xr[j + m] * tc[t + 1] - xi[j + m] * ts[t + 1];
    const x1i = xr[j + m] * ts[t + 1] + xi[j + m] * tc[t + 1];
    const x2r = xr[j + 2 * m] * tc[t + 2] - xi[j + 2 * m] * ts[t + 2];
    const x2i = xr[j + 2 * m] * ts[t + 2] + xi[j + 2 * m] * tc[t + 2];
    const x3r = xr[j + 3 * m] * tc[t + 3] - xi[j + 3 * m] * ts[t + 3];
    const x3i = xr[j + 3 * m] * ts[t + 3] + xi[j + 3 * m] * tc[t + 3];
    const x4r = xr[j + 4 * m] * tc[t + 4] - xi[j + 4 * m] * ts[t + 4];
    const x4i = xr[j + 4 * m] * ts[t + 4] + xi[j + 4 * m] * tc[t + 4];
    const s1r = x1r + x4r;
    const s1i = x1i + x4i;
    const d1r = x1r - x4r;
    const d1i = x1i - x4i;
    const s2r = x2r + x3r;
    const s2i = x2i + x3i;
    const d2r = x2r - x3r;
    const d2i = x2i - x3i;
    const a1r = x0r + C5a * s1r + C5b * s2r;
    const a1i = x0i + C5a * s1i + C5b * s2i;
    const a2r = x0r + C5b * s1r + C5a * s2r;
    const a2i = x0i + C5b * s1i + C5a * s2i;
    // i (S5a d1 + S5b d2) and i (S5b d1 - S5a d2)
    const b1r = S5a * d1i + S5b * d2i;
    const b1i = S5a * d1r + S5b * d2r;
    const b2r = S5b * d1i - S5a * d2i;
    const b2i = S5b * d1r - S5a * d2r;
    const d = (j - k) * 5 + k;
    yr[d] = x0r + s1r + s2r;
    yi[d] = x0i + s1i + s2i;
    yr[d + ns] = a1r - b1r;
    yi[d + ns] = a1i + b1i;
    yr[d + 2 * ns] = a2r - b2r;
    yi[d + 2 * ns] = a2i + b2i;
    yr[d + 3 * ns] = a2r + b2r;
    yi[d + 3 * ns] = a2i - b2i;
    yr[d + 4 * ns] = a1r + b1r;
    yi[d + 4 * ns] = a1i - b1i;
  }
};

/** Any other radix: a plain R-point DFT per butterfly (only reached for lengths with prime factors > 5). */
function radixGeneric(r: number, xr: F64, xi: F64, yr: F64, yi: F64, n: number, ns: number, tc: F64, ts: F64): void {
  const m = n / r;
  const gr = new Float64Array(r);
  const gi = new Float64Array(r);
  for (let j = 0; j < m; j++) {
    const k = j % ns;
    for (let q = 0; q < r; q++) {
      const c = tc[k * r + q];
      const s = ts[k * r + q];
      gr[q] = xr[j + q * m] * c - xi[j + q * m] * s;
      gi[q] = xr[j + q * m] * s + xi[j + q * m] * c;
    }
    const d = (j - k) * r + k;
    for (let f = 0; f < r; f++) {
      let sr = 0;
      let si = 0;
      for (let q = 0; q < r; q++) {
        const a = (-2 * Math.PI * ((q * f) % r)) / r;
        sr += gr[q] * Math.cos(a) - gi[q] * Math.sin(a);
        si += gr[q] * Math.sin(a) + gi[q] * Math.cos(a);
      }
      yr[d + f * ns] = sr;
      yi[d + f * ns] = si;
    }
  }
}

/**
 * In-place 3D FFT of (re, im) on a grid of dims (x fastest), transforming each axis in turn. Lines along y and z
 * are gathered 16 at a time from neighbouring x positions, so each gather reads contiguous memory.
 */
export function fft3d(re: Float64Array, im: Float64Array, dims: [number, number, number], inverse = false): void {
  const [nx, ny] = dims;
  const strides = [1, nx, nx * ny];
  for (let axis = 0; axis < 3; axis++) {
    const len = dims[axis];
    if (len === 1) continue;
    const plan = new Fft(len);
    const step = strides[axis];
    const [a, b] = [0, 1, 2].filter((k) => k !== axis);
    // lanes: lines at consecutive x share a gather (x is `a` unless the axis is x itself)
    const lanesMax = axis === 0 ? 1 : 16;
    const lr = new Float64Array(len * lanesMax);
    const li = new Float64Array(len * lanesMax);
    for (let v = 0; v < dims[b]; v++) {
      for (let u0 = 0; u0 < dims[a]; u0 += lanesMax) {
        const lanes = Math.min(lanesMax, dims[a] - u0);
        const base = u0 * strides[a] + v * strides[b];
        for (let k = 0; k < len; k++) {
          const src = base + k * step;
          for (let l = 0; l < lanes; l++) {
            lr[l * len + k] = re[src + l * strides[a]];
            li[l * len + k] = im[src + l * strides[a]];
          }
        }
        for (let l = 0; l < lanes; l++) plan.transform(lr.subarray(l * len, (l + 1) * len), li.subarray(l * len, (l + 1) * len), inverse);
        for (let k = 0; k < len; k++) {
          const dst = base + k * step;
          for (let l = 0; l < lanes; l++) {
            re[dst + l * strides[a]] = lr[l * len + k];
            im[dst + l * strides[a]] = li[l * len + k];
          }
        }
      }
    }
  }
}
