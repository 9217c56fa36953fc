/**
 * Cohort extraction in the app: a manifest (core/model/cohort-manifest.ts) and the files of a folder the user picked
 * (each with its relative path, as `webkitdirectory` gives them), through the shared runner (cohort-extract.ts, the
 * same code as `webradiomics extract-cohort`), into the feature table CSV the CLI writes.
 *
 * Manifest paths are matched against the picked files' relative paths: equal, or equal after the picked folder's
 * own name (the first path segment), so a manifest at the folder's root and one beside it both work. Decoding is the
 * caller's (the pipeline worker's itk-wasm reader), so this module holds no I/O. NIfTI / NRRD label maps only: the
 * DICOM columns `series` and `roi` are reported as unsupported here.
 */
import { cohortPlan, parseManifest, type ManifestEntry } from '../core/model/cohort-manifest.js';
import { featureTableCsv } from '../core/model/cohort-features.js';
import { IssueList } from '../core/model/cohort-table.js';
import { pyradiomicsDefaults, type ExtractionSettings } from '../core/settings.js';
import type { Volume } from '../core/volume.js';
import type { GpuAcquisition } from '../gpu/device.js';
import { extractCohort, type CohortProgress } from './cohort-extract.js';
import { InputError, type BackendChoice, type BackendUsed } from './extract-case.js';
import { readSettingsFile } from './case-settings.js';

export type { CohortProgress };

/** A picked file: its path relative to the picked folder (webkitRelativePath, or the name) and its bytes. */
export interface CohortFile {
  path: string;
  bytes: Uint8Array;
}

export interface CohortRequest {
  manifest: { name: string; text: string };
  files: CohortFile[];
  /** PyRadiomics-profile settings (default: the caller passes pyradiomicsDefaults()) */
  settings: ExtractionSettings;
  backend: BackendChoice;
}

export interface CohortTableResult {
  /** the feature table, PyRadiomics-style `<sequence>_<feature>` columns (featureTableCsv, as the CLI writes) */
  csv: string;
  patients: number;
  features: number;
  sequences: string[];
  warnings: string[];
  backend: BackendUsed | null;
}

const normal = (p: string) => p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/{2,}/g, '/');

/** Looks up manifest paths among the picked files (exact relative path, or without the picked folder's name). */
export function cohortFileIndex(files: readonly CohortFile[]): (path: string) => CohortFile | undefined {
  const byPath = new Map<string, CohortFile>();
  for (const f of files) {
    const p = normal(f.path);
    byPath.set(p, f);
    const cut = p.indexOf('/');
    if (cut > 0 && !byPath.has(p.slice(cut + 1))) byPath.set(p.slice(cut + 1), f);
  }
  return (path) => byPath.get(normal(path));
}

/**
 * Plans the manifest (problems listed as one InputError naming rows and columns, before anything is decoded), then
 * extracts every case with `decode` (a file's name and bytes -> volume). Cancel through `signal` (CohortCancelledError).
 */
export async function extractCohortFiles(
  request: CohortRequest,
  o: {
    decode: (file: { name: string; bytes: Uint8Array }) => Promise<Volume>;
    getGpu: () => Promise<GpuAcquisition>;
    onProgress?: (p: CohortProgress) => void;
    signal?: AbortSignal;
  },
): Promise<CohortTableResult> {
  if (request.settings.profile !== 'pyradiomics') {
    throw new InputError('cohort extraction writes PyRadiomics-named columns; give PyRadiomics settings (a PyRadiomics parameter file, or a settings file with "profile": "pyradiomics")');
  }
  const find = cohortFileIndex(request.files);
  const issues = new IssueList();
  const manifest = parseManifest(request.manifest.text, issues, { file: request.manifest.name, pathExists: (p) => find(p) !== undefined });
  const plan = cohortPlan(manifest.entries, issues, { reader: '1', file: request.manifest.name });
  const errors = issues.items.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    throw new InputError(
      `${request.manifest.name}: ${errors.length} problem${errors.length === 1 ? '' : 's'} (nothing was extracted):\n` +
        errors.map((i) => `  - ${i.message}`).join('\n'),
    );
  }
  const warnings = issues.items.filter((i) => i.severity !== 'error').map((i) => i.message);
  const read = async (path: string) => {
    const f = find(path);
    if (!f) throw new InputError(`${path} is not among the picked files`);
    return o.decode({ name: path, bytes: f.bytes.slice() });
  };
  const loadCase = async (e: ManifestEntry) => {
    if (e.series !== undefined || e.roi !== undefined) {
      throw new InputError(`column "${e.series !== undefined ? 'series' : 'roi'}" (DICOM input) is not supported by the app's cohort extraction; use NIfTI / NRRD files or the CLI`);
    }
    return { image: await read(e.image), mask: await read(e.mask), imageName: e.image, maskName: e.mask, ...(e.segment !== undefined ? { label: e.segment } : {}) };
  };
  const result = await extractCohort(plan.patients, {
    sequences: plan.sequences,
    prefixed: manifest.sequenceColumn,
    settings: request.settings,
    backend: request.backend,
    getGpu: o.getGpu,
    loadCase,
    onProgress: o.onProgress,
    signal: o.signal,
  });
  return {
    csv: featureTableCsv(result.table),
    patients: result.table.ids.length,
    features: result.table.names.length,
    sequences: plan.sequences,
    warnings: [...warnings, ...result.warnings],
    backend: result.backend,
  };
}

const duration = (ms: number) => (ms >= 120_000 ? `${(ms / 60_000).toFixed(1)} min` : `${Math.round(ms / 1000)} s`);

/** The progress line the page shows: "4 / 9 cases (patient P, sequence S), 12 s elapsed, about 15 s left". */
export function cohortProgressText(p: CohortProgress): string {
  const eta = p.etaMs !== null && p.done < p.total ? `, about ${duration(p.etaMs)} left` : '';
  return `${p.done} / ${p.total} cases (last: patient ${p.patientId}, ${p.sequence}), ${duration(p.elapsedMs)} elapsed${eta}`;
}

/** Settings of a cohort run: PyRadiomics defaults, or a settings / parameter file read as the Extract page reads it. */
export function cohortSettings(file: { name: string; text: string } | undefined): ExtractionSettings {
  return file ? readSettingsFile(file).settings : pyradiomicsDefaults();
}
