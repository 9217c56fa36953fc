/**
 * Distribution of one feature by response: histograms (share of each group per bin, so groups of different size
 * compare) over common equal-width bins, drawn as outlines: each bin [a, b) with share h gives the vertices
 * (a, h), (b, h), joined through zero between groups of bins. Bins: Sturges' rule, ceil(log2 n) + 1, capped at 20.
 * The subtitle carries the Mann-Whitney p of the difference.
 */
import { mannWhitneyTest } from '../model/univariate.js';
import { pPhrase } from './calibration.js';
import { PLOT_COLOURS, type PlotSpec } from './types.js';

export interface Histogram {
  edges: number[];
  share: number[][];
}

/** Shares per bin of each group over common equal-width bins (the last bin includes its upper edge). */
export function sharedHistogram(groups: readonly (readonly number[])[], bins?: number): Histogram {
  const all = groups.flat();
  if (all.length === 0) throw new Error('no values to bin');
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const nb = Math.max(1, bins ?? Math.min(20, Math.ceil(Math.log2(all.length)) + 1));
  const width = hi > lo ? (hi - lo) / nb : 1;
  const edges = Array.from({ length: nb + 1 }, (_, k) => (k === nb && hi > lo ? hi : lo + k * width));
  const share = groups.map((g) => {
    const counts = new Array<number>(nb).fill(0);
    for (const v of g) counts[Math.min(nb - 1, Math.floor((v - lo) / width))]++;
    return counts.map((c) => (g.length > 0 ? c / g.length : 0));
  });
  return { edges, share };
}

/** Outline vertices of a histogram: (e0, 0), (e0, h0), (e1, h0), (e1, h1), ..., (en, h_{n-1}), (en, 0). */
export function histogramOutline(edges: readonly number[], share: readonly number[]): { x: number[]; y: number[] } {
  const x: number[] = [edges[0]];
  const y: number[] = [0];
  share.forEach((h, k) => {
    x.push(edges[k], edges[k + 1]);
    y.push(h, h);
  });
  x.push(edges[edges.length - 1]);
  y.push(0);
  return { x, y };
}

export function featureDistributionPlot(
  feature: string,
  values: readonly number[],
  y: readonly number[],
  labels: { positive: string; negative: string },
  meta: { id: string; setLabel: string },
): PlotSpec {
  const pos = values.filter((_, i) => y[i] === 1);
  const neg = values.filter((_, i) => y[i] === 0);
  const h = sharedHistogram([pos, neg]);
  const a = histogramOutline(h.edges, h.share[0]);
  const b = histogramOutline(h.edges, h.share[1]);
  const p = pos.length > 0 && neg.length > 0 ? mannWhitneyTest(pos, neg).pValue : NaN;
  return {
    kind: 'feature-distribution',
    id: meta.id,
    title: feature,
    subtitle: `${meta.setLabel}: ${labels.positive} (n = ${pos.length}) vs ${labels.negative} (n = ${neg.length}), Mann-Whitney ${pPhrase(p)}`,
    x: { label: feature },
    y: { label: 'Share of patients' },
    data: [a.x, a.y, b.y],
    series: [
      { label: `${labels.positive} (n = ${pos.length})`, color: PLOT_COLOURS.responder, width: 2 },
      { label: `${labels.negative} (n = ${neg.length})`, color: PLOT_COLOURS.nonResponder, width: 2 },
    ],
  };
}
