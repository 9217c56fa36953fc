/**
 * A small SVG serialiser for PlotSpec (types.ts), drawing from the same columnar data as the app's uPlot charts:
 * title and subtitle, axes with "pretty" ticks and grid, bands, series (lines spanning nulls, or points), marker
 * lines, a legend, and the table under the plot (numbers at risk) with its columns at the plot's x positions.
 * Everything is clipped to the plot area. Self-contained (no fonts or styles from outside), deterministic
 * (coordinates to 2 decimals), so the report can embed it and a user can edit it in Inkscape or Illustrator.
 */
import { prettyTicks } from '../model/nomogram.js';
import type { PlotSpec } from './types.js';

export interface SvgOptions {
  width?: number;
  /** Height of the plotting area (square plots use the width of the plotting area instead, up to this). */
  plotHeight?: number;
}

const FONT = 'font-family="Helvetica, Arial, sans-serif"';

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const n2 = (v: number) => (Math.round(v * 100) / 100).toString();

/** Extent of the x column, or of every drawn series, padded by 4 % (a flat range widened by 1). */
export function dataExtent(spec: PlotSpec, axis: 'x' | 'y'): [number, number] {
  const given = spec[axis].range;
  if (given) return given;
  let lo = Infinity;
  let hi = -Infinity;
  const cols = axis === 'x' ? [spec.data[0]] : spec.data.slice(1).filter((_, k) => spec.series[k]?.style !== 'hidden');
  for (const c of cols) {
    for (const v of c) {
      if (v === null || !Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  for (const m of axis === 'x' ? (spec.markerLines ?? []) : []) {
    lo = Math.min(lo, m.x);
    hi = Math.max(hi, m.x);
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (hi === lo) return [lo - 1, hi + 1];
  const pad = 0.04 * (hi - lo);
  return [lo - pad, hi + pad];
}

/** Tick label: as many decimals as the tick step needs. */
export function tickLabel(v: number, step: number): string {
  const dec = Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
  const s = v.toFixed(dec);
  return s === '-0' || /^-0\.0*$/.test(s) ? s.slice(1) : s;
}

interface LegendItem {
  label: string;
  color: string;
  dash?: number[];
  points: boolean;
}

export function plotToSvg(spec: PlotSpec, options: SvgOptions = {}): string {
  const width = options.width ?? 640;
  // room for the y-axis label and ticks, and for the row labels of a table under the plot
  const left = Math.max(64, ...(spec.table?.rows ?? []).map((r) => 14 + r.label.length * 6.5));
  const right = 18;
  const pw = width - left - right;
  const ph = spec.square ? Math.min(pw, options.plotHeight ?? 420) : (options.plotHeight ?? 320);
  const pl = spec.square ? left + (pw - ph) / 2 : left;
  const pwEff = spec.square ? ph : pw;
  let y = 22;
  const out: string[] = [];
  const text = (x: number, yy: number, s: string, attrs = '') => out.push(`<text x="${n2(x)}" y="${n2(yy)}" ${attrs}>${escapeXml(s)}</text>`);
  text(width / 2, y, spec.title, 'text-anchor="middle" font-size="15" font-weight="bold"');
  if (spec.subtitle) {
    y += 18;
    text(width / 2, y, spec.subtitle, 'text-anchor="middle" font-size="11" fill="#444"');
  }
  const top = y + 16;
  const [x0, x1] = dataExtent(spec, 'x');
  const [y0, y1] = dataExtent(spec, 'y');
  const sx = (v: number) => pl + ((v - x0) / (x1 - x0)) * pwEff;
  const sy = (v: number) => top + ph - ((v - y0) / (y1 - y0)) * ph;
  const clipId = `clip-${spec.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  out.push(`<defs><clipPath id="${clipId}"><rect x="${n2(pl)}" y="${n2(top)}" width="${n2(pwEff)}" height="${n2(ph)}"/></clipPath></defs>`);
  out.push(`<rect x="${n2(pl)}" y="${n2(top)}" width="${n2(pwEff)}" height="${n2(ph)}" fill="none" stroke="#888" stroke-width="1"/>`);
  // axes
  const xt = prettyTicks(x0, x1, spec.square ? 5 : 6).filter((v) => v >= x0 - 1e-12 && v <= x1 + 1e-12);
  const yt = prettyTicks(y0, y1, 5).filter((v) => v >= y0 - 1e-12 && v <= y1 + 1e-12);
  const xStep = xt.length > 1 ? xt[1] - xt[0] : 1;
  const yStep = yt.length > 1 ? yt[1] - yt[0] : 1;
  for (const v of xt) {
    out.push(`<line x1="${n2(sx(v))}" y1="${n2(top)}" x2="${n2(sx(v))}" y2="${n2(top + ph)}" stroke="#e3e6ea" stroke-width="1"/>`);
    text(sx(v), top + ph + 15, tickLabel(v, xStep), 'text-anchor="middle" font-size="11"');
  }
  for (const v of yt) {
    out.push(`<line x1="${n2(pl)}" y1="${n2(sy(v))}" x2="${n2(pl + pwEff)}" y2="${n2(sy(v))}" stroke="#e3e6ea" stroke-width="1"/>`);
    text(pl - 6, sy(v) + 4, tickLabel(v, yStep), 'text-anchor="end" font-size="11"');
  }
  text(pl + pwEff / 2, top + ph + 34, spec.x.label, 'text-anchor="middle" font-size="12"');
  const yMid = top + ph / 2;
  text(pl - 46, yMid, spec.y.label, `text-anchor="middle" font-size="12" transform="rotate(-90 ${n2(pl - 46)} ${n2(yMid)})"`);
  // bands, then series, then marker lines, all clipped
  const xs = spec.data[0];
  const g: string[] = [];
  for (const b of spec.bands ?? []) {
    const up = spec.data[b.upper];
    const lo = spec.data[b.lower];
    const rows = xs.map((_, i) => i).filter((i) => up[i] !== null && lo[i] !== null && Number.isFinite(up[i]!) && Number.isFinite(lo[i]!));
    if (rows.length < 2) continue;
    const pts = [...rows.map((i) => `${n2(sx(xs[i]))},${n2(sy(up[i]!))}`), ...rows.reverse().map((i) => `${n2(sx(xs[i]))},${n2(sy(lo[i]!))}`)];
    g.push(`<polygon points="${pts.join(' ')}" fill="${b.fill}" stroke="none"/>`);
  }
  spec.series.forEach((s, k) => {
    const col = spec.data[k + 1];
    const style = s.style ?? 'line';
    if (style === 'band-limit' || style === 'hidden') return;
    const pts: [number, number][] = [];
    col.forEach((v, i) => {
      if (v !== null && Number.isFinite(v)) pts.push([sx(xs[i]), sy(v)]);
    });
    if (style === 'line' && pts.length > 1) {
      const dash = s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : '';
      g.push(`<path d="M${pts.map(([a, b]) => `${n2(a)} ${n2(b)}`).join(' L')}" fill="none" stroke="${s.color}" stroke-width="${s.width ?? 1.5}"${dash} stroke-linejoin="round"/>`);
    }
    if (style === 'points' || s.marker) {
      for (const [a, b] of pts) g.push(`<circle cx="${n2(a)}" cy="${n2(b)}" r="${style === 'points' ? 2.2 : 3}" fill="${style === 'points' ? 'white' : s.color}" stroke="${s.color}" stroke-width="1.2"/>`);
    }
  });
  for (const m of spec.markerLines ?? []) {
    const c = m.color ?? '#555';
    g.push(`<line x1="${n2(sx(m.x))}" y1="${n2(top)}" x2="${n2(sx(m.x))}" y2="${n2(top + ph)}" stroke="${c}" stroke-width="1" stroke-dasharray="3 3"/>`);
    g.push(`<text x="${n2(sx(m.x) + 3)}" y="${n2(top + 12)}" font-size="10" fill="${c}">${escapeXml(m.label)}</text>`);
  }
  out.push(`<g clip-path="url(#${clipId})">${g.join('')}</g>`);
  // legend (flowing rows)
  let ly = top + ph + 56;
  const items: LegendItem[] = spec.series
    .filter((s) => (s.style ?? 'line') !== 'band-limit' && s.style !== 'hidden' && s.legend !== false)
    .map((s) => ({ label: s.label, color: s.color, dash: s.dash, points: s.style === 'points' }));
  let lx = left;
  for (const it of items) {
    const w = 28 + it.label.length * 6.2;
    if (lx + w > width - right && lx > left) {
      lx = left;
      ly += 16;
    }
    const dash = it.dash ? ` stroke-dasharray="${it.dash.join(' ')}"` : '';
    out.push(it.points ? `<circle cx="${n2(lx + 9)}" cy="${n2(ly - 4)}" r="3" fill="white" stroke="${it.color}"/>` : `<line x1="${n2(lx)}" y1="${n2(ly - 4)}" x2="${n2(lx + 18)}" y2="${n2(ly - 4)}" stroke="${it.color}" stroke-width="2"${dash}/>`);
    text(lx + 22, ly, it.label, 'font-size="11"');
    lx += w + 10;
  }
  let height = ly + 12;
  // table under the plot
  if (spec.table) {
    const t = spec.table;
    let ty = ly + 24;
    text(left, ty, t.title, 'font-size="11" font-weight="bold"');
    for (const row of t.rows) {
      ty += 16;
      text(pl - 6, ty, row.label, `text-anchor="end" font-size="11" fill="${row.color}"`);
      t.x.forEach((tx, k) => {
        if (tx >= x0 && tx <= x1) text(sx(tx), ty, String(row.values[k]), 'text-anchor="middle" font-size="11"');
      });
    }
    height = ty + 12;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${n2(height)}" viewBox="0 0 ${width} ${n2(height)}" ${FONT} fill="#1c2530"><rect width="100%" height="100%" fill="white"/>${out.join('')}</svg>`;
}
