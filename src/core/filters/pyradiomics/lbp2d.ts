/**
 * PyRadiomics image type "lbp-2D" (imageoperations.getLBP2DImage): scikit-image's local_binary_pattern on every
 * slice, reproduced exactly (skimage/feature/_texture.pyx):
 *   - P samples on a circle of radius R around (r, c): (r + rp_i, c + cp_i), rp_i = round5(-R sin(2 pi i / P)),
 *     cp_i = round5(R cos(2 pi i / P)) (numpy.round to 5 decimals), bilinear interpolation, 0 outside the slice;
 *   - s_i = 1 when sample_i - centre >= 0;
 *   - 'uniform': U = sum_{i=0}^{P-2} |s_i - s_{i+1}| (skimage does not count the pair (P-1, 0)); the code is
 *     sum_i s_i when U <= 2, else P + 1. 'default': sum_i s_i 2^i. 'ror': the least circular rotation of it.
 * Slices: rows and columns of numpy's slice after swapaxes(0, force2Ddimension); with force2Ddimension 0 (numpy z,
 * the default) rows = y, columns = x.
 */
import type { Volume } from '../../volume.js';
import { toFloat64, withData } from '../filter-volume.js';

export type LbpMethod = 'uniform' | 'default' | 'ror';

export interface Lbp2dOptions {
  /** lbp2DRadius (default 1) */
  radius: number;
  /** lbp2DSamples (default 8) */
  samples: number;
  /** lbp2DMethod (default 'uniform') */
  method: LbpMethod;
  /** force2Ddimension as PyRadiomics numbers numpy axes: 0 = z (default), 1 = y, 2 = x */
  force2Ddimension: 0 | 1 | 2;
}

function round5(v: number): number {
  // numpy.round(x, 5): rint(x * 1e5) / 1e5 (ties to even; no ties occur for these sines)
  const y = v * 1e5;
  let r = Math.round(y);
  if (Math.abs(y - Math.trunc(y)) === 0.5 && r % 2 !== 0) r -= 1;
  return r / 1e5;
}

/** LBP code of every pixel of one rows x cols slice (row-major: index = r * cols + c). */
export function localBinaryPattern(img: Float64Array, rows: number, cols: number, o: Pick<Lbp2dOptions, 'radius' | 'samples' | 'method'>): Float64Array {
  const P = o.samples;
  const R = Math.fround(o.radius); // skimage declares R as a C float
  const rp = new Float64Array(P);
  const cp = new Float64Array(P);
  for (let i = 0; i < P; i++) {
    rp[i] = round5(-R * Math.sin((2 * Math.PI * i) / P));
    cp[i] = round5(R * Math.cos((2 * Math.PI * i) / P));
  }
  const px = (r: number, c: number) => (r < 0 || r >= rows || c < 0 || c >= cols ? 0 : img[r * cols + c]);
  const out = new Float64Array(rows * cols);
  const s = new Int32Array(P);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const centre = img[r * cols + c];
      for (let i = 0; i < P; i++) {
        const rr = r + rp[i];
        const cc = c + cp[i];
        const minr = Math.floor(rr);
        const minc = Math.floor(cc);
        const maxr = Math.ceil(rr);
        const maxc = Math.ceil(cc);
        const dr = rr - minr;
        const dc = cc - minc;
        const top = (1 - dc) * px(minr, minc) + dc * px(minr, maxc);
        const bottom = (1 - dc) * px(maxr, minc) + dc * px(maxr, maxc);
        const t = (1 - dr) * top + dr * bottom;
        s[i] = t - centre >= 0 ? 1 : 0;
      }
      let lbp = 0;
      if (o.method === 'uniform') {
        let changes = 0;
        for (let i = 0; i < P - 1; i++) changes += Math.abs(s[i] - s[i + 1]);
        if (changes <= 2) for (let i = 0; i < P; i++) lbp += s[i];
        else lbp = P + 1;
      } else {
        for (let i = 0; i < P; i++) lbp += s[i] * 2 ** i;
        if (o.method === 'ror') {
          let v = lbp;
          let best = v;
          for (let i = 1; i < P; i++) {
            v = (v >> 1) | ((v & 1) << (P - 1));
            if (v < best) best = v;
          }
          lbp = best;
        }
      }
      out[r * cols + c] = lbp;
    }
  }
  return out;
}

export function pyradiomicsLbp2d(image: Volume, o: Lbp2dOptions): Volume {
  const f = toFloat64(image);
  const [nx, ny] = image.dims;
  const strides = [1, nx, nx * ny];
  // our axes: 0 = x, 1 = y, 2 = z; numpy axis k is our axis 2 - k
  const sliceAxis = 2 - o.force2Ddimension;
  // after numpy swapaxes(0, k) the slice keeps the other two numpy axes in order, except that for k = 2 the old
  // axis 0 (z) moves to the last position: rows/cols in our axes:
  const [rowAxis, colAxis] = sliceAxis === 2 ? [1, 0] : sliceAxis === 1 ? [2, 0] : [1, 2];
  const rows = image.dims[rowAxis];
  const cols = image.dims[colAxis];
  const out = new Float64Array(f.length);
  const slice = new Float64Array(rows * cols);
  for (let k = 0; k < image.dims[sliceAxis]; k++) {
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) slice[r * cols + c] = f[k * strides[sliceAxis] + r * strides[rowAxis] + c * strides[colAxis]];
    const lbp = localBinaryPattern(slice, rows, cols, o);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) out[k * strides[sliceAxis] + r * strides[rowAxis] + c * strides[colAxis]] = lbp[r * cols + c];
  }
  return withData(image, out);
}
