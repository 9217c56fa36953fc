/**
 * The results report: one self-contained HTML file (no scripts, no external resources) with the settings, the
 * study-style tables (result-tables.ts) and every figure as inline SVG. A print stylesheet lays it out on A4 for
 * "Print to PDF": tables and figures are not split across pages, and the synthetic-data banner stays on each page.
 */
import { escapeXml } from '../plots/svg.js';
import type { ResearchFigures } from './plots.js';
import type { ResultTable } from './result-tables.js';
import type { ResearchSummary } from './summary.js';

const esc = escapeXml;

const STYLE = `
body { font-family: Helvetica, Arial, sans-serif; color: #1c2530; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #c9d0d8; }
.meta { color: #4a5560; font-size: 0.9rem; }
.synthetic { border: 2px solid #b42318; background: #fef3f2; color: #7a1a12; padding: 0.5rem 0.8rem; font-weight: bold; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 0.2rem; font-size: 0.85rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
th, td { padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
thead th { border-top: 2px solid #1c2530; border-bottom: 1px solid #1c2530; }
tbody tr:last-child td { border-bottom: 2px solid #1c2530; }
tr.group td { font-weight: bold; padding-top: 0.5rem; }
td.indent { padding-left: 1.5rem; }
td + td { white-space: nowrap; }
.notes { font-size: 0.8rem; color: #4a5560; margin: 0 0 1rem; }
figure { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: #4a5560; }
ul.settings { font-size: 0.9rem; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table, .table-block { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}`;

export function tableHtml(tb: ResultTable): string {
  const head = `<thead><tr>${tb.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`;
  const body = tb.rows
    .map((r) => {
      const cells = r.cells
        .map((c, k) => {
          const indent = k === 0 && c.text.startsWith('  ');
          const attrs = `${indent ? ' class="indent"' : ''}${c.key ? ` data-key="${esc(c.key)}"` : ''}${c.value !== undefined && c.value !== null ? ` data-value="${c.value}"` : ''}`;
          return `<td${attrs}>${esc(indent ? c.text.trim() : c.text)}</td>`;
        })
        .join('');
      return `<tr${r.group ? ' class="group"' : ''}>${cells}</tr>`;
    })
    .join('');
  const notes = tb.notes?.length ? `<p class="notes">${tb.notes.map(esc).join('<br>')}</p>` : '';
  return `<div class="table-block" id="table-${esc(tb.id)}"><table><caption>${esc(tb.title)}</caption>${head}<tbody>${body}</tbody></table>${notes}</div>`;
}

export interface ReportInput {
  summary: ResearchSummary;
  tables: ResultTable[];
  figures: ResearchFigures;
  createdAt: string;
}

export function researchReportHtml({ summary: s, tables, figures, createdAt }: ReportInput): string {
  const banner = s.syntheticData
    ? `<div class="synthetic">SYNTHETIC DATA: this report was built on generated data, not on patients. For demonstration and software testing only.</div>`
    : '';
  const byId = new Map(tables.map((tb) => [tb.id, tb]));
  const tb = (id: string) => (byId.has(id) ? tableHtml(byId.get(id)!) : '');
  let n = 0;
  const fig = (svg: string, caption: string) => `<figure>${svg}<figcaption>Figure ${++n}. ${esc(caption)}</figcaption></figure>`;
  const plots = (kind: string) => figures.plots.filter((p) => p.spec.kind === kind);
  const figs = (kind: string, caption: (title: string) => string) => plots(kind).map((p) => fig(p.svg, caption(p.spec.title))).join('');
  const excluded = s.cohort.excluded.length
    ? `<p class="notes">Excluded (incomplete data): ${s.cohort.excluded.map((e) => `${esc(e.id)} (${esc(e.reason)})`).join('; ')}</p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${s.syntheticData ? 'SYNTHETIC DATA - ' : ''}Clinical-radiomic model report</title>
<style>${STYLE}</style></head>
<body>
${banner}
<h1>Clinical-radiomic model report</h1>
<p class="meta">WebRadiomics ${esc(s.version)}, ${esc(createdAt)}. Computed on the user's device.<br>
Cohort: ${esc(s.cohort.description)}; ${s.cohort.nUsed} of ${s.cohort.nPatients} patients used, ${s.cohort.nFeatures} radiomic features${s.cohort.nRepeat ? `, repeat segmentations of ${s.cohort.nRepeat} patients` : ''}.<br>
Endpoint: ${esc(s.endpoint.positive)} vs ${esc(s.endpoint.negative)}. ${esc(s.split.description)}: ${s.split.nTraining} training, ${s.split.nValidation} validation.</p>
${excluded}
<h2>Settings</h2>
<ul class="settings">${s.settings.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>
<h2>Patients</h2>
${tb('baseline')}
<h2>Model building</h2>
${tb('clinical')}
${tb('radiomics')}
${figs('lasso-path', (t) => `${t}: coefficients of the standardised features along the LASSO path; dashed lines at lambda.min and lambda.1se.`)}
${figs('cv-curve', (t) => `${t}: mean cross-validated deviance with one standard error.`)}
${tb('combined')}
${fig(figures.nomogramSvg, 'Nomogram of the combined model: read each variable\'s points, add them, and read the predicted probability under the total.')}
<h2>Performance</h2>
${tb('performance')}
${tb('delong')}
${figs('roc', (t) => `${t}.`)}
${tb('calibration')}
${figs('calibration', (t) => `${t}: observed against predicted probability; the dashed diagonal is perfect calibration.`)}
${figs('decision-curve', (t) => `${t}: net benefit against threshold probability, with treat-all and treat-none.`)}
<h2>Risk groups and survival</h2>
${tb('survival')}
${figs('kaplan-meier', (t) => `${t}: Kaplan-Meier curves with 95% confidence bands and numbers at risk.`)}
<h2>Selected features by response</h2>
${figs('feature-distribution', (t) => `${t}: distribution in responders and non-responders (training set).`)}
${s.notes.length ? `<h2>Notes</h2><ul>${s.notes.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : ''}
${banner}
</body></html>
`;
}
