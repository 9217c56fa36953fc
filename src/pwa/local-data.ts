/**
 * What this app's origin keeps in the browser, and erasing all of it. By default the app persists no image, mask or
 * result: the only thing it stores is its own offline copy (the service worker's Cache Storage). The one exception is
 * the cohort cache (pipeline/cohort-cache.ts), written only when the user asks to keep extracted features so a cohort
 * run can resume; it is listed with its cases and size. Anything else found here (IndexedDB, the origin private file
 * system, local/session storage) is listed too, so the user can see it is empty, or erase it.
 */
import { COHORT_CACHE_DB, CohortCache } from '../pipeline/cohort-cache.js';

export type StoreKind = 'cache' | 'service-worker' | 'indexeddb' | 'opfs' | 'local-storage' | 'session-storage';

export interface StoredItem {
  kind: StoreKind;
  name: string;
  /** e.g. "27 files, 8.0 MB" */
  detail: string;
  /** true for the app's own files (no user data) */
  appFiles: boolean;
}

export interface LocalInventory {
  items: StoredItem[];
  /** navigator.storage.estimate(), when available */
  usageBytes?: number;
  quotaBytes?: number;
  /** whether the browser was asked to keep this origin's data (the app never asks) */
  persisted?: boolean;
}

/** Workbox's precache: the app's own files. */
const APP_CACHE_PREFIX = 'workbox-precache';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The origin private file system's root directory, iterable (its async iterator is not in this TypeScript lib). */
interface IterableDirectory {
  entries(): AsyncIterable<[string, FileSystemHandle]>;
  removeEntry(name: string, options?: { recursive?: boolean }): Promise<void>;
}

async function opfsRoot(): Promise<IterableDirectory | undefined> {
  try {
    const root = await navigator.storage?.getDirectory?.();
    return root as unknown as IterableDirectory | undefined;
  } catch {
    return undefined;
  }
}

async function cacheItems(): Promise<StoredItem[]> {
  if (typeof caches === 'undefined') return [];
  const items: StoredItem[] = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    const requests = await cache.keys();
    let bytes = 0;
    for (const request of requests) {
      const response = await cache.match(request);
      if (response) bytes += (await response.blob()).size;
    }
    const appFiles = name.startsWith(APP_CACHE_PREFIX);
    const what = appFiles ? 'the app itself, for offline use' : 'not made by this app';
    items.push({ kind: 'cache', name, detail: `${requests.length} files, ${formatBytes(bytes)}: ${what}`, appFiles });
  }
  return items;
}

async function serviceWorkerItems(): Promise<StoredItem[]> {
  if (!('serviceWorker' in navigator)) return [];
  const registrations = await navigator.serviceWorker.getRegistrations();
  return registrations.map((r) => {
    const worker = r.active ?? r.waiting ?? r.installing;
    const state = r.waiting ? 'a new version waits' : (worker?.state ?? 'none');
    return { kind: 'service-worker', name: r.scope, detail: `service worker (${state}): serves the app offline`, appFiles: true };
  });
}

/** The cohort cache's line: cases kept, size estimate, the latest run. */
async function cohortCacheDetail(): Promise<string | undefined> {
  let cache: CohortCache | undefined;
  try {
    cache = await CohortCache.openExisting();
    if (!cache) return undefined;
    const s = await cache.summary();
    const last = s.runs[0];
    const run = last ? `; last run: ${last.manifest}, ${last.startedAt.slice(0, 10)}, ${last.total} cases` : '';
    return (
      `features of ${s.cases} cohort case${s.cases === 1 ? '' : 's'} (about ${formatBytes(s.bytes)}), kept because you ticked ` +
      `"Keep extracted features on this device" so an interrupted extraction can resume${run}`
    );
  } catch {
    return undefined;
  } finally {
    cache?.close();
  }
}

async function indexedDbItems(): Promise<StoredItem[]> {
  if (typeof indexedDB === 'undefined' || !indexedDB.databases) return [];
  const dbs = await indexedDB.databases();
  const items: StoredItem[] = [];
  for (const db of dbs) {
    const cohort = db.name === COHORT_CACHE_DB ? await cohortCacheDetail() : undefined;
    const detail = cohort ?? `IndexedDB database, version ${db.version ?? '?'}`;
    items.push({ kind: 'indexeddb', name: db.name ?? '(unnamed)', detail, appFiles: false });
  }
  return items;
}

async function opfsItems(): Promise<StoredItem[]> {
  const root = await opfsRoot();
  if (!root) return [];
  const items: StoredItem[] = [];
  for await (const [name, handle] of root.entries()) {
    const detail = handle.kind === 'file' ? `file, ${formatBytes((await (handle as FileSystemFileHandle).getFile()).size)}` : 'folder';
    items.push({ kind: 'opfs', name, detail: `private file system ${detail}`, appFiles: false });
  }
  return items;
}

function storageItems(kind: 'local-storage' | 'session-storage', storage: Storage | undefined): StoredItem[] {
  if (!storage) return [];
  const items: StoredItem[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)!;
    items.push({ kind, name: key, detail: `${kind === 'local-storage' ? 'local' : 'session'} storage, ${(storage.getItem(key) ?? '').length} characters`, appFiles: false });
  }
  return items;
}

function safeStorage(get: () => Storage): Storage | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

/** Everything this origin stores in this browser. */
export async function inventory(): Promise<LocalInventory> {
  const items = [
    ...(await serviceWorkerItems()),
    ...(await cacheItems()),
    ...(await indexedDbItems()),
    ...(await opfsItems()),
    ...storageItems('local-storage', safeStorage(() => localStorage)),
    ...storageItems('session-storage', safeStorage(() => sessionStorage)),
  ];
  const out: LocalInventory = { items };
  try {
    const estimate = await navigator.storage?.estimate?.();
    out.usageBytes = estimate?.usage;
    out.quotaBytes = estimate?.quota;
    out.persisted = await navigator.storage?.persisted?.();
  } catch {
    // Not available (e.g. an opaque origin): the list above still holds.
  }
  return out;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete IndexedDB ${name}`));
    // Blocked means another tab holds it open; the deletion completes when that tab closes it.
    request.onblocked = () => resolve();
  });
}

/**
 * Erases everything listed by inventory(): caches, IndexedDB databases, the private file system, local and session
 * storage, and unregisters the service worker (the app then loads from the network again until reinstalled).
 * Returns the problems met (empty when all went).
 */
export async function eraseAll(): Promise<string[]> {
  const problems: string[] = [];
  const attempt = async (what: string, work: () => Promise<unknown> | unknown) => {
    try {
      await work();
    } catch (e) {
      problems.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  if ('serviceWorker' in navigator) {
    for (const r of await navigator.serviceWorker.getRegistrations()) await attempt(`service worker ${r.scope}`, () => r.unregister());
  }
  if (typeof caches !== 'undefined') {
    for (const name of await caches.keys()) await attempt(`cache ${name}`, () => caches.delete(name));
  }
  if (typeof indexedDB !== 'undefined' && indexedDB.databases) {
    for (const db of await indexedDB.databases()) if (db.name) await attempt(`IndexedDB ${db.name}`, () => deleteDatabase(db.name!));
  }
  const root = await opfsRoot();
  if (root) {
    const names: string[] = [];
    for await (const [name] of root.entries()) names.push(name);
    for (const name of names) await attempt(`private file ${name}`, () => root.removeEntry(name, { recursive: true }));
  }
  await attempt('local storage', () => safeStorage(() => localStorage)?.clear());
  await attempt('session storage', () => safeStorage(() => sessionStorage)?.clear());
  return problems;
}
