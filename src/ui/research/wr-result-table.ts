import { LitElement, css, html, nothing } from 'lit';
import type { ResultTable } from '../../core/research/result-tables.js';

/**
 * One study-style results table (src/core/research/result-tables.ts) as the report prints it. Cells with a key
 * carry data-key and their exact value in data-value.
 */
export class WrResultTable extends LitElement {
  static override properties = { table: { attribute: false } };

  table?: ResultTable;

  static override styles = css`
    :host { display: block; margin: 0.8rem 0; overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 0.88rem; font-variant-numeric: tabular-nums; }
    caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
    th, td { padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
    thead th { border-top: 2px solid #1c2530; border-bottom: 1px solid #1c2530; }
    tbody tr:last-child td { border-bottom: 2px solid #1c2530; }
    tr.group td { font-weight: 600; padding-top: 0.45rem; }
    td.indent { padding-left: 1.5rem; }
    td + td { white-space: nowrap; }
    .notes { font-size: 0.8rem; color: #4a5560; margin: 0.2rem 0 0; }
  `;

  override render() {
    const t = this.table;
    if (!t) return nothing;
    return html`<table id=${`table-${t.id}`}>
        <caption>${t.title}</caption>
        <thead><tr>${t.header.map((h) => html`<th>${h}</th>`)}</tr></thead>
        <tbody>
          ${t.rows.map(
            (r) => html`<tr class=${r.group ? 'group' : ''}>
              ${r.cells.map((c, k) => {
                const indent = k === 0 && c.text.startsWith('  ');
                return html`<td class=${indent ? 'indent' : ''} data-key=${c.key ?? nothing} data-value=${c.value === undefined || c.value === null ? nothing : String(c.value)}>${indent ? c.text.trim() : c.text}</td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
      ${t.notes?.length ? html`<p class="notes">${t.notes.map((n, k) => html`${k ? html`<br />` : nothing}${n}`)}</p>` : nothing}`;
  }
}

customElements.define('wr-result-table', WrResultTable);

declare global {
  interface HTMLElementTagNameMap {
    'wr-result-table': WrResultTable;
  }
}
