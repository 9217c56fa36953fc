/**
 * IBSI 2 Simoncelli (non-separable, isotropic) wavelet, undecimated, defined in the Fourier domain. For level j,
 * with nu_max = 2^-(j-1):
 *   H_j(nu) = cos(pi/2 log2(2 |nu| / nu_max))   for nu_max/4 < |nu| < nu_max,   0 elsewhere,
 * and the response is Re(IFFT(FFT(x) H_j)), i.e. periodic padding.
 *
 * Frequency grid: along an axis of n samples, FFT bin m is given the normalised frequency
 *   nu[m] = -1 + 2 ((m + floor(n/2)) mod n) / (n - 1),
 * that is numpy's ifftshift of linspace(-1, 1, n). For even n this grid is offset by half a bin from the DFT
 * frequencies (and not Hermitian), hence the real part. It is the grid of the IBSI 2 consensus maps: tests 8.a.2
 * and 8.a.3 match it to 1e-5 of their tolerance, while the exact DFT grid (nu = 2 m / n) misses them by 2.5x and 8x
 * the tolerance.
 */
import type { Volume } from '../volume.js';
import { fft3d } from '../fft/fft.js';
import { toFloat64, withData, type FilterDimensionality } from './filter-volume.js';
import { Fft2 } from './fft2.js';
import type { PaddingMode } from './padding.js';

export interface SimoncelliOptions {
  level: number;
  /** only 'periodic' (the transform is a circular convolution) */
  padding: PaddingMode;
  dimensionality: FilterDimensionality;
}

/** nu[m] for FFT bin m of an n-point axis (see above). */
export function simoncelliGrid(n: number): Float64Array {
  const h = Math.floor(n / 2);
  return Float64Array.from({ length: n }, (_, m) => (n === 1 ? 0 : -1 + (2 * ((m + h) % n)) / (n - 1)));
}

export function simoncelliResponse(nu: number, level: number): number {
  const numax = 2 ** -(level - 1);
  if (!(nu > numax / 4 && nu < numax)) return 0;
  return Math.cos((Math.PI / 2) * Math.log2((2 * nu) / numax));
}

export function simoncelliWavelet(image: Volume, o: SimoncelliOptions): Volume {
  if (o.padding !== 'periodic') throw new RangeError('the Simoncelli wavelet is computed with periodic padding only');
  if (!Number.isInteger(o.level) || o.level < 1) throw new RangeError(`level must be >= 1, got ${o.level}`);
  const [nx, ny, nz] = image.dims;
  const re = toFloat64(image);
  const im = new Float64Array(re.length);
  const gx = simoncelliGrid(nx);
  const gy = simoncelliGrid(ny);
  if (o.dimensionality === '3d') {
    const gz = simoncelliGrid(nz);
    fft3d(re, im, [nx, ny, nz]);
    for (let z = 0; z < nz; z++)
      for (let y = 0; y < ny; y++)
        for (let x = 0; x < nx; x++) {
          const h = simoncelliResponse(Math.hypot(gx[x], gy[y], gz[z]), o.level);
          const i = x + nx * (y + ny * z);
          re[i] *= h;
          im[i] *= h;
        }
    fft3d(re, im, [nx, ny, nz], true);
    return withData(image, re);
  }
  const fft = new Fft2(nx, ny);
  const plane = nx * ny;
  const h2 = new Float64Array(plane);
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) h2[x + nx * y] = simoncelliResponse(Math.hypot(gx[x], gy[y]), o.level);
  for (let z = 0; z < nz; z++) {
    const r = re.subarray(z * plane, (z + 1) * plane);
    const i = im.subarray(z * plane, (z + 1) * plane);
    fft.transform(r, i);
    for (let k = 0; k < plane; k++) {
      r[k] *= h2[k];
      i[k] *= h2[k];
    }
    fft.transform(r, i, true);
  }
  return withData(image, re);
}
