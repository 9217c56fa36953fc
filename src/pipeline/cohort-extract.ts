/**
 * Cohort extraction, shared by the CLI (`webradiomics extract-cohort`) and the app: the patients of a manifest plan
 * (core/model/cohort-manifest.ts: cohortPlan, shardPatients), each sequence extracted by extractCase (the single
 * engine entry point), into one feature table row per patient (core/model/cohort-features.ts).
 *
 * Files are read by the caller's `loadCase` (Node reader in the CLI, the browser reader in the app), so this runner
 * holds no I/O. Progress after every case: done / total cases, elapsed time and an ETA (elapsed / done x remaining);
 * cancellation through an AbortSignal, checked before every case (the case in flight finishes first).
 * A failing case stops the run with an InputError naming the patient, sequence and manifest row.
 *
 * Resuming: `cached` may answer a case from an earlier run (the app's on-device cache, cohort-cache.ts, only with the
 * user's consent) and `onCase` hears every case extracted here; both are the caller's I/O, so the runner stays I/O-free
 * and without them (the CLI) nothing changes. A cached case gives the same features and warnings as extracting it.
 */
import type { ManifestEntry, ManifestPatient } from '../core/model/cohort-manifest.js';
import { patientFeatureRow, type CohortFeatureTable } from '../core/model/cohort-features.js';
import type { ExtractionSettings } from '../core/settings.js';
import type { GpuAcquisition } from '../gpu/device.js';
import { extractCase, InputError, type BackendChoice, type BackendUsed, type CaseInput } from './extract-case.js';

export interface CohortProgress {
  /** cases (patient x sequence) finished */
  done: number;
  total: number;
  elapsedMs: number;
  /** estimated time to finish; null before the first case */
  etaMs: number | null;
  /** the case just finished */
  patientId: string;
  sequence: string;
  /** of `done`, the cases answered by `cached` (an earlier run's results on this device); absent without a cache */
  fromCache?: number;
}

/** What a finished case contributes to the table: its features, its warnings (unprefixed) and the backend that ran. */
export interface CohortCaseResult {
  features: { name: string; value: number }[];
  warnings: string[];
  backend: BackendUsed;
}

export interface CohortExtractOptions {
  /** the cohort's sequences, in column order */
  sequences: readonly string[];
  /** prefix column names with the sequence (false: a single unnamed sequence) */
  prefixed: boolean;
  /** settings of every sequence, unless `sequenceSettings` has its own */
  settings: ExtractionSettings;
  sequenceSettings?: Readonly<Record<string, ExtractionSettings>>;
  backend: BackendChoice;
  getGpu: () => Promise<GpuAcquisition>;
  /** reads the image and the label map of one manifest row; the ROI label is `label` of the returned value */
  loadCase: (entry: ManifestEntry) => Promise<CaseInput & { label?: number; warnings?: string[] }>;
  onProgress?: (p: CohortProgress) => void;
  signal?: AbortSignal;
  /** clock for elapsed / ETA (default performance.now) */
  now?: () => number;
  /** an earlier run's result of this case (with the sequence's settings), or undefined to extract it */
  cached?: (entry: ManifestEntry, settings: ExtractionSettings) => Promise<CohortCaseResult | undefined>;
  /** every case extracted by this run (not those from `cached`), e.g. to keep it */
  onCase?: (entry: ManifestEntry, settings: ExtractionSettings, result: CohortCaseResult) => Promise<void> | void;
}

export interface CohortExtractResult {
  table: CohortFeatureTable;
  /** "patient P, sequence S: ..." */
  warnings: string[];
  backend: BackendUsed | null;
}

/** The error thrown when the signal aborts the run. */
export class CohortCancelledError extends Error {
  override name = 'AbortError';
}

const where = (e: ManifestEntry) => `patient ${e.patientId}, sequence "${e.sequence}" (manifest row ${e.row})`;

export async function extractCohort(patients: readonly ManifestPatient[], o: CohortExtractOptions): Promise<CohortExtractResult> {
  const now = o.now ?? (() => performance.now());
  const t0 = now();
  const total = patients.length * o.sequences.length;
  const warnings: string[] = [];
  const table: CohortFeatureTable = { ids: [], names: [], values: [] };
  let backend: BackendUsed | null = null;
  // ETA from the cases extracted here only (cached ones take no time): elapsed / extracted x remaining.
  const progress = (done: number, fromCache: number, patientId: string, sequence: string): CohortProgress => {
    const elapsedMs = now() - t0;
    const extracted = done - fromCache;
    const etaMs = done === total ? 0 : extracted > 0 ? (elapsedMs / extracted) * (total - done) : null;
    return { done, total, elapsedMs, etaMs, patientId, sequence, ...(o.cached ? { fromCache } : {}) };
  };
  let done = 0;
  let fromCache = 0;
  for (const p of patients) {
    const perSequence = new Map<string, { name: string; value: number }[]>();
    for (const entry of p.entries) {
      if (o.signal?.aborted) throw new CohortCancelledError(`cancelled after ${done} of ${total} cases`);
      const settings = { ...(o.sequenceSettings?.[entry.sequence] ?? o.settings) };
      const hit = await o.cached?.(entry, settings);
      if (hit) {
        backend ??= hit.backend;
        for (const w of hit.warnings) warnings.push(`${where(entry)}: ${w}`);
        perSequence.set(entry.sequence, hit.features);
        done++;
        fromCache++;
        o.onProgress?.(progress(done, fromCache, p.id, entry.sequence));
        continue;
      }
      const caseSettings = { ...settings };
      let input;
      try {
        input = await o.loadCase(entry);
      } catch (e) {
        throw new InputError(`${where(entry)}: ${(e as Error).message}`);
      }
      if (input.label !== undefined) caseSettings.label = input.label;
      let result;
      try {
        result = await extractCase(input, { settings: caseSettings, backend: o.backend }, o.getGpu);
      } catch (e) {
        if (e instanceof InputError) throw new InputError(`${where(entry)}: ${e.message}`);
        throw e;
      }
      backend ??= result.backend;
      const caseResult: CohortCaseResult = {
        features: result.features.map((f) => ({ name: f.name, value: f.value })),
        warnings: [...(input.warnings ?? []), ...result.warnings],
        backend: result.backend,
      };
      for (const w of caseResult.warnings) warnings.push(`${where(entry)}: ${w}`);
      await o.onCase?.(entry, settings, caseResult);
      perSequence.set(entry.sequence, caseResult.features);
      done++;
      o.onProgress?.(progress(done, fromCache, p.id, entry.sequence));
    }
    const row = patientFeatureRow(p.id, o.sequences, perSequence, o.prefixed);
    if (table.ids.length === 0) table.names = row.names;
    else if (row.names.join('\u0000') !== table.names.join('\u0000')) {
      const k = row.names.findIndex((n, j) => table.names[j] !== n);
      throw new InputError(
        `patient ${p.id} (manifest row ${p.entries[0].row}): its features differ from patient ${table.ids[0]}'s ` +
          `(${row.names.length} vs ${table.names.length} columns; first difference "${row.names[k] ?? '(none)'}" vs "${table.names[k] ?? '(none)'}")`,
      );
    }
    table.ids.push(p.id);
    table.values.push(row.values);
  }
  return { table, warnings, backend };
}
