/**
 * PyRadiomics `imageType` section -> derived images with PyRadiomics' names, every setting explicit. Names:
 * original, log-sigma-3-0-mm-3D, wavelet-LLH .. wavelet-LLL (wavelet2-... for level 2), square, squareroot,
 * logarithm, exponential, gradient, lbp-2D, lbp-3D-m1 / -m2 / -k. PyRadiomics' defaults are given in each type's
 * options (pyradiomicsDefaults).
 */
import type { Axis } from '../axis-pass.js';
import type { Mask, Volume } from '../../volume.js';
import { pyradiomicsGradient } from './gradient.js';
import { pyradiomicsExponential, pyradiomicsLogarithm, pyradiomicsSquare, pyradiomicsSquareRoot } from './intensity.js';
import { pyradiomicsLbp2d, type Lbp2dOptions } from './lbp2d.js';
import { pyradiomicsLbp3d, type Lbp3dOptions } from './lbp3d.js';
import { pyradiomicsLoG, type PyradiomicsLogSigma } from './log.js';
import { pyradiomicsWavelet, type NamedImage, type PyradiomicsWaveletOptions } from './wavelet.js';

export type PyradiomicsImageType =
  | { type: 'Original' }
  | { type: 'LoG'; sigmas: PyradiomicsLogSigma[] }
  | ({ type: 'Wavelet' } & PyradiomicsWaveletOptions)
  | { type: 'Square' }
  | { type: 'SquareRoot' }
  | { type: 'Logarithm' }
  | { type: 'Exponential' }
  | { type: 'Gradient'; useImageSpacing: boolean }
  | ({ type: 'LBP2D' } & Lbp2dOptions)
  | ({ type: 'LBP3D' } & Lbp3dOptions);

/** PyRadiomics' default settings of each image type (LoG has no default sigma: PyRadiomics then yields nothing). */
export function pyradiomicsDefaults(force2Ddimension: 0 | 1 | 2 = 0): PyradiomicsImageType[] {
  return [
    { type: 'Original' },
    { type: 'LoG', sigmas: [] },
    { type: 'Wavelet', wavelet: 'coif1', level: 1, startLevel: 0, excludedAxis: null },
    { type: 'Square' },
    { type: 'SquareRoot' },
    { type: 'Logarithm' },
    { type: 'Exponential' },
    { type: 'Gradient', useImageSpacing: true },
    { type: 'LBP2D', radius: 1, samples: 8, method: 'uniform', force2Ddimension },
    { type: 'LBP3D', levels: 2, icosphereRadius: 1, icosphereSubdivision: 1 },
  ];
}

/** PyRadiomics force2Ddimension (numpy axis: 0 = z) as this project's axis (0 = x). */
export function axisOfForce2Ddimension(d: 0 | 1 | 2): Axis {
  return (2 - d) as Axis;
}

/** The derived images of one image type, in the order PyRadiomics yields them. LBP3D needs the ROI mask. */
export function pyradiomicsImages(image: Volume, t: PyradiomicsImageType, mask?: Mask): NamedImage[] {
  switch (t.type) {
    case 'Original':
      return [{ name: 'original', image }];
    case 'LoG':
      return pyradiomicsLoG(image, t.sigmas);
    case 'Wavelet':
      return pyradiomicsWavelet(image, t);
    case 'Square':
      return [{ name: 'square', image: pyradiomicsSquare(image) }];
    case 'SquareRoot':
      return [{ name: 'squareroot', image: pyradiomicsSquareRoot(image) }];
    case 'Logarithm':
      return [{ name: 'logarithm', image: pyradiomicsLogarithm(image) }];
    case 'Exponential':
      return [{ name: 'exponential', image: pyradiomicsExponential(image) }];
    case 'Gradient':
      return [{ name: 'gradient', image: pyradiomicsGradient(image, t.useImageSpacing, true) }];
    case 'LBP2D':
      return [{ name: 'lbp-2D', image: pyradiomicsLbp2d(image, t) }];
    case 'LBP3D':
      if (!mask) throw new Error('LBP3D is computed on the ROI voxels only: a mask is required');
      return pyradiomicsLbp3d(image, mask, t);
  }
}
