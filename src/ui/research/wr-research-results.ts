import { LitElement, css, html, nothing } from 'lit';
import type { PlotKind } from '../../core/plots/types.js';
import type { ResearchPlot } from '../../core/research/plots.js';
import type { ResearchOutput } from '../../core/research/run.js';
import { downloadText } from '../download.js';
import '../plots/index.js';
import './wr-result-table.js';
import { researchStyles } from './styles.js';

function plotElement(p: ResearchPlot) {
  switch (p.spec.kind) {
    case 'roc':
      return html`<wr-roc-plot .plot=${p}></wr-roc-plot>`;
    case 'calibration':
      return html`<wr-calibration-plot .plot=${p}></wr-calibration-plot>`;
    case 'decision-curve':
      return html`<wr-decision-curve-plot .plot=${p}></wr-decision-curve-plot>`;
    case 'kaplan-meier':
      return html`<wr-km-plot .plot=${p}></wr-km-plot>`;
    case 'lasso-path':
      return html`<wr-lasso-path-plot .plot=${p}></wr-lasso-path-plot>`;
    case 'cv-curve':
      return html`<wr-cv-curve-plot .plot=${p}></wr-cv-curve-plot>`;
    case 'feature-distribution':
      return html`<wr-feature-distribution-plot .plot=${p}></wr-feature-distribution-plot>`;
  }
}

/**
 * The results of a run, in the order of a paper: performance (AUC with CI, Youden metrics, DeLong, calibration),
 * ROC / calibration / decision curves, the models (clinical selection, LASSO with its plots, the combined model
 * and its nomogram), risk groups with KM curves and the survival table, patient characteristics and the
 * selected features by response; and the exports (model file, report, per-patient scores).
 *
 * @fires result-export - { kind: 'model' | 'report' | 'scores', name } after a file was saved
 */
export class WrResearchResults extends LitElement {
  static override properties = { output: { attribute: false } };

  output?: ResearchOutput;

  static override styles = [
    researchStyles,
    css`
      h3 { margin: 1.4rem 0 0.4rem; font-size: 1.1rem; border-bottom: 1px solid #d8dde3; }
      .exports { display: flex; gap: 0.6rem; flex-wrap: wrap; margin: 0.6rem 0; }
      .plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1.2rem; }
      ul.notes { font-size: 0.9rem; color: #4a5560; }
    `,
  ];

  private save(kind: 'model' | 'report' | 'scores') {
    const o = this.output!;
    const stem = o.summary.syntheticData ? 'synthetic-' : '';
    const files = {
      model: [`${stem}model.json`, o.modelFileText, 'application/json'],
      report: [`${stem}report.html`, o.reportHtml, 'text/html'],
      scores: [`${stem}scores.csv`, o.scoresCsv, 'text/csv'],
    } as const;
    const [name, text, type] = files[kind];
    downloadText(name, text, type);
    this.dispatchEvent(new CustomEvent('result-export', { detail: { kind, name }, bubbles: true, composed: true }));
  }

  private plots(...kinds: PlotKind[]) {
    const ps = this.output!.figures.plots.filter((p) => kinds.includes(p.spec.kind));
    return ps.length ? html`<div class="plots">${ps.map(plotElement)}</div>` : nothing;
  }

  private table(id: string) {
    const t = this.output!.tables.find((x) => x.id === id);
    return t ? html`<wr-result-table .table=${t}></wr-result-table>` : nothing;
  }

  override render() {
    const o = this.output;
    if (!o) return nothing;
    const s = o.summary;
    return html`<section id="results" data-synthetic=${String(s.syntheticData)}>
      ${s.syntheticData ? html`<p class="synthetic" id="synthetic-banner">SYNTHETIC DATA: these results come from generated patients, for trying the tool only.</p>` : nothing}
      <p id="result-summary">
        ${s.cohort.nUsed} of ${s.cohort.nPatients} patients, ${s.cohort.nFeatures} radiomic features. Endpoint: ${s.endpoint.positive}. ${s.split.description}: ${s.split.nTraining} training, ${s.split.nValidation} validation.
        LASSO kept ${s.lasso.features.length} features (${s.lasso.rule}); clinical model: ${s.clinical.selected.join(', ')}.
      </p>
      <div class="exports">
        <button type="button" id="download-model" @click=${() => this.save('model')}>Download the model file (JSON)</button>
        <button type="button" id="download-report" @click=${() => this.save('report')}>Download the report (HTML)</button>
        <button type="button" id="download-scores" class="secondary" @click=${() => this.save('scores')}>Per-patient scores (CSV)</button>
      </div>
      <p class="hint">The report is one HTML file with every table and figure; open it in a browser and print it to get a PDF (its print layout is A4).</p>
      <h3>Performance</h3>
      ${this.table('performance')} ${this.table('delong')} ${this.plots('roc')}
      <h3>Calibration and clinical usefulness</h3>
      ${this.table('calibration')} ${this.plots('calibration')} ${this.plots('decision-curve')}
      <h3>Risk groups and survival</h3>
      ${this.table('survival')} ${this.plots('kaplan-meier')}
      <h3>Models</h3>
      ${this.table('clinical')} ${this.table('radiomics')} ${this.plots('lasso-path', 'cv-curve')} ${this.table('combined')}
      <wr-nomogram .svg=${o.figures.nomogramSvg}></wr-nomogram>
      <h3>Patients</h3>
      ${this.table('baseline')}
      <h3>Selected features by response</h3>
      ${this.plots('feature-distribution')}
      ${s.notes.length ? html`<h3>Notes</h3><ul class="notes">${s.notes.map((n) => html`<li>${n}</li>`)}</ul>` : nothing}
    </section>`;
  }
}

customElements.define('wr-research-results', WrResearchResults);

declare global {
  interface HTMLElementTagNameMap {
    'wr-research-results': WrResearchResults;
  }
}
