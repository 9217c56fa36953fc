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
