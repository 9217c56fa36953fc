/**
 * The on-device cohort cache (issue 7): the features of finished cases of a cohort extraction, kept in one IndexedDB
 * database of this browser, so that an interrupted run (cancelled, page reloaded) resumes where it stopped. The app
 * writes it only when the user ticks "Keep extracted features on this device" (wr-cohort-extract.ts); the privacy
 * panel lists it and erases it (pwa/local-data.ts). Works in a page and in a worker (IndexedDB and crypto.subtle).
 *
 * A case's key is SHA-256 of the canonical JSON (object keys sorted) of everything that determines its features:
 *   patient id, sequence, the manifest's segment / series / ROI columns, SHA-256 of each image and mask file's bytes,
 *   the extraction settings and the app version (src/version.ts).
 * Files are identified by their contents, not by name + size + lastModified: the worker receives bytes only, and a
 * file re-exported with the same name and size must miss. The backend is not part of the key: the GPU counts the
 * matrices in integers and they equal the CPU twin's exactly (docs/conventions.md), so the features are the same.
 */
import type { ManifestEntry } from '../core/model/cohort-manifest.js';
import type { ExtractionSettings } from '../core/settings.js';
import type { CohortCaseResult } from './cohort-extract.js';

/** The database's name, as the privacy panel lists it. */
export const COHORT_CACHE_DB = 'webradiomics-cohort-cache';
const VERSION = 1;
const CASES = 'cases';
const RUNS = 'runs';

/** One kept case. */
interface CaseRecord {
  key: string;
  manifest: string;
  storedAt: string;
  /** size estimate: length of the row as JSON */
  bytes: number;
  row: CohortCaseResult;
}

/** One cohort run that used the cache: which manifest, when, how many cases and where they came from. */
export interface CohortRunRecord {
  id?: number;
  manifest: string;
  startedAt: string;
  updatedAt: string;
  total: number;
  fromCache: number;
  extracted: number;
  finished: boolean;
}

export interface CohortCacheSummary {
  cases: number;
  /** estimate: the kept rows as JSON */
  bytes: number;
  runs: CohortRunRecord[];
}

/** JSON with every object's keys in sorted order (undefined members dropped, as JSON.stringify does). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const members = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${members.join(',')}}`;
}

/** SHA-256 of bytes or of a string's UTF-8, as lowercase hex. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Everything a case's features depend on (see the module comment). */
export interface CohortCaseKeyParts {
  patientId: string;
  sequence: string;
  segment?: number;
  series?: string;
  roi?: string;
  /** SHA-256 of each file of the image (one file, or the files of a DICOM folder in path order) */
  image: string[];
  mask: string[];
  settings: ExtractionSettings;
  /** TOOL_VERSION */
  version: string;
}

/** The cache key of a case: SHA-256 of the canonical JSON of its parts. */
export function cohortCaseKey(parts: CohortCaseKeyParts): Promise<string> {
  return sha256Hex(canonicalJson({ cache: 'webradiomics-cohort-case', v: 1, ...parts }));
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Opens the database; `create` false: resolves undefined instead of creating it when it does not exist. */
function openDatabase(create: boolean): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(COHORT_CACHE_DB, VERSION);
    let absent = false;
    request.onupgradeneeded = (e) => {
      if (!create && e.oldVersion === 0) {
        absent = true;
        request.transaction?.abort();
        return;
      }
      const db = request.result;
      if (!db.objectStoreNames.contains(CASES)) db.createObjectStore(CASES, { keyPath: 'key' });
      if (!db.objectStoreNames.contains(RUNS)) db.createObjectStore(RUNS, { keyPath: 'id', autoIncrement: true });
    };
    request.onsuccess = () => {
      const db = request.result;
      // Erasing (privacy panel, another tab) asks open connections to close; do so, so the deletion goes through.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => (absent ? resolve(undefined) : reject(request.error ?? new Error(`could not open IndexedDB ${COHORT_CACHE_DB}`)));
    request.onblocked = () => reject(new Error(`IndexedDB ${COHORT_CACHE_DB} is held by another tab`));
  });
}

export class CohortCache {
  private constructor(private readonly db: IDBDatabase) {}

  /** Opens (creating it if needed) the cache. Call only with the user's consent: opening creates the database. */
  static async open(): Promise<CohortCache> {
    return new CohortCache((await openDatabase(true))!);
  }

  /** Opens the cache only if it exists (nothing is created); undefined otherwise. */
  static async openExisting(): Promise<CohortCache | undefined> {
    const db = await openDatabase(false);
    return db ? new CohortCache(db) : undefined;
  }

  private store(name: string, mode: IDBTransactionMode) {
    const tx = this.db.transaction(name, mode);
    return { tx, store: tx.objectStore(name) };
  }

  async get(key: string): Promise<CohortCaseResult | undefined> {
    const record = (await done(this.store(CASES, 'readonly').store.get(key))) as CaseRecord | undefined;
    return record?.row;
  }

  async put(key: string, row: CohortCaseResult, manifest: string): Promise<void> {
    const { tx, store } = this.store(CASES, 'readwrite');
    const record: CaseRecord = { key, manifest, storedAt: new Date().toISOString(), bytes: JSON.stringify(row).length, row };
    store.put(record);
    await committed(tx);
  }

  count(): Promise<number> {
    return done(this.store(CASES, 'readonly').store.count());
  }

  /** Records the start of a run; returns its id for updateRun. */
  async startRun(manifest: string, total: number): Promise<number> {
    const now = new Date().toISOString();
    const run: CohortRunRecord = { manifest, startedAt: now, updatedAt: now, total, fromCache: 0, extracted: 0, finished: false };
    const { tx, store } = this.store(RUNS, 'readwrite');
    const id = await done(store.add(run));
    await committed(tx);
    return id as number;
  }

  async updateRun(id: number, change: Partial<Pick<CohortRunRecord, 'fromCache' | 'extracted' | 'finished'>>): Promise<void> {
    const { tx, store } = this.store(RUNS, 'readwrite');
    const run = (await done(store.get(id))) as CohortRunRecord | undefined;
    if (run) store.put({ ...run, ...change, updatedAt: new Date().toISOString() });
    await committed(tx);
  }

  /** The runs, most recent first. */
  async listRuns(): Promise<CohortRunRecord[]> {
    const runs = (await done(this.store(RUNS, 'readonly').store.getAll())) as CohortRunRecord[];
    return runs.sort((a, b) => (b.startedAt < a.startedAt ? -1 : b.startedAt > a.startedAt ? 1 : (b.id ?? 0) - (a.id ?? 0)));
  }

  /** Cases kept, their size estimate and the runs. */
  async summary(): Promise<CohortCacheSummary> {
    const records = (await done(this.store(CASES, 'readonly').store.getAll())) as CaseRecord[];
    return { cases: records.length, bytes: records.reduce((s, r) => s + r.bytes, 0), runs: await this.listRuns() };
  }

  /** Removes every case and run (the database stays). */
  async clear(): Promise<void> {
    const tx = this.db.transaction([CASES, RUNS], 'readwrite');
    tx.objectStore(CASES).clear();
    tx.objectStore(RUNS).clear();
    await committed(tx);
  }

  close(): void {
    this.db.close();
  }
}

/** A file of the picked folder: its path and bytes. */
export interface CachedFileInput {
  path: string;
  bytes: Uint8Array;
}

/** One run's use of the cache: extractCohort's `cached` / `onCase`, with counts and the run record. */
export interface CohortCacheRun {
  cached: (entry: ManifestEntry, settings: ExtractionSettings) => Promise<CohortCaseResult | undefined>;
  onCase: (entry: ManifestEntry, settings: ExtractionSettings, result: CohortCaseResult) => Promise<void>;
  /** cases answered from the cache / extracted and kept by this run */
  readonly counts: { fromCache: number; kept: number };
  /** problems met reading or writing the cache (the run goes on without it), for the run's warnings */
  readonly problems: string[];
  /** updates the run record (finished: every case done) */
  finish(finished: boolean): Promise<void>;
}

/**
 * Starts a cached run of `total` cases of `manifest`. `filesAt(path)` gives the picked files of a manifest path (one
 * file, or the files of a DICOM folder); a case whose files are not found is neither looked up nor kept.
 */
export async function startCohortCacheRun(
  cache: CohortCache,
  o: { manifest: string; total: number; version: string; filesAt: (path: string) => readonly CachedFileInput[] },
): Promise<CohortCacheRun> {
  const digests = new Map<string, Promise<string[]>>();
  const digestsOf = (path: string): Promise<string[]> => {
    let d = digests.get(path);
    if (!d) {
      const files = o.filesAt(path);
      d = Promise.all(files.map(async (f) => `${files.length > 1 ? `${f.path}:` : ''}${await sha256Hex(f.bytes)}`));
      digests.set(path, d);
    }
    return d;
  };
  const keyOf = async (e: ManifestEntry, settings: ExtractionSettings): Promise<string | undefined> => {
    const [image, mask] = [await digestsOf(e.image), await digestsOf(e.mask)];
    if (image.length === 0 || mask.length === 0) return undefined;
    return cohortCaseKey({ patientId: e.patientId, sequence: e.sequence, segment: e.segment, series: e.series, roi: e.roi, image, mask, settings, version: o.version });
  };
  const counts = { fromCache: 0, kept: 0 };
  const problems: string[] = [];
  let writable = true;
  const runId = await cache.startRun(o.manifest, o.total);
  return {
    counts,
    problems,
    async cached(entry, settings) {
      const key = await keyOf(entry, settings);
      let hit: CohortCaseResult | undefined;
      try {
        hit = key === undefined ? undefined : await cache.get(key);
      } catch (e) {
        problems.push(`could not read this device's cache (${(e as Error).message}); the case was extracted`);
      }
      if (hit) counts.fromCache++;
      return hit;
    },
    async onCase(entry, settings, result) {
      if (!writable) return;
      const key = await keyOf(entry, settings);
      if (key === undefined) return;
      try {
        await cache.put(key, result, o.manifest);
        counts.kept++;
      } catch (e) {
        writable = false;
        problems.push(`could not keep results on this device (${(e as Error).message}); the run goes on without saving`);
      }
    },
    async finish(finished) {
      try {
        await cache.updateRun(runId, { fromCache: counts.fromCache, extracted: counts.kept, finished });
      } catch {
        // the record is informative only
      }
    },
  };
}

/**
 * Opens the cache for a run the user consented to keep; a browser without usable storage gets a message saying how to
 * go on. (A plain Error: this module stays free of the engine, as the privacy panel imports it on the main page.)
 */
export async function openCohortCache(): Promise<CohortCache> {
  try {
    return await CohortCache.open();
  } catch (e) {
    throw new Error(
      `this browser does not let the app keep results (${(e as Error).message}); untick "Keep extracted features on this device" to run without it`,
    );
  }
}
