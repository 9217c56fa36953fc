import { LitElement, css, html, nothing } from 'lit';
import type { ResearchSource } from '../../core/research/run.js';
import type { TableSource } from '../../core/research/tables.js';
import { researchStyles } from './styles.js';
import './wr-cohort-extract.js';
import type { CohortExtractor, CohortFeaturesDetail } from './wr-cohort-extract.js';

export interface CohortSourceDetail {
  source: ResearchSource;
  label: string;
}

/**
 * Choosing the cohort: a feature table and a clinical table (CSV), optionally a second reader's feature table
 * (ICC filter) and a predictor spec (JSON); or the synthetic demo cohort, labelled as generated data. The files
 * stay in their inputs whatever happens later, so a corrected file can replace just one of them.
 *
 * @fires cohort-source - CohortSourceDetail, when both tables are chosen (again after any change) or the demo is picked
 */
export class WrCohortInput extends LitElement {
  static override properties = { disabled: { type: Boolean }, extractor: { attribute: false }, label: { state: true }, hint: { state: true } };

  disabled = false;
  /** the pipeline worker, for extracting the feature table from images (wr-cohort-extract) */
  extractor?: CohortExtractor;
  /** the feature table extracted from images, used while no feature table file is chosen */
  private extracted?: TableSource;
  label = '';
  hint = 'Choose a feature table and a clinical table, or use the synthetic demo cohort.';

  static override styles = [
    researchStyles,
    css`
      .actions { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; margin-top: 0.5rem; }
      #source-label { font-weight: 600; }
      #source-label.synthetic-source { color: #7a1a12; }
    `,
  ];

  override render() {
    const synthetic = this.label.startsWith('SYNTHETIC');
    return html`<fieldset>
      <legend>Cohort</legend>
      <div class="grid" @change=${this.onFiles}>
        <label for="features">Feature table (CSV, one row per patient)</label>
        <input id="features" type="file" accept=".csv,text/csv" ?disabled=${this.disabled} />
        <label for="clinical">Clinical table (CSV: response, OS, PFS, centre, variables)</label>
        <input id="clinical" type="file" accept=".csv,text/csv" ?disabled=${this.disabled} />
        <label for="repeat">Second reader's feature table (optional, ICC filter)</label>
        <input id="repeat" type="file" accept=".csv,text/csv" ?disabled=${this.disabled} />
        <label for="predictor-spec">Clinical predictor spec (optional, JSON)</label>
        <input id="predictor-spec" type="file" accept=".json,application/json" ?disabled=${this.disabled} />
      </div>
      <wr-cohort-extract .extractor=${this.extractor} ?disabled=${this.disabled} @cohort-features=${this.onExtracted}></wr-cohort-extract>
      <div class="actions">
        <button type="button" id="demo" class="secondary" ?disabled=${this.disabled} @click=${this.useDemo}>Use the synthetic demo cohort (generated data, not patients)</button>
        ${this.label
          ? html`<span>Using: <span id="source-label" class=${synthetic ? 'synthetic-source' : ''}>${this.label}</span></span>`
          : html`<span class="hint" id="source-hint">${this.hint}</span>`}
      </div>
      ${synthetic ? html`<p class="synthetic" id="synthetic-note">Synthetic data: 240 generated patients modelled on the TPI study's design. For trying the tool, not for research conclusions.</p>` : nothing}
    </fieldset>`;
  }

  private file(id: string): File | undefined {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.files?.[0];
  }

  private onExtracted(e: CustomEvent<CohortFeaturesDetail>) {
    this.extracted = { name: e.detail.name, text: e.detail.text };
    // the extracted table replaces a chosen feature table file
    const picked = this.renderRoot.querySelector<HTMLInputElement>('#features');
    if (picked) picked.value = '';
    void this.onFiles();
  }

  private async onFiles(e?: Event) {
    if ((e?.target as HTMLElement | undefined)?.id === 'features') this.extracted = undefined;
    const features = this.file('features');
    const clinical = this.file('clinical');
    if ((!features && !this.extracted) || !clinical) {
      this.hint = !features && !this.extracted ? 'Choose the feature table (or extract it from images) too.' : 'Choose the clinical table too.';
      return;
    }
    const read = async (f: File | undefined): Promise<TableSource | null> => (f ? { name: f.name, text: await f.text() } : null);
    const [ft0, ct, rt, ps] = await Promise.all([read(features), read(clinical), read(this.file('repeat')), read(this.file('predictor-spec'))]);
    const ft = ft0 ?? this.extracted;
    this.label = [ft!.name, ct!.name, rt?.name, ps?.name].filter(Boolean).join(' + ');
    this.emit({ source: { kind: 'tables', features: ft!, clinical: ct!, repeat: rt, predictorSpec: ps }, label: this.label });
  }

  private useDemo() {
    this.label = 'SYNTHETIC demo cohort (generated data)';
    this.emit({ source: { kind: 'synthetic' }, label: this.label });
  }

  private emit(detail: CohortSourceDetail) {
    this.dispatchEvent(new CustomEvent<CohortSourceDetail>('cohort-source', { detail, bubbles: true, composed: true }));
  }
}

customElements.define('wr-cohort-input', WrCohortInput);

declare global {
  interface HTMLElementTagNameMap {
    'wr-cohort-input': WrCohortInput;
  }
}
