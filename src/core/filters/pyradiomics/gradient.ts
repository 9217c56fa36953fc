/**
 * PyRadiomics image type "gradient": SimpleITK GradientMagnitudeImageFilter (UseImageSpacing = gradientUseSpacing,
 * true by default). Per axis the central difference of ITK's first-order DerivativeOperator, coefficients
 * (0.5, 0, -0.5) scaled by 1 / spacing when spacing is used, with the zero-flux Neumann boundary (the edge voxel
 * repeated); the output is sqrt(sum_a d_a^2), computed in double and stored by SimpleITK as float32 (float32Output).
 * Axes of length 1 contribute 0 (their neighbours are the voxel itself).
 */
import type { Volume } from '../../volume.js';
import { toFloat64, withData } from '../filter-volume.js';

export function pyradiomicsGradient(image: Volume, useImageSpacing: boolean, float32Output: boolean): Volume {
  const f = toFloat64(image);
  const [nx, ny, nz] = image.dims;
  const strides = [1, nx, nx * ny];
  const out = new Float64Array(f.length);
  for (let a = 0; a < 3; a++) {
    const n = image.dims[a];
    const c = 0.5 * (useImageSpacing ? 1 / image.spacing[a] : 1);
    const st = strides[a];
    for (let z = 0; z < nz; z++)
      for (let y = 0; y < ny; y++)
        for (let x = 0; x < nx; x++) {
          const i = x + nx * (y + ny * z);
          const k = a === 0 ? x : a === 1 ? y : z;
          const prev = k > 0 ? f[i - st] : f[i];
          const next = k < n - 1 ? f[i + st] : f[i];
          const d = c * prev + 0 * f[i] + -c * next;
          out[i] += d * d;
        }
  }
  for (let i = 0; i < out.length; i++) out[i] = float32Output ? Math.fround(Math.sqrt(out[i])) : Math.sqrt(out[i]);
  return withData(image, out);
}
