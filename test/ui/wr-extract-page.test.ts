import { expect } from 'chai';
import '../../src/ui/wr-extract-page.js';
import type { PipelineClient } from '../../src/pipeline/client.js';
import type { ExtractionResult } from '../../src/pipeline/extract-slice.js';

/** A stand-in for the worker client: the component under test holds no numeric logic, so none is faked here. */
function client(answer: () => Promise<ExtractionResult>): PipelineClient {
  return { extract: answer } as unknown as PipelineClient;
}

/** Puts files into the component's file inputs, as a user picking them would. */
function pickFiles(el: HTMLElement) {
  for (const [id, name] of [['image', 'image.nii.gz'], ['mask', 'mask.nii.gz']]) {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array([1, 2, 3])], name));
    el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!.files = transfer.files;
  }
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

  it('shows which backend ran and the feature table', async () => {
    const result: ExtractionResult = {
      features: [{ name: 'Joint maximum', family: 'GLCM', ibsi_code: 'GYBY', aggregation_code: 'ITBB', aggregation: '3D, averaged', value: 0.5 }],
      backend: { kind: 'cpu', description: 'CPU (WebGPU is not available in this environment)' },
      roiVoxels: 74,
      greyLevels: 6,
      warnings: [],
    };
    const el = await mount(client(() => Promise.resolve(result)));
    pickFiles(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#run')!.click();
    await settle(el, '#backend-used');
    const backend = el.shadowRoot!.querySelector('#backend-used')!;
    expect(backend.getAttribute('data-kind')).to.equal('cpu');
    expect(backend.textContent).to.equal('CPU (WebGPU is not available in this environment)');
    const table = el.shadowRoot!.querySelector('wr-feature-table')!;
    expect(table.features).to.deep.equal(result.features);
    el.remove();
  });
});
