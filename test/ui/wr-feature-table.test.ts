import { expect } from 'chai';
import '../../src/ui/wr-feature-table.js';
import type { FeatureRecord } from '../../src/core/features/types.js';

const records: FeatureRecord[] = [
  { name: 'Joint maximum', family: 'GLCM', ibsi_code: 'GYBY', aggregation_code: 'ITBB', aggregation: '3D, averaged', value: 0.50281117075 },
  { name: 'Contrast', family: 'GLCM', ibsi_code: 'ACUI', aggregation_code: 'IAZD', aggregation: '3D, merged', value: Number.NaN },
  { name: 'Joint average', family: 'GLCM', ibsi_code: '60VM', aggregation_code: 'IAZD', aggregation: '3D, merged', value: 3 },
];

describe('<wr-feature-table>', () => {
  it('renders one row per feature with name, code, aggregation and the value', async () => {
    const el = document.createElement('wr-feature-table');
    el.features = records;
    document.body.append(el);
    await el.updateComplete;
    const rows = el.shadowRoot!.querySelectorAll('tbody tr');
    expect(rows.length).to.equal(3);
    const cells = Array.from(rows[0].querySelectorAll('td')).map((td) => td.textContent!.trim());
    expect(cells).to.deep.equal(['GLCM', 'Joint maximum', 'GYBY', '3D, averaged (ITBB)', '0.502811']);
    expect(rows[0].querySelector('td.value')!.getAttribute('data-value')).to.equal('0.50281117075');
    expect(rows[1].querySelector('td.value')!.textContent).to.equal('NaN');
    expect(rows[2].querySelector('td.value')!.textContent).to.equal('3');
    el.remove();
  });

  it('re-renders when given new features', async () => {
    const el = document.createElement('wr-feature-table');
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('tbody tr').length).to.equal(0);
    el.features = records.slice(0, 1);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('tbody tr').length).to.equal(1);
    el.remove();
  });
});
