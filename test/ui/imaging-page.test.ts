import { expect } from 'chai';
import '../../src/ui/imaging/wr-imaging-page.js';
import type { WrImagingPage } from '../../src/ui/imaging/wr-imaging-page.js';
import type { PipelineClient } from '../../src/pipeline/client.js';
import { useLocalDicomPipelines, browserRunner } from '../../src/io/dicom/runner-browser.js';
import { readImageBytes, useLocalPipelines } from '../../src/io/read-image-browser.js';
import { StudySession } from '../../src/pipeline/study-session.js';
import { acquireGpu } from '../../src/gpu/device.js';
import { buildRtstruct, buildSeries, IDENTITY, rectangleContour, shuffled, truncate, type SeriesSpec } from '../helpers/dicom-synth.js';

/**
 * The Images and ROI page on a study built in code. The client runs the worker's own code (StudySession with the
 * itk-wasm browser runner, the full engine for features) in this thread instead of behind comlink, and records
 * what the page asked for; results are structured-cloned as the worker's would be.
 */
useLocalDicomPipelines(new URL('/node_modules/@itk-wasm/dicom/dist/pipelines', location.origin).href);
useLocalPipelines(new URL('/node_modules/@itk-wasm/image-io/dist/pipelines', location.origin).href);

const T2: SeriesSpec = { seriesUid: '1.2.826.0.1.3680043.10.8.1', description: 'T2 TSE', seriesNumber: 1, dims: [16, 12, 5], spacing: [0.8, 0.9, 3], origin: [5, -5, 12], direction: IDENTITY, path: (k) => `t2-${k}.dcm`, value: (i, j, k) => 100 + ((i * 7 + j * 3 + k) % 11) * 10 };
// one slice (3 mm) higher than T2: slice k of ART lies at slice k + 1 of T2
const ART: SeriesSpec = { ...T2, seriesUid: '1.2.826.0.1.3680043.10.8.2', description: 'arterial', seriesNumber: 2, origin: [5, -5, 15], path: (k) => `art-${k}.dcm` };
const GTV = [1, 2, 3].map((k) => rectangleContour(T2, k, 3.5, 2.5, 9.5, 8.5));
const RT = buildRtstruct({ referencedSeriesUid: T2.seriesUid, rois: [{ number: 1, name: 'GTV', contours: GTV }, { number: 2, name: 'Body', contours: [rectangleContour(T2, 2, 0.5, 0.5, 14.5, 10.5)] }] });
const CUT = (() => {
  const whole = buildSeries({ ...ART, seriesUid: '1.2.826.0.1.3680043.10.8.3', seriesNumber: 3, path: () => 'cut.dcm' })[0];
  return { path: 'cut.dcm', bytes: truncate(whole.bytes, whole.bytes.length - 30) };
})();
const STUDY = shuffled([...buildSeries(T2), ...buildSeries(ART), { path: 'rs.dcm', bytes: RT }, CUT]);

function inThreadClient(calls: string[], progress: string[]): PipelineClient {
  const session = new StudySession({ run: browserRunner, decodeLabelMap: readImageBytes });
  const cloned = <T>(p: Promise<T> | T) => Promise.resolve(p).then((v) => structuredClone(v));
  return {
    importStudy: (files: { path: string; bytes: Uint8Array }[], onProgress?: (p: { phase: string; done: number; total: number }) => void) => {
      calls.push(`importStudy ${files.length}`);
      return cloned(session.import(files, (p) => (progress.push(`${p.phase} ${p.done}/${p.total}`), onProgress?.(p))));
    },
    setSeriesPhase: (uid: string, phase: never) => (calls.push(`setSeriesPhase ${phase}`), cloned(session.setPhase(uid, phase))),
    decodeSeries: (uid: string) => (calls.push('decodeSeries'), cloned(session.decode(uid))),
    decodeMask: (uid: string, source: never, choice: never) => (calls.push(`decodeMask ${JSON.stringify(choice)}`), cloned(session.mask(uid, source, choice))),
    extractSeries: (uid: string, source: never, o: { backend: 'cpu'; choice?: never; settings?: never }) => {
      calls.push(`extractSeries ${o.backend}`);
      return cloned(session.extract(uid, source, o.choice ?? {}, { backend: o.backend, settings: o.settings }, () => acquireGpu(navigator.gpu)));
    },
  } as unknown as PipelineClient;
}

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector);

async function until(what: () => unknown, ms = 60_000): Promise<void> {
  const end = performance.now() + ms;
  while (!what()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

function pickFiles(input: HTMLInputElement, files: { path: string; bytes: Uint8Array }[]) {
  const transfer = new DataTransfer();
  for (const f of files) transfer.items.add(new File([f.bytes as Uint8Array<ArrayBuffer>], f.path));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

describe('wr-imaging-page', () => {
  const calls: string[] = [];
  const progress: string[] = [];
  let page: WrImagingPage;
  const picker = () => $(page, 'wr-study-picker')!;
  const table = () => $(page, 'wr-series-table')!;
  const row = (uid: string) => $(table(), `tr[data-uid="${uid}"]`)!;

  before(async () => {
    page = document.createElement('wr-imaging-page');
    page.client = inThreadClient(calls, progress);
    document.body.append(page);
    await page.updateComplete;
  });

  after(() => page.remove());

  it('imports a folder, with progress, and lists the series with phase guess, size, spacing, slices and problems by file', async () => {
    pickFiles($<HTMLInputElement>(picker(), '#folder')!, STUDY);
    await until(() => table() && $(table(), 'tbody tr'));
    expect(calls).to.deep.equal([`importStudy ${STUDY.length}`]);
    expect(progress).to.include(`reading-tags ${STUDY.length}/${STUDY.length}`);
    expect(table().shadowRoot!.querySelectorAll('tbody tr').length).to.equal(3);
    const t2 = row(T2.seriesUid);
    expect(t2.querySelector('.description')!.textContent).to.equal('T2 TSE');
    expect(t2.querySelector('.size')!.textContent).to.equal('16 × 12 × 5');
    expect(t2.querySelector('.spacing')!.textContent).to.equal('0.8 × 0.9 × 3 mm');
    expect(t2.querySelector('.slices')!.textContent).to.equal('5');
    expect(t2.querySelector<HTMLSelectElement>('select.phase')!.value).to.equal('t2');
    expect(row(ART.seriesUid).querySelector<HTMLSelectElement>('select.phase')!.value).to.equal('arterial');
    const cut = row('1.2.826.0.1.3680043.10.8.3');
    expect(cut.querySelector('.problems')!.textContent).to.contain('cut.dcm: truncated');
    expect(cut.querySelector<HTMLButtonElement>('button.open')!.disabled).to.equal(true);
  });

  it("keeps the user's phase", async () => {
    const select = row(ART.seriesUid).querySelector<HTMLSelectElement>('select.phase')!;
    select.value = 'delayed';
    select.dispatchEvent(new Event('change'));
    await until(() => row(ART.seriesUid).querySelector('.notes')!.textContent === 'set by you');
    expect(calls.at(-1)).to.equal('setSeriesPhase delayed');
    expect(row(ART.seriesUid).querySelector<HTMLSelectElement>('select.phase')!.value).to.equal('delayed');
  });

  it('shows a series in the viewer and applies the chosen RTSTRUCT ROI over it', async () => {
    row(T2.seriesUid).querySelector<HTMLButtonElement>('button.open')!.click();
    await until(() => $(page, 'wr-roi-editor'));
    const maskPicker = $(page, 'wr-mask-picker')!;
    await (maskPicker as unknown as { updateComplete: Promise<boolean> }).updateComplete;
    expect($<HTMLSelectElement>(maskPicker, '#mask-source')!.value).to.equal('study:rs.dcm');
    const boxes = [...maskPicker.shadowRoot!.querySelectorAll<HTMLInputElement>('#mask-items input')];
    expect(boxes.map((b) => [b.dataset.id, b.checked])).to.deep.equal([
      ['GTV', true],
      ['Body', false],
    ]);
    $<HTMLButtonElement>(maskPicker, '#apply-mask')!.click();
    await until(() => $(page, '#mask-info'));
    // 6 x 6 voxel centres inside each of the three contours
    expect($(page, '#mask-info')!.dataset.voxels).to.equal('108');
    const tools = $($(page, 'wr-roi-editor')!, 'wr-roi-tools')!;
    await until(() => $(tools, 'tr[data-label="1"]'));
    expect($(tools, 'tr[data-label="1"] td:nth-child(2)')!.textContent).to.equal('108');
    expect([...tools.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[data-format]')].map((b) => b.dataset.format)).to.deep.equal(['nifti', 'seg']);
    expect(calls.at(-1)).to.equal('decodeMask {"rois":["GTV"]}');
  });

  it('names a mask file it cannot use at the mask step and keeps the series and ROI', async () => {
    const maskPicker = $(page, 'wr-mask-picker')!;
    pickFiles($<HTMLInputElement>(maskPicker, '#mask-file')!, [{ path: 'notes.dcm', bytes: new TextEncoder().encode('hello') }]);
    await until(() => $(maskPicker, '.error'));
    expect($(maskPicker, '.error')!.textContent).to.contain('notes.dcm');
    expect($(page, '#mask-info')!.dataset.voxels).to.equal('108');
    expect($(page, 'wr-roi-editor')).to.exist;
  });

  it('computes features on the ROI (CPU) and shows them with the backend', async () => {
    const features = $(page, 'wr-imaging-features')!;
    $<HTMLSelectElement>(features, '#backend')!.value = 'cpu';
    $(features, '#backend')!.dispatchEvent(new Event('change'));
    $<HTMLButtonElement>(features, '#compute')!.click();
    await until(() => $(features, '#result'), 120_000);
    expect(calls.at(-1)).to.equal('extractSeries cpu');
    expect($(features, '#roi-voxels')!.dataset.voxels).to.equal('108');
    expect($(features, '#backend-used')!.dataset.kind).to.equal('cpu');
    const table = $(features, 'wr-feature-table')!;
    await until(() => $(table, 'tr[data-key="original_shape_VoxelVolume"]'));
    // 108 voxels of 0.8 x 0.9 x 3 mm
    expect(Number($(table, 'tr[data-key="original_shape_VoxelVolume"] td.value')!.dataset.value)).to.be.closeTo(108 * 0.8 * 0.9 * 3, 1e-9);
  });

  it('names a settings file it cannot use at the features step and keeps the ROI and the last result', async () => {
    const features = $(page, 'wr-imaging-features')!;
    const input = $<HTMLInputElement>(features, '#settings')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['setting:\n  binWidht: 25\n'], 'bad.yaml'));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    await new Promise((r) => setTimeout(r, 50));
    const callsBefore = calls.length;
    $<HTMLButtonElement>(features, '#compute')!.click();
    await until(() => $(features, '#features-error'));
    expect($(features, '#features-error')!.textContent).to.match(/^bad\.yaml: .*binWidht/);
    expect(calls.length).to.equal(callsBefore);
    expect($(features, '#result')).to.exist;
    expect($(page, '#mask-info')!.dataset.voxels).to.equal('108');
    // back to the profile's defaults
    input.value = '';
    input.dispatchEvent(new Event('change'));
  });

  it('shows a second series beside the first at the same patient position', async () => {
    const select = $<HTMLSelectElement>(page, '#compare')!;
    select.value = ART.seriesUid;
    select.dispatchEvent(new Event('change'));
    await until(() => $(page, '#compare-viewer'));
    const compare = $(page, '#compare-viewer')!;
    const main = $($(page, 'wr-roi-editor')!, 'wr-slice-viewer')!;
    await until(() => $(compare, '.slice'));
    // T2's middle slice (index 2, z = 18 mm) is ART's slice index 1
    expect($(main, '.slice')!.textContent).to.equal('slice 3 / 5');
    expect($(compare, '.slice')!.textContent).to.equal('slice 2 / 5');
    $(main, '.stage')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, composed: true }));
    await until(() => $(compare, '.slice')!.textContent === 'slice 3 / 5');
    expect($(main, '.slice')!.textContent).to.equal('slice 4 / 5');
    // T2's first slice (z = 12 mm) lies below ART's range: ART shows its first slice
    $(main, '.stage')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true, composed: true }));
    await until(() => $(main, '.slice')!.textContent === 'slice 1 / 5');
    await until(() => $(compare, '.slice')!.textContent === 'slice 1 / 5');
  });

  it('shows an import error naming the file and keeps the study it had', async () => {
    const bad = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]);
    pickFiles($<HTMLInputElement>(picker(), '#files')!, [{ path: 'broken.zip', bytes: bad }]);
    await until(() => $(page, '#import-error'));
    expect($(page, '#import-error')!.textContent).to.contain('broken.zip');
    expect(table().shadowRoot!.querySelectorAll('tbody tr').length).to.equal(3);
    expect($(page, '#mask-info')!.dataset.voxels).to.equal('108');
  });

  it('takes dropped files', async () => {
    const transfer = new DataTransfer();
    for (const f of buildSeries(T2)) transfer.items.add(new File([f.bytes as Uint8Array<ArrayBuffer>], f.path));
    $(picker(), '#drop-zone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await until(() => calls.at(-1) === `importStudy ${T2.dims[2]}`);
    await until(() => table().shadowRoot!.querySelectorAll('tbody tr').length === 1);
    expect($(page, '#import-error')).to.equal(null);
  });
});
