import { html, nothing } from 'lit';
import type { PlotSpec } from '../../core/plots/types.js';
import { PlotBase, swatch } from './plot-base.js';

/** Kaplan-Meier curves of the risk groups with 95 % CI bands, censoring marks and the numbers-at-risk table. */
export class WrKmPlot extends PlotBase {
  protected override chartHeight = 320;

  protected override renderBelow(spec: PlotSpec) {
    const t = spec.table;
    if (!t) return nothing;
    return html`<table class="at-risk" data-table="at-risk">
      <caption>${t.title}</caption>
      <thead><tr><th>${spec.x.label}</th>${t.x.map((x) => html`<th>${x}</th>`)}</tr></thead>
      <tbody>
        ${t.rows.map((r) => html`<tr><td>${swatch(r.color)}${r.label}</td>${r.values.map((v) => html`<td>${v}</td>`)}</tr>`)}
      </tbody>
    </table>`;
  }
}

customElements.define('wr-km-plot', WrKmPlot);

declare global {
  interface HTMLElementTagNameMap {
    'wr-km-plot': WrKmPlot;
  }
}
