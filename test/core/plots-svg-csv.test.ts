import { describe, expect, it } from 'vitest';
import { plotToCsv, tableToCsv } from '../../src/core/plots/csv.js';
import { dataExtent, escapeXml, plotToSvg, tickLabel } from '../../src/core/plots/svg.js';
import { nomogramSvg } from '../../src/core/plots/nomogram-svg.js';
import type { PlotSpec } from '../../src/core/plots/types.js';
import { buildNomogram } from '../../src/core/model/nomogram.js';

const spec: PlotSpec = {
  kind: 'kaplan-meier',
  id: 'km <test>',
  title: 'OS & PFS <by group>',
  x: { label: 'Time (months)', range: [0, 10] },
  y: { label: 'Survival', range: [0, 1] },
  data: [
    [0, 5, 5, 10],
    [1, 1, 0.5, null],
    [1, 1, 0.8, null],
    [1, 1, 0.2, null],
  ],
  series: [
    { label: 'Low risk', color: '#2f6db5', width: 2 },
    { label: 'Low risk', color: '#2f6db5', style: 'band-limit' },
    { label: 'lower', color: '#2f6db5', style: 'band-limit' },
  ],
  bands: [{ upper: 2, lower: 3, fill: 'rgba(0,0,0,0.1)' }],
  markerLines: [{ x: 5, label: 'cut' }],
  table: { title: 'Number at risk', x: [0, 5, 10], rows: [{ label: 'Low risk', color: '#2f6db5', values: [10, 4, 0] }] },
};

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe('SVG serialiser', () => {
  const svg = plotToSvg(spec);
  it('is one self-contained, escaped SVG document', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('OS &amp; PFS &lt;by group&gt;');
    expect(svg).not.toMatch(/<by group>/);
    expect(svg).not.toMatch(/(href|src)=/);
    expect(count(svg, /<text\b/g)).toBe(count(svg, /<\/text>/g));
    expect(svg).toContain('clip-path="url(#clip-km__test_)"');
  });
  it('draws lines, bands, marker lines, legend and table from the columns', () => {
    expect(count(svg, /<path d="M/g)).toBe(1); // one drawn series; the band limits are not stroked
    expect(count(svg, /<polygon /g)).toBe(1);
    expect(svg).toContain('>cut</text>');
    expect(svg).toContain('>Number at risk</text>');
    for (const v of ['10', '4', '0']) expect(svg).toContain(`>${v}</text>`);
    // x = 0 at the left edge of the plot, y = 1 at its top: the path starts at the plot's top-left corner
    const rect = /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="none"/.exec(svg)!;
    const path = /<path d="M([\d.]+) ([\d.]+)/.exec(svg)!;
    expect(Number(path[1])).toBeCloseTo(Number(rect[1]), 1);
    expect(Number(path[2])).toBeCloseTo(Number(rect[2]), 1);
  });
  it('pads data extents and labels ticks with the decimals the step needs', () => {
    expect(dataExtent({ ...spec, x: { label: 'x' } }, 'x')).toEqual([-0.4, 10.4]);
    expect(tickLabel(0.2, 0.2)).toBe('0.2');
    expect(tickLabel(-0, 0.05)).toBe('0.00');
    expect(tickLabel(20, 10)).toBe('20');
    expect(escapeXml(`a"b'c`)).toBe('a&quot;b&#39;c');
  });
});

describe('CSV export', () => {
  it('one row per x, empty cells for null, labels made unique', () => {
    const csv = plotToCsv(spec).trim().split('\n');
    expect(csv[0]).toBe('Time (months),Low risk,Low risk (2),lower');
    expect(csv[4]).toBe('10,,,');
    expect(csv.length).toBe(5);
    expect(tableToCsv(spec.table!, 'Time (months)')).toBe('Time (months),Low risk\n0,10\n5,4\n10,0\n');
  });
});

describe('nomogram SVG', () => {
  it('has the Points, variable, Total points and probability axes', () => {
    const nomo = buildNomogram(-1, [
      { predictor: { variable: 'RadScore', label: 'Rad-score', type: 'numeric' }, coefficients: [1.2], range: [-2, 3] },
      { predictor: { variable: 'PVTT', label: 'PVTT', type: 'categorical', levels: ['absent', 'present'] }, coefficients: [-0.8] },
    ]);
    const svg = nomogramSvg(nomo, { title: 'Nomogram', outcome: 'response' });
    for (const t of ['Points', 'Rad-score', 'PVTT', 'Total points', 'Probability of response', '>absent<', '>present<']) expect(svg).toContain(t);
  });
});
