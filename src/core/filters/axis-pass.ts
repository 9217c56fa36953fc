/**
 * The one primitive of every separable filter here: a 1D correlation along one axis of a volume (x fastest, then
 * y, then z), with a boundary extension. One pass computes, for every line along `axis`,
 *
 *   y[i] = sum_{t = 0}^{T - 1} taps[t] * x^[i + dilation * t - left]        (i = 0 .. n - 1)
 *
 * where x^ is the line extended by `padding` (see padding.ts). A convolution with kernel k (length T) whose
 * output sample i sits under kernel index `origin` (y[i] = sum_j k[j] x^[i + origin - j]) is the same pass with
 * taps reversed and left = T - 1 - origin (see convolutionPass). `dilation` > 1 spaces the taps (a trous).
 *
 * The GPU twin of a pass is one dispatch with one invocation per output voxel reading T extended samples.
 */
import type { PaddingMode } from './padding.js';
import { paddedIndex } from './padding.js';

export type Axis = 0 | 1 | 2;

export interface AxisPass {
  taps: Float64Array;
  /** how many samples before i the first tap reads (in units of samples, dilation included) */
  left: number;
  dilation: number;
}

/** The pass for y[i] = sum_j k[j] x^[i + dilation * (origin - j)] (a convolution, kernel index `origin` at i). */
export function convolutionPass(kernel: ArrayLike<number>, origin: number, dilation = 1): AxisPass {
  const t = kernel.length;
  const taps = new Float64Array(t);
  for (let j = 0; j < t; j++) taps[j] = kernel[t - 1 - j];
  return { taps, left: dilation * (t - 1 - origin), dilation };
}

/** The pass for y[i] = sum_j k[j] x^[i + dilation * (j - centre)] (a correlation, kernel index `centre` at i). */
export function correlationPass(kernel: ArrayLike<number>, centre: number, dilation = 1): AxisPass {
  return { taps: Float64Array.from(kernel), left: dilation * centre, dilation };
}

/**
 * The pass that filtering the mirrored line (x'[i] = x[n - 1 - i]) and mirroring the result back amounts to:
 * taps reversed, left' = dilation (T - 1) - left. All four padding modes commute with mirroring.
 */
export function reversedPass(p: AxisPass): AxisPass {
  const t = p.taps.length;
  const taps = new Float64Array(t);
  for (let j = 0; j < t; j++) taps[j] = p.taps[t - 1 - j];
  return { taps, left: p.dilation * (t - 1) - p.left, dilation: p.dilation };
}

/** Runs one pass along `axis` and returns a new array (the input is left unchanged). */
export function applyAxisPass(
  src: Float64Array,
  dims: readonly [number, number, number],
  axis: Axis,
  pass: AxisPass,
  padding: PaddingMode,
): Float64Array {
  const [nx, ny, nz] = dims;
  const n = dims[axis];
  const out = new Float64Array(src.length);
  const { taps, left, dilation } = pass;
  const t = taps.length;
  const right = Math.max(0, dilation * (t - 1) - left);
  const lead = Math.max(0, left);
  // offset of the first tap inside the padded line
  const base = lead - left;
  const len = lead + n + right;
  const stride = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
  // index map from the padded line to the original line (-1 = zero)
  const map = new Int32Array(len);
  for (let i = 0; i < len; i++) map[i] = paddedIndex(i - lead, n, padding);
  const line = new Float64Array(len);
  const lines = (nx * ny * nz) / n;
  for (let l = 0; l < lines; l++) {
    let start: number;
    if (axis === 0) start = l * nx;
    else if (axis === 1) start = (l % nx) + Math.floor(l / nx) * nx * ny;
    else start = l;
    for (let i = 0; i < len; i++) {
      const k = map[i];
      line[i] = k < 0 ? 0 : src[start + k * stride];
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      let q = base + i;
      for (let j = 0; j < t; j++, q += dilation) s += taps[j] * line[q];
      out[start + i * stride] = s;
    }
  }
  return out;
}

/** Runs a chain of passes on each axis in turn (axis 0 first); `chains[a]` may be empty. */
export function applySeparable(
  src: Float64Array,
  dims: readonly [number, number, number],
  chains: readonly (readonly AxisPass[])[],
  padding: PaddingMode,
): Float64Array {
  let cur = src;
  for (let a = 0; a < chains.length; a++) {
    for (const p of chains[a]) cur = applyAxisPass(cur, dims, a as Axis, p, padding);
  }
  return cur === src ? Float64Array.from(src) : cur;
}
