import { LitElement, css, html, nothing } from 'lit';
import type { ClinicalPredictor } from '../../core/model/clinical-model.js';
import type { ResearchOptions } from '../../core/research/options.js';
import type { CohortInspection, ResearchOutput, ResearchProgress, ResearchSource } from '../../core/research/run.js';
import type { ResearchClient } from '../../pipeline/research-client.js';
import './wr-cohort-input.js';
import type { CohortSourceDetail } from './wr-cohort-input.js';
import type { CohortExtractor } from './wr-cohort-extract.js';
import './wr-issue-list.js';
import './wr-predictor-editor.js';
import './wr-research-options.js';
import './wr-research-results.js';
import { researchStyles } from './styles.js';

/** The initial settings: src/core/research/options.ts RESEARCH_DEFAULTS (a test keeps the two equal). */
export const DEFAULT_OPTIONS: ResearchOptions = {
  endpoint: 'objective-response',
  split: { kind: 'random', ratio: 3, seed: 1 },
  varianceThreshold: 0,
  icc: { threshold: 0.75, type: 'ICC(3,1)' },
  univariate: { test: 'mann-whitney', alpha: 0.05, adjust: 'none' },
  correlation: { threshold: 0.9, method: 'pearson' },
  lasso: { nfolds: 10, seed: 1, rule: 'lambda.min', typeMeasure: 'deviance', stratifyFolds: false },
  clinical: { alphaUnivariate: 0.05, alphaMultivariate: 0.05 },
  cutoff: { method: 'median', survivalEndpoint: 'os' },
};

/**
 * The research workflow page: choose a cohort (feature + clinical tables, or the synthetic demo), see what the
 * files hold and what is wrong with them, choose clinical candidates and settings, build and validate the
 * clinical, radiomic and combined models in the modelling worker (progress, cancel), and read and export the
 * results. Holds no numeric logic: the worker returns numbers, tables and figures ready to show. Nothing the user
 * chose (files, predictors, settings) is dropped when a file has errors or a run fails.
 */
export class WrResearchPage extends LitElement {
  static override properties = {
    client: { attribute: false },
    extractor: { attribute: false },
    source: { state: true },
    inspection: { state: true },
    predictors: { state: true },
    options: { state: true },
    busy: { state: true },
    progress: { state: true },
    status: { state: true },
    error: { state: true },
    output: { state: true },
  };

  /** injected by the app shell (a test may inject its own) */
  client?: ResearchClient;
  /** the pipeline worker, for extracting a feature table from images (injected by the app shell) */
  extractor?: CohortExtractor;
  source?: ResearchSource;
  inspection?: CohortInspection;
  predictors: ClinicalPredictor[] | null = null;
  options: ResearchOptions = structuredClone(DEFAULT_OPTIONS);
  busy = false;
  progress?: ResearchProgress;
  status = '';
  error = '';
  output?: ResearchOutput;
  /** The user changed the candidate predictors: keep them for the next files. */
  private predictorsEdited = false;
  private inspectToken = 0;

  static override styles = [
    researchStyles,
    css`
      h2 { font-size: 1.2rem; margin: 0.5rem 0; }
      .actions { display: flex; gap: 0.75rem; align-items: center; margin: 0.8rem 0; }
      progress { width: 16rem; }
      #cohort-overview { margin: 0.3rem 0; }
    `,
  ];

  override render() {
    const insp = this.inspection;
    const canRun = !this.busy && !!this.source && !!insp?.ok;
    return html`
      <h2>Build and validate a clinical-radiomic model</h2>
      <p class="hint">Feature selection, LASSO, clinical, radiomic and combined models, validation and survival analysis, computed on this device.</p>
      <wr-cohort-input .extractor=${this.extractor} ?disabled=${this.busy} @cohort-source=${this.onSource}></wr-cohort-input>
      ${insp ? this.renderOverview(insp) : nothing}
      <wr-issue-list .issues=${insp?.issues ?? []}></wr-issue-list>
      ${insp ? html`<wr-predictor-editor .columns=${insp.columns} .predictors=${this.predictors ?? insp.predictors} ?disabled=${this.busy} @predictors-change=${this.onPredictors}></wr-predictor-editor>` : nothing}
      <wr-research-options .options=${this.options} .centres=${insp?.overview.centres ?? []} ?hasRepeat=${(insp?.overview.nRepeat ?? 0) > 0} ?disabled=${this.busy} @options-change=${this.onOptions}></wr-research-options>
      <div class="actions">
        <button type="button" id="run" ?disabled=${!canRun} @click=${this.run}>Build and validate the models</button>
        ${this.busy ? html`<button type="button" id="cancel" class="secondary" @click=${this.cancel}>Cancel</button>` : nothing}
        ${this.busy && this.progress
          ? html`<span role="status" id="progress"><progress max=${this.progress.steps} .value=${this.progress.step}></progress> ${this.progress.stage}</span>`
          : this.busy
            ? html`<span role="status" id="progress">Starting…</span>`
            : nothing}
      </div>
      ${this.status ? html`<p class="hint" id="status">${this.status}</p>` : nothing}
      ${this.error ? html`<div role="alert" id="error">${this.error}</div>` : nothing}
      <wr-research-results .output=${this.output}></wr-research-results>
    `;
  }

  private renderOverview(insp: CohortInspection) {
    const o = insp.overview;
    const r = o.response;
    return html`<p id="cohort-overview" data-ok=${String(insp.ok)}>
      ${o.nPatients} patients with features and clinical data, ${o.nFeatures} features${o.nRepeat ? `, second reader for ${o.nRepeat}` : ''};
      response CR ${r.CR}, PR ${r.PR}, SD ${r.SD}, PD ${r.PD}; OS for ${o.withOs}, PFS for ${o.withPfs}${o.centres.length ? `; centres ${o.centres.join(', ')}` : ''}.
    </p>`;
  }

  private async inspect(predictors: ClinicalPredictor[] | null): Promise<CohortInspection | undefined> {
    if (!this.client || !this.source) return undefined;
    const token = ++this.inspectToken;
    const insp = await this.client.inspect(this.source, predictors);
    return token === this.inspectToken ? insp : undefined;
  }

  private async onSource(e: CustomEvent<CohortSourceDetail>) {
    this.source = e.detail.source;
    this.output = undefined;
    this.error = '';
    this.status = '';
    try {
      let insp = await this.inspect(this.predictorsEdited ? this.predictors : null);
      if (insp && this.predictorsEdited) {
        // the chosen predictors survive a new file when its columns still hold them
        const names = new Set(insp.columns.map((c) => c.name));
        if (!(this.predictors ?? []).every((p) => names.has(p.variable))) {
          this.predictorsEdited = false;
          this.status = 'The new clinical table lacks some of the chosen variables: the candidates were reset to its columns.';
          insp = await this.inspect(null);
        }
      }
      if (!insp) return;
      this.inspection = insp;
      this.predictors = insp.predictors;
      const split = this.options.split;
      if (split?.kind === 'centre' && !split.trainingCentres.every((c) => insp!.overview.centres.includes(c))) {
        this.options = { ...this.options, split: { kind: 'centre', trainingCentres: insp.overview.centres.slice(0, Math.max(1, insp.overview.centres.length - 1)) } };
      }
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  private onOptions(e: CustomEvent<ResearchOptions>) {
    this.options = e.detail;
    if (this.output) this.status = 'Settings changed: the results below are from the previous settings until you run again.';
  }

  private async onPredictors(e: CustomEvent<ClinicalPredictor[]>) {
    this.predictors = e.detail;
    this.predictorsEdited = true;
    if (this.output) this.status = 'Clinical variables changed: the results below are from the previous choice until you run again.';
    try {
      const insp = await this.inspect(e.detail);
      if (insp) this.inspection = insp;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  private async run() {
    if (!this.client || !this.source) return;
    this.busy = true;
    this.progress = undefined;
    this.error = '';
    this.status = '';
    try {
      const result = await this.client.run({ source: this.source, predictors: this.predictors, options: this.options }, (p) => (this.progress = p));
      if (result.ok) {
        this.output = result.output;
        this.status = `Done: models built on ${result.output.summary.split.nTraining} training patients and validated on ${result.output.summary.split.nValidation}.`;
      } else {
        this.inspection = result.inspection;
        this.error = 'The input files have problems (listed above); nothing was built.';
      }
    } catch (err) {
      const e = err as Error;
      if (e.name === 'AbortError') this.status = 'Cancelled. Your files and settings are unchanged.';
      else this.error = e.message ?? String(e);
    } finally {
      this.busy = false;
      this.progress = undefined;
    }
  }

  private cancel() {
    this.client?.cancel();
  }
}

customElements.define('wr-research-page', WrResearchPage);

declare global {
  interface HTMLElementTagNameMap {
    'wr-research-page': WrResearchPage;
  }
}
