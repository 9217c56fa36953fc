import { LitElement, css, html, nothing } from 'lit';
import type { CaseFeature } from '../pipeline/extract-case.js';
import { aggregationLabel, featureColumn } from '../pipeline/case-output.js';

/**
 * A table of feature values: image type, family, name, IBSI code, aggregation and value, with a text filter over
 * every column but the value (the full engine gives hundreds of rows). Values are shown to 6 significant digits; the
 * full value is in each cell's `data-value`, and each row's `data-key` is the feature's CSV column name.
 */
export class WrFeatureTable extends LitElement {
  static override properties = {
    features: { attribute: false },
    profile: {},
    filter: { state: true },
  };

  features: CaseFeature[] = [];
  /** how feature names and CSV columns are formed */
  profile: 'ibsi' | 'pyradiomics' = 'ibsi';
  filter = '';

  static override styles = css`
    .filter { display: flex; gap: 0.75rem; align-items: center; margin: 0.5rem 0; }
    input { font: inherit; padding: 0.25rem 0.4rem; min-width: 16rem; }
    .scroll { max-height: 70vh; overflow: auto; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
    th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid #d8dde3; text-align: left; }
    th { background: #eef2f6; position: sticky; top: 0; }
    td.value { text-align: right; font-family: ui-monospace, monospace; }
    code { font-size: 0.9em; }
  `;

  /** The rows the filter keeps: every word of the filter must occur in one of the row's text columns. */
  get shown(): CaseFeature[] {
    const words = this.filter.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return this.features;
    return this.features.filter((f) => {
      const text = [f.image_type, f.family, f.name, f.table_feature ?? '', f.ibsi_code ?? '', f.aggregation_code ?? '', aggregationLabel(f.aggregation_code) ?? '']
        .join(' ')
        .toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }

  override render() {
    const shown = this.shown;
    return html`<div class="filter">
        <label for="filter">Filter</label>
        <input id="filter" type="search" placeholder="e.g. glcm ITBB, Contrast, wavelet" .value=${this.filter} @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} />
        <span id="count" role="status">${shown.length === this.features.length ? `${this.features.length} features` : `${shown.length} of ${this.features.length} features`}</span>
      </div>
      <div class="scroll">
        <table>
          <thead>
            <tr><th>Image type</th><th>Family</th><th>Feature</th><th>IBSI code</th><th>Aggregation</th><th>Value</th></tr>
          </thead>
          <tbody>
            ${shown.map(
              (f) => html`<tr data-key=${featureColumn(f, this.profile)} data-code=${f.ibsi_code ?? ''} data-aggregation=${f.aggregation_code ?? ''}>
                <td>${f.image_type}</td>
                <td>${f.family}</td>
                <td>${f.table_feature ? `${f.name} (${f.table_feature})` : f.name}</td>
                <td>${f.ibsi_code ? html`<code>${f.ibsi_code}</code>` : nothing}</td>
                <td>${f.aggregation_code ? html`${aggregationLabel(f.aggregation_code) ?? ''} (<code>${f.aggregation_code}</code>)` : nothing}</td>
                <td class="value" data-value=${String(f.value)}>${formatValue(f.value)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  return Number.isInteger(v) ? String(v) : v.toPrecision(6);
}

customElements.define('wr-feature-table', WrFeatureTable);

declare global {
  interface HTMLElementTagNameMap {
    'wr-feature-table': WrFeatureTable;
  }
}
