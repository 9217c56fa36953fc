/**
 * Extraction settings: one typed object that states every choice of the pipeline
 * preprocess -> discretise -> features explicitly (docs/conventions.md: no aggregation mode hidden behind a default).
 *
 * Two profiles share it:
 *  - 'ibsi': IBSI 1 definitions, names, codes and aggregation codes;
 *  - 'pyradiomics': PyRadiomics' definitions and output names (original_glcm_Contrast ...), so that models trained
 *    on PyRadiomics features can be applied.
 * PyRadiomics' own parameter names are given next to each field; settings-parse.ts maps its YAML files onto this.
 */
import type { IvhDiscretisation } from './features/intensity-volume-histogram.js';
import type { TextureAggregation, ZoneAggregation } from './features/types.js';
import type { Vec3 } from './volume.js';

export type Profile = 'ibsi' | 'pyradiomics';

export type InterpolatorName = 'nearest' | 'linear' | 'bspline';

export interface ResamplingSettings {
  /** target spacing (mm) along x, y, z; 0 keeps the input spacing on that axis (PyRadiomics resampledPixelSpacing) */
  spacing: Vec3;
  /** intensity interpolator; 'bspline' is the cubic B-spline of SimpleITK's sitkBSpline (PyRadiomics interpolator) */
  interpolator: InterpolatorName;
  /**
   * grid placement: 'ibsi' keeps the grid centre and rounds the size up (IBSI 1 section 2.4);
   * 'pyradiomics' anchors the grid at the input's first voxel corner and keeps only the ROI bounding box plus
   * padDistance (imageoperations.resampleImage)
   */
  alignment: 'ibsi' | 'pyradiomics';
  /** mask: interpolated like the image and kept where >= threshold (IBSI partial volume, 0.5), or nearest neighbour */
  mask: { kind: 'partial-volume'; threshold: number } | { kind: 'nearest' };
  /**
   * interpolated intensities: 'none' keeps them, 'round' rounds to the nearest integer (IBSI, e.g. CT in HU),
   * 'input-type' casts to the input voxel type, truncating toward zero and clamping to its range (SimpleITK, which
   * PyRadiomics uses: output pixel type = input pixel type)
   */
  rounding: 'none' | 'round' | 'input-type';
  /** voxels of the new grid kept around the ROI bounding box ('pyradiomics' alignment; PyRadiomics padDistance) */
  padDistance: number;
}

export interface NormalisationSettings {
  /** PyRadiomics normalize: f(x) = s (x - mean) / sd over the whole image (sd with N - 1, as SimpleITK) */
  enabled: boolean;
  /** s (normalizeScale) */
  scale: number;
  /** clip normalised values to +-n before scaling (removeOutliers); null: off */
  removeOutliers: number | null;
}

/** Inclusive thresholds; null leaves that side open. */
export interface ThresholdRange {
  lower: number | null;
  upper: number | null;
}

export interface ResegmentationSettings {
  /**
   * range re-segmentation (IBSI; PyRadiomics resegmentRange with resegmentMode absolute / relative): keep
   * lower <= x <= upper; 'relative' thresholds are fractions of the ROI maximum
   */
  range: (ThresholdRange & { mode: 'absolute' | 'relative' }) | null;
  /**
   * outlier filtering (IBSI mean +- 3 sd; PyRadiomics resegmentMode sigma): keep mean + lower sd <= x <= mean + upper sd,
   * population sd of the ROI after range re-segmentation
   */
  sigma: ThresholdRange | null;
  /** shape / morphology on the re-segmented mask too (PyRadiomics resegmentShape; IBSI: false, morphological mask) */
  applyToShape: boolean;
}

export type DiscretisationSettings =
  /** intensities already are grey levels 1..Ng (e.g. the IBSI digital phantom) */
  | { kind: 'none' }
  /**
   * fixed bin width (binWidth). 'pyradiomics': edges at multiples of the width from 0; 'ibsi': from `minimum`
   * (default: the lower re-segmentation threshold, else the ROI minimum)
   */
  | { kind: 'fixed-bin-width'; width: number; convention: 'ibsi' | 'pyradiomics'; minimum?: number }
  /** fixed bin count (binCount); 'pyradiomics' uses numpy's histogram edges, 'ibsi' the IBSI formula */
  | { kind: 'fixed-bin-count'; bins: number; convention: 'ibsi' | 'pyradiomics' };

export type WeightingNorm = 'none' | 'manhattan' | 'euclidean' | 'infinity' | 'no_weighting';

export interface TextureSettings {
  /**
   * GLCM and GLRLM aggregation (IBSI 1 section 3.1.1). The PyRadiomics profile takes exactly one, which must agree
   * with force2D / weightingNorm: 3D averaged (ITBB) = default, 3D merged (IAZD) = weighting, 2.5D
   * direction-merged (JJUI) = force2D, 2.5D merged (ZW7Z) = force2D + weighting.
   */
  matrixAggregations: TextureAggregation[];
  /** GLSZM, GLDZM, NGTDM, NGLDM aggregation; PyRadiomics: '3d', or '2.5d' with force2D */
  zoneAggregations: ZoneAggregation[];
  /** texture in slices only (PyRadiomics force2D; IBSI 2D / 2.5D aggregations) */
  force2D: boolean;
  /** out-of-plane axis of 2D / 2.5D texture in PyRadiomics' (z, y, x) array order: 0 = z (axial slices) */
  force2Ddimension: 0 | 1 | 2;
  /** neighbour distances (Chebyshev); PyRadiomics: every offset whose largest component is one of them */
  distances: number[];
  /** count each GLCM pair both ways (symmetricalGLCM) */
  symmetricalGLCM: boolean;
  /** merge per-angle matrices weighted by spacing-based distance (weightingNorm); 'none' averages features */
  weightingNorm: WeightingNorm;
  /** GLDM / NGLDM coarseness alpha (gldm_a) */
  gldmAlpha: number;
}

export const PYRADIOMICS_CLASSES = ['shape', 'shape2D', 'firstorder', 'glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'] as const;
export type PyradiomicsClass = (typeof PYRADIOMICS_CLASSES)[number];

export const IBSI_CLASSES = [
  'morphology',
  'local-intensity',
  'intensity-statistics',
  'intensity-histogram',
  'intensity-volume-histogram',
  'glcm',
  'glrlm',
  'glszm',
  'gldzm',
  'ngtdm',
  'ngldm',
] as const;
export type IbsiClass = (typeof IBSI_CLASSES)[number];

/** Image types PyRadiomics knows (imageType section). Only 'Original' is computed by src/core itself. */
export const IMAGE_TYPES = [
  'Original',
  'LoG',
  'Wavelet',
  'Square',
  'SquareRoot',
  'Logarithm',
  'Exponential',
  'Gradient',
  'LBP2D',
  'LBP3D',
] as const;
export type ImageTypeName = (typeof IMAGE_TYPES)[number];

/** Filter parameters of derived image types (passed to the filter stage, src/core/filters). */
export interface FilterSettings {
  sigma?: number[];
  wavelet?: string;
  start_level?: number;
  level?: number;
  gradientUseSpacing?: boolean;
  lbp2DRadius?: number;
  lbp2DSamples?: number;
  lbp2DMethod?: 'default' | 'ror' | 'uniform' | 'var';
  lbp3DLevels?: number;
  lbp3DIcosphereRadius?: number;
  lbp3DIcosphereSubdivision?: number;
}

/** Settings an image type may override for its own features (PyRadiomics: imageType: {LoG: {binWidth: 5}}). */
export interface ImageTypeSettings {
  discretisation?: DiscretisationSettings;
  texture?: Partial<TextureSettings>;
  voxelArrayShift?: number;
  filter?: FilterSettings;
}

export interface ExtractionSettings {
  profile: Profile;
  /** label value of the ROI in the mask (label) */
  label: number;
  /** relative tolerance on image / mask geometry (geometryTolerance; SimpleITK's default 1e-6) */
  geometryTolerance: number;
  /** resample a mask whose geometry differs onto the image grid, nearest neighbour (correctMask) */
  correctMask: boolean;
  /** null: no resampling */
  resampling: ResamplingSettings | null;
  normalisation: NormalisationSettings;
  resegmentation: ResegmentationSettings;
  discretisation: DiscretisationSettings;
  texture: TextureSettings;
  /** IBSI intensity-volume histogram: how intensities map to the IVH grid (IBSI 1 section 3.5; phantom: none) */
  ivhDiscretisation: IvhDiscretisation;
  /** added to intensities in Energy, TotalEnergy and RootMeanSquared (PyRadiomics voxelArrayShift; IBSI: 0) */
  voxelArrayShift: number;
  /** ROI checks: fewest dimensions with more than one voxel (minimumROIDimensions), fewest voxels (minimumROISize) */
  minimumROIDimensions: 1 | 2 | 3;
  minimumROISize: number | null;
  /** enabled image types and their overrides (imageType) */
  imageTypes: Partial<Record<ImageTypeName, ImageTypeSettings>>;
  /** enabled feature classes; a list names the features, null enables the class's default set (featureClass) */
  featureClasses: Partial<Record<PyradiomicsClass | IbsiClass, string[] | null>>;
  /** filter parameters shared by all derived image types */
  filter: FilterSettings;
  /** add provenance (settings, preprocessing geometry, voxel counts) to the result (additionalInfo) */
  additionalInfo: boolean;
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid extraction settings:\n  - ${problems.join('\n  - ')}`);
  }
}

/** PyRadiomics 3.x defaults (RadiomicsFeatureExtractor._getDefaultSettings and each class's kwargs defaults). */
export function pyradiomicsDefaults(): ExtractionSettings {
  return {
    profile: 'pyradiomics',
    label: 1,
    geometryTolerance: 1e-6,
    correctMask: false,
    resampling: null,
    normalisation: { enabled: false, scale: 1, removeOutliers: null },
    resegmentation: { range: null, sigma: null, applyToShape: false },
    discretisation: { kind: 'fixed-bin-width', width: 25, convention: 'pyradiomics' },
    texture: {
      matrixAggregations: ['3d-averaged'],
      zoneAggregations: ['3d'],
      force2D: false,
      force2Ddimension: 0,
      distances: [1],
      symmetricalGLCM: true,
      weightingNorm: 'none',
      gldmAlpha: 0,
    },
    ivhDiscretisation: { kind: 'none' },
    voxelArrayShift: 0,
    minimumROIDimensions: 2,
    minimumROISize: null,
    imageTypes: { Original: {} },
    featureClasses: Object.fromEntries(PYRADIOMICS_CLASSES.filter((c) => c !== 'shape2D').map((c) => [c, null])),
    filter: {},
    additionalInfo: false,
  };
}

/** IBSI 1 defaults: every family, every aggregation method, no preprocessing, intensities used as grey levels. */
export function ibsiDefaults(): ExtractionSettings {
  return {
    ...pyradiomicsDefaults(),
    profile: 'ibsi',
    minimumROIDimensions: 1,
    discretisation: { kind: 'none' },
    texture: {
      matrixAggregations: ['2d-averaged', '2d-slice-merged', '2.5d-direction-merged', '2.5d-merged', '3d-averaged', '3d-merged'],
      zoneAggregations: ['2d', '2.5d', '3d'],
      force2D: false,
      force2Ddimension: 0,
      distances: [1],
      symmetricalGLCM: true,
      weightingNorm: 'none',
      gldmAlpha: 0,
    },
    featureClasses: Object.fromEntries(IBSI_CLASSES.map((c) => [c, null])),
  };
}

/** The single GLCM / GLRLM aggregation PyRadiomics computes for force2D and weightingNorm. */
export function pyradiomicsMatrixAggregation(t: Pick<TextureSettings, 'force2D' | 'weightingNorm'>): TextureAggregation {
  const merged = t.weightingNorm !== 'none';
  if (t.force2D) return merged ? '2.5d-merged' : '2.5d-direction-merged';
  return merged ? '3d-merged' : '3d-averaged';
}
