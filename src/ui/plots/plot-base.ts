import { LitElement, css, html, nothing, unsafeCSS, type PropertyValues, type TemplateResult } from 'lit';
import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?raw';
import type { PlotSpec } from '../../core/plots/types.js';
import type { ResearchPlot } from '../../core/research/plots.js';
import { downloadBlob, downloadText, svgToPng } from '../download.js';
import { uplotOptions } from './uplot-options.js';

/**
 * The shared part of the plot components: draws a plot (PlotSpec + its SVG and CSV, made in the worker) with
 * uPlot, shows title, legend and what a subclass adds under the chart, and exports PNG (the SVG rasterised at 2x),
 * SVG and CSV. uPlot's stylesheet is adopted into the shadow root (bundled, no request). Series colours are SVG
 * presentation attributes, never style attributes, which the app's Content-Security-Policy (style-src 'self')
 * blocks. Subclasses are one per plot type and only set the geometry or add a table.
 *
 * @fires plot-export - { format: 'png' | 'svg' | 'csv' | 'table-csv', name } after a file was saved
 * @csspart chart - the uPlot container
 */
/** A legend swatch: a short line in the series' colour (an SVG attribute, allowed by the CSP). */
export function swatch(color: string, dash?: number[]) {
  return html`<svg class="swatch" width="20" height="8" aria-hidden="true"><line x1="1" y1="4" x2="19" y2="4" stroke=${color} stroke-width="2.5" stroke-dasharray=${dash ? dash.join(' ') : 'none'}></line></svg>`;
}

export abstract class PlotBase extends LitElement {
  static override properties = { plot: { attribute: false } };

  plot?: ResearchPlot;
  /** Equal width and height (ROC, calibration). */
  protected square = false;
  protected chartHeight = 300;
  private chart?: uPlot;
  private resizer?: ResizeObserver;

  static override styles = [
    unsafeCSS(uplotCss),
    css`
      :host { display: block; }
      figure { margin: 0; }
      figcaption { margin-bottom: 0.3rem; }
      figcaption .subtitle { color: #4a5560; font-size: 0.85rem; }
      ul.legend { list-style: none; padding: 0; margin: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; font-size: 0.85rem; }
      svg.swatch { vertical-align: middle; margin-right: 0.35rem; }
      .exports { display: flex; gap: 0.4rem; margin-top: 0.3rem; }
      .exports button { font: inherit; font-size: 0.8rem; padding: 0.15rem 0.5rem; border: 1px solid #355070; background: white; color: #355070; border-radius: 3px; cursor: pointer; }
      @media print { .exports { display: none; } }
      table.at-risk { border-collapse: collapse; font-size: 0.8rem; font-variant-numeric: tabular-nums; margin-top: 0.3rem; }
      table.at-risk th, table.at-risk td { padding: 0.1rem 0.5rem; text-align: right; }
      table.at-risk th:first-child, table.at-risk td:first-child { text-align: left; }
    `,
  ];

  override render() {
    if (!this.plot) return nothing;
    const s = this.plot.spec;
    const legend = s.series.filter((x) => (x.style ?? 'line') !== 'band-limit' && x.style !== 'hidden' && x.legend !== false);
    return html`<figure data-plot-id=${s.id} data-kind=${s.kind}>
      <figcaption><strong>${s.title}</strong>${s.subtitle ? html`<br /><span class="subtitle">${s.subtitle}</span>` : nothing}</figcaption>
      <div class="chart" part="chart"></div>
      <ul class="legend">
        ${legend.map((x) => html`<li>${swatch(x.color, x.dash)}${x.label}</li>`)}
      </ul>
      ${this.renderBelow(s)}
      <div class="exports">
        <button type="button" data-export="png" @click=${() => this.export('png')}>PNG</button>
        <button type="button" data-export="svg" @click=${() => this.export('svg')}>SVG</button>
        <button type="button" data-export="csv" @click=${() => this.export('csv')}>Data (CSV)</button>
        ${this.plot.tableCsv ? html`<button type="button" data-export="table-csv" @click=${() => this.export('table-csv')}>Table (CSV)</button>` : nothing}
      </div>
    </figure>`;
  }

  /** What a plot type shows under its chart (the numbers-at-risk table). */
  protected renderBelow(_spec: PlotSpec): TemplateResult | typeof nothing {
    return nothing;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizer = new ResizeObserver(() => this.fit());
    this.resizer.observe(this);
  }

  override disconnectedCallback(): void {
    this.resizer?.disconnect();
    this.chart?.destroy();
    this.chart = undefined;
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('plot')) this.draw();
  }

  private size(): { width: number; height: number } {
    const available = Math.max(240, Math.floor(this.renderRoot.querySelector('.chart')?.clientWidth || this.clientWidth || 560));
    if (this.square) {
      const side = Math.min(available, 440);
      return { width: side, height: side };
    }
    return { width: Math.min(available, 900), height: this.chartHeight };
  }

  private draw(): void {
    this.chart?.destroy();
    this.chart = undefined;
    const target = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!this.plot || !target) return;
    const { width, height } = this.size();
    this.chart = new uPlot(uplotOptions(this.plot.spec, width, height), this.plot.spec.data as uPlot.AlignedData, target);
  }

  private fit(): void {
    if (!this.chart) return;
    const { width, height } = this.size();
    if (width !== this.chart.width || height !== this.chart.height) this.chart.setSize({ width, height });
  }

  /** The uPlot instance (tests look at its canvas). */
  get uplot(): uPlot | undefined {
    return this.chart;
  }

  async export(format: 'png' | 'svg' | 'csv' | 'table-csv'): Promise<void> {
    if (!this.plot) return;
    const id = this.plot.spec.id;
    let name: string;
    if (format === 'png') downloadBlob((name = `${id}.png`), await svgToPng(this.plot.svg));
    else if (format === 'svg') downloadText((name = `${id}.svg`), this.plot.svg, 'image/svg+xml');
    else if (format === 'csv') downloadText((name = `${id}.csv`), this.plot.csv, 'text/csv');
    else downloadText((name = `${id}-table.csv`), this.plot.tableCsv ?? '', 'text/csv');
    this.dispatchEvent(new CustomEvent('plot-export', { detail: { format, name }, bubbles: true, composed: true }));
  }
}
