/**
 * Calibration curves: per model, the Hosmer-Lemeshow groups (10 quantile groups of the predicted probability,
 * calibration.ts) as mean predicted probability (x) against observed proportion of events (y), joined in order of
 * x, with the ideal diagonal. Legends carry the Hosmer-Lemeshow p.
 */
import { hosmerLemeshow } from '../stats/calibration.js';
import { alignGroups, type XYGroup } from './align.js';
import { PLOT_COLOURS, type PlotSeries, type PlotSpec } from './types.js';

export interface PredictedModel {
  label: string;
  color: string;
  p: readonly number[];
  y: readonly number[];
}

export function calibrationPlot(models: readonly PredictedModel[], meta: { id: string; title: string; subtitle?: string }, groups = 10): PlotSpec {
  const xy: XYGroup[] = [];
  const series: PlotSeries[] = [];
  for (const m of models) {
    let label = m.label;
    let x: number[] = [];
    let y: number[] = [];
    try {
      const hl = hosmerLemeshow(m.p, m.y, { groups });
      const order = hl.table.meanPredicted.map((_, k) => k).filter((k) => hl.table.n[k] > 0).sort((a, b) => hl.table.meanPredicted[a] - hl.table.meanPredicted[b]);
      x = order.map((k) => hl.table.meanPredicted[k]);
      y = order.map((k) => hl.table.observedRate[k]);
      label += ` (Hosmer-Lemeshow ${pPhrase(hl.pValue)})`;
    } catch {
      label += ' (too few distinct predictions for Hosmer-Lemeshow)';
    }
    xy.push({ x, ys: [y] });
    series.push({ label, color: m.color, width: 2, marker: true });
  }
  xy.push({ x: [0, 1], ys: [[0, 1]] });
  series.push({ label: 'Ideal', color: PLOT_COLOURS.reference, dash: [4, 4], width: 1 });
  return {
    kind: 'calibration',
    ...meta,
    x: { label: 'Predicted probability', range: [0, 1] },
    y: { label: 'Observed proportion', range: [0, 1] },
    data: alignGroups(xy),
    series,
    square: true,
  };
}

/** "p = 0.123", "p < 0.001", "p = NA". */
export function pPhrase(p: number): string {
  const t = formatP(p);
  return t.startsWith('<') ? `p ${t}` : `p = ${t}`;
}

/** p-values as studies print them: 3 decimals, "< 0.001" below. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'NA';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}
