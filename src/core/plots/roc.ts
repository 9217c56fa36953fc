/**
 * ROC curves of several models on the same patients (pROC's curve, roc.ts): x = 1 - specificity, y = sensitivity,
 * from (0, 0) to (1, 1) with thresholds falling, plus the chance diagonal. Legends carry the AUC with its DeLong
 * 95 % CI.
 */
import { aucDelong, rocCurve } from '../stats/roc.js';
import { alignGroups, type XYGroup } from './align.js';
import { PLOT_COLOURS, type PlotSeries, type PlotSpec } from './types.js';

export interface ScoredModel {
  label: string;
  color: string;
  scores: readonly number[];
  y: readonly number[];
}

/** ROC points as (1 - specificity, sensitivity), both non-decreasing. */
export function rocPoints(scores: readonly number[], y: readonly number[]): { fpr: number[]; tpr: number[] } {
  const pts = rocCurve(scores, y).reverse();
  return { fpr: pts.map((p) => 1 - p.specificity), tpr: pts.map((p) => p.sensitivity) };
}

export function rocPlot(models: readonly ScoredModel[], meta: { id: string; title: string; subtitle?: string }): PlotSpec {
  const groups: XYGroup[] = [];
  const series: PlotSeries[] = [];
  for (const m of models) {
    const { fpr, tpr } = rocPoints(m.scores, m.y);
    const a = aucDelong(m.scores, m.y);
    groups.push({ x: fpr, ys: [tpr] });
    series.push({ label: `${m.label} (AUC ${a.auc.toFixed(3)}, 95% CI ${a.ciLower.toFixed(3)}-${a.ciUpper.toFixed(3)})`, color: m.color, width: 2 });
  }
  groups.push({ x: [0, 1], ys: [[0, 1]] });
  series.push({ label: 'Chance', color: PLOT_COLOURS.reference, dash: [4, 4], width: 1 });
  return {
    kind: 'roc',
    ...meta,
    x: { label: '1 - Specificity', range: [0, 1] },
    y: { label: 'Sensitivity', range: [0, 1] },
    data: alignGroups(groups),
    series,
    square: true,
  };
}
