import { LitElement, css, html } from 'lit';
import type { FeatureRecord } from '../core/features/types.js';

/**
 * A table of feature values: IBSI name, code, aggregation and value.
 * Values are shown to 6 significant digits; the full value is in each cell's `data-value`.
 */
export class WrFeatureTable extends LitElement {
  static override properties = { features: { attribute: false } };

  features: FeatureRecord[] = [];

  static override styles = css`
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
    th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid #d8dde3; text-align: left; }
    th { background: #eef2f6; position: sticky; top: 0; }
    td.value { text-align: right; font-family: ui-monospace, monospace; }
    code { font-size: 0.9em; }
  `;

  override render() {
    return html`<table>
      <thead>
        <tr><th>Family</th><th>Feature</th><th>IBSI code</th><th>Aggregation</th><th>Value</th></tr>
      </thead>
      <tbody>
        ${this.features.map(
          (f) => html`<tr data-code=${f.ibsi_code} data-aggregation=${f.aggregation_code}>
            <td>${f.family}</td>
            <td>${f.name}</td>
            <td><code>${f.ibsi_code}</code></td>
            <td>${f.aggregation} (<code>${f.aggregation_code}</code>)</td>
            <td class="value" data-value=${String(f.value)}>${formatValue(f.value)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
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
