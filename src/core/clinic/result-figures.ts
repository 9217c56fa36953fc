/**
 * Figures of a clinic result, as data the page renders and the report prints: the model's Kaplan-Meier curves of
 * OS and PFS per risk group with the patient's group drawn bold and named in the legend, and the contribution of
 * each factor to the linear predictor as a horizontal bar chart (SVG; bars to the right raise the probability).
 */
import type { ModelFile } from '../model/model-file.js';
import { kaplanMeierPlot } from '../plots/kaplan-meier.js';
import { nomogramSvg } from '../plots/nomogram-svg.js';
import { escapeXml } from '../plots/svg.js';
import { PLOT_COLOURS, withAlpha, type PlotSpec } from '../plots/types.js';
import type { RiskGroupSurvival } from '../model/risk-survival.js';
import { renderPlot, type ResearchPlot } from '../research/plots.js';
import type { Assessment } from './assessment.js';

const NAMES = { os: 'Overall survival', pfs: 'Progression-free survival' } as const;

/** KM plot of the model's risk groups, the patient's group highlighted (thicker line, "this patient" in its label). */
export function patientKmPlot(s: RiskGroupSurvival, endpoint: 'os' | 'pfs', patientGroup: 'high' | 'low', set: string): PlotSpec {
  const p = s.logrankP < 0.001 ? '< 0.001' : `= ${s.logrankP.toFixed(3)}`;
  const group = (g: 'low' | 'high') => {
    const mine = g === patientGroup;
    const name = g === 'low' ? 'Low risk' : 'High risk';
    return {
      label: `${name} (n = ${s[g].n})${mine ? ': this patient\'s group' : ''}`,
      tableLabel: name,
      color: mine ? PLOT_COLOURS[g] : withAlpha(PLOT_COLOURS[g], 0.45),
      curve: s[g],
    };
  };
  const spec = kaplanMeierPlot(
    [group('low'), group('high')],
    {
      id: `clinic-km-${endpoint}`,
      title: `${NAMES[endpoint]} by risk group (${set} set of the model)`,
      subtitle: `patient: ${patientGroup} risk; log-rank p ${p}; HR (high vs low) ${s.hazardRatio.toFixed(3)} (95% CI ${s.hrCiLower.toFixed(3)}-${s.hrCiUpper.toFixed(3)})`,
    },
    { times: s.atRiskTimes, counts: [s.atRiskLow, s.atRiskHigh] },
  );
  // the patient's group: a thick line; the other: thin
  const mineIdx = patientGroup === 'low' ? 0 : 4;
  spec.series = spec.series.map((x, k) => (k === mineIdx ? { ...x, width: 3.5 } : k === (4 - mineIdx) ? { ...x, width: 1.5, dash: [6, 4] } : x));
  return spec;
}

export interface ClinicFigures {
  km: { os: ResearchPlot | null; pfs: ResearchPlot | null };
  contributionsSvg: string;
  /** the model's nomogram (SVG), when the file has one */
  nomogramSvg: string | null;
}

export function clinicFigures(a: Assessment, model?: Pick<ModelFile, 'nomogram' | 'clinicalVariables' | 'endpoint'>): ClinicFigures {
  const km = (e: 'os' | 'pfs') => {
    const s = a.survival[e];
    return s ? renderPlot(patientKmPlot(s, e, a.survival.patientGroup, a.survival.set)) : null;
  };
  const nomo = model?.nomogram ? nomogramSvg(model.nomogram, { title: 'Nomogram of the combined model', outcome: `Probability of ${model.endpoint.positive}`, predictors: model.clinicalVariables }) : null;
  return { km: { os: km('os'), pfs: km('pfs') }, contributionsSvg: contributionSvg(a), nomogramSvg: nomo };
}

const n2 = (v: number) => (Math.round(v * 100) / 100).toString();
const sig3 = (v: number) => Number(v.toPrecision(3)).toString();

/** Bars of the logit contributions around zero; nomogram points in the label where the model has a nomogram. */
export function contributionSvg(a: Pick<Assessment, 'contributions'>, width = 640): string {
  const rows = a.contributions;
  const rowH = 26;
  const labelW = 230;
  const valueW = 120;
  const top = 30;
  const height = top + rows.length * rowH + 30;
  const span = Math.max(1e-9, ...rows.map((r) => Math.abs(r.logit)));
  const x0 = labelW + (width - labelW - valueW) / 2;
  const half = (width - labelW - valueW) / 2 - 6;
  const sx = (v: number) => x0 + (v / span) * half;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" role="img" aria-label="Contribution of each factor to the linear predictor">`);
  out.push(`<text x="${n2(x0)}" y="16" text-anchor="middle" font-size="12">Contribution to logit(p): left lowers, right raises the probability</text>`);
  rows.forEach((r, k) => {
    const y = top + k * rowH;
    const value = typeof r.value === 'number' ? sig3(r.value) : r.value;
    const xa = sx(Math.min(0, r.logit));
    const w = Math.abs(sx(r.logit) - sx(0));
    const colour = r.logit >= 0 ? PLOT_COLOURS.responder : PLOT_COLOURS.nonResponder;
    out.push(`<text x="8" y="${n2(y + 17)}" font-size="12">${escapeXml(`${r.name} = ${value}`)}</text>`);
    out.push(`<rect x="${n2(xa)}" y="${n2(y + 5)}" width="${n2(Math.max(w, 0.5))}" height="${rowH - 10}" fill="${colour}" data-name="${escapeXml(r.name)}" data-logit="${r.logit}"/>`);
    const pts = r.points === null ? '' : ` (${r.points.toFixed(1)} pts)`;
    out.push(`<text x="${n2(width - valueW + 8)}" y="${n2(y + 17)}" font-size="11">${escapeXml(`${r.logit >= 0 ? '+' : ''}${r.logit.toFixed(3)}${pts}`)}</text>`);
  });
  out.push(`<line x1="${n2(x0)}" y1="${top - 4}" x2="${n2(x0)}" y2="${n2(top + rows.length * rowH + 4)}" stroke="#1c2530" stroke-width="1"/>`);
  out.push('</svg>');
  return out.join('');
}
