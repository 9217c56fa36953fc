/**
 * PyRadiomics image type "LoG" (imageoperations.getLoGImage): SimpleITK's LaplacianRecursiveGaussianImageFilter
 * with NormalizeAcrossScale on and sigma in mm. What that computes (ITK 5, itkLaplacianRecursiveGaussianImageFilter):
 *
 *   out = sum_d  sigma^2 * [ R2_d  prod_{e != d} R0_e ](x) / spacing_d^2
 *
 * where R0_e is the recursive Gaussian (order 0) along axis e and R2_d its second derivative (order 2, in
 * voxels^-2, times sigma^2 from NormalizeAcrossScale) along d: i.e. sigma^2 times the Laplacian in mm^-2 of the
 * Deriche-smoothed image, edge voxels extended to infinity. For each d the derivative pass runs first, then the
 * smoothing passes along the other axes in increasing order (the order ITK uses).
 *
 * SimpleITK runs this filter with float32 images: the output, every intermediate image between passes (ITK's
 * InternalRealType = float) and the running sum are rounded to float32, while each line is filtered in double.
 * With float32Pipeline the same roundings are applied here (Math.fround), which is what PyRadiomics' features see.
 *
 * PyRadiomics skips the image type entirely when any axis has fewer than 4 voxels, and skips a sigma unless every
 * axis has at least ceil(sigma / spacing) + 1 voxels; both rules are applied in pyradiomicsLogSigmas.
 */
import type { Geometry, Volume } from '../../volume.js';
import { assertPositive, toFloat64, withData } from '../filter-volume.js';
import { logImageTypeName } from './names.js';
import { recursiveGaussianAxis, recursiveGaussianCoefficients } from './recursive-gaussian.js';
import type { NamedImage } from './wavelet.js';

export interface LaplacianRecursiveGaussianOptions {
  sigmaMm: number;
  /** multiply the second derivative by sigma^2 (PyRadiomics: true) */
  normalizeAcrossScale: boolean;
  /** round intermediate images and output to float32 as SimpleITK does (PyRadiomics parity: true) */
  float32Pipeline: boolean;
}

/** sigma^2 Laplacian of the recursively smoothed image (SimpleITK LaplacianRecursiveGaussian). */
export function laplacianRecursiveGaussian(image: Volume, o: LaplacianRecursiveGaussianOptions): Volume {
  assertPositive('sigma', o.sigmaMm);
  const f = toFloat64(image);
  const axes = ([0, 1, 2] as const).filter((a) => image.dims[a] > 1 || a < 2);
  const round = (x: Float64Array) => {
    if (o.float32Pipeline) for (let i = 0; i < x.length; i++) x[i] = Math.fround(x[i]);
    return x;
  };
  const out = new Float64Array(f.length);
  for (const d of axes) {
    const c2 = recursiveGaussianCoefficients(o.sigmaMm, image.spacing[d], 2, o.normalizeAcrossScale);
    let t = round(recursiveGaussianAxis(f, image.dims, d, c2));
    for (const e of axes) {
      if (e === d) continue;
      const c0 = recursiveGaussianCoefficients(o.sigmaMm, image.spacing[e], 0, o.normalizeAcrossScale);
      t = round(recursiveGaussianAxis(t, image.dims, e, c0));
    }
    const k = 1.0 / (image.spacing[d] * image.spacing[d]);
    for (let i = 0; i < out.length; i++) out[i] = out[i] + t[i] * k;
    round(out);
  }
  return withData(image, out);
}

export interface PyradiomicsLogSigma {
  sigmaMm: number;
  /** the parameter file wrote an integer (3, not 3.0): PyRadiomics then names it log-sigma-3-mm-3D */
  writtenAsInteger?: boolean;
}

/** The sigmas PyRadiomics runs on this grid, with their image names, in order (skipped sigmas left out). */
export function pyradiomicsLogSigmas(grid: Geometry, sigmas: readonly PyradiomicsLogSigma[]): { sigmaMm: number; name: string }[] {
  if (Math.min(...grid.dims) < 4) return [];
  const out: { sigmaMm: number; name: string }[] = [];
  for (const s of sigmas) {
    if (!(s.sigmaMm > 0)) continue;
    const fits = grid.dims.every((n, a) => n >= Math.ceil(s.sigmaMm / grid.spacing[a]) + 1);
    if (fits) out.push({ sigmaMm: s.sigmaMm, name: logImageTypeName(s.sigmaMm, s.writtenAsInteger) });
  }
  return out;
}

/** Every LoG image PyRadiomics yields for these sigmas, with its name; skipped sigmas are left out. */
export function pyradiomicsLoG(image: Volume, sigmas: readonly PyradiomicsLogSigma[]): NamedImage[] {
  return pyradiomicsLogSigmas(image, sigmas).map(({ sigmaMm, name }) => ({
    name,
    image: laplacianRecursiveGaussian(image, { sigmaMm, normalizeAcrossScale: true, float32Pipeline: true }),
  }));
}
