/**
 * The on-device cohort cache's pure parts (pipeline/cohort-cache.ts: canonical JSON, SHA-256, the case key) and the
 * runner's resume hooks (pipeline/cohort-extract.ts `cached` / `onCase`) with the kept cases in a Map, on synthetic
 * volumes in memory. IndexedDB itself is tested in Chromium (test/ui/cohort-cache.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, cohortCaseKey, sha256Hex, type CohortCaseKeyParts } from '../../src/pipeline/cohort-cache.js';
import { CohortCancelledError, extractCohort, type CohortCaseResult, type CohortProgress } from '../../src/pipeline/cohort-extract.js';
import { pyradiomicsDefaults, type ExtractionSettings } from '../../src/core/settings.js';
import { cohortPlan, parseManifest, type ManifestEntry } from '../../src/core/model/cohort-manifest.js';
import { IssueList } from '../../src/core/model/cohort-table.js';
import { featureTableCsv } from '../../src/core/model/cohort-features.js';
import { demoExtractionSettings } from '../../src/core/model/demo-image-model.js';
import { syntheticImageCohort, syntheticImageManifestCsv } from '../../src/core/model/synthetic-image-cohort.js';
import type { SyntheticSequence } from '../../src/core/model/synthetic-images.js';
import { cohortProgressText } from '../../src/pipeline/cohort-browser.js';

/** The same object with every object's keys inserted in reverse order. */
function reversed<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(reversed) as T;
  return Object.fromEntries(Object.keys(value).reverse().map((k) => [k, reversed((value as Record<string, unknown>)[k])])) as T;
}

describe('cohort cache key', () => {
  it('canonical JSON sorts keys at every depth, keeps array order and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 'q' }], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[2,{"x":"q","y":1}]},"b":1}');
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    const s = pyradiomicsDefaults();
    expect(Object.keys(reversed(s))).toEqual(Object.keys(s).reverse());
    expect(canonicalJson(reversed(s))).toBe(canonicalJson(s));
    expect(JSON.parse(canonicalJson(s))).toEqual(JSON.parse(JSON.stringify(s)));
  });

  it('SHA-256 gives the FIPS 180-2 test vector', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('does not depend on the settings key order, and changes with every part that determines the features', async () => {
    const base: CohortCaseKeyParts = {
      patientId: 'P1',
      sequence: 'AP',
      segment: 1,
      image: [await sha256Hex(new Uint8Array([1, 2, 3]))],
      mask: [await sha256Hex(new Uint8Array([0, 1, 1]))],
      settings: demoExtractionSettings(),
      version: '0.1.0',
    };
    const key = await cohortCaseKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await cohortCaseKey({ ...reversed(base) })).toBe(key);
    const binWidth: ExtractionSettings = { ...base.settings, discretisation: { kind: 'fixed-bin-width', width: 10, convention: 'pyradiomics' } };
    const changed: Partial<CohortCaseKeyParts>[] = [
      { patientId: 'P2' },
      { sequence: 'PVP' },
      { segment: 2 },
      { segment: undefined },
      { roi: 'GTV' },
      { series: '1.2.3' },
      { image: [await sha256Hex(new Uint8Array([1, 2, 4]))] },
      { mask: [await sha256Hex(new Uint8Array([0, 1, 0]))] },
      { settings: binWidth },
      { settings: { ...base.settings, label: 2 } },
      { version: '0.1.1' },
    ];
    const keys = await Promise.all(changed.map((c) => cohortCaseKey({ ...base, ...c })));
    expect(new Set([key, ...keys]).size).toBe(1 + changed.length);
  });
});

describe('cohort runner: resuming from kept cases', () => {
  const c = syntheticImageCohort();
  const settings = demoExtractionSettings();
  settings.featureClasses = { firstorder: null, glcm: null };
  const issues = new IssueList();
  const manifest = parseManifest(syntheticImageManifestCsv(c.cohort, [0, 1]), issues, { file: 'm.csv' });
  const plan = cohortPlan(manifest.entries, issues, { file: 'm.csv' });
  const images = new Map([0, 1].map((i) => [c.cohort.patients[i].id, c.images(i)]));
  const loads: string[] = [];
  const loadCase = async (e: ManifestEntry) => {
    loads.push(`${e.patientId}/${e.sequence}`);
    const im = images.get(e.patientId)!;
    return { image: im.images[e.sequence as SyntheticSequence], mask: im.mask, imageName: e.image, maskName: e.mask, label: e.segment, warnings: [`read ${e.image}`] };
  };
  const options = { sequences: plan.sequences, prefixed: true, settings, backend: 'cpu' as const, getGpu: () => Promise.reject(new Error('no GPU in this test')), loadCase };
  const caseKey = (e: ManifestEntry) => `${e.patientId}/${e.sequence}`;

  it('a run after a cancel extracts only the cases not kept and gives the table and warnings of an uncached run', async () => {
    loads.length = 0;
    const full = await extractCohort(plan.patients, options);
    expect(loads.length).toBe(6);

    const kept = new Map<string, CohortCaseResult>();
    const keep = (e: ManifestEntry, _s: ExtractionSettings, r: CohortCaseResult) => void kept.set(caseKey(e), structuredClone(r));
    const cached = async (e: ManifestEntry) => kept.get(caseKey(e));
    const ac = new AbortController();
    const first = extractCohort(plan.patients, { ...options, cached, onCase: keep, signal: ac.signal, onProgress: (p) => p.done === 2 && ac.abort() });
    await expect(first).rejects.toThrow(CohortCancelledError);
    expect([...kept.keys()]).toEqual(['TPI001/AP', 'TPI001/PVP']);
    expect(kept.get('TPI001/AP')!.warnings).toEqual(['read images/TPI001/AP.nii.gz']);

    loads.length = 0;
    const seen: CohortProgress[] = [];
    const resumed = await extractCohort(plan.patients, { ...options, cached, onCase: keep, onProgress: (p) => seen.push(p) });
    expect(loads).toEqual(['TPI001/T2', 'TPI002/AP', 'TPI002/PVP', 'TPI002/T2']);
    expect(seen.map((p) => [p.done, p.fromCache])).toEqual([
      [1, 1],
      [2, 2],
      [3, 2],
      [4, 2],
      [5, 2],
      [6, 2],
    ]);
    expect(seen[0].etaMs).toBeNull();
    expect(seen[5].etaMs).toBe(0);
    expect(featureTableCsv(resumed.table)).toBe(featureTableCsv(full.table));
    expect(resumed.warnings).toEqual(full.warnings);
    expect(resumed.backend).toEqual(full.backend);
    expect(kept.size).toBe(6);
  });

  it('the progress line says how many cases came from the cache, and gives no ETA before a case is extracted', () => {
    expect(cohortProgressText({ done: 2, total: 6, elapsedMs: 300, etaMs: null, patientId: 'P1', sequence: 'PVP', fromCache: 2 })).toBe(
      "2 / 6 cases, 2 from this device's cache (last: patient P1, PVP), 0 s elapsed",
    );
    expect(cohortProgressText({ done: 3, total: 6, elapsedMs: 4000, etaMs: 12000, patientId: 'P1', sequence: 'T2', fromCache: 0 })).toBe(
      '3 / 6 cases (last: patient P1, T2), 4 s elapsed, about 12 s left',
    );
  });

  it('without the hooks, progress carries no cache count (the CLI is unchanged)', async () => {
    const seen: CohortProgress[] = [];
    const one = { ...plan.patients[0], entries: plan.patients[0].entries.slice(0, 1) };
    await extractCohort([one], { ...options, sequences: ['AP'], onProgress: (p) => seen.push(p) });
    expect(seen).toHaveLength(1);
    expect('fromCache' in seen[0]).toBe(false);
  });
});
