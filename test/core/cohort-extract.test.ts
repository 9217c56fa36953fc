/**
 * Cohort extraction pieces: the manifest plan (patients x sequences, reader), shards, the feature table and merge,
 * and the runner (pipeline/cohort-extract.ts) on synthetic volumes held in memory: progress, cancellation, errors.
 */
import { describe, expect, it } from 'vitest';
import { cohortPlan, parseManifest, parseShard, shardPatients } from '../../src/core/model/cohort-manifest.js';
import { featureTableCsv, mergeFeatureTables } from '../../src/core/model/cohort-features.js';
import { IssueList } from '../../src/core/model/cohort-table.js';
import { parseFeatureTable } from '../../src/core/model/feature-table.js';
import { demoExtractionSettings, syntheticPatientFeatures } from '../../src/core/model/demo-image-model.js';
import { syntheticImageCohort, syntheticImageManifestCsv } from '../../src/core/model/synthetic-image-cohort.js';
import type { SyntheticSequence } from '../../src/core/model/synthetic-images.js';
import { CohortCancelledError, extractCohort, type CohortProgress } from '../../src/pipeline/cohort-extract.js';
import type { ManifestEntry } from '../../src/core/model/cohort-manifest.js';

const c = syntheticImageCohort();

function plan(text: string) {
  const issues = new IssueList();
  const m = parseManifest(text, issues, { file: 'm.csv' });
  const p = cohortPlan(m.entries, issues, { file: 'm.csv' });
  return { m, p, issues: issues.items.map((i) => i.message) };
}

describe('manifest plan and shards', () => {
  it('groups rows by patient in sequence order and checks every patient has every sequence', () => {
    const { m, p, issues } = plan(syntheticImageManifestCsv(c.cohort, [0, 1, 2]));
    expect(issues).toEqual([]);
    expect(m.sequenceColumn).toBe(true);
    expect(p.sequences).toEqual(['AP', 'PVP', 'T2']);
    expect(p.patients.map((x) => x.id)).toEqual(['TPI001', 'TPI002', 'TPI003']);
    expect(p.patients[1].entries.map((e) => [e.sequence, e.segment, e.row])).toEqual([
      ['AP', 1, 5],
      ['PVP', 1, 6],
      ['T2', 1, 7],
    ]);
    const bad = plan('patient_id,sequence,image,mask,reader\nP1,AP,a,m,1\nP1,T2,b,m,1\nP2,T2,c,m,1\nP2,T2,d,m,2\n');
    expect(bad.issues).toEqual(['m.csv, row 4, column "sequence": patient P2 has no row for sequence "AP"']);
    expect(bad.p.patients.map((x) => x.id)).toEqual(['P1']);
    const reader2 = cohortPlan(bad.m.entries, new IssueList(), { reader: '2' });
    expect(reader2.patients.map((x) => [x.id, x.entries[0].image])).toEqual([['P2', 'd']]);
    const single = plan('patient_id,image,mask\nP1,a,m\nP2,b,m\n');
    expect(single.m.sequenceColumn).toBe(false);
    expect(single.p.sequences).toEqual(['image']);
  });

  it('parses k/n and splits patients into contiguous blocks covering each patient once', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/2/3', '-1/2', '1.5/2']) expect(() => parseShard(bad), bad).toThrow(`bad shard "${bad}"`);
    const ids = Array.from({ length: 239 }, (_, i) => i);
    for (const n of [1, 2, 3, 7, 239, 300]) {
      const parts = Array.from({ length: n }, (_, k) => shardPatients(ids, { index: k + 1, count: n }));
      expect(parts.flat()).toEqual(ids);
      const sizes = parts.map((x) => x.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
});

describe('feature table and merge', () => {
  const table = { ids: ['P1', 'P2', 'P3'], names: ['AP_f', 'T2_g'], values: [[0.1, 1e-20], [NaN, 2], [1 / 3, -4]] };

  it('writes shortest round-trip numbers that read back exactly', () => {
    const text = featureTableCsv(table);
    expect(text.split('\n')[0]).toBe('patient_id,AP_f,T2_g');
    expect(text.split('\n')[2]).toBe('P2,NaN,2');
    const back = parseFeatureTable(featureTableCsv({ ...table, ids: ['P1', 'P3'], values: [table.values[0], table.values[2]] }));
    expect(back.values).toEqual([table.values[0], table.values[2]]);
  });

  it('merges shards row for row, and names the file of mismatched columns or duplicated ids', () => {
    const all = featureTableCsv(table);
    const [head, r1, r2, r3] = all.trimEnd().split('\n');
    const issues = new IssueList();
    expect(mergeFeatureTables([{ name: 's1.csv', text: `${head}\n${r1}\n` }, { name: 's2.csv', text: `${head}\n${r2}\n${r3}\n` }], issues)).toBe(all);
    expect(issues.items).toEqual([]);
    const bad = new IssueList();
    expect(mergeFeatureTables([{ name: 's1.csv', text: `${head}\n${r1}\n` }, { name: 's2.csv', text: `patient_id,AP_f\nP2,1\n` }, { name: 's3.csv', text: `${head}\n${r1}\n` }], bad)).toBeNull();
    expect(bad.items.map((i) => i.message)).toEqual([
      's2.csv, row 1: not the same columns as s1.csv: has 2 columns, s1.csv has 3',
      's3.csv, row 2, column "patient_id": duplicated patient id P1: already in s1.csv, row 2',
    ]);
  });
});

describe('cohort runner (pipeline/cohort-extract.ts)', () => {
  const n = 2;
  const settings = demoExtractionSettings();
  settings.featureClasses = { firstorder: null, glcm: null };
  const { p } = plan(syntheticImageManifestCsv(c.cohort, [0, 1]));
  const images = new Map(Array.from({ length: n }, (_, i) => [c.cohort.patients[i].id, c.images(i)]));
  const loadCase = async (e: ManifestEntry) => {
    const im = images.get(e.patientId)!;
    return { image: im.images[e.sequence as SyntheticSequence], mask: im.mask, imageName: e.image, maskName: e.mask, label: e.segment };
  };
  const options = { sequences: p.sequences, prefixed: true, settings, backend: 'cpu' as const, getGpu: () => Promise.reject(new Error('no GPU in this test')), loadCase };

  it('gives one row per patient with <sequence>_<name> columns, the core extraction values, and progress with an ETA', async () => {
    const seen: CohortProgress[] = [];
    let t = 0;
    const r = await extractCohort(p.patients, { ...options, onProgress: (x) => seen.push(x), now: () => (t += 10) });
    expect(r.table.ids).toEqual(['TPI001', 'TPI002']);
    const direct = syntheticPatientFeatures(images.get('TPI002')!, settings);
    expect(r.table.names).toEqual(direct.names);
    expect(r.table.values[1]).toEqual(direct.values);
    expect(r.table.names[0]).toMatch(/^AP_original_firstorder_/);
    expect(r.backend?.kind).toBe('cpu');
    expect(seen.map((s) => [s.done, s.total, s.patientId, s.sequence])).toEqual([
      [1, 6, 'TPI001', 'AP'],
      [2, 6, 'TPI001', 'PVP'],
      [3, 6, 'TPI001', 'T2'],
      [4, 6, 'TPI002', 'AP'],
      [5, 6, 'TPI002', 'PVP'],
      [6, 6, 'TPI002', 'T2'],
    ]);
    // clock ticks 10 per call: elapsed 10 after case 1 -> ETA 10 x 5 remaining
    expect(seen[0]).toMatchObject({ elapsedMs: 10, etaMs: 50 });
    expect(seen[5].etaMs).toBe(0);
  });

  it('stops when the signal aborts, before the next case', async () => {
    const ac = new AbortController();
    let done = 0;
    const run = extractCohort(p.patients, { ...options, signal: ac.signal, onProgress: (x) => (done = x.done) === 2 && ac.abort() });
    await expect(run).rejects.toThrow(CohortCancelledError);
    await expect(run).rejects.toThrow('cancelled after 2 of 6 cases');
    expect(done).toBe(2);
  });

  it('names patient, sequence and manifest row of a failing case', async () => {
    const empty = { ...images.get('TPI002')!.mask, data: new Uint8Array(64 * 64 * 24) };
    const failing = async (e: ManifestEntry) => (e.patientId === 'TPI002' && e.sequence === 'PVP' ? { ...(await loadCase(e)), mask: empty } : loadCase(e));
    await expect(extractCohort(p.patients, { ...options, loadCase: failing })).rejects.toThrow(/^patient TPI002, sequence "PVP" \(manifest row 6\): masks\/TPI002\.nii\.gz on images\/TPI002\/PVP\.nii\.gz: /);
    const unreadable = async (e: ManifestEntry) => {
      if (e.patientId === 'TPI001' && e.sequence === 'T2') throw new Error('images/TPI001/T2.nii.gz: no such file');
      return loadCase(e);
    };
    await expect(extractCohort(p.patients, { ...options, loadCase: unreadable })).rejects.toThrow('patient TPI001, sequence "T2" (manifest row 4): images/TPI001/T2.nii.gz: no such file');
  });
});
