/**
 * Kaplan-Meier plot data: each group's survival as a right-continuous step function from (0, 1) with its
 * pointwise 95 % CI as a band, censoring marks on the curve, and the numbers-at-risk table under the plot.
 * Groups share one aligned table (align.ts): each group's rows carry its curve, CI limits and marks.
 */
import type { KmCurveSummary } from '../model/risk-survival.js';
import { alignGroups, stepVertices, type XYGroup } from './align.js';
import { withAlpha, type PlotBand, type PlotSeries, type PlotSpec, type PlotTable } from './types.js';

export interface KmGroup {
  label: string;
  /** Row label in the numbers-at-risk table (default: label). */
  tableLabel?: string;
  color: string;
  curve: Pick<KmCurveSummary, 'time' | 'surv' | 'lower' | 'upper' | 'nCensor'>;
}

/** Step vertices of one KM curve: survival, CI limits (null where undefined) and censoring marks. */
export function kmSteps(curve: KmGroup['curve']): { x: number[]; surv: (number | null)[]; upper: (number | null)[]; lower: (number | null)[]; censored: (number | null)[] } {
  const st = stepVertices(0, [1, 1, 1], curve.time, [curve.surv, curve.upper, curve.lower]);
  const censored: (number | null)[] = st.x.map(() => null);
  curve.nCensor.forEach((c, k) => {
    if (c > 0) censored[st.at[k]] = curve.surv[k];
  });
  return { x: st.x, surv: st.ys[0], upper: st.ys[1], lower: st.ys[2], censored };
}

export function kaplanMeierPlot(
  groups: readonly KmGroup[],
  meta: { id: string; title: string; subtitle?: string; timeLabel?: string },
  atRisk?: { times: readonly number[]; counts: readonly (readonly number[])[] },
): PlotSpec {
  const xy: XYGroup[] = [];
  const series: PlotSeries[] = [];
  const bands: PlotBand[] = [];
  groups.forEach((g) => {
    const s = kmSteps(g.curve);
    xy.push({ x: s.x, ys: [s.surv, s.upper, s.lower, s.censored] });
    const first = series.length + 1;
    series.push(
      { label: g.label, color: g.color, width: 2 },
      { label: `${g.label} 95% CI upper`, color: g.color, style: 'band-limit' },
      { label: `${g.label} 95% CI lower`, color: g.color, style: 'band-limit' },
      { label: `${g.label} censored`, color: g.color, style: 'points', legend: false },
    );
    bands.push({ upper: first + 1, lower: first + 2, fill: withAlpha(g.color, 0.15) });
  });
  const tMax = Math.max(0, ...groups.map((g) => g.curve.time[g.curve.time.length - 1] ?? 0), ...(atRisk?.times ?? []));
  const table: PlotTable | undefined = atRisk
    ? { title: 'Number at risk', x: [...atRisk.times], rows: groups.map((g, k) => ({ label: g.tableLabel ?? g.label, color: g.color, values: [...atRisk.counts[k]] })) }
    : undefined;
  const { timeLabel, ...rest } = meta;
  return {
    kind: 'kaplan-meier',
    ...rest,
    x: { label: timeLabel ?? 'Time (months)', range: [0, tMax > 0 ? tMax : 1] },
    y: { label: 'Survival probability', range: [0, 1] },
    data: alignGroups(xy),
    series,
    bands,
    ...(table ? { table } : {}),
  };
}
