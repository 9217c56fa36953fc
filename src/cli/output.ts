/** Feature output files: JSON (a `features` array of records) and CSV (one row per case). */
import { csvField } from '../core/csv.js';
import type { FeatureRecord } from '../core/features/types.js';
import type { ExtractionResult } from '../pipeline/extract-slice.js';
import { TOOL_VERSION } from '../version.js';

export interface CaseSource {
  image: string;
  mask: string;
  label: number | null;
}

export function featuresToJson(source: CaseSource, result: ExtractionResult): string {
  const doc = {
    tool: 'webradiomics',
    version: TOOL_VERSION,
    profile: 'ibsi',
    ...source,
    backend: result.backend,
    roi_voxels: result.roiVoxels,
    grey_levels: result.greyLevels,
    warnings: result.warnings,
    features: result.features.map((f) => ({ ...f, value: jsonNumber(f.value) })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** JSON has no NaN or Infinity: undefined features are written as null. */
function jsonNumber(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** Column name of a feature: family, IBSI name and aggregation code, e.g. GLCM_Joint_maximum_ITBB. */
export function featureColumn(f: FeatureRecord): string {
  return `${f.family}_${f.name.replace(/[^A-Za-z0-9]+/g, '_')}_${f.aggregation_code}`;
}

export function featuresToCsv(cases: (CaseSource & { id: string; result: ExtractionResult })[]): string {
  const columns = cases[0].result.features.map(featureColumn);
  const header = ['id', 'image', 'mask', 'label', ...columns];
  const rows = cases.map((c) => [
    c.id,
    c.image,
    c.mask,
    c.label === null ? '' : String(c.label),
    ...c.result.features.map((f) => (Number.isFinite(f.value) ? String(f.value) : 'NaN')),
  ]);
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
