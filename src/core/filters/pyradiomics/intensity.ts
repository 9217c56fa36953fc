/**
 * PyRadiomics voxel-wise image types (imageoperations.getSquareImage ... getExponentialImage), computed in f64 as
 * PyRadiomics does after astype('float64'), with M = max |x| over the whole image:
 *   square       (c x)^2, c = 1 / sqrt(M)
 *   squareroot   sqrt(M x) for x > 0, -sqrt(-M x) for x < 0, 0 stays 0
 *   logarithm    log(x + 1) for x > 0, -log(1 - x) for x < 0, then scaled by M / max |result|
 *   exponential  exp(c x), c = log(M) / M
 * The order of the floating-point operations follows the numpy expressions.
 */
import type { Volume } from '../../volume.js';
import { toFloat64, withData } from '../filter-volume.js';

function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > m || Number.isNaN(a)) m = a;
  }
  return m;
}

/**
 * The whole-image constants of the voxel-wise types (the GPU gets them as uniforms): M = max |x| and the
 * logarithm's scale M / max |log-transformed x|, both as the functions below compute them.
 */
export function pyradiomicsIntensityConstants(image: Volume): { maxAbs: number; logScale: number } {
  const m = maxAbs(toFloat64(image));
  return { maxAbs: m, logScale: m / maxAbs(pyradiomicsLogarithmUnscaled(image)) };
}

function pyradiomicsLogarithmUnscaled(image: Volume): Float64Array {
  const x = toFloat64(image);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v > 0) x[i] = Math.log(v + 1);
    else if (v < 0) x[i] = -Math.log(-(v - 1));
  }
  return x;
}

export function pyradiomicsSquare(image: Volume): Volume {
  const x = toFloat64(image);
  const c = 1 / Math.sqrt(maxAbs(x));
  for (let i = 0; i < x.length; i++) {
    const v = c * x[i];
    x[i] = v * v;
  }
  return withData(image, x);
}

export function pyradiomicsSquareRoot(image: Volume): Volume {
  const x = toFloat64(image);
  const m = maxAbs(x);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v > 0) x[i] = Math.sqrt(v * m);
    else if (v < 0) x[i] = -Math.sqrt(-v * m);
  }
  return withData(image, x);
}

export function pyradiomicsLogarithm(image: Volume): Volume {
  const m = maxAbs(toFloat64(image));
  const x = pyradiomicsLogarithmUnscaled(image);
  const k = m / maxAbs(x);
  for (let i = 0; i < x.length; i++) x[i] = x[i] * k;
  return withData(image, x);
}

export function pyradiomicsExponential(image: Volume): Volume {
  const x = toFloat64(image);
  const m = maxAbs(x);
  const c = Math.log(m) / m;
  for (let i = 0; i < x.length; i++) x[i] = Math.exp(c * x[i]);
  return withData(image, x);
}
