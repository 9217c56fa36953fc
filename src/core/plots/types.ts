/**
 * A plot as data: uPlot's aligned columnar form ([x, y1, y2, ...], one row per x value, null where a series has no
 * point) plus what is needed to draw it the same way in the app (uPlot), in SVG (svg.ts) and to export it as CSV
 * (csv.ts). Built by the pure functions of this folder; the UI only renders it.
 *
 * Conventions: x is non-decreasing (a repeated x draws a vertical segment: steps of KM curves, ROC, histograms);
 * every series joins its non-null points in row order (uPlot's spanGaps), so series with different x values share
 * one table; a band fills between two series (e.g. a KM 95 % CI).
 */

export type PlotKind = 'roc' | 'calibration' | 'decision-curve' | 'kaplan-meier' | 'lasso-path' | 'cv-curve' | 'feature-distribution';

/** [x, ...series]: x has no nulls. */
export type AlignedColumns = [number[], ...(number | null)[][]];

export interface PlotSeries {
  label: string;
  color: string;
  /**
   * line: a polyline (default); points: markers only (censoring ticks, calibration groups drawn with `line` too
   * when `marker` is set); band-limit: not stroked, not in the legend (the edge of a band); hidden: data only (CSV).
   */
  style?: 'line' | 'points' | 'band-limit' | 'hidden';
  /** Markers on a line. */
  marker?: boolean;
  dash?: number[];
  width?: number;
  /** Listed in the legend (default true for lines and points). */
  legend?: boolean;
}

export interface PlotBand {
  /** Column indices in data (1 = first series). */
  upper: number;
  lower: number;
  fill: string;
}

export interface PlotMarkerLine {
  x: number;
  label: string;
  color?: string;
}

/** A table under the plot whose columns sit at x positions of the plot (numbers at risk under a KM plot). */
export interface PlotTable {
  title: string;
  x: number[];
  rows: { label: string; color: string; values: number[] }[];
}

export interface PlotAxis {
  label: string;
  range?: [number, number];
}

export interface PlotSpec {
  kind: PlotKind;
  /** Unique within a result, usable in file names: "roc-training". */
  id: string;
  title: string;
  subtitle?: string;
  x: PlotAxis;
  y: PlotAxis;
  data: AlignedColumns;
  series: PlotSeries[];
  bands?: PlotBand[];
  markerLines?: PlotMarkerLine[];
  table?: PlotTable;
  /** Draw with equal x and y extent (ROC, calibration). */
  square?: boolean;
}

/** A plot with its exports, as the worker hands it to the page. */
export interface RenderedPlot {
  spec: PlotSpec;
  svg: string;
  csv: string;
}

/** Colours shared by the app, the SVG export and the report. */
export const PLOT_COLOURS = {
  clinical: '#2f6db5',
  radiomic: '#2b8a3e',
  combined: '#c0392b',
  reference: '#7a828c',
  treatAll: '#7a828c',
  treatNone: '#1c2530',
  low: '#2f6db5',
  high: '#c0392b',
  responder: '#2b8a3e',
  nonResponder: '#c0392b',
  marker: '#5c4d7d',
} as const;

/** A qualitative palette for many series (LASSO paths). */
export const PALETTE = ['#2f6db5', '#c0392b', '#2b8a3e', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#b7950b', '#1abc9c', '#e84393', '#34495e', '#6d4c41'];

/** Translucent version of a #rrggbb colour for bands. */
export function withAlpha(hex: string, alpha: number): string {
  const v = parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255}, ${(v >> 8) & 255}, ${v & 255}, ${alpha})`;
}
