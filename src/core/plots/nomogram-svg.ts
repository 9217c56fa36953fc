/**
 * The nomogram of the combined model (nomogram.ts) drawn as rms::plot(nomogram) lays it out: a Points axis
 * 0-100 on top, one axis per variable whose ticks sit at the points of their values, a Total points axis and the
 * predicted-probability axis under it. Variable axes share the Points scale; the two bottom axes share the
 * Total-points scale. Tick labels that would collide alternate above and below their axis.
 */
import type { ClinicalPredictor } from '../model/clinical-model.js';
import { prettyTicks, type Nomogram } from '../model/nomogram.js';
import { escapeXml } from './svg.js';

const n2 = (v: number) => (Math.round(v * 100) / 100).toString();

function fmtValue(v: number | string, p?: ClinicalPredictor): string {
  if (typeof v === 'string') return v;
  // a dichotomised variable's two ticks are its two sides of the cut
  if (p?.cut !== undefined) return v >= p.cut ? `>= ${p.cut}` : `< ${p.cut}`;
  return Number(v.toPrecision(4)).toString();
}

export function nomogramSvg(nomo: Nomogram, options: { title?: string; outcome?: string; width?: number; predictors?: readonly ClinicalPredictor[] } = {}): string {
  const width = options.width ?? 720;
  const labelW = 190;
  const x0 = labelW;
  const x1 = width - 30;
  const rowH = 46;
  const out: string[] = [];
  const text = (x: number, y: number, s: string, attrs = '') => out.push(`<text x="${n2(x)}" y="${n2(y)}" ${attrs}>${escapeXml(s)}</text>`);
  let y = 24;
  if (options.title) text(width / 2, y, options.title, 'text-anchor="middle" font-size="15" font-weight="bold"');
  y += 22;
  const axis = (label: string, ticks: { at: number; label: string }[], scale: (v: number) => number, from: number, to: number) => {
    y += rowH;
    text(12, y + 4, label, 'font-size="12"');
    out.push(`<line x1="${n2(scale(from))}" y1="${n2(y)}" x2="${n2(scale(to))}" y2="${n2(y)}" stroke="#1c2530" stroke-width="1"/>`);
    const sorted = [...ticks].sort((a, b) => a.at - b.at);
    let lastX = -Infinity;
    let lastLen = 0;
    let below = false;
    for (const t of sorted) {
      const x = scale(t.at);
      // labels are centred on their tick, about 5.5 px per character at font size 10
      below = x - lastX < 2.75 * (t.label.length + lastLen) + 4 ? !below : false;
      lastX = x;
      lastLen = t.label.length;
      out.push(`<line x1="${n2(x)}" y1="${n2(y)}" x2="${n2(x)}" y2="${n2(y - 5)}" stroke="#1c2530" stroke-width="1"/>`);
      text(x, below ? y + 14 : y - 8, t.label, 'text-anchor="middle" font-size="10"');
    }
  };
  const pts = (p: number) => x0 + (p / 100) * (x1 - x0);
  axis('Points', prettyTicks(0, 100, 10).map((p) => ({ at: p, label: String(p) })), pts, 0, 100);
  for (const v of nomo.variables) {
    const lo = Math.min(...v.axis.map((a) => a.points));
    const hi = Math.max(...v.axis.map((a) => a.points));
    const pr = options.predictors?.find((x) => x.variable === v.variable);
    axis(v.label, v.axis.map((a) => ({ at: a.points, label: fmtValue(a.value, pr) })), pts, lo, hi);
  }
  const maxT = nomo.maxTotalPoints;
  const tot = (t: number) => x0 + (t / maxT) * (x1 - x0);
  axis('Total points', prettyTicks(0, maxT, 8).filter((t) => t <= maxT).map((t) => ({ at: t, label: String(t) })), tot, 0, maxT);
  const probs = nomo.probabilityScale.filter((_, k, a) => a.length <= 10 || k % 2 === 0 || k === a.length - 1);
  axis(`Probability of ${options.outcome ?? 'response'}`, probs.map((p) => ({ at: p.totalPoints, label: String(p.probability) })), tot, probs[0]?.totalPoints ?? 0, probs[probs.length - 1]?.totalPoints ?? maxT);
  const height = y + 30;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" fill="#1c2530"><rect width="100%" height="100%" fill="white"/>${out.join('')}</svg>`;
}
