import { expect } from 'chai';
import '../../src/ui/wr-feature-table.js';
import type { CaseFeature } from '../../src/pipeline/extract-case.js';

const records: CaseFeature[] = [
  { name: 'Joint maximum', family: 'GLCM', image_type: 'original', ibsi_code: 'GYBY', aggregation_code: 'ITBB', value: 0.50281117075 },
  { name: 'Contrast', family: 'GLCM', image_type: 'original', ibsi_code: 'ACUI', aggregation_code: 'IAZD', value: Number.NaN },
  { name: 'Joint average', family: 'GLCM', image_type: 'wavelet-LLH', ibsi_code: '60VM', aggregation_code: 'IAZD', value: 3 },
  {
    name: 'Volume at intensity fraction',
    family: 'intensity-volume histogram',
    image_type: 'original',
    ibsi_code: 'BC2M',
    aggregation_code: 'DHQ4',
    table_feature: 'volume fraction at 10% intensity',
    value: 0.324,
  },
];

async function mount(features: CaseFeature[], profile: 'ibsi' | 'pyradiomics' = 'ibsi') {
  const el = document.createElement('wr-feature-table');
  el.features = features;
  el.profile = profile;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const rows = (el: HTMLElement) => Array.from(el.shadowRoot!.querySelectorAll('tbody tr'));
const cells = (tr: Element) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent!.trim().replace(/\s+/g, ' '));

async function type(el: HTMLElement & { updateComplete: Promise<boolean> }, text: string) {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('#filter')!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

describe('<wr-feature-table>', () => {
  it('renders one row per feature with image type, family, name, code, aggregation and the value', async () => {
    const el = await mount(records);
    const trs = rows(el);
    expect(trs.length).to.equal(4);
    expect(cells(trs[0])).to.deep.equal(['original', 'GLCM', 'Joint maximum', 'GYBY', '3D, averaged (ITBB)', '0.502811']);
    expect(trs[0].querySelector('td.value')!.getAttribute('data-value')).to.equal('0.50281117075');
    expect(trs[0].getAttribute('data-key')).to.equal('GLCM_Joint_maximum_ITBB');
    expect(trs[1].querySelector('td.value')!.textContent).to.equal('NaN');
    expect(trs[2].querySelector('td.value')!.textContent).to.equal('3');
    expect(trs[2].getAttribute('data-key')).to.equal('wavelet_LLH_GLCM_Joint_average_IAZD');
    expect(cells(trs[3])[2]).to.equal('Volume at intensity fraction (volume fraction at 10% intensity)');
    expect(trs[3].getAttribute('data-key')).to.equal('intensity_volume_histogram_volume_fraction_at_10_intensity_DHQ4');
    expect(el.shadowRoot!.querySelector('#count')!.textContent).to.equal('4 features');
    el.remove();
  });

  it('filters rows by every word typed, over name, family, code, aggregation and image type', async () => {
    const el = await mount(records);
    await type(el, 'glcm iazd');
    expect(rows(el).map((tr) => tr.getAttribute('data-code'))).to.deep.equal(['ACUI', '60VM']);
    expect(el.shadowRoot!.querySelector('#count')!.textContent).to.equal('2 of 4 features');
    await type(el, 'WAVELET');
    expect(rows(el).map((tr) => tr.getAttribute('data-code'))).to.deep.equal(['60VM']);
    await type(el, '10%');
    expect(rows(el).map((tr) => tr.getAttribute('data-code'))).to.deep.equal(['BC2M']);
    await type(el, 'merged');
    expect(rows(el).length).to.equal(2);
    await type(el, 'no such feature');
    expect(rows(el).length).to.equal(0);
    expect(el.shadowRoot!.querySelector('#count')!.textContent).to.equal('0 of 4 features');
    await type(el, '');
    expect(rows(el).length).to.equal(4);
    el.remove();
  });

  it('keys PyRadiomics rows by their PyRadiomics name; shape rows have no aggregation', async () => {
    const el = await mount(
      [
        { name: 'original_glcm_Contrast', family: 'glcm', image_type: 'original', ibsi_code: 'ACUI', aggregation_code: 'ITBB', value: 1.5 },
        { name: 'original_shape_Elongation', family: 'shape', image_type: 'original', ibsi_code: 'Q3CK', aggregation_code: null, value: 0.8 },
      ],
      'pyradiomics',
    );
    const trs = rows(el);
    expect(trs.map((tr) => tr.getAttribute('data-key'))).to.deep.equal(['original_glcm_Contrast', 'original_shape_Elongation']);
    expect(cells(trs[1])[4]).to.equal('');
    el.remove();
  });

  it('re-renders when given new features, and handles hundreds of rows', async () => {
    const el = await mount([]);
    expect(rows(el).length).to.equal(0);
    el.features = Array.from({ length: 600 }, (_, i) => ({ ...records[0], name: `Feature ${i}`, value: i }));
    await el.updateComplete;
    expect(rows(el).length).to.equal(600);
    await type(el, 'feature 59');
    // Feature 59, 159, 259, 359, 459, 559 and 590..599
    expect(rows(el).length).to.equal(16);
    el.remove();
  });
});
