/**
 * Riesz transform of order l = (lx, ly, lz) (IBSI 2 Riesz filters: applied to a LoG or Simoncelli response):
 *   R^l(w) = sqrt(|l|! / (lx! ly! lz!)) (-i)^|l| prod_a (w_a / |w|)^(l_a),   R^l(0) = 0 for |l| > 0,
 * applied in the Fourier domain (w = DFT frequencies of the grid). The volume is first extended by
 * `marginVoxels` on every side of each transformed axis with the padding mode, so that the periodic transform
 * sees that boundary; the response is the real part, cropped back.
 *
 * IBSI 2 phase-1 tests 9.a, 9.b.1 and 10.b.1: their parameters are not in the stored test table; they were found
 * by matching the maps (see test/core/ibsi2-riesz.test.ts).
 */
import type { Volume } from '../volume.js';
import { fft3d } from '../fft/fft.js';
import { toFloat64, withData } from './filter-volume.js';
import { paddedIndex, type PaddingMode } from './padding.js';

export interface RieszOptions {
  /** l = [lx, ly, lz], non-negative integers */
  order: [number, number, number];
  padding: PaddingMode;
  marginVoxels: number;
}

function factorial(n: number): number {
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
}

export function rieszTransform(image: Volume, o: RieszOptions): Volume {
  const [lx, ly, lz] = o.order;
  const total = lx + ly + lz;
  const dims = image.dims;
  const m = o.marginVoxels;
  const pd = dims.map((n) => (n > 1 ? n + 2 * m : 1)) as [number, number, number];
  const off = dims.map((n) => (n > 1 ? m : 0));
  const src = toFloat64(image);
  const re = new Float64Array(pd[0] * pd[1] * pd[2]);
  const im = new Float64Array(re.length);
  for (let z = 0; z < pd[2]; z++) {
    const sz = paddedIndex(z - off[2], dims[2], o.padding);
    if (sz < 0) continue;
    for (let y = 0; y < pd[1]; y++) {
      const sy = paddedIndex(y - off[1], dims[1], o.padding);
      if (sy < 0) continue;
      for (let x = 0; x < pd[0]; x++) {
        const sx = paddedIndex(x - off[0], dims[0], o.padding);
        if (sx >= 0) re[x + pd[0] * (y + pd[1] * z)] = src[sx + dims[0] * (sy + dims[1] * sz)];
      }
    }
  }
  fft3d(re, im, pd);
  const freq = (n: number) => Float64Array.from({ length: n }, (_, k) => (k < n - Math.floor(n / 2) ? k : k - n) / n);
  const [fx, fy, fz] = pd.map(freq);
  const c = Math.sqrt(factorial(total) / (factorial(lx) * factorial(ly) * factorial(lz)));
  // (-i)^|l| = cr + i ci
  const phase = [
    [1, 0],
    [0, -1],
    [-1, 0],
    [0, 1],
  ][total % 4];
  for (let z = 0; z < pd[2]; z++)
    for (let y = 0; y < pd[1]; y++)
      for (let x = 0; x < pd[0]; x++) {
        const i = x + pd[0] * (y + pd[1] * z);
        const r = Math.hypot(fx[x], fy[y], fz[z]);
        let h = 0;
        if (r > 0) h = c * (fx[x] / r) ** lx * (fy[y] / r) ** ly * (fz[z] / r) ** lz;
        else if (total === 0) h = 1;
        const hr = h * phase[0];
        const hi = h * phase[1];
        const a = re[i];
        const b = im[i];
        re[i] = a * hr - b * hi;
        im[i] = a * hi + b * hr;
      }
  fft3d(re, im, pd, true);
  const out = new Float64Array(src.length);
  for (let z = 0; z < dims[2]; z++)
    for (let y = 0; y < dims[1]; y++)
      for (let x = 0; x < dims[0]; x++)
        out[x + dims[0] * (y + dims[1] * z)] = re[x + off[0] + pd[0] * (y + off[1] + pd[1] * (z + off[2]))];
  return withData(image, out);
}
