/**
 * Feature output files for CaseResult, the same bytes from the CLI and the app's download buttons:
 *  - JSON: tool, version, profile, sources, backend, warnings and a `features` array of records (NaN -> null, as
 *    JSON has no NaN);
 *  - CSV: one row per case in PyRadiomics' batch layout: case columns (Image, Mask, Label), then diagnostics_*
 *    columns, then one column per feature. Under the PyRadiomics profile the feature columns are PyRadiomics' own
 *    names (original_glcm_Contrast), so the file can replace a PyRadiomics batch CSV; NaN is written `nan`, as
 *    pandas writes PyRadiomics' NaN.
 */
import { csvField } from '../core/csv.js';
import { AGGREGATION_3D, AGGREGATION_CODES, ZONE_AGGREGATION_CODES } from '../core/features/types.js';
import { TOOL_VERSION } from '../version.js';
import type { CaseFeature, CaseResult } from './extract-case.js';

/** Where a case came from: the file names (or paths) given, the label, and any extra provenance (DICOM). */
export interface CaseSource {
  image: string;
  mask: string;
  /** the ROI label; null: every non-zero voxel */
  label: number | null;
  /** settings file name, null for the profile's defaults */
  settings: string | null;
  /** e.g. series_uid, mask_kind, mask_selection of a DICOM case */
  extra?: Record<string, string | null>;
}

const AGGREGATION_LABELS: Record<string, string> = Object.fromEntries(
  [...Object.values(AGGREGATION_CODES), ...Object.values(ZONE_AGGREGATION_CODES), AGGREGATION_3D].map((a) => [a.code, a.label]),
);

/** Readable aggregation of an IBSI aggregation code ("3D, averaged" for ITBB), null when unknown or absent. */
export function aggregationLabel(code: string | null): string | null {
  return code ? (AGGREGATION_LABELS[code] ?? null) : null;
}

function jsonNumber(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** A result, with the ROI's voxel count where the caller knows it (case-run.ts). */
export type CaseOutput = CaseResult & { roiVoxels?: number };

export function caseToJson(source: CaseSource, result: CaseOutput): string {
  const doc = {
    tool: 'webradiomics',
    version: TOOL_VERSION,
    profile: result.profile,
    image: source.image,
    mask: source.mask,
    label: source.label,
    settings: source.settings,
    ...source.extra,
    backend: result.backend,
    // how the matrices were computed (no timings: the file must not differ between runs of the same case)
    ...(result.engine
      ? { matrices: { gpu: result.engine.gpuMatrices, cpu: result.engine.cpuMatrices, gpu_submits: result.engine.submits, gpu_readbacks: result.engine.readbacks } }
      : {}),
    // image types other than Original filtered on the GPU / by the CPU filters (gpu-prefilter.ts)
    ...(result.engine?.gpuFilters !== undefined ? { filters: { gpu: result.engine.gpuFilters, cpu: result.engine.cpuFilters ?? 0 } } : {}),
    ...(result.roiVoxels !== undefined ? { roi_voxels: result.roiVoxels } : {}),
    warnings: result.warnings,
    features: result.features.map((f) => ({
      name: f.name,
      family: f.family,
      image_type: f.image_type,
      ibsi_code: f.ibsi_code,
      aggregation_code: f.aggregation_code,
      aggregation: aggregationLabel(f.aggregation_code),
      ...(f.table_feature ? { table_feature: f.table_feature } : {}),
      value: jsonNumber(f.value),
    })),
    ...(result.diagnostics ? { diagnostics: result.diagnostics } : {}),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

const word = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');

/**
 * CSV column of a feature. PyRadiomics profile: its output name. IBSI profile: family, IBSI name (or the variant's
 * table label) and aggregation code, prefixed by the image type unless original, e.g. GLCM_Joint_maximum_ITBB,
 * intensity_volume_histogram_volume_fraction_at_10_intensity_DHQ4, wavelet_LLH_GLCM_Joint_maximum_ITBB.
 */
export function featureColumn(f: CaseFeature, profile: CaseResult['profile']): string {
  if (profile === 'pyradiomics') return f.name;
  const parts = [f.family, f.table_feature ?? f.name, f.aggregation_code ?? ''].map(word).filter(Boolean);
  if (f.image_type !== 'original') parts.unshift(word(f.image_type));
  return parts.join('_');
}

/** The diagnostics_* columns (PyRadiomics' batch CSV holds diagnostics_Versions_*, diagnostics_Configuration_* ...). */
function diagnostics(source: CaseSource, result: CaseOutput): [string, string][] {
  const cols: [string, string][] = [
    ['diagnostics_Versions_WebRadiomics', TOOL_VERSION],
    ['diagnostics_Configuration_Profile', result.profile],
    ['diagnostics_Configuration_Settings', source.settings ?? `${result.profile} defaults`],
    ['diagnostics_Configuration_Backend', result.backend.kind === 'gpu' ? `GPU: ${result.backend.description}` : result.backend.description],
  ];
  for (const [k, v] of Object.entries(source.extra ?? {})) cols.push([`diagnostics_Input_${k}`, v ?? '']);
  if (result.roiVoxels !== undefined) cols.push(['diagnostics_Mask-original_VoxelNum', String(result.roiVoxels)]);
  cols.push(['diagnostics_Warnings', result.warnings.join(' | ')]);
  return cols;
}

/** One row per case; every case must have the same feature columns (the same settings). */
export function casesToCsv(cases: { source: CaseSource; result: CaseOutput }[]): string {
  if (!cases.length) throw new Error('casesToCsv needs at least one case');
  const first = cases[0];
  const columns = first.result.features.map((f) => featureColumn(f, first.result.profile));
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new Error(`two features share the CSV column ${c}`);
    seen.add(c);
  }
  const diag = diagnostics(first.source, first.result).map(([k]) => k);
  const header = ['Image', 'Mask', 'Label', ...diag, ...columns];
  const rows = cases.map(({ source, result }) => {
    const names = result.features.map((f) => featureColumn(f, result.profile));
    if (names.join('\n') !== columns.join('\n')) throw new Error(`${source.image}: its features differ from the first case's; one CSV holds one set of settings`);
    return [
      source.image,
      source.mask,
      source.label === null ? '' : String(source.label),
      ...diagnostics(source, result).map(([, v]) => v),
      ...result.features.map((f) => (Number.isNaN(f.value) ? 'nan' : Number.isFinite(f.value) ? String(f.value) : f.value > 0 ? 'inf' : '-inf')),
    ];
  });
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
