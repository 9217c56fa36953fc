import { expect } from 'chai';
import '../../src/ui/research/wr-research-page.js';
import '../../src/ui/wr-app.js';
import { DEFAULT_OPTIONS, type WrResearchPage } from '../../src/ui/research/wr-research-page.js';
import { RESEARCH_DEFAULTS } from '../../src/core/research/options.js';
import { inspectCohort, type CohortInspection, type ResearchProgress, type ResearchRequest, type ResearchRunResult, type ResearchSource } from '../../src/core/research/run.js';
import type { ClinicalPredictor } from '../../src/core/model/clinical-model.js';
import type { ResearchClient } from '../../src/pipeline/research-client.js';
import { captureDownloads, settle, syntheticOutput } from './research-fixture.js';

/**
 * A stand-in for the modelling worker client. inspect() answers with the real core inspection (cheap), run() with
 * the answer the test gives; every call is recorded.
 */
function fakeClient(run: (req: ResearchRequest, progress?: (p: ResearchProgress) => void) => Promise<ResearchRunResult>) {
  const calls = { inspect: [] as { source: ResearchSource; predictors: ClinicalPredictor[] | null | undefined }[], run: [] as ResearchRequest[], cancel: 0 };
  const client = {
    inspect: async (source: ResearchSource, predictors?: ClinicalPredictor[] | null): Promise<CohortInspection> => {
      calls.inspect.push({ source, predictors });
      return structuredClone(inspectCohort(source, predictors));
    },
    run: (req: ResearchRequest, progress?: (p: ResearchProgress) => void) => {
      calls.run.push(structuredClone(req));
      return run(req, progress);
    },
    cancel: () => calls.cancel++,
  } as unknown as ResearchClient;
  return { client, calls };
}

async function mount(client: ResearchClient): Promise<WrResearchPage> {
  const el = document.createElement('wr-research-page');
  el.client = client;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const text = (e: Element | null) => e!.textContent!.replace(/\s+/g, ' ').trim();

const q = <T extends Element = HTMLElement>(root: Element, ...path: string[]): T | null => {
  let node: Element | null = root;
  for (const sel of path) {
    const scope: ParentNode | null | undefined = node?.shadowRoot ?? node;
    node = scope?.querySelector(sel) ?? null;
    if (!node) return null;
  }
  return node as T;
};

function pick(el: WrResearchPage, id: string, name: string, text: string) {
  const input = q<HTMLInputElement>(el, 'wr-cohort-input', `#${id}`)!;
  const t = new DataTransfer();
  t.items.add(new File([text], name, { type: 'text/csv' }));
  input.files = t.files;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

const FEATURES = 'patient_id,f1,f2,f3\nP1,1,2,3\nP2,2,3,4\nP3,3,4,5\nP4,4,5,7\nP5,5,1,2\nP6,6,0,1\n';
const CLINICAL = 'patient_id,response,os_time,os_event,AFP\nP1,PR,10,1,20\nP2,SD,12,0,30\nP3,CR,14,1,40\nP4,PD,9,1,50\nP5,PR,7,0,60\nP6,PD,3,1,70\n';

describe('<wr-research-page>', () => {
  it('starts from the core defaults', () => {
    expect(DEFAULT_OPTIONS).to.deep.equal(JSON.parse(JSON.stringify(RESEARCH_DEFAULTS)));
  });

  it('cannot run before a cohort is chosen', async () => {
    const { client } = fakeClient(() => Promise.reject(new Error('must not run')));
    const el = await mount(client);
    expect(q<HTMLButtonElement>(el, '#run')!.disabled).to.equal(true);
    expect(q(el, 'wr-cohort-input', '#source-hint')!.textContent).to.match(/feature table and a clinical table/);
    el.remove();
  });

  it('names file, row and column of bad input, keeps every choice, and runs once the file is fixed', async () => {
    const { client, calls } = fakeClient(() => Promise.resolve({ ok: true, output: syntheticOutput() }));
    const el = await mount(client);
    // a setting chosen before any file
    const seed = q<HTMLInputElement>(el, 'wr-research-options', '#split-seed')!;
    seed.value = '42';
    seed.dispatchEvent(new Event('change'));
    pick(el, 'features', 'features.csv', FEATURES);
    pick(el, 'clinical', 'clinical.csv', CLINICAL.replace('P3,CR,14,1,40', 'P3,CR,14,1,forty'));
    await settle(el, () => !!q(el, 'wr-issue-list', '#errors'));
    const items = [...q(el, 'wr-issue-list')!.shadowRoot!.querySelectorAll('#errors li')];
    const bad = items.find((li) => li.getAttribute('data-column') === 'AFP')!;
    expect(bad.textContent).to.equal('clinical.csv, row 4, column "AFP": "forty" is not a number');
    expect(bad.getAttribute('data-file')).to.equal('clinical.csv');
    expect(bad.getAttribute('data-row')).to.equal('4');
    expect(q<HTMLButtonElement>(el, '#run')!.disabled).to.equal(true);
    // nothing chosen is lost
    expect(q<HTMLInputElement>(el, 'wr-cohort-input', '#features')!.files![0].name).to.equal('features.csv');
    expect(q<HTMLInputElement>(el, 'wr-research-options', '#split-seed')!.value).to.equal('42');
    expect(el.options.split).to.deep.include({ kind: 'random', seed: 42 });
    // the corrected clinical table replaces only that file
    pick(el, 'clinical', 'clinical.csv', CLINICAL);
    await settle(el, () => !q(el, 'wr-issue-list', '#errors'));
    expect(q<HTMLButtonElement>(el, '#run')!.disabled).to.equal(false);
    expect(text(q(el, '#cohort-overview'))).to.match(/6 patients with features and clinical data, 3 features/);
    q<HTMLButtonElement>(el, '#run')!.click();
    await settle(el, () => !!q(el, 'wr-research-results', '#results'));
    const req = calls.run[0];
    expect(req.options.split).to.deep.include({ kind: 'random', seed: 42 });
    expect(req.source.kind).to.equal('tables');
    expect(req.predictors).to.deep.equal([{ variable: 'AFP', type: 'numeric' }]);
    el.remove();
  });

  it('runs the synthetic demo cohort, labelled synthetic, with progress, and shows every result', async () => {
    let progress!: (p: ResearchProgress) => void;
    let finish!: () => void;
    const { client, calls } = fakeClient((_req, p) => {
      progress = p!;
      return new Promise((resolve) => (finish = () => resolve({ ok: true, output: syntheticOutput() })));
    });
    const el = await mount(client);
    q<HTMLButtonElement>(el, 'wr-cohort-input', '#demo')!.click();
    await settle(el, () => !!q(el, '#cohort-overview'));
    expect(calls.inspect[0].source).to.deep.equal({ kind: 'synthetic' });
    expect(q(el, 'wr-cohort-input', '#source-label')!.textContent).to.match(/^SYNTHETIC/);
    expect(q(el, 'wr-cohort-input', '#synthetic-note')).to.exist;
    expect(text(q(el, '#cohort-overview'))).to.match(/240 patients .* 60 features, second reader for 40; response CR 15, PR 162, SD 26, PD 37/);
    const rows = q(el, 'wr-predictor-editor')!.shadowRoot!.querySelectorAll('tr[data-variable]');
    expect(rows.length).to.equal(12); // age, sex and the ten TPI predictors
    q<HTMLButtonElement>(el, '#run')!.click();
    await settle(el, () => !!progress);
    progress({ stage: 'LASSO cross-validation, fold 3 of 10', step: 5, steps: 17 });
    await settle(el, () => !!q(el, '#progress progress'));
    expect(q(el, '#progress')!.textContent).to.contain('fold 3 of 10');
    expect(q<HTMLProgressElement>(el, '#progress progress')!.value).to.equal(5);
    expect(q<HTMLButtonElement>(el, '#cancel')).to.exist;
    finish();
    await settle(el, () => !!q(el, 'wr-research-results', '#results'));
    const results = q(el, 'wr-research-results')!;
    expect(q(results, '#synthetic-banner')).to.exist;
    const out = syntheticOutput();
    const auc = (set: string, m: string) =>
      Number([...results.shadowRoot!.querySelectorAll('wr-result-table')].map((t) => t.shadowRoot!.querySelector(`[data-key="auc/${set}/${m}"]`)).find(Boolean)!.getAttribute('data-value'));
    expect(auc('training', 'combined')).to.equal(out.summary.training.models.combined.auc);
    expect(auc('validation', 'clinical')).to.equal(out.summary.validation!.models.clinical.auc);
    const plotIds = [...results.shadowRoot!.querySelectorAll('wr-roc-plot, wr-calibration-plot, wr-decision-curve-plot, wr-km-plot, wr-lasso-path-plot, wr-cv-curve-plot, wr-feature-distribution-plot')].map(
      (p) => p.shadowRoot!.querySelector('figure')!.getAttribute('data-plot-id'),
    );
    expect(plotIds).to.include.members(['roc-training', 'roc-validation', 'calibration-validation', 'decision-curve-training', 'km-os-training', 'km-pfs-validation', 'lasso-path', 'lasso-cv', 'feature-1']);
    expect(results.shadowRoot!.querySelector('wr-nomogram')).to.exist;
    expect(q(el, '#status')!.textContent).to.match(/Done/);
    el.remove();
  });

  it('cancels a run and keeps the choices', async () => {
    const { client, calls } = fakeClient(() => new Promise((_resolve, reject) => setTimeout(() => reject(Object.assign(new Error('the run was cancelled'), { name: 'AbortError' })), 50)));
    const el = await mount(client);
    q<HTMLButtonElement>(el, 'wr-cohort-input', '#demo')!.click();
    await settle(el, () => !!q(el, '#cohort-overview'));
    q<HTMLSelectElement>(el, 'wr-research-options', '#lambda-rule')!.value = 'lambda.1se';
    q<HTMLSelectElement>(el, 'wr-research-options', '#lambda-rule')!.dispatchEvent(new Event('change'));
    q<HTMLButtonElement>(el, '#run')!.click();
    await settle(el, () => !!q(el, '#cancel'));
    q<HTMLButtonElement>(el, '#cancel')!.click();
    expect(calls.cancel).to.equal(1);
    await settle(el, () => !!q(el, '#status'));
    expect(q(el, '#status')!.textContent).to.match(/Cancelled/);
    expect(q(el, '#error')).to.equal(null);
    expect(el.options.lasso?.rule).to.equal('lambda.1se');
    expect(q<HTMLButtonElement>(el, '#run')!.disabled).to.equal(false);
    el.remove();
  });

  it('shows a modelling error as an alert and stays usable', async () => {
    const { client } = fakeClient(() => Promise.reject(new Error('feature reduction left 1 feature(s); LASSO needs at least 2 (relax the filters)')));
    const el = await mount(client);
    q<HTMLButtonElement>(el, 'wr-cohort-input', '#demo')!.click();
    await settle(el, () => !!q(el, '#cohort-overview'));
    q<HTMLButtonElement>(el, '#run')!.click();
    await settle(el, () => !!q(el, '#error'));
    expect(q(el, '#error')!.textContent).to.match(/relax the filters/);
    expect(q<HTMLButtonElement>(el, '#run')!.disabled).to.equal(false);
    el.remove();
  });

  it('saves the model file and the report', async () => {
    const { client } = fakeClient(() => Promise.resolve({ ok: true, output: syntheticOutput() }));
    const el = await mount(client);
    q<HTMLButtonElement>(el, 'wr-cohort-input', '#demo')!.click();
    await settle(el, () => !!q(el, '#cohort-overview'));
    q<HTMLButtonElement>(el, '#run')!.click();
    await settle(el, () => !!q(el, 'wr-research-results', '#download-model'));
    const files = await captureDownloads(() => {
      q<HTMLButtonElement>(el, 'wr-research-results', '#download-model')!.click();
      q<HTMLButtonElement>(el, 'wr-research-results', '#download-report')!.click();
    });
    expect(files.map((f) => f.name)).to.deep.equal(['synthetic-model.json', 'synthetic-report.html']);
    expect(JSON.parse(await files[0].blob.text()).provenance.syntheticData).to.equal(true);
    expect(await files[1].blob.text()).to.match(/@media print/);
    el.remove();
  });
});

describe('<wr-app> research route', () => {
  it('#/research shows the research page with the app client\'s modelling client', async () => {
    location.hash = '#/research';
    const research = { inspect: () => Promise.reject(new Error('unused')) } as unknown as ResearchClient;
    const app = document.createElement('wr-app');
    app.client = { research } as unknown as NonNullable<typeof app.client>;
    document.body.append(app);
    await app.updateComplete;
    expect(app.shadowRoot!.querySelector('nav a[aria-current="page"]')!.getAttribute('href')).to.equal('#/research');
    const page = app.shadowRoot!.querySelector('wr-research-page')!;
    expect(page).to.exist;
    expect(page.client).to.equal(research);
    app.remove();
    location.hash = '';
  });
});
