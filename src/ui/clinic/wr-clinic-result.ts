import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { ClinicResult } from '../../pipeline/score-case.js';
import { TOOL_VERSION } from '../../version.js';
import { downloadText } from '../download.js';
import '../plots/wr-km-plot.js';
import '../plots/wr-nomogram.js';
import { clinicStyles } from './styles.js';

/** Inputs of the run, listed in the report. */
export interface ClinicRunInputs {
  modelName: string;
  studyDescription: string;
  roiName: string;
  settingsText: string;
  /** when the run finished (ISO 8601) */
  computedAt: string;
}

const pct = (p: number) => `${(100 * p).toFixed(1)} %`;
const f3 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? 'NA' : v.toFixed(3));
const pText = (p: number | null) => (p === null ? 'NA' : p < 0.001 ? '< 0.001' : p.toFixed(3));
const month = (v: number | null) => (v === null ? 'not reached' : `${v.toFixed(1)} months`);

/**
 * The clinic result and the report for the chart: predicted probability with the development cohort's
 * calibration, rad-score, risk group with the model's KM curves (the patient's group highlighted), each factor's
 * contribution, warnings, then inputs, settings, versions and ROI thumbnails, and the disclaimer. The print
 * stylesheet drops the controls so that "Print / save as PDF" gives the report alone. Holds no numeric logic:
 * numbers come from the worker and are only formatted.
 *
 * @fires clinic-print - before window.print()
 */
export class WrClinicResult extends LitElement {
  static override properties = { result: { attribute: false }, inputs: { attribute: false } };

  result?: ClinicResult;
  inputs?: ClinicRunInputs;

  static override styles = [
    clinicStyles,
    css`
      section { margin: 0.8rem 0; }
      h2 { font-size: 1.2rem; margin: 0.6rem 0 0.3rem; }
      h3 { font-size: 1rem; margin: 0.6rem 0 0.2rem; }
      .headline { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; align-items: baseline; margin: 0.5rem 0; }
      .headline output { font-size: 1.6rem; font-weight: 700; display: block; }
      .risk-high { color: #b42318; }
      .risk-low { color: #2f6db5; }
      .km { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
      .contributions svg { max-width: 100%; height: auto; }
      .thumbs { display: flex; gap: 1rem; flex-wrap: wrap; }
      .thumbs figure { margin: 0; }
      .thumbs canvas { width: 9rem; image-rendering: pixelated; border: 1px solid #d8dde3; }
      .disclaimer { border-top: 1px solid #d8dde3; margin-top: 1rem; padding-top: 0.5rem; font-size: 0.85rem; }
      pre { white-space: pre-wrap; font-size: 0.75rem; max-height: 14rem; overflow: auto; background: #f6f7f9; padding: 0.4rem; }
      .actions { display: flex; gap: 0.6rem; margin: 0.4rem 0; }
      @media print {
        pre { max-height: none; overflow: visible; }
        .km { grid-template-columns: 1fr; }
        section { break-inside: avoid; }
      }
    `,
  ];

  override render() {
    const r = this.result;
    if (!r) return nothing;
    const s = r.summary;
    const a = r.assessment;
    const syn = s.model.syntheticData;
    return html`<article id="report" data-risk-group=${s.riskGroup}>
      <div class="actions no-print">
        <button type="button" id="print" @click=${this.print}>Print / save as PDF</button>
        <button type="button" id="save-json" class="secondary" @click=${this.saveJson}>Save result (JSON)</button>
      </div>
      <h2 class="report-title">WebRadiomics: model result for one patient</h2>
      <p class="hint">Computed ${this.inputs?.computedAt ?? ''} with ${this.inputs?.modelName ?? 'the model'}.</p>
      ${syn ? html`<p class="synthetic" id="result-synthetic">Demonstration model trained on SYNTHETIC data: not for clinical use.</p>` : nothing}
      <h2>Predicted response: ${s.model.positive}</h2>
      <div class="headline">
        <div>Probability of ${s.model.positive}<output id="probability" data-value=${String(s.probability)}>${pct(s.probability)}</output></div>
        <div>Rad-score<output id="rad-score" data-value=${String(s.radScore)}>${s.radScore.toFixed(3)}</output></div>
        <div>Risk group<output id="risk-group" data-value=${s.riskGroup} class=${`risk-${s.riskGroup}`}>${s.riskGroup === 'high' ? 'High risk' : 'Low risk'}</output></div>
      </div>
      <p id="linear-predictor" data-value=${String(s.linearPredictor)}>Linear predictor ${s.linearPredictor.toFixed(3)} (${s.model.formula}); risk cut-off at probability ${pct(s.calibration.cutoffProbability)}.</p>
      <section id="calibration">
        <h3>How far to trust the number</h3>
        <p>
          Development cohort: AUC ${f3(s.calibration.aucTraining.auc)} (95% CI ${f3(s.calibration.aucTraining.aucCi[0])}-${f3(s.calibration.aucTraining.aucCi[1])}) in ${s.model.nTraining} training patients${s.calibration.aucValidation
            ? html`, ${f3(s.calibration.aucValidation.auc)} (${f3(s.calibration.aucValidation.aucCi[0])}-${f3(s.calibration.aucValidation.aucCi[1])}) in ${s.model.nValidation} validation patients`
            : nothing}.
          Calibration (${s.calibration.set} set): intercept ${f3(s.calibration.calibrationIntercept)}, slope ${f3(s.calibration.calibrationSlope)}, Hosmer-Lemeshow p ${pText(s.calibration.hosmerLemeshowP)}, Brier ${f3(s.calibration.brier)}.
          Recalibrated to the ${s.calibration.set} set, this patient's probability would be <span id="recalibrated" data-value=${String(s.calibration.recalibratedProbability)}>${pct(s.calibration.recalibratedProbability)}</span>.
        </p>
      </section>
      ${s.warnings.length
        ? html`<section><h3>Warnings</h3><ul class="warnings" id="warnings">${a.warnings.map((w) => html`<li data-kind=${w.kind}>${w.message}</li>`)}</ul></section>`
        : nothing}
      <section id="survival">
        <h3>Survival by risk group (the model's ${s.survival.set} set)</h3>
        <p>
          This patient is in the <strong>${s.riskGroup}</strong>-risk group.
          ${s.survival.os ? html`Median OS: low risk ${month(s.survival.os.medianLow)}, high risk ${month(s.survival.os.medianHigh)}.` : nothing}
          ${s.survival.pfs ? html`Median PFS: low risk ${month(s.survival.pfs.medianLow)}, high risk ${month(s.survival.pfs.medianHigh)}.` : nothing}
        </p>
        <div class="km">
          ${r.figures.km.os ? html`<wr-km-plot id="km-os" .plot=${r.figures.km.os}></wr-km-plot>` : html`<p class="hint">No OS curves in the model file.</p>`}
          ${r.figures.km.pfs ? html`<wr-km-plot id="km-pfs" .plot=${r.figures.km.pfs}></wr-km-plot>` : html`<p class="hint">No PFS curves in the model file.</p>`}
        </div>
      </section>
      <section id="contributions">
        <h3>What drives the prediction</h3>
        <div class="contributions">${unsafeHTML(r.figures.contributionsSvg)}</div>
        <table id="contribution-table">
          <thead><tr><th>Factor</th><th>Value</th><th>Contribution (logit)</th><th>Nomogram points</th></tr></thead>
          <tbody>
            ${s.contributions.map((c) => html`<tr data-name=${c.name}><td>${c.name}</td><td>${typeof c.value === 'number' ? c.value.toFixed(3) : c.value}</td><td class="num" data-value=${String(c.logit)}>${c.logit.toFixed(3)}</td><td class="num">${c.points === null ? '' : c.points.toFixed(1)}</td></tr>`)}
          </tbody>
        </table>
        ${s.totalPoints !== null ? html`<p id="total-points" data-value=${String(s.totalPoints)}>Nomogram: ${s.totalPoints.toFixed(1)} total points.</p>` : nothing}
        ${r.figures.nomogramSvg ? html`<wr-nomogram id="nomogram" .svg=${r.figures.nomogramSvg}></wr-nomogram>` : nothing}
        <h3>Rad-score features</h3>
        <table id="feature-table">
          <thead><tr><th>Feature</th><th>Value</th><th>z</th><th>Contribution to rad-score</th></tr></thead>
          <tbody>
            ${s.featureContributions.map((f) => html`<tr data-name=${f.name}><td>${f.name}</td><td class="num" data-value=${String(f.value)}>${Number(f.value.toPrecision(6))}</td><td class="num">${f.z.toFixed(3)}</td><td class="num">${f.radScoreContribution.toFixed(3)}</td></tr>`)}
          </tbody>
        </table>
      </section>
      <section id="inputs">
        <h3>Inputs</h3>
        <table>
          <tbody>
            <tr><th>Model</th><td>${this.inputs?.modelName ?? ''}: ${s.model.toolName} ${s.model.toolVersion}, created ${s.model.createdAt}; ${s.model.intendedUse}</td></tr>
            <tr><th>Development cohort</th><td>${s.model.cohort}</td></tr>
            <tr><th>Study</th><td>${this.inputs?.studyDescription ?? ''}</td></tr>
            <tr><th>ROI</th><td>${this.inputs?.roiName ?? ''}</td></tr>
            ${s.sequences.map((q) => html`<tr data-sequence=${q.sequence}><th>${q.sequence || 'Image'}</th><td>${q.imageName}: ${q.dims.join(' x ')} voxels, ${q.spacing.map((v) => Number(v.toPrecision(4))).join(' x ')} mm; ${q.profile} profile, ${q.featureCount} features on ${q.backend.description}</td></tr>`)}
            <tr><th>Clinical values</th><td id="clinical-values">${Object.entries(s.clinical).map(([k, v]) => `${k} = ${v}`).join('; ') || 'none'}</td></tr>
            <tr><th>Software</th><td>WebRadiomics ${TOOL_VERSION}, computed on this device</td></tr>
          </tbody>
        </table>
        <h3>ROI</h3>
        <div class="thumbs">
          ${r.thumbnails.map((t, k) => html`<figure><canvas data-thumb=${k} width=${t.width} height=${t.height}></canvas><figcaption>${t.sequence || 'Image'}, slice ${t.slice + 1}</figcaption></figure>`)}
        </div>
        <h3>Extraction settings (the model's)</h3>
        <pre id="settings">${this.inputs?.settingsText ?? ''}</pre>
      </section>
      <p class="disclaimer" id="disclaimer">
        ${syn ? 'DEMONSTRATION ONLY: the model was trained on synthetic (generated) data and must not be used for clinical decisions. ' : ''}This
        result is decision support from a statistical model (intended use: ${s.model.intendedUse}); it does not replace clinical judgement.
        It was computed on this device; nothing was stored or sent anywhere unless you save or print it.
      </p>
    </article>`;
  }

  protected override updated(changed: PropertyValues): void {
    if (!changed.has('result') || !this.result) return;
    this.result.thumbnails.forEach((t, k) => {
      const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(`canvas[data-thumb="${k}"]`);
      canvas?.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(t.rgba), t.width, t.height), 0, 0);
    });
  }

  private print() {
    this.dispatchEvent(new CustomEvent('clinic-print', { bubbles: true, composed: true }));
    window.print();
  }

  private saveJson() {
    if (!this.result) return;
    downloadText('webradiomics-score.json', `${JSON.stringify({ tool: 'webradiomics', version: TOOL_VERSION, ...this.result.summary }, null, 2)}\n`, 'application/json');
  }
}

customElements.define('wr-clinic-result', WrClinicResult);

declare global {
  interface HTMLElementTagNameMap {
    'wr-clinic-result': WrClinicResult;
  }
}
