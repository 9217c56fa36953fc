import { expect } from 'chai';
import '../../src/ui/research/wr-research-page.js';
import type { WrResearchPage } from '../../src/ui/research/wr-research-page.js';
import type { CohortSourceDetail } from '../../src/ui/research/wr-cohort-input.js';
import type { CohortExtractor } from '../../src/ui/research/wr-cohort-extract.js';
import { syntheticImageCohort, syntheticImageManifestCsv, syntheticImagePaths } from '../../src/core/model/synthetic-image-cohort.js';
import { SYNTHETIC_SEQUENCES } from '../../src/core/model/synthetic-images.js';
import { demoExtractionSettings } from '../../src/core/model/demo-image-model.js';
import { settingsToJson } from '../../src/core/settings-json.js';
import { encodeNifti } from '../../src/core/nifti-write.js';
import { cohortPlan, parseManifest } from '../../src/core/model/cohort-manifest.js';
import { IssueList } from '../../src/core/model/cohort-table.js';
import { featureTableCsv } from '../../src/core/model/cohort-features.js';
import { extractCohort } from '../../src/pipeline/cohort-extract.js';
import { extractCohortFiles, type CohortProgress, type CohortRequest } from '../../src/pipeline/cohort-browser.js';
import { readImageBytes, useLocalPipelines } from '../../src/io/read-image-browser.js';
import { acquireGpu } from '../../src/gpu/device.js';

/**
 * The research page's "Extract features from images" step on a small SYNTHETIC image cohort written in the browser
 * (3 patients x AP, PVP, T2 as NIfTI, a manifest, the demo settings file). The extractor runs the worker's own code
 * (cohort-browser.ts extractCohortFiles with the itk-wasm browser reader, an AbortController for cancelCohort) in
 * this thread instead of behind comlink; results are structured-cloned as the worker's would be.
 */
useLocalPipelines(new URL('/node_modules/@itk-wasm/image-io/dist/pipelines', location.origin).href);

const N = 3;
const synthetic = syntheticImageCohort();
const INDICES = [0, 1, 2];
const MANIFEST = syntheticImageManifestCsv(synthetic.cohort, INDICES);
const SETTINGS_JSON = `${settingsToJson(demoExtractionSettings())}\n`;
/** the picked folder "cohort": paths as webkitdirectory gives them (folder name first) */
const FILES = INDICES.flatMap((i) => {
  const p = synthetic.images(i);
  const paths = syntheticImagePaths(p.id);
  return [
    ...SYNTHETIC_SEQUENCES.map((q) => ({ path: `cohort/${paths.images[q]}`, bytes: encodeNifti(p.images[q]) })),
    { path: `cohort/${paths.mask}`, bytes: encodeNifti(p.mask) },
  ];
});
const getGpu = () => acquireGpu(navigator.gpu);

function inThreadExtractor(requests: CohortRequest[], progress: CohortProgress[], hook?: (p: CohortProgress) => void): CohortExtractor {
  let abort: AbortController | undefined;
  return {
    async extractCohort(request, onProgress) {
      requests.push(structuredClone(request));
      abort = new AbortController();
      const result = await extractCohortFiles(structuredClone(request), {
        decode: (f) => readImageBytes(f.name, f.bytes),
        getGpu,
        signal: abort.signal,
        onProgress: (p) => {
          progress.push(structuredClone(p));
          onProgress?.(p);
          hook?.(p);
        },
      });
      return structuredClone(result);
    },
    cancelCohort: () => abort?.abort(),
  };
}

/** The shared runner called directly on the same manifest, files and settings (the CLI's path, browser reader). */
async function directCsv(request: CohortRequest): Promise<string> {
  const issues = new IssueList();
  const manifest = parseManifest(request.manifest!.text, issues);
  const plan = cohortPlan(manifest.entries, issues);
  expect(issues.items).to.deep.equal([]);
  const byPath = new Map(FILES.map((f) => [f.path.slice('cohort/'.length), f.bytes]));
  const result = await extractCohort(plan.patients, {
    sequences: plan.sequences,
    prefixed: manifest.sequenceColumn,
    settings: request.settings,
    backend: request.backend,
    getGpu,
    loadCase: async (e) => ({
      image: await readImageBytes(e.image, byPath.get(e.image)!.slice()),
      mask: await readImageBytes(e.mask, byPath.get(e.mask)!.slice()),
      imageName: e.image,
      maskName: e.mask,
      ...(e.segment !== undefined ? { label: e.segment } : {}),
    }),
  });
  return featureTableCsv(result.table);
}

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector);

async function until(what: () => unknown, ms = 120_000): Promise<void> {
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

async function mount(extractor: CohortExtractor) {
  const page = document.createElement('wr-research-page') as WrResearchPage;
  page.extractor = extractor;
  document.body.append(page);
  await page.updateComplete;
  const input = $(page, 'wr-cohort-input')!;
  await (input as unknown as { updateComplete: Promise<boolean> }).updateComplete;
  const step = $(input, 'wr-cohort-extract')!;
  await (step as unknown as { updateComplete: Promise<boolean> }).updateComplete;
  return { page, input, step };
}

describe('research page: extract the feature table from images', function () {
  this.timeout(300_000);

  it('runs the cohort through the worker code, with progress to the total, and uses the table as the feature table', async () => {
    const requests: CohortRequest[] = [];
    const progress: CohortProgress[] = [];
    const { page, input, step } = await mount(inThreadExtractor(requests, progress));
    const sources: CohortSourceDetail[] = [];
    page.addEventListener('cohort-source', (e) => sources.push((e as CustomEvent<CohortSourceDetail>).detail));
    try {
      pick($<HTMLInputElement>(step, '#manifest')!, [{ path: 'synthetic-manifest.csv', bytes: MANIFEST }]);
      pick($<HTMLInputElement>(step, '#folder')!, FILES);
      pick($<HTMLInputElement>(step, '#settings')!, [{ path: 'synthetic-settings.json', bytes: SETTINGS_JSON }]);
      $<HTMLButtonElement>(step, '#extract')!.click();
      await until(() => $(step, '#extract-status') || $(step, '#extract-error'));
      expect($(step, '#extract-error')).to.equal(null);

      expect(requests.length).to.equal(1);
      expect(requests[0].files.map((f) => f.path).sort()).to.deep.equal(FILES.map((f) => f.path).sort());
      expect(requests[0].settings).to.deep.equal(demoExtractionSettings());
      const total = N * SYNTHETIC_SEQUENCES.length;
      expect(progress.map((p) => p.done)).to.deep.equal(Array.from({ length: total }, (_, k) => k + 1));
      expect(progress.every((p) => p.total === total)).to.equal(true);
      expect(progress.at(-1)!.etaMs).to.equal(0);

      const expected = await directCsv(requests[0]);
      const header = expected.split('\n')[0].split(',');
      expect(header.length).to.be.greaterThan(50);
      expect(header.some((h) => h.startsWith('AP_original_firstorder_'))).to.equal(true);
      expect(header.some((h) => h.startsWith('T2_original_glcm_'))).to.equal(true);

      // the download holds the table, the same text as the runner gives directly
      const link = $<HTMLAnchorElement>(step, '#download')!;
      expect(link.download).to.equal('synthetic-manifest-features.csv');
      const downloaded = await (await fetch(link.href)).text();
      expect(downloaded).to.equal(expected);
      expect(downloaded.split('\n').filter(Boolean).length).to.equal(1 + N);
      expect(downloaded).to.contain(synthetic.cohort.patients[0].id);

      // with the clinical table chosen, the extracted table is the cohort's feature table
      expect(sources).to.deep.equal([]);
      pick($<HTMLInputElement>(input, '#clinical')!, [{ path: 'clinical.csv', bytes: 'patient_id,response\nX,PR\n' }]);
      await until(() => sources.length > 0);
      const src = sources[0].source;
      expect(src.kind).to.equal('tables');
      if (src.kind !== 'tables') return;
      expect(src.features.name).to.equal('synthetic-manifest-features.csv');
      expect(src.features.text).to.equal(expected);
      expect(src.clinical.name).to.equal('clinical.csv');
    } finally {
      page.remove();
    }
  });

  it('cancel after the first case stops the run with the cancelled message, keeping the chosen files', async () => {
    const requests: CohortRequest[] = [];
    const progress: CohortProgress[] = [];
    const ui: { step?: Element } = {};
    const extractor = inThreadExtractor(requests, progress, (p) => {
      if (p.done === 1) $<HTMLButtonElement>(ui.step!, '#cancel-extract')!.click();
    });
    const mounted = await mount(extractor);
    const step = (ui.step = mounted.step);
    try {
      pick($<HTMLInputElement>(step, '#manifest')!, [{ path: 'synthetic-manifest.csv', bytes: MANIFEST }]);
      pick($<HTMLInputElement>(step, '#folder')!, FILES);
      pick($<HTMLInputElement>(step, '#settings')!, [{ path: 'synthetic-settings.json', bytes: SETTINGS_JSON }]);
      $<HTMLButtonElement>(step, '#extract')!.click();
      await until(() => $(step, '#extract-status') || $(step, '#extract-error'));
      expect($(step, '#extract-error')).to.equal(null);
      expect(progress.map((p) => p.done)).to.deep.equal([1]);
      expect($(step, '#extract-status')!.textContent).to.contain(`cancelled after 1 of ${N * SYNTHETIC_SEQUENCES.length} cases`);
      expect($(step, '#download')).to.equal(null);
      expect($<HTMLInputElement>(step, '#folder')!.files!.length).to.equal(FILES.length);
      expect($<HTMLInputElement>(step, '#manifest')!.files![0].name).to.equal('synthetic-manifest.csv');
    } finally {
      mounted.page.remove();
    }
  });

  it('without a manifest, a folder with one subfolder per patient gives the same table', async () => {
    const requests: CohortRequest[] = [];
    const { page, step } = await mount(inThreadExtractor(requests, []));
    // the same volumes as <id>/<sequence>.nii.gz + <id>/mask.nii.gz
    const byPatient = INDICES.flatMap((i) => {
      const p = synthetic.images(i);
      return [...SYNTHETIC_SEQUENCES.map((q) => ({ path: `by-patient/${p.id}/${q}.nii.gz`, bytes: encodeNifti(p.images[q]) })), { path: `by-patient/${p.id}/mask.nii.gz`, bytes: encodeNifti(p.mask) }];
    });
    try {
      pick($<HTMLInputElement>(step, '#folder')!, byPatient);
      pick($<HTMLInputElement>(step, '#settings')!, [{ path: 'synthetic-settings.json', bytes: SETTINGS_JSON }]);
      $<HTMLButtonElement>(step, '#extract')!.click();
      await until(() => $(step, '#extract-status') || $(step, '#extract-error'));
      expect($(step, '#extract-error')).to.equal(null);
      expect(requests[0].manifest).to.equal(undefined);
      const link = $<HTMLAnchorElement>(step, '#download')!;
      expect(link.download).to.equal('by-patient-features.csv');
      const downloaded = await (await fetch(link.href)).text();
      const settings = demoExtractionSettings();
      expect(downloaded).to.equal(await directCsv({ manifest: { name: 'synthetic-manifest.csv', text: MANIFEST }, files: FILES, settings, backend: 'auto' }));
      // a patient without a mask is named before anything is extracted
      requests.length = 0;
      pick($<HTMLInputElement>(step, '#folder')!, byPatient.filter((f) => !f.path.endsWith(`${synthetic.cohort.patients[1].id}/mask.nii.gz`)));
      $<HTMLButtonElement>(step, '#extract')!.click();
      await until(() => $(step, '#extract-error'));
      expect($(step, '#extract-error')!.textContent).to.contain(
        `by-patient: ${synthetic.cohort.patients[1].id}: no mask for ${synthetic.cohort.patients[1].id}/AP.nii.gz (expected AP_mask.nii.gz or mask.nii.gz beside it)`,
      );
    } finally {
      page.remove();
    }
  });

  it('a manifest row naming a file that is not in the folder is shown at this step, naming row and column', async () => {
    const requests: CohortRequest[] = [];
    const { page, step } = await mount(inThreadExtractor(requests, []));
    try {
      pick($<HTMLInputElement>(step, '#manifest')!, [{ path: 'synthetic-manifest.csv', bytes: MANIFEST }]);
      const missing = FILES.find((f) => f.path.endsWith('/T2.nii.gz'))!;
      pick($<HTMLInputElement>(step, '#folder')!, FILES.filter((f) => f !== missing));
      $<HTMLButtonElement>(step, '#extract')!.click();
      await until(() => $(step, '#extract-error'));
      const message = $(step, '#extract-error')!.textContent!;
      expect(message).to.contain(missing.path.slice('cohort/'.length));
      expect(message).to.contain('nothing was extracted');
      expect(message).to.match(/row 4\b/);
      expect($<HTMLButtonElement>(step, '#extract')!.disabled).to.equal(false);
    } finally {
      page.remove();
    }
  });
});
