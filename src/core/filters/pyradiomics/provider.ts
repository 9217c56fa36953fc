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
import { pyradiomicsImages, type PyradiomicsImageType } from './image-types.js';

export const pyradiomicsFilterProvider: ImageFilterProvider = (imageType, image, mask, f) => {
  let t: PyradiomicsImageType;
  switch (imageType) {
    case 'Original':
      t = { type: 'Original' };
      break;
    case 'LoG':
      t = { type: 'LoG', sigmas: (f.sigma ?? []).map((sigmaMm) => ({ sigmaMm })) };
      break;
    case 'Wavelet':
      t = { type: 'Wavelet', wavelet: f.wavelet ?? 'coif1', level: f.level ?? 1, startLevel: f.start_level ?? 0, excludedAxis: null };
      break;
    case 'Gradient':
      t = { type: 'Gradient', useImageSpacing: f.gradientUseSpacing ?? true };
      break;
    case 'LBP2D': {
      const method = f.lbp2DMethod ?? 'uniform';
      if (method === 'var') throw new Error("lbp2DMethod 'var' is not supported (use uniform, default or ror)");
      t = { type: 'LBP2D', radius: f.lbp2DRadius ?? 1, samples: f.lbp2DSamples ?? 8, method, force2Ddimension: 0 };
      break;
    }
    case 'LBP3D':
      if ((f.lbp3DIcosphereSubdivision ?? 1) !== 1) throw new Error('lbp3DIcosphereSubdivision other than 1 is not supported');
      t = { type: 'LBP3D', levels: f.lbp3DLevels ?? 2, icosphereRadius: f.lbp3DIcosphereRadius ?? 1, icosphereSubdivision: 1 };
      break;
    default:
      t = { type: imageType };
  }
  return pyradiomicsImages(image, t, mask).map(({ name, image }) => ({ name, image }));
};
