import { expect } from 'chai';
import '../../src/ui/plots/index.js';
import type { PlotBase } from '../../src/ui/plots/plot-base.js';
import type { ResearchPlot } from '../../src/core/research/plots.js';
import { captureDownloads, syntheticOutput } from './research-fixture.js';

const TAGS = {
  roc: 'wr-roc-plot',
  calibration: 'wr-calibration-plot',
  'decision-curve': 'wr-decision-curve-plot',
  'kaplan-meier': 'wr-km-plot',
  'lasso-path': 'wr-lasso-path-plot',
  'cv-curve': 'wr-cv-curve-plot',
  'feature-distribution': 'wr-feature-distribution-plot',
} as const;

async function mount(plot: ResearchPlot): Promise<PlotBase> {
  const el = document.createElement(TAGS[plot.spec.kind]) as PlotBase;
  el.style.width = '600px';
  el.plot = plot;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const plotOf = (id: string) => syntheticOutput().figures.plots.find((p) => p.spec.id === id)!;

describe('plot components (uPlot)', () => {
  for (const kind of Object.keys(TAGS) as (keyof typeof TAGS)[]) {
    it(`<${TAGS[kind]}> draws its data with uPlot and lists the legend`, async () => {
      const plot = syntheticOutput().figures.plots.find((p) => p.spec.kind === kind)!;
      expect(plot, kind).to.exist;
      const el = await mount(plot);
      const u = el.uplot!;
      expect(u, 'uPlot instance').to.exist;
      expect(u.data.length).to.equal(plot.spec.data.length);
      expect(u.data[0].length).to.equal(plot.spec.data[0].length);
      const canvas = el.shadowRoot!.querySelector('canvas')!;
      expect(canvas.width).to.be.greaterThan(100);
      expect(canvas.height).to.be.greaterThan(100);
      const legend = [...el.shadowRoot!.querySelectorAll('ul.legend li')].map((li) => li.textContent!.trim());
      const expected = plot.spec.series.filter((s) => (s.style ?? 'line') !== 'band-limit' && s.style !== 'hidden' && s.legend !== false).map((s) => s.label);
      expect(legend).to.deep.equal(expected);
      el.remove();
    });
  }

  it('adopts uPlot\'s stylesheet into the shadow root (no request for it)', async () => {
    const el = await mount(plotOf('roc-training'));
    const wrap = el.shadowRoot!.querySelector('.uplot')!;
    expect(getComputedStyle(wrap).fontFamily.length).to.be.greaterThan(0);
    const sheets = (el.shadowRoot as ShadowRoot).adoptedStyleSheets;
    const text = sheets.map((s) => [...s.cssRules].map((r) => r.cssText).join('')).join('');
    expect(text).to.contain('.uplot');
    el.remove();
  });

  it('ROC and calibration plots are square; KM shows the numbers-at-risk table', async () => {
    const roc = await mount(plotOf('roc-training'));
    expect(roc.uplot!.width).to.equal(roc.uplot!.height);
    roc.remove();
    const kmPlot = plotOf('km-os-training');
    const km = await mount(kmPlot);
    const rows = [...km.shadowRoot!.querySelectorAll('table[data-table="at-risk"] tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()));
    expect(rows.map((r) => r[0])).to.deep.equal(['Low risk', 'High risk']);
    expect(rows[0].slice(1).map(Number)).to.deep.equal(kmPlot.spec.table!.rows[0].values);
    expect(km.shadowRoot!.querySelector('[data-export="table-csv"]')).to.exist;
    km.remove();
  });

  it('exports PNG, SVG and CSV of the same data', async () => {
    const plot = plotOf('km-pfs-validation');
    const el = await mount(plot);
    const files = await captureDownloads(async () => {
      for (const f of ['png', 'svg', 'csv', 'table-csv'] as const) await el.export(f);
    });
    expect(files.map((f) => f.name)).to.deep.equal(['km-pfs-validation.png', 'km-pfs-validation.svg', 'km-pfs-validation.csv', 'km-pfs-validation-table.csv']);
    const png = new Uint8Array(await files[0].blob.arrayBuffer());
    expect([...png.slice(0, 8)]).to.deep.equal([137, 80, 78, 71, 13, 10, 26, 10]);
    const bitmap = await createImageBitmap(files[0].blob);
    expect(bitmap.width).to.equal(2 * 640);
    expect(await files[1].blob.text()).to.equal(plot.svg);
    expect(await files[2].blob.text()).to.equal(plot.csv);
    expect(await files[3].blob.text()).to.equal(plot.tableCsv);
    el.remove();
  });
});

describe('<wr-nomogram>', () => {
  it('shows the worker\'s SVG inline and exports it', async () => {
    const svg = syntheticOutput().figures.nomogramSvg;
    const el = document.createElement('wr-nomogram');
    el.svg = svg;
    document.body.append(el);
    await el.updateComplete;
    const text = el.shadowRoot!.querySelector('svg')!.textContent!;
    expect(text).to.contain('Total points');
    expect(text).to.contain('Rad-score');
    const files = await captureDownloads(() => el.export('svg'));
    expect(await files[0].blob.text()).to.equal(svg);
    el.remove();
  });
});
