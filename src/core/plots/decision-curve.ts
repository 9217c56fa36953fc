/**
 * Decision curves (Vickers & Elkin 2006; evaluate.ts computes them): net benefit of each model against the
 * threshold probability, with treat-all and treat-none. All curves share the threshold grid, so the data are
 * aligned as they are. The y range is clipped as dcurves does: from -0.05 to a little above the largest benefit.
 */
import type { DecisionCurve } from '../model/evaluate.js';
import { PLOT_COLOURS, type PlotSeries, type PlotSpec } from './types.js';

export function decisionCurvePlot(models: readonly { label: string; color: string; curve: DecisionCurve }[], meta: { id: string; title: string; subtitle?: string }): PlotSpec {
  if (models.length === 0) throw new Error('a decision curve needs at least one model');
  const th = models[0].curve.thresholds;
  for (const m of models) {
    if (m.curve.thresholds.length !== th.length || m.curve.thresholds.some((t, k) => t !== th[k])) throw new Error('decision curves must share their thresholds');
  }
  const series: PlotSeries[] = models.map((m) => ({ label: m.label, color: m.color, width: 2 }));
  series.push({ label: 'Treat all', color: PLOT_COLOURS.treatAll, width: 1.5 }, { label: 'Treat none', color: PLOT_COLOURS.treatNone, width: 1.5, dash: [6, 3] });
  const top = Math.max(0, ...models.flatMap((m) => m.curve.netBenefit), ...models[0].curve.treatAll);
  return {
    kind: 'decision-curve',
    ...meta,
    x: { label: 'Threshold probability', range: [0, 1] },
    y: { label: 'Net benefit', range: [-0.05, Math.ceil((top + 0.05) * 20) / 20] },
    data: [[...th], ...models.map((m) => [...m.curve.netBenefit]), [...models[0].curve.treatAll], th.map(() => 0)],
    series,
  };
}
