import { expect } from 'chai';
import '../../src/ui/clinic/wr-clinic-page.js';
import type { WrClinicPage, ClinicClient } from '../../src/ui/clinic/wr-clinic-page.js';
import type { ScoreRequest } from '../../src/pipeline/client.js';
import type { ClinicResult, ScoreCaseFailure } from '../../src/pipeline/score-case.js';
import { clinicResult, demoModelText, featuresAt, fetchPublic } from './clinic-fixture.js';
import { readImageBytes, useLocalPipelines } from '../../src/io/read-image-browser.js';
import { countLabel, pointer } from './viewer-fixture.js';
import { encodeNifti } from '../../src/core/nifti-write.js';
import type { WrRoiEditor } from '../../src/ui/viewer/wr-roi-editor.js';

// the ROI is drawn on an image decoded by the worker's own code (itk-wasm image-io), run in this thread
useLocalPipelines(new URL('/node_modules/@itk-wasm/image-io/dist/pipelines', location.origin).href);

/** A stand-in for the worker client: records what the page asks for and answers with what the test gives. */
function fakeClient(answer: (req: ScoreRequest) => Promise<ClinicResult | ScoreCaseFailure>) {
  const calls: ScoreRequest[] = [];
  const client: ClinicClient = {
    scoreCase: async (req) => {
      calls.push(req);
      return answer(req);
    },
    importStudy: async () => {
      throw new Error('no DICOM in this test');
    },
  };
  return { client, calls };
}

async function mount(client: ClinicClient): Promise<WrClinicPage> {
  const el = document.createElement('wr-clinic-page');
  el.client = client;
  el.fetchDemo = fetchPublic;
  document.body.append(el);
  for (let i = 0; i < 100 && !el.model; i++) await new Promise((r) => setTimeout(r, 20));
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (e: Element | null | undefined) => e!.textContent!.replace(/\s+/g, ' ').trim();
const form = (el: HTMLElement) => $(el, 'wr-clinical-form')!.shadowRoot!;

function setFile(el: HTMLElement, id: string, name: string, content: BlobPart) {
  const transfer = new DataTransfer();
  transfer.items.add(new File([content], name));
  const input = $<HTMLInputElement>(el, `#${id}`)!;
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

async function settle(el: WrClinicPage) {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 10));
    await el.updateComplete;
  }
}

function setClinical(el: HTMLElement, variable: string, value: string) {
  const input = form(el).querySelector<HTMLInputElement | HTMLSelectElement>(`#clinical-${variable}`)!;
  input.value = value;
  input.dispatchEvent(new Event('change'));
}

/** The demo model with a numeric variable (cm, 0.5-30) so that ranges can be tested. */
async function modelWithDiameter(): Promise<string> {
  const m = JSON.parse(await demoModelText());
  m.clinicalVariables.push({ variable: 'max_diameter', label: 'Maximum diameter', unit: 'cm', type: 'numeric', min: 0.5, max: 30, observedRange: [2, 15] });
  m.combinedModel.terms.push({ variable: 'max_diameter', term: 'max_diameter', coefficient: -0.05 });
  return JSON.stringify(m);
}

afterEach(() => document.querySelectorAll('wr-clinic-page, wr-app').forEach((e) => e.remove()));

describe('wr-app and the clinic page', () => {
  it('the start page offers the demo patient; #/clinic shows the clinic page', async () => {
    await import('../../src/ui/wr-app.js');
    location.hash = '';
    const app = document.createElement('wr-app');
    document.body.append(app);
    await app.updateComplete;
    const link = app.shadowRoot!.querySelector<HTMLAnchorElement>('#clinic-demo')!;
    expect(link.getAttribute('href')).to.equal('#/clinic/demo');
    expect(text(app.shadowRoot!.querySelector('#start-demo'))).to.match(/synthetic data, not for clinical use/);
    location.hash = '#/clinic';
    await new Promise((r) => setTimeout(r, 50));
    await app.updateComplete;
    expect(app.shadowRoot!.querySelector('wr-clinic-page')).to.exist;
    expect(app.shadowRoot!.querySelector('#start-demo')).to.equal(null);
    expect(app.shadowRoot!.querySelector('nav a[aria-current="page"]')!.getAttribute('href')).to.equal('#/clinic');
    location.hash = '';
  });
});

describe('wr-clinic-page', () => {
  it('preloads the demonstration model with its synthetic banner, provenance and a form from its variables', async () => {
    const { client } = fakeClient(async () => ({ ok: false, step: 'run', problems: ['unused'] }));
    const el = await mount(client);
    expect(text($(el, '#model-synthetic'))).to.match(/SYNTHETIC data: demonstration only, not for clinical use/);
    expect(text($(el, '#model-info'))).to.match(/WebRadiomics 0\.1\.0, created 2026-01-01T00:00:00\.000Z, model file schema version 1/);
    expect(text($(el, '#model-intended-use'))).to.equal('demonstration and software testing only: built on generated data, not for clinical decisions');
    expect([...el.shadowRoot!.querySelectorAll('#step-study input[type=file]')].map((i) => i.id)).to.deep.equal(['image-AP', 'image-PVP', 'image-T2']);
    const select = form(el).querySelector<HTMLSelectElement>('#clinical-Child_Pugh')!;
    expect([...select.options].map((o) => o.value)).to.deep.equal(['', 'A', 'B']);
    expect($(el, '#roi-mode-file')).to.equal(null); // a client without decoders: the mask file only
  });

  it('refuses an invalid model file with each problem, keeps the previous model and what was entered', async () => {
    const { client } = fakeClient(async () => ({ ok: false, step: 'run', problems: ['unused'] }));
    const el = await mount(client);
    setClinical(el, 'Child_Pugh', 'B');
    setFile(el, 'image-AP', 'ap.nii.gz', new Uint8Array([1]));
    const bad = JSON.parse(await demoModelText());
    delete bad.radiomics.intercept;
    bad.clinicalVariables[0].type = 'text';
    setFile(el, 'model-file', 'broken.json', JSON.stringify(bad));
    await settle(el);
    const err = text($(el, '#model-error'));
    expect(err).to.contain('broken.json is not a valid model file');
    expect(err).to.contain('missing field "radiomics.intercept"');
    expect(err).to.contain('wrong value at "clinicalVariables[0].type"');
    expect(err).to.contain('still using Demonstration model');
    expect($(el, '#step-model')!.dataset.state).to.equal('error');
    expect(el.model!.provenance.syntheticData).to.equal(true);
    expect(form(el).querySelector<HTMLSelectElement>('#clinical-Child_Pugh')!.value).to.equal('B');
    expect(text($(el, '[data-image-name="AP"]'))).to.equal('ap.nii.gz');
  });

  it('a study lacking a sequence: the message at the study step, nothing sent, nothing lost', async () => {
    const { client, calls } = fakeClient(async () => ({ ok: false, step: 'run', problems: ['unused'] }));
    const el = await mount(client);
    setFile(el, 'image-AP', 'ap.nii.gz', new Uint8Array([1]));
    setFile(el, 'image-T2', 't2.nii.gz', new Uint8Array([2]));
    setFile(el, 'mask', 'mask.nii.gz', new Uint8Array([3]));
    setClinical(el, 'Child_Pugh', 'A');
    await settle(el);
    $<HTMLButtonElement>(el, '#run-clinic')!.click();
    await settle(el);
    expect(calls).to.have.length(0);
    expect(text($(el, '#study-error'))).to.equal('the model needs the PVP sequence (portal venous phase, contrast-enhanced T1-weighted) and none was given');
    expect($(el, '#step-study')!.dataset.state).to.equal('error');
    expect($(el, '#roi-error')).to.equal(null);
    expect($(el, '#clinical-error')).to.equal(null);
    expect(text($(el, '[data-image-name="T2"]'))).to.equal('t2.nii.gz');
    expect(text($(el, '#mask-name'))).to.equal('mask.nii.gz');
    expect(form(el).querySelector<HTMLSelectElement>('#clinical-Child_Pugh')!.value).to.equal('A');
  });

  it('missing and out-of-range clinical values: reasons at the field, nothing sent, values kept', async () => {
    const { client, calls } = fakeClient(async () => ({ ok: false, step: 'run', problems: ['unused'] }));
    const el = await mount(client);
    setFile(el, 'model-file', 'with-diameter.json', await modelWithDiameter());
    await settle(el);
    expect(el.modelName).to.equal('with-diameter.json');
    for (const s of ['AP', 'PVP', 'T2']) setFile(el, `image-${s}`, `${s}.nii.gz`, new Uint8Array([1]));
    setFile(el, 'mask', 'mask.nii.gz', new Uint8Array([3]));
    setClinical(el, 'max_diameter', '45');
    await settle(el);
    // an entered value is checked at once
    expect(text(form(el).querySelector('[data-error-for="max_diameter"]'))).to.equal('Maximum diameter = 45 cm is outside the allowed range [0.5, 30]');
    $<HTMLButtonElement>(el, '#run-clinic')!.click();
    await settle(el);
    expect(calls).to.have.length(0);
    expect(text(form(el).querySelector('[data-error-for="Child_Pugh"]'))).to.equal('Child-Pugh class is missing');
    expect(text($(el, '#clinical-error'))).to.equal('2 clinical values are missing or out of range (see above)');
    expect(form(el).querySelector<HTMLInputElement>('#clinical-max_diameter')!.value).to.equal('45');
    expect(form(el).querySelector('#clinical-max_diameter')!.getAttribute('aria-invalid')).to.equal('true');
    // fixing both lets the run go, with the values as entered
    setClinical(el, 'max_diameter', '7.5');
    setClinical(el, 'Child_Pugh', 'A');
    await settle(el);
    expect(form(el).querySelector('[data-error-for]')).to.equal(null);
    $<HTMLButtonElement>(el, '#run-clinic')!.click();
    await settle(el);
    expect(calls).to.have.length(1);
    expect(calls[0].clinical).to.deep.equal({ max_diameter: '7.5', Child_Pugh: 'A' });
    expect(calls[0].images.map((i) => i.sequence)).to.deep.equal(['AP', 'PVP', 'T2']);
    expect(calls[0].masks[0].sequence).to.equal('');
    expect(calls[0].backend).to.equal('auto');
    // the worker's answer (a failure of the run itself) is shown under the run button
    expect(text($(el, '#run-error'))).to.equal('unused');
  });

  it('a DICOM folder: the series of each sequence preselected by its phase guess, sent by SeriesInstanceUID', async () => {
    const { client, calls } = fakeClient(async () => ({ ok: false, step: 'run', problems: ['unused'] }));
    const series = (uid: string, description: string, phase: 'arterial' | 'portal-venous' | 't2' | 'dwi') => ({
      seriesInstanceUid: uid,
      studyInstanceUid: '1.2.3',
      frameOfReferenceUid: '1.2.4',
      seriesNumber: Number(uid.split('.').pop()),
      modality: 'MR',
      description,
      phase: { phase, basis: 'description' as const, reason: `SeriesDescription "${description}"` },
      size: [64, 64, 24] as [number, number, number],
      spacing: [1.5, 1.5, 3] as [number, number, number],
      sliceCount: 24,
      files: [],
      fileIndices: [],
      problems: [],
      decodable: true,
    });
    const imported: { paths: string[] } = { paths: [] };
    client.importStudy = async (files) => {
      imported.paths = files.map((f) => f.path);
      return { series: [series('1.9.4', 'DWI b800', 'dwi'), series('1.9.7', 'T2 FSE', 't2'), series('1.9.5', 'LAVA PV', 'portal-venous'), series('1.9.3', 'LAVA ART', 'arterial')], nonImage: [], unreadable: [], duplicates: [] };
    };
    const el = await mount(client);
    $<HTMLInputElement>(el, '#mode-dicom')!.click();
    await settle(el);
    setFile(el, 'dicom', 'IM0001.dcm', new Uint8Array([0]));
    await settle(el);
    expect(imported.paths).to.deep.equal(['IM0001.dcm']);
    const chosen = (s: string) => $<HTMLSelectElement>(el, `#series-${s}`)!.value;
    expect([chosen('AP'), chosen('PVP'), chosen('T2')]).to.deep.equal(['1.9.3', '1.9.5', '1.9.7']);
    expect(text($<HTMLSelectElement>(el, '#series-AP')!.selectedOptions[0])).to.contain('preselected by phase');
    // the user overrides one choice
    const pvp = $<HTMLSelectElement>(el, '#series-PVP')!;
    pvp.value = '1.9.4';
    pvp.dispatchEvent(new Event('change'));
    setFile(el, 'mask', 'seg.dcm', new Uint8Array([4]));
    setClinical(el, 'Child_Pugh', 'A');
    await settle(el);
    $<HTMLButtonElement>(el, '#run-clinic')!.click();
    await settle(el);
    expect(calls).to.have.length(1);
    expect(calls[0].images).to.deep.equal([
      { sequence: 'AP', source: { seriesUid: '1.9.3' } },
      { sequence: 'PVP', source: { seriesUid: '1.9.4' } },
      { sequence: 'T2', source: { seriesUid: '1.9.7' } },
    ]);
  });

  it('a worker failure at the ROI step is shown at that step, the inputs stay', async () => {
    const { client } = fakeClient(async () => ({ ok: false, step: 'roi', problems: ['AP: mask.nii.gz on AP.nii.gz: the mask has no voxel with label 1'] }));
    const el = await mount(client);
    for (const s of ['AP', 'PVP', 'T2']) setFile(el, `image-${s}`, `${s}.nii.gz`, new Uint8Array([1]));
    setFile(el, 'mask', 'mask.nii.gz', new Uint8Array([3]));
    setClinical(el, 'Child_Pugh', 'A');
    await settle(el);
    $<HTMLButtonElement>(el, '#run-clinic')!.click();
    await settle(el);
    expect(text($(el, '#roi-error'))).to.equal('AP: mask.nii.gz on AP.nii.gz: the mask has no voxel with label 1');
    expect($(el, '#step-roi')!.dataset.state).to.equal('error');
    expect(text($(el, '#mask-name'))).to.equal('mask.nii.gz');
  });

  it('the demo patient: fetches the shipped files, sends them, and shows the result with its report', async () => {
    const modelText = await demoModelText();
    const { client, calls } = fakeClient(async (req) => clinicResult(modelText, featuresAt(JSON.parse(modelText), 0.3), req.clinical));
    const el = await mount(client);
    const printed: number[] = [];
    const originalPrint = window.print;
    window.print = () => void printed.push(1);
    try {
      await el.runDemo();
      await settle(el);
      expect(calls).to.have.length(1);
      const req = calls[0];
      const clinical = JSON.parse(new TextDecoder().decode(await fetchPublic('demo/patient/clinical.json')));
      expect(req.clinical.Child_Pugh).to.equal(clinical.Child_Pugh);
      const ap = await fetchPublic('demo/patient/AP.nii.gz');
      const sent = req.images[0].source as { file: { name: string; bytes: Uint8Array } };
      expect(sent.file.name).to.equal('AP.nii.gz');
      expect(sent.file.bytes.length).to.equal(ap.length);
      const res = $(el, 'wr-clinic-result')!.shadowRoot!;
      const expected = clinicResult(modelText, featuresAt(JSON.parse(modelText), 0.3), req.clinical).summary;
      expect(Number(res.querySelector('#probability')!.getAttribute('data-value'))).to.equal(expected.probability);
      expect(text(res.querySelector('#probability'))).to.equal(`${(100 * expected.probability).toFixed(1)} %`);
      expect(Number(res.querySelector('#rad-score')!.getAttribute('data-value'))).to.equal(expected.radScore);
      expect(res.querySelector('#risk-group')!.getAttribute('data-value')).to.equal(expected.riskGroup);
      expect(text(res.querySelector('#result-synthetic'))).to.match(/SYNTHETIC/);
      expect(text(res.querySelector('#disclaimer'))).to.match(/DEMONSTRATION ONLY.*must not be used for clinical decisions/);
      expect(res.querySelectorAll('#warnings li[data-kind="synthetic-model"]').length).to.equal(1);
      // KM plots with the patient's group marked, the contribution bars, the thumbnail drawn
      const km = res.querySelector<HTMLElement & { plot: { spec: { series: { label: string; width?: number }[] } } }>('#km-os')!;
      const mine = km.plot.spec.series.find((s) => s.label.endsWith("this patient's group"))!;
      expect(mine.label.startsWith(expected.riskGroup === 'high' ? 'High risk' : 'Low risk')).to.equal(true);
      expect(res.querySelectorAll('.contributions svg rect[data-logit]').length).to.equal(expected.contributions.length);
      expect([...res.querySelectorAll('#contribution-table td[data-value]')].map((td) => Number(td.getAttribute('data-value')))).to.deep.equal(expected.contributions.map((c) => c.logit));
      const canvas = res.querySelector<HTMLCanvasElement>('canvas[data-thumb="0"]')!;
      const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      expect([...px].some((v, i) => i % 4 === 0 && v === 230)).to.equal(true);
      expect(text(res.querySelector('#inputs'))).to.contain('AP: AP.nii.gz; PVP: PVP.nii.gz; T2: T2.nii.gz');
      expect(Number(res.querySelector('#total-points')!.getAttribute('data-value'))).to.equal(expected.totalPoints);
      expect(res.querySelector('wr-nomogram')!.shadowRoot!.querySelector('svg')).to.exist;
      res.querySelector<HTMLButtonElement>('#print')!.click();
      expect(printed).to.have.length(1);
    } finally {
      window.print = originalPrint;
    }
  });

  describe('the ROI drawn', () => {
    async function until(what: () => unknown, ms = 60_000): Promise<void> {
      const end = performance.now() + ms;
      while (!what()) {
        if (performance.now() > end) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 25));
      }
    }

    /** The test client, with the worker's image decoder; the decoded volume is structured-cloned as comlink would. */
    async function drawingPage() {
      const modelText = await demoModelText();
      const decoded: string[] = [];
      const fake = fakeClient(async (req) => clinicResult(modelText, featuresAt(JSON.parse(modelText), 0.3), req.clinical));
      fake.client.decodeImage = async (f) => (decoded.push(f.name), structuredClone(await readImageBytes(f.name, f.bytes.slice())));
      const el = await mount(fake.client);
      for (const s of ['AP', 'PVP', 'T2']) setFile(el, `image-${s}`, `${s}.nii.gz`, (await fetchPublic(`demo/patient/${s}.nii.gz`)) as Uint8Array<ArrayBuffer>);
      setClinical(el, 'Child_Pugh', 'A');
      await settle(el);
      return { el, decoded, ...fake };
    }

    async function openDrawing(el: WrClinicPage): Promise<WrRoiEditor> {
      $<HTMLInputElement>(el, '#roi-mode-draw')!.click();
      await until(() => el.drawing && !el.drawingLoading);
      await settle(el);
      const editor = $<WrRoiEditor>(el, 'wr-roi-editor')!;
      await editor.updateComplete;
      await editor.viewer!.updateComplete;
      return editor;
    }

    it('drawn on the AP image from the mask file, used, sent as drawn-roi.nii.gz with exactly the drawn voxels', async () => {
      const { el, decoded, calls } = await drawingPage();
      const maskBytes = await fetchPublic('demo/patient/mask.nii.gz');
      setFile(el, 'mask', 'mask.nii.gz', maskBytes as Uint8Array<ArrayBuffer>);
      await settle(el);
      const editor = await openDrawing(el);
      expect(decoded).to.deep.equal(['AP.nii.gz', 'mask.nii.gz']);
      const ap = await readImageBytes('AP.nii.gz', await fetchPublic('demo/patient/AP.nii.gz'));
      const fileMask = await readImageBytes('mask.nii.gz', maskBytes.slice());
      const model = el.drawing!;
      expect(model.volume.dims).to.deep.equal(ap.dims);
      // the drawing starts from the mask file
      const start = countLabel(Uint8Array.from(fileMask.data as ArrayLike<number>), 1);
      expect(start).to.be.greaterThan(0);
      expect(countLabel(model.editor.labels, 1)).to.equal(start);

      // brush (label 1) strokes with pointer events on the viewer's canvas, away from the tumour's slice centre
      editor.tools!.shadowRoot!.querySelector<HTMLButtonElement>('button[data-tool="brush"]')!.click();
      await settle(el);
      await editor.viewer!.updateComplete;
      const c = editor.viewer!.shadowRoot!.querySelector('canvas')!;
      const [x0, y0] = [Math.round(c.width * 0.15), Math.round(c.height * 0.15)];
      pointer(editor.viewer!, 'pointerdown', x0, y0);
      pointer(editor.viewer!, 'pointermove', x0 + 6, y0);
      pointer(editor.viewer!, 'pointermove', x0 + 6, y0 + 4);
      pointer(editor.viewer!, 'pointerup', x0 + 6, y0 + 4);
      await settle(el);
      const drawn = countLabel(model.editor.labels, 1);
      expect(drawn).to.be.greaterThan(start);

      // nothing is lost switching to the file and back
      $<HTMLInputElement>(el, '#roi-mode-file')!.click();
      await settle(el);
      expect(text($(el, '#mask-name'))).to.equal('mask.nii.gz');
      expect($(el, 'wr-roi-editor')).to.equal(null);
      $<HTMLInputElement>(el, '#roi-mode-draw')!.click();
      await settle(el);
      expect(el.drawing).to.equal(model);
      expect(countLabel(el.drawing!.editor.labels, 1)).to.equal(drawn);

      // not used yet: refused at the ROI step, nothing sent
      $<HTMLButtonElement>(el, '#run-clinic')!.click();
      await settle(el);
      expect(calls).to.have.length(0);
      expect(text($(el, '#roi-error'))).to.match(/press "Use this ROI"/);

      $<HTMLButtonElement>(el, '#roi-draw-use')!.click();
      await settle(el);
      expect(Number($(el, '#roi-drawn')!.dataset.voxels)).to.equal(drawn);
      expect($(el, '#roi-error')).to.equal(null);
      $<HTMLButtonElement>(el, '#run-clinic')!.click();
      await until(() => calls.length === 1 && !el.busy);
      await settle(el);
      const sent = calls[0].masks[0].source as { file: { path: string; bytes: Uint8Array } };
      expect(sent.file.path).to.equal('drawn-roi.nii.gz');
      // the mask sent, decoded as the worker decodes it: on the AP grid, 1 exactly at the drawn label-1 voxels
      const mask = await readImageBytes(sent.file.path, sent.file.bytes.slice());
      expect(mask.dims).to.deep.equal(ap.dims);
      mask.spacing.forEach((s, k) => expect(s).to.be.closeTo(ap.spacing[k], 1e-4));
      mask.origin.forEach((o, k) => expect(o).to.be.closeTo(ap.origin[k], 1e-3));
      let same = 0;
      let ones = 0;
      for (let i = 0; i < mask.data.length; i++) {
        ones += mask.data[i] === 1 ? 1 : 0;
        same += (mask.data[i] === 1) === (model.editor.labels[i] === 1) ? 1 : 0;
      }
      expect(ones).to.equal(drawn);
      expect(same).to.equal(mask.data.length);
      const res = $(el, 'wr-clinic-result')!.shadowRoot!;
      expect(text(res.querySelector('#inputs'))).to.contain(`drawn-roi.nii.gz (drawn on the AP image, ${drawn} voxels)`);
      // drawing again after use needs "Use this ROI" again
      pointer(editor.viewer!, 'pointerdown', x0, y0 + 8);
      pointer(editor.viewer!, 'pointerup', x0, y0 + 8);
      await settle(el);
      expect($(el, '#roi-drawn')!.dataset.voxels).to.equal('');
    });

    it('an empty drawing is refused at the ROI step; nothing is sent', async () => {
      const { el, decoded, calls } = await drawingPage();
      await openDrawing(el);
      expect(decoded).to.deep.equal(['AP.nii.gz']);
      expect(countLabel(el.drawing!.editor.labels, 1)).to.equal(0);
      $<HTMLButtonElement>(el, '#roi-draw-use')!.click();
      await settle(el);
      expect(text($(el, '#roi-error'))).to.equal('the drawn ROI is empty: draw the tumour with label 1 on the images (Brush), or choose a mask file');
      expect($(el, '#step-roi')!.dataset.state).to.equal('error');
      $<HTMLButtonElement>(el, '#run-clinic')!.click();
      await settle(el);
      expect(calls).to.have.length(0);
      expect($(el, '#step-roi')!.dataset.state).to.equal('error');
    });

    it('a mask file on another grid: the note says so and the drawing starts empty', async () => {
      const { el } = await drawingPage();
      const small = encodeNifti({ dims: [4, 4, 2], spacing: [2, 2, 5], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data: new Uint8Array(32).fill(1) });
      setFile(el, 'mask', 'other-grid.nii.gz', small as Uint8Array<ArrayBuffer>);
      await settle(el);
      await openDrawing(el);
      expect(text($(el, '#roi-draw-note'))).to.match(/^other-grid\.nii\.gz is not on the image's grid \(4 x 4 x 2 voxels of 2 x 2 x 5 mm against \d+ x \d+ x \d+ voxels of [\d.]+ x [\d.]+ x [\d.]+ mm\); the drawing starts empty$/);
      expect(countLabel(el.drawing!.editor.labels, 1)).to.equal(0);
      // the file stays the file-mode ROI
      $<HTMLInputElement>(el, '#roi-mode-file')!.click();
      await settle(el);
      expect(text($(el, '#mask-name'))).to.equal('other-grid.nii.gz');
    });

    it('without the first sequence image, the drawing asks for it at the ROI step', async () => {
      const { client } = fakeClient(async () => ({ ok: false, step: 'run', problems: ['unused'] }));
      client.decodeImage = async (f) => readImageBytes(f.name, f.bytes);
      const el = await mount(client);
      $<HTMLInputElement>(el, '#roi-mode-draw')!.click();
      await until(() => !el.drawingLoading && $(el, '#roi-error'));
      expect(text($(el, '#roi-error'))).to.equal('the ROI cannot be drawn: give the AP image at step 2 first: the ROI is drawn on it');
      expect(el.drawing).to.equal(undefined);
    });
  });
});
