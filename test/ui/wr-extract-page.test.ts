import { expect } from 'chai';
import '../../src/ui/wr-extract-page.js';
import type { CaseRun, PipelineClient } from '../../src/pipeline/client.js';

type Call = { image: string; mask: string; options: Parameters<PipelineClient['extractCase']>[2] };

/**
 * A stand-in for the worker client: the component under test holds no numeric logic, so none is faked here; it
 * records what the page asks the worker for (settings are read by the real pipeline/case-settings.ts).
 */
function client(answer: () => Promise<CaseRun>, calls: Call[] = []): PipelineClient {
  return {
    extractCase: (image: { name: string }, mask: { name: string }, options: Call['options']) => {
      calls.push({ image: image.name, mask: mask.name, options });
      return answer();
    },
  } as unknown as PipelineClient;
}

function setFile(el: HTMLElement, id: string, name: string, content: BlobPart) {
  const transfer = new DataTransfer();
  transfer.items.add(new File([content], name));
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

/** Puts files into the component's file inputs, as a user picking them would. */
function pickFiles(el: HTMLElement) {
  setFile(el, 'image', 'image.nii.gz', new Uint8Array([1, 2, 3]));
  setFile(el, 'mask', 'mask.nii.gz', new Uint8Array([1, 2, 3]));
}

async function settle(el: HTMLElement & { updateComplete: Promise<boolean> }, selector: string) {
  for (let i = 0; i < 100 && !el.shadowRoot!.querySelector(selector); i++) {
    await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
  }
}

async function mount(c: PipelineClient) {
  const el = document.createElement('wr-extract-page');
  el.client = c;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const result: CaseRun = {
  profile: 'ibsi',
  features: [
    { name: 'Joint maximum', family: 'GLCM', image_type: 'original', ibsi_code: 'GYBY', aggregation_code: 'ITBB', value: 0.5 },
    { name: 'Contrast', family: 'GLCM', image_type: 'original', ibsi_code: 'ACUI', aggregation_code: 'ITBB', value: Number.NaN },
  ],
  backend: { kind: 'cpu', description: 'CPU (WebGPU is not available in this environment)' },
  engine: { submits: 0, readbacks: 0, gpuMatrices: 0, cpuMatrices: 1, ms: 1 },
  warnings: ['GLCM (ITBB): undefined for this ROI (NaN): Contrast'],
  roiVoxels: 74,
};

describe('<wr-extract-page>', () => {
  it('asks for an image before running, without losing the form', async () => {
    const el = await mount(client(() => Promise.reject(new Error('must not be called'))));
    el.shadowRoot!.querySelector<HTMLButtonElement>('#run')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#error')!.textContent).to.equal('Choose an image file first.');
    expect(el.shadowRoot!.querySelector('#image')).to.exist;
    el.remove();
  });

  it('shows the pipeline error message as an alert and stays usable', async () => {
    const el = await mount(client(() => Promise.reject(new Error('mask.nii.gz: the mask is empty (no non-zero voxel)'))));
    pickFiles(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#run')!.click();
    await settle(el, '#error');
    const alert = el.shadowRoot!.querySelector('#error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.equal('mask.nii.gz: the mask is empty (no non-zero voxel)');
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('#run')!.disabled).to.equal(false);
    // the user's picks are kept for another try
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('#image')!.files![0].name).to.equal('image.nii.gz');
    el.remove();
  });

  it('runs the IBSI profile on every non-zero voxel, shows the backend, the table and the same files as the CLI', async () => {
    const calls: Call[] = [];
    const el = await mount(client(() => Promise.resolve(result), calls));
    pickFiles(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#run')!.click();
    await settle(el, '#backend-used');
    expect(calls.length).to.equal(1);
    expect(calls[0].options.settings.profile).to.equal('ibsi');
    expect(calls[0].options.settings.discretisation).to.deep.equal({ kind: 'none' });
    expect(calls[0].options.roi).to.equal('non-zero');
    const backend = el.shadowRoot!.querySelector('#backend-used')!;
    expect(backend.getAttribute('data-kind')).to.equal('cpu');
    expect(backend.textContent).to.equal('CPU (WebGPU is not available in this environment)');
    expect(el.shadowRoot!.querySelector('#result')!.textContent).to.contain('74 ROI voxels, 2 features (IBSI profile)');
    expect(el.shadowRoot!.querySelector('#result')!.textContent).to.contain('Warning: GLCM (ITBB): undefined for this ROI (NaN): Contrast');
    const table = el.shadowRoot!.querySelector('wr-feature-table')!;
    expect(table.features).to.deep.equal(result.features);
    expect(table.profile).to.equal('ibsi');

    const json = JSON.parse(el.outputText('json')!);
    expect(json).to.include({ tool: 'webradiomics', profile: 'ibsi', image: 'image.nii.gz', mask: 'mask.nii.gz', label: null, settings: null, roi_voxels: 74 });
    expect(json.features[0]).to.deep.equal({ name: 'Joint maximum', family: 'GLCM', image_type: 'original', ibsi_code: 'GYBY', aggregation_code: 'ITBB', aggregation: '3D, averaged', value: 0.5 });
    expect(json.features[1].value).to.equal(null);
    const [header, row] = el.outputText('csv')!.trim().split('\n');
    expect(header.split(',').slice(0, 3)).to.deep.equal(['Image', 'Mask', 'Label']);
    expect(header.split(',').slice(-2)).to.deep.equal(['GLCM_Joint_maximum_ITBB', 'GLCM_Contrast_ITBB']);
    expect(row.split(',').slice(-2)).to.deep.equal(['0.5', 'nan']);
    expect(el.shadowRoot!.querySelector('#download-json')).to.exist;
    expect(el.shadowRoot!.querySelector('#download-csv')).to.exist;
    el.remove();
  });

  it('sends PyRadiomics defaults, or a parameter file, when that profile is chosen', async () => {
    const calls: Call[] = [];
    const el = await mount(client(() => Promise.resolve({ ...result, profile: 'pyradiomics' }), calls));
    const profile = el.shadowRoot!.querySelector<HTMLSelectElement>('#profile')!;
    profile.value = 'pyradiomics';
    profile.dispatchEvent(new Event('change'));
    pickFiles(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#run')!.click();
    await settle(el, '#backend-used');
    expect(calls[0].options.settings.profile).to.equal('pyradiomics');
    expect(calls[0].options.settings.discretisation).to.deep.equal({ kind: 'fixed-bin-width', width: 25, convention: 'pyradiomics' });
    expect(calls[0].options.settings.label).to.equal(1);
    expect(calls[0].options.roi).to.equal('settings-label');

    setFile(el, 'settings', 'params.yaml', 'setting:\n  binWidth: 5\n  label: 2\nfeatureClass:\n  glcm: [Contrast]\n');
    await new Promise((r) => setTimeout(r, 50));
    el.shadowRoot!.querySelector<HTMLButtonElement>('#run')!.click();
    for (let i = 0; i < 100 && calls.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(calls[1].options.settings.discretisation).to.deep.equal({ kind: 'fixed-bin-width', width: 5, convention: 'pyradiomics' });
    expect(calls[1].options.settings.label).to.equal(2);
    expect(calls[1].options.settings.featureClasses).to.deep.equal({ glcm: ['Contrast'] });
    await settle(el, '#backend-used');
    expect(JSON.parse(el.outputText('json')!)).to.include({ settings: 'params.yaml', label: 2 });
    el.remove();
  });

  it('lists each problem of a settings file next to it, keeps the form and does not run', async () => {
    const calls: Call[] = [];
    const el = await mount(client(() => Promise.resolve(result), calls));
    const profile = el.shadowRoot!.querySelector<HTMLSelectElement>('#profile')!;
    profile.value = 'pyradiomics';
    profile.dispatchEvent(new Event('change'));
    pickFiles(el);
    setFile(el, 'settings', 'bad.yaml', 'setting:\n  binWidth: 25\n  binwidth: 10\nfeatureClass:\n  glcm: [Contrastt]\nvoxelSetting:\n  kernelRadius: 2\n');
    await settle(el, '#settings-problems');
    const problems = el.shadowRoot!.querySelector('#settings-problems')!;
    expect(problems.getAttribute('role')).to.equal('alert');
    expect(problems.textContent).to.contain('bad.yaml cannot be used');
    const items = Array.from(problems.querySelectorAll('li')).map((li) => li.textContent);
    expect(items).to.include('setting.binwidth: unknown setting');
    expect(items.some((t) => t!.includes('voxelSetting: voxel-based extraction is not supported'))).to.equal(true);
    expect(items).to.include('featureClass.glcm: unknown feature Contrastt');
    el.shadowRoot!.querySelector<HTMLButtonElement>('#run')!.click();
    await settle(el, '#error');
    expect(calls.length).to.equal(0);
    expect(el.shadowRoot!.querySelector('#error')!.textContent).to.contain('bad.yaml cannot be used');
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('#settings')!.files![0].name).to.equal('bad.yaml');
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('#image')!.files![0].name).to.equal('image.nii.gz');

    // a settings file of the other profile is named as such
    profile.value = 'ibsi';
    profile.dispatchEvent(new Event('change'));
    setFile(el, 'settings', 'pyradiomics.yaml', 'setting:\n  binWidth: 25\n');
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#settings-problems')!.textContent).to.contain('pyradiomics.yaml holds PyRadiomics settings, but the IBSI profile was chosen');
    el.remove();
  });
});
