/**
 * The filter stage as the extraction stage asks for it (ImageFilterProvider): PyRadiomics' imageType section
 * -> derived images with PyRadiomics' names, from the FilterSettings of the parameter file.
 *
 * Two settings the provider cannot see yet are fixed here, and said so:
 * - LoG sigmas are named in PyRadiomics' float form (log-sigma-3-0-mm-3D), as for `sigma: [3.0]`; a file that
 *   wrote `sigma: [3]` would be named log-sigma-3-mm-3D by PyRadiomics.
 * - Wavelets and LBP2D run in 3D / along z (force2D's excluded axis is not passed to filters).
 */
import type { ImageFilterProvider } from '../../extract/types.js';
import type { FilterSettings, ImageTypeName } from '../../settings.js';
import { pyradiomicsImages, type PyradiomicsImageType } from './image-types.js';

/**
 * An imageType entry and its merged filter settings as one PyradiomicsImageType, every option explicit (the CPU
 * provider here and the GPU filter stage, src/pipeline/gpu-prefilter.ts, both use it). Throws for settings that
 * are not supported (lbp2DMethod 'var', lbp3DIcosphereSubdivision other than 1).
 */
export function pyradiomicsImageType(imageType: ImageTypeName, f: FilterSettings): PyradiomicsImageType {
  switch (imageType) {
    case 'Original':
      return { type: 'Original' };
    case 'LoG':
      return { type: 'LoG', sigmas: (f.sigma ?? []).map((sigmaMm) => ({ sigmaMm })) };
    case 'Wavelet':
      return { type: 'Wavelet', wavelet: f.wavelet ?? 'coif1', level: f.level ?? 1, startLevel: f.start_level ?? 0, excludedAxis: null };
    case 'Gradient':
      return { type: 'Gradient', useImageSpacing: f.gradientUseSpacing ?? true };
    case 'LBP2D': {
      const method = f.lbp2DMethod ?? 'uniform';
      if (method === 'var') throw new Error("lbp2DMethod 'var' is not supported (use uniform, default or ror)");
      return { type: 'LBP2D', radius: f.lbp2DRadius ?? 1, samples: f.lbp2DSamples ?? 8, method, force2Ddimension: 0 };
    }
    case 'LBP3D':
      if ((f.lbp3DIcosphereSubdivision ?? 1) !== 1) throw new Error('lbp3DIcosphereSubdivision other than 1 is not supported');
      return { type: 'LBP3D', levels: f.lbp3DLevels ?? 2, icosphereRadius: f.lbp3DIcosphereRadius ?? 1, icosphereSubdivision: 1 };
    default:
      return { type: imageType };
  }
}

export const pyradiomicsFilterProvider: ImageFilterProvider = (imageType, image, mask, f) =>
  pyradiomicsImages(image, pyradiomicsImageType(imageType, f), mask).map(({ name, image }) => ({ name, image }));
