import { expect } from 'chai';
import * as Comlink from 'comlink';
import '../../src/ui/research/wr-cohort-extract.js';
import '../../src/ui/wr-privacy-panel.js';
import type { CohortExtractor, WrCohortExtract } from '../../src/ui/research/wr-cohort-extract.js';
import type { PipelineApi } from '../../src/pipeline/pipeline-api.js';
import type { CohortProgress } from '../../src/pipeline/cohort-browser.js';
import { COHORT_CACHE_DB, CohortCache } from '../../src/pipeline/cohort-cache.js';
import { syntheticImageCohort, syntheticImageManifestCsv, syntheticImagePaths } from '../../src/core/model/synthetic-image-cohort.js';
import { SYNTHETIC_SEQUENCES } from '../../src/core/model/synthetic-images.js';
import { demoExtractionSettings } from '../../src/core/model/demo-image-model.js';
import { settingsToJson } from '../../src/core/settings-json.js';
import { encodeNifti } from '../../src/core/nifti-write.js';

/**
 * Resumable cohort extraction with the on-device cache (issue 7), end to end in Chromium: the research page's
 * "Extract features from images" step drives the real pipeline worker (src/pipeline/pipeline.worker.ts behind
 * Comlink, as PipelineClient does), which keeps finished cases in this browser's real IndexedDB only when the consent
 * box is ticked; the privacy panel lists the cache and erases it. A SYNTHETIC cohort of 2 patients x AP / PVP / T2
 * written as NIfTI here; first order + GLCM only, to keep SwiftShader's time short.
 */
const synthetic = syntheticImageCohort();
const INDICES = [0, 1];
const TOTAL = INDICES.length * SYNTHETIC_SEQUENCES.length;
const MANIFEST = syntheticImageManifestCsv(synthetic.cohort, INDICES);
const settings = demoExtractionSettings();
settings.featureClasses = { firstorder: null, glcm: null };
const SETTINGS_JSON = `${settingsToJson(settings)}\n`;
const OTHER_SETTINGS_JSON = `${settingsToJson({ ...settings, discretisation: { kind: 'fixed-bin-width', width: 10, convention: 'pyradiomics' } })}\n`;
const FILES = INDICES.flatMap((i) => {
  const p = synthetic.images(i);
  const paths = syntheticImagePaths(p.id);
  return [
    ...SYNTHETIC_SEQUENCES.map((q) => ({ path: `cohort/${paths.images[q]}`, bytes: encodeNifti(p.images[q]) })),
    { path: `cohort/${paths.mask}`, bytes: encodeNifti(p.mask) },
  ];
});
/** the first case's image with one voxel changed: a different file of the same name and size */
const FIRST_IMAGE = FILES[0].path;
const CHANGED_FILES = (() => {
  const p = synthetic.images(INDICES[0]);
  const image = p.images[SYNTHETIC_SEQUENCES[0]];
  const data = image.data.slice();
  data[0] += 1;
  return FILES.map((f) => (f.path === FIRST_IMAGE ? { path: f.path, bytes: encodeNifti({ ...image, data }) } : f));
})();

/** A pipeline worker, started and wrapped as PipelineClient does (a new one stands for a reloaded page). */
function startWorker() {
  const worker = new Worker(new URL('../../src/pipeline/pipeline.worker.ts', import.meta.url), { type: 'module', name: 'pipeline' });
  const api = Comlink.wrap<PipelineApi>(worker);
  const ready = api.init(
    new URL('/node_modules/@itk-wasm/image-io/dist/pipelines', location.origin).href,
    new URL('/node_modules/@itk-wasm/dicom/dist/pipelines', location.origin).href,
  );
  return { worker, api, ready };
}
let pipeline = startWorker();

/** The worker behind Comlink, as PipelineClient wraps it; every progress report is recorded and passed to `hook`. */
function workerExtractor(progress: CohortProgress[], hook?: (p: CohortProgress) => void): CohortExtractor {
  const { api, ready } = pipeline;
  return {
    async extractCohort(request, onProgress) {
      await ready;
      return api.extractCohort(
        request,
        Comlink.proxy((p: CohortProgress) => {
          progress.push(p);
          onProgress?.(p);
          hook?.(p);
        }),
      );
    },
    cancelCohort: () => api.cancelCohort(),
  };
}

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector);

async function until(what: () => unknown, ms = 240_000): Promise<void> {
  const end = performance.now() + ms;
  while (!what()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

function pick(input: HTMLInputElement, files: { path: string; bytes: Uint8Array | string }[]) {
  const transfer = new DataTransfer();
  for (const f of files) transfer.items.add(new File([f.bytes as BlobPart], f.path));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const databases = async () => (await indexedDB.databases()).map((d) => d.name);

async function keptCases(): Promise<number> {
  const cache = await CohortCache.openExisting();
  try {
    return cache ? await cache.count() : 0;
  } finally {
    cache?.close();
  }
}

function deleteCache(): Promise<void> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.deleteDatabase(COHORT_CACHE_DB);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
  });
}

/**
 * Mounts the step, picks the files, sets the consent box, runs; `cancelAt`: cancel at that progress report.
 * Resolves with the progress reports, the status or error text, the downloaded CSV (if any) and the progress texts
 * shown on the page.
 */
async function run(o: { keep: boolean; files?: typeof FILES; settings?: string; cancelAt?: number }) {
  const progress: CohortProgress[] = [];
  const shown: string[] = [];
  const box: { step?: WrCohortExtract } = {};
  const step = document.createElement('wr-cohort-extract');
  step.extractor = workerExtractor(progress, (p) => {
    void box.step!.updateComplete.then(() => shown.push($(box.step!, '#extract-progress')?.textContent ?? ''));
    if (p.done === o.cancelAt) $<HTMLButtonElement>(box.step!, '#cancel-extract')!.click();
  });
  box.step = step;
  document.body.append(step);
  await step.updateComplete;
  try {
    const consent = $<HTMLInputElement>(step, '#keep-on-device')!;
    expect(consent.type).to.equal('checkbox');
    expect(consent.checked).to.equal(false);
    expect(consent.parentElement!.textContent).to.contain('Keep extracted features on this device so an interrupted run can resume');
    if (o.keep) consent.click();
    expect(step.keep).to.equal(o.keep);
    pick($<HTMLInputElement>(step, '#manifest')!, [{ path: 'synthetic-manifest.csv', bytes: MANIFEST }]);
    pick($<HTMLInputElement>(step, '#folder')!, o.files ?? FILES);
    pick($<HTMLInputElement>(step, '#settings')!, [{ path: 'synthetic-settings.json', bytes: o.settings ?? SETTINGS_JSON }]);
    $<HTMLButtonElement>(step, '#extract')!.click();
    await until(() => $(step, '#extract-status') || $(step, '#extract-error'));
    expect($(step, '#extract-error')?.textContent ?? '').to.equal('');
    // progress comes through its own Comlink port: let the last reports arrive
    if (o.cancelAt === undefined) await until(() => progress.length === TOTAL, 5000);
    else await new Promise((r) => setTimeout(r, 500));
    const link = $<HTMLAnchorElement>(step, '#download');
    const csv = link ? await (await fetch(link.href)).text() : undefined;
    return { progress, shown, status: $(step, '#extract-status')!.textContent!, csv };
  } finally {
    step.remove();
  }
}

describe('resumable cohort extraction: the on-device cache with consent', function () {
  this.timeout(600_000);
  let reference = '';

  before(async () => {
    await deleteCache();
    expect(await databases()).to.not.include(COHORT_CACHE_DB);
  });
  after(async () => {
    pipeline.worker.terminate();
    await deleteCache();
  });

  it('without consent nothing is written: no database is created', async () => {
    const r = await run({ keep: false });
    expect(r.progress.map((p) => p.done)).to.deep.equal(Array.from({ length: TOTAL }, (_, k) => k + 1));
    expect(r.progress.every((p) => p.fromCache === undefined)).to.equal(true);
    expect(r.status).to.not.contain('cache');
    reference = r.csv!;
    expect(reference.split('\n')[0]).to.match(/^patient_id,AP_original_firstorder_/);
    expect(reference.split('\n').filter(Boolean).length).to.equal(1 + INDICES.length);
    expect(await databases()).to.not.include(COHORT_CACHE_DB);
    // looking (as the privacy panel does) creates nothing either
    expect(await CohortCache.openExisting()).to.equal(undefined);
    expect(await databases()).to.not.include(COHORT_CACHE_DB);
  });

  it('with consent: cancelled, then run again, the kept cases are not extracted again and the CSV is the same', async () => {
    const cancelled = await run({ keep: true, cancelAt: 1 });
    expect(cancelled.csv).to.equal(undefined);
    expect(cancelled.status).to.match(/^Cancelled \(cancelled after \d of 6 cases\)\. The finished cases are kept on this device; run again to resume\.$/);
    const kept = await keptCases();
    // the cancel reaches the worker while it may already be in the next case: every finished case is kept
    expect(kept).to.equal(cancelled.progress.at(-1)!.done);
    expect(kept).to.be.within(1, TOTAL - 1);
    expect(cancelled.progress.every((p) => p.fromCache === 0)).to.equal(true);

    const resumed = await run({ keep: true });
    // the first `kept` cases come from the cache, the others are extracted (and kept)
    expect(resumed.progress.map((p) => p.fromCache)).to.deep.equal(Array.from({ length: TOTAL }, (_, k) => Math.min(k + 1, kept)));
    const last = resumed.progress.at(-1)!;
    expect(last.done - last.fromCache!).to.equal(TOTAL - kept);
    expect(resumed.shown.some((t) => t.includes(`${kept} from this device's cache`))).to.equal(true);
    expect(resumed.status).to.contain(`${kept} of the cases came from this device's cache`);
    expect(resumed.csv).to.equal(reference);
    expect(await keptCases()).to.equal(TOTAL);

    // after a reload (a new worker), every case comes from the cache, the same bytes
    pipeline.worker.terminate();
    pipeline = startWorker();
    const again = await run({ keep: true });
    expect(again.progress.map((p) => p.fromCache)).to.deep.equal(Array.from({ length: TOTAL }, (_, k) => k + 1));
    expect(again.csv).to.equal(reference);

    const cache = (await CohortCache.openExisting())!;
    try {
      const runs = await cache.listRuns();
      expect(runs.map((x) => [x.manifest, x.total, x.fromCache, x.extracted, x.finished])).to.deep.equal([
        ['synthetic-manifest.csv', TOTAL, TOTAL, 0, true],
        ['synthetic-manifest.csv', TOTAL, kept, TOTAL - kept, true],
        ['synthetic-manifest.csv', TOTAL, 0, kept, false],
      ]);
    } finally {
      cache.close();
    }
  });

  it('other settings, or a changed file, miss the cache', async () => {
    const otherSettings = await run({ keep: true, settings: OTHER_SETTINGS_JSON, cancelAt: 1 });
    expect(otherSettings.progress[0].fromCache).to.equal(0);
    const changedFile = await run({ keep: true, files: CHANGED_FILES, cancelAt: 1 });
    expect(changedFile.progress[0]).to.include({ patientId: synthetic.cohort.patients[INDICES[0]].id, sequence: SYNTHETIC_SEQUENCES[0], fromCache: 0 });
    // the second case (same files, same settings as before) is still found
    if (changedFile.progress.length > 1) expect(changedFile.progress[1].fromCache).to.equal(1);
    expect(await keptCases()).to.equal(TOTAL + otherSettings.progress.length + 1);
  });

  it('the privacy panel lists the cache as user data, and erasing empties it', async () => {
    const cases = await keptCases();
    const panel = document.createElement('wr-privacy-panel');
    document.body.append(panel);
    try {
      await panel.updateComplete;
      $(panel, '#privacy-details')!.click();
      await until(() => $(panel, '#local-data'));
      const item = $(panel, `#local-data li[data-name="${COHORT_CACHE_DB}"]`)!;
      expect(item.getAttribute('data-kind')).to.equal('indexeddb');
      expect(item.getAttribute('data-app-files')).to.equal('false');
      expect(item.textContent).to.match(new RegExp(`features of ${cases} cohort cases \\(about [\\d.]+ KB\\)`));
      expect(item.textContent).to.contain('last run: synthetic-manifest.csv');
      $(panel, '#erase-local-data')!.click();
      await until(() => $(panel, '#erase-result'));
      expect($(panel, '#erase-result')!.textContent).to.match(/^Erased: nothing of this app is stored/);
      await until(() => !$(panel, `#local-data li[data-name="${COHORT_CACHE_DB}"]`) && ($(panel, '#local-data-empty') || $(panel, '#local-data')));
      expect(await databases()).to.not.include(COHORT_CACHE_DB);
      expect(await keptCases()).to.equal(0);
    } finally {
      panel.remove();
    }
  });

  it('clear() removes every kept case and run, keeping the database', async () => {
    const cache = await CohortCache.open();
    try {
      const row = { features: [{ name: 'original_firstorder_Mean', value: NaN }], warnings: ['w'], backend: { kind: 'cpu' as const, description: 'CPU' } };
      await cache.put('k1', row, 'm.csv');
      await cache.startRun('m.csv', 1);
      expect(await cache.get('k1')).to.deep.equal(row);
      expect(await cache.get('k2')).to.equal(undefined);
      expect((await cache.summary()).cases).to.equal(1);
      await cache.clear();
      expect(await cache.count()).to.equal(0);
      expect(await cache.listRuns()).to.deep.equal([]);
    } finally {
      cache.close();
    }
    expect(await databases()).to.include(COHORT_CACHE_DB);
  });
});
