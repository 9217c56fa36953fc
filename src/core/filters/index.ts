/**
 * Convolutional filters (IBSI 2) and PyRadiomics image types: pure functions Volume -> Volume (f64 voxels on the
 * input grid unless stated), every parameter explicit. Separable filters run as 1D passes (axis-pass.ts), the unit
 * a GPU twin mirrors.
 */
export * from './padding.js';
export * from './axis-pass.js';
export * from './filter-volume.js';
export * from './rotations.js';
export * from './separable-rotation.js';
export * from './mean.js';
export * from './laplacian-of-gaussian.js';
export * from './laws.js';
export * from './gabor.js';
export * from './wavelet-banks.js';
export * from './separable-wavelet.js';
export * from './simoncelli.js';
export * from './riesz.js';
export * from './pyradiomics/names.js';
export * from './pyradiomics/wavelet.js';
export * from './pyradiomics/recursive-gaussian.js';
export * from './pyradiomics/log.js';
export * from './pyradiomics/intensity.js';
export * from './pyradiomics/gradient.js';
export * from './pyradiomics/lbp2d.js';
export * from './pyradiomics/bspline.js';
export * from './pyradiomics/lbp3d.js';
export * from './pyradiomics/image-types.js';
