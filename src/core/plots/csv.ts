/**
 * A plot's data as CSV: the aligned columns under the x-axis label and the series labels (made unique), one row
 * per x value; empty cells where a series has no point. Full precision (shortest round-trip decimal). A table
 * under the plot (numbers at risk) is exported by tableToCsv.
 */
import { csvField } from '../csv.js';
import type { PlotSpec, PlotTable } from './types.js';

function unique(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = seen.get(n) ?? 0;
    seen.set(n, k + 1);
    return k === 0 ? n : `${n} (${k + 1})`;
  });
}

const cellOf = (v: number | null) => (v === null ? '' : Number.isFinite(v) ? String(v) : v > 0 ? 'Inf' : v < 0 ? '-Inf' : 'NaN');

export function plotToCsv(spec: PlotSpec): string {
  const header = unique([spec.x.label, ...spec.series.map((s) => s.label)]);
  const lines = [header.map(csvField).join(',')];
  const [x, ...cols] = spec.data;
  for (let i = 0; i < x.length; i++) lines.push([cellOf(x[i]), ...cols.map((c) => cellOf(c[i]))].join(','));
  return `${lines.join('\n')}\n`;
}

export function tableToCsv(table: PlotTable, xLabel: string): string {
  const lines = [[xLabel, ...table.rows.map((r) => r.label)].map(csvField).join(',')];
  table.x.forEach((t, k) => lines.push([cellOf(t), ...table.rows.map((r) => String(r.values[k]))].join(',')));
  return `${lines.join('\n')}\n`;
}
