/** Result and option types of the extraction stage (extract.ts). */
import type { FeatureRecord } from '../features/types.js';
import type { ExtractionSettings, FilterSettings, ImageTypeName, Profile } from '../settings.js';
import type { Geometry, Mask, Volume } from '../volume.js';
import type { PreparedCase } from './prepare.js';

/** A feature as PyRadiomics names it: `${imageType}_${featureClass}_${feature}`, e.g. original_glcm_Contrast. */
export interface PyradiomicsRecord {
  name: string;
  imageType: string;
  featureClass: string;
  feature: string;
  value: number;
  /** IBSI code of the same quantity, where one exists */
  ibsi_code?: string;
}

/** A feature as IBSI names it (name, family, code, aggregation code), for one image type. */
export interface IbsiRecord extends FeatureRecord {
  imageType: string;
  /** IBSI's label of a parametrised feature, e.g. "volume fraction at 10% intensity" */
  table_feature?: string;
}

/** Provenance of one extraction (settings additionalInfo). */
export interface ExtractionDiagnostics {
  settings: ExtractionSettings;
  input: Geometry;
  /** grid the features were computed on (after resampling and cropping) */
  processed: Geometry;
  /** voxels of the morphological (shape) mask and of the intensity mask after re-segmentation */
  maskVoxels: number;
  intensityVoxels: number;
  timingsMs: Record<string, number>;
}

export interface ExtractionResult<R> {
  profile: Profile;
  features: R[];
  /** what was undefined (NaN) or skipped, and why */
  warnings: string[];
  diagnostics?: ExtractionDiagnostics;
}

export type PyradiomicsResult = ExtractionResult<PyradiomicsRecord>;
export type IbsiResult = ExtractionResult<IbsiRecord>;

/** The extraction cannot proceed (no ROI, single voxel in PyRadiomics, geometry mismatch ...). */
export class ExtractionError extends Error {}

/**
 * Derived images for image types other than Original (LoG, Wavelet, ...), from the filter stage. Each yields one or
 * more images on the input grid, named as PyRadiomics names them (e.g. 'log-sigma-1-0-mm-3D', 'wavelet-LLH').
 */
export type ImageFilterProvider = (
  imageType: ImageTypeName,
  image: Volume,
  mask: Mask,
  settings: FilterSettings,
) => { name: string; image: Volume }[];

/** A case prepared ahead of its plan (extract.ts prepareExtraction), e.g. to filter its image on the GPU first. */
export interface PreparedExtraction {
  prepared: PreparedCase;
  /** the preprocessing notes prepareCase gave */
  warnings: string[];
  /** milliseconds the preparation took */
  ms: number;
}

export interface ExtractionOptions {
  filters?: ImageFilterProvider;
  /**
   * the case as prepareExtraction prepared it from the SAME image, labels and settings; the plan then starts from
   * it instead of preparing the case again (PyRadiomics profile)
   */
  prepared?: PreparedExtraction;
}
