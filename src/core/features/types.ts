/** Shared types of the feature stage. */

/** One feature value as the app, the worker and the CLI report it. */
export interface FeatureRecord {
  /** IBSI feature name, e.g. "Joint maximum" */
  name: string;
  /** IBSI family name, e.g. "GLCM" */
  family: string;
  /** IBSI 4-character feature code, e.g. "GYBY" */
  ibsi_code: string;
  /** IBSI aggregation code, e.g. "ITBB" (3D averaged) */
  aggregation_code: string;
  /** readable aggregation, e.g. "3D, averaged" */
  aggregation: string;
  value: number;
}

/**
 * Texture aggregation methods of IBSI 1 section 3.1 for GLCM and GLRLM:
 * per-direction matrices are either averaged after computing features, or merged (summed) before.
 */
export type TextureAggregation =
  | '2d-averaged'
  | '2d-slice-merged'
  | '2.5d-direction-merged'
  | '2.5d-merged'
  | '3d-averaged'
  | '3d-merged';

export const AGGREGATION_CODES: Record<TextureAggregation, { code: string; label: string }> = {
  '2d-averaged': { code: 'BTW3', label: '2D, averaged' },
  '2d-slice-merged': { code: 'SUJT', label: '2D, slice-merged' },
  '2.5d-direction-merged': { code: 'JJUI', label: '2.5D, direction-merged' },
  '2.5d-merged': { code: 'ZW7Z', label: '2.5D, merged' },
  '3d-averaged': { code: 'ITBB', label: '3D, averaged' },
  '3d-merged': { code: 'IAZD', label: '3D, merged' },
};

export function aggregationDimension(a: TextureAggregation): '2d' | '3d' {
  return a.startsWith('3d') ? '3d' : '2d';
}

/**
 * Aggregation methods of IBSI 1 section 3.1 for the rotation-invariant families GLSZM, GLDZM, NGTDM and NGLDM,
 * which have one matrix per slice (2D) or per volume (3D): '2d' computes features per slice and averages them
 * (8QNN), '2.5d' sums the slice matrices first (62GR), '3d' uses the single 3D matrix (KOBO).
 */
export type ZoneAggregation = '2d' | '2.5d' | '3d';

export const ZONE_AGGREGATION_CODES: Record<ZoneAggregation, { code: string; label: string }> = {
  '2d': { code: '8QNN', label: '2D' },
  '2.5d': { code: '62GR', label: '2.5D' },
  '3d': { code: 'KOBO', label: '3D' },
};

export function zoneAggregationDimension(a: ZoneAggregation): '2d' | '3d' {
  return a === '3d' ? '3d' : '2d';
}

/** One entry of a family's feature registry (`<FAMILY>_FEATURES`). */
export interface FeatureInfo {
  /** IBSI feature name, exactly as the IBSI reference tables print it */
  name: string;
  /** IBSI 4-character feature code */
  code: string;
  /** PyRadiomics feature name (without class prefix), where one computes the same quantity */
  pyradiomics?: string;
}

/**
 * A feature evaluated at a parameter, e.g. the intensity-volume histogram's "Volume at intensity fraction" at
 * 10 % and 90 %, which share name and code. `table_feature` is IBSI's label of the variant
 * ("volume fraction at 10% intensity"), matching the reference CSV's `table_feature` column.
 */
export interface ParametrisedFeatureRecord extends FeatureRecord {
  table_feature: string;
}

/** IBSI aggregation of features computed once on the whole 3D ROI (morphology, statistics, histograms). */
export const AGGREGATION_3D = { code: 'DHQ4', label: '3D' } as const;
