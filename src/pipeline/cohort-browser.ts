/**
 * Cohort extraction in the app: a manifest (core/model/cohort-manifest.ts) and the files of a folder the user picked
 * (each with its relative path, as `webkitdirectory` gives them), through the shared runner (cohort-extract.ts, the
 * same code as `webradiomics extract-cohort`), into the feature table CSV the CLI writes.
 *
 * Manifest paths are matched against the picked files' relative paths: equal, or equal after the picked folder's
 * own name (the first path segment), so a manifest at the folder's root and one beside it both work. Decoding is the
 * caller's (the pipeline worker's itk-wasm readers), so this module holds no I/O. Images may be NIfTI / NRRD files or
 * DICOM folders / zips, masks label maps, DICOM SEG or RTSTRUCT, as for the CLI (cohort-files.ts).
 */
import { manifestFromFolder } from '../core/model/cohort-folder.js';
import { cohortPlan, parseManifest, type ManifestEntry } from '../core/model/cohort-manifest.js';
import { featureTableCsv } from '../core/model/cohort-features.js';
import { IssueList } from '../core/model/cohort-table.js';
import { pyradiomicsDefaults, type ExtractionSettings } from '../core/settings.js';
import type { Volume } from '../core/volume.js';
import type { GpuAcquisition } from '../gpu/device.js';
import { extractCohort, type CohortProgress } from './cohort-extract.js';
import { InputError, type BackendChoice, type BackendUsed } from './extract-case.js';
import { readSettingsFile } from './case-settings.js';
import { loadCohortCase, pickedFiles } from './cohort-files.js';
import type { PipelineRunner } from '../io/dicom/pipeline-runner.js';
import { startCohortCacheRun, type CohortCache } from './cohort-cache.js';
import { TOOL_VERSION } from '../version.js';

export type { CohortProgress };

/** A picked file: its path relative to the picked folder (webkitRelativePath, or the name) and its bytes. */
export interface CohortFile {
  path: string;
  bytes: Uint8Array;
}

export interface CohortRequest {
  /** the image manifest; absent: the picked folder holds one subfolder per patient (core/model/cohort-folder.ts) */
  manifest?: { name: string; text: string };
  files: CohortFile[];
  /** PyRadiomics-profile settings (default: the caller passes pyradiomicsDefaults()) */
  settings: ExtractionSettings;
  backend: BackendChoice;
  /** the user's consent to keep finished cases on this device (cohort-cache.ts) so a later run resumes; default false */
  keepOnDevice?: boolean;
}

export interface CohortTableResult {
  /** the feature table, PyRadiomics-style `<sequence>_<feature>` columns (featureTableCsv, as the CLI writes) */
  csv: string;
  patients: number;
  features: number;
  sequences: string[];
  warnings: string[];
  backend: BackendUsed | null;
  /** cases taken from this device's cache (only with keepOnDevice) */
  fromCache?: number;
}

/** Looks up manifest paths among the picked files (exact relative path, or without the picked folder's name). */
export function cohortFileIndex(files: readonly CohortFile[]): (path: string) => CohortFile | undefined {
  return pickedFiles(files).file;
}

/**
 * The manifest a picked cohort folder implies (one subfolder per patient, core/model/cohort-folder.ts). The picked
 * folder's own name (the first segment of every webkitRelativePath) is left out; its problems go to `issues`.
 */
export function folderManifest(files: readonly CohortFile[], issues: IssueList): { name: string; text: string } {
  const paths = files.map((f) => f.path.replace(/\\/g, '/').replace(/^\/+/, ''));
  const first = paths[0]?.split('/')[0] ?? '';
  const shared = paths.length > 0 && paths.every((p) => p.startsWith(`${first}/`) && p.split('/').length >= 3);
  const folder = shared ? first : 'the picked folder';
  const cohort = manifestFromFolder(shared ? paths.map((p) => p.slice(first.length + 1)) : paths, issues, folder);
  return { name: `${folder} (one subfolder per patient)`, text: cohort.manifest };
}

/**
 * Plans the manifest (problems listed as one InputError naming rows and columns, before anything is decoded), then
 * extracts every case with `decode` (a file's name and bytes -> volume). Cancel through `signal` (CohortCancelledError).
 */
export async function extractCohortFiles(
  request: CohortRequest,
  o: {
    decode: (file: { name: string; bytes: Uint8Array }) => Promise<Volume>;
    /** itk-wasm DICOM pipelines, for DICOM folders, SEG and RTSTRUCT (without it, DICOM rows are refused) */
    dicomRunner?: PipelineRunner;
    getGpu: () => Promise<GpuAcquisition>;
    onProgress?: (p: CohortProgress) => void;
    signal?: AbortSignal;
    /** the on-device cache, given only when the request has the user's consent (keepOnDevice) */
    cache?: CohortCache;
  },
): Promise<CohortTableResult> {
  if (request.settings.profile !== 'pyradiomics') {
    throw new InputError('cohort extraction writes PyRadiomics-named columns; give PyRadiomics settings (a PyRadiomics parameter file, or a settings file with "profile": "pyradiomics")');
  }
  const picked = pickedFiles(request.files);
  const issues = new IssueList();
  const source = request.manifest ?? folderManifest(request.files, issues);
  const manifest = parseManifest(source.text, issues, { file: source.name, pathExists: picked.exists });
  const plan = cohortPlan(manifest.entries, issues, { reader: '1', file: source.name });
  const errors = issues.items.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    throw new InputError(
      `${source.name}: ${errors.length} problem${errors.length === 1 ? '' : 's'} (nothing was extracted):\n` +
        errors.map((i) => `  - ${i.message}`).join('\n'),
    );
  }
  const warnings = issues.items.filter((i) => i.severity !== 'error').map((i) => i.message);
  const loadCase = (e: ManifestEntry) => loadCohortCase(e, picked, { decode: o.decode, dicomRunner: o.dicomRunner });
  const cacheRun = o.cache
    ? await startCohortCacheRun(o.cache, {
        manifest: source.name,
        total: plan.patients.length * plan.sequences.length,
        version: TOOL_VERSION,
        filesAt: (path) => {
          const file = picked.file(path);
          return file ? [file] : picked.folder(path);
        },
      })
    : undefined;
  const run = extractCohort(plan.patients, {
    sequences: plan.sequences,
    prefixed: manifest.sequenceColumn,
    settings: request.settings,
    backend: request.backend,
    getGpu: o.getGpu,
    loadCase,
    onProgress: o.onProgress,
    signal: o.signal,
    ...(cacheRun ? { cached: cacheRun.cached, onCase: cacheRun.onCase } : {}),
  });
  let result;
  try {
    result = await run;
  } finally {
    await cacheRun?.finish(result !== undefined);
  }
  return {
    csv: featureTableCsv(result.table),
    patients: result.table.ids.length,
    features: result.table.names.length,
    sequences: plan.sequences,
    warnings: [...warnings, ...result.warnings, ...(cacheRun?.problems ?? [])],
    backend: result.backend,
    ...(cacheRun ? { fromCache: cacheRun.counts.fromCache } : {}),
  };
}

const duration = (ms: number) => (ms >= 120_000 ? `${(ms / 60_000).toFixed(1)} min` : `${Math.round(ms / 1000)} s`);

/** The progress line the page shows: "4 / 9 cases (patient P, sequence S), 12 s elapsed, about 15 s left". */
export function cohortProgressText(p: CohortProgress): string {
  const eta = p.etaMs !== null && p.done < p.total ? `, about ${duration(p.etaMs)} left` : '';
  const cached = p.fromCache ? `, ${p.fromCache} from this device's cache` : '';
  return `${p.done} / ${p.total} cases${cached} (last: patient ${p.patientId}, ${p.sequence}), ${duration(p.elapsedMs)} elapsed${eta}`;
}

/** Settings of a cohort run: PyRadiomics defaults, or a settings / parameter file read as the Extract page reads it. */
export function cohortSettings(file: { name: string; text: string } | undefined): ExtractionSettings {
  return file ? readSettingsFile(file).settings : pyradiomicsDefaults();
}
