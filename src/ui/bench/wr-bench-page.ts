import { LitElement, css, html, nothing } from 'lit';
import type { BenchPageOptions, BenchReport } from '../../bench/gpu-page.js';

/** What the page needs of the pipeline client (PipelineClient.benchKernels runs it in the worker). */
export interface BenchRunner {
  benchKernels(options: BenchPageOptions): Promise<BenchReport>;
}

/** ROI sizes 10^3..10^maxExponent and grey levels the page measures: a run of a minute or so on a laptop GPU. */
const OPTIONS: BenchPageOptions = { maxExponent: 5, levels: [16, 64], repeats: 3 };

/**
 * "Benchmark this GPU": times each texture kernel on the CPU twin and on this device's GPU (upload, dispatch, one
 * read-back) in the pipeline worker, and shows the adapter and a table. Figures only; nothing leaves the device.
 *
 * @fires bench-done - when a run finished; detail: BenchReport
 */
export class WrBenchPage extends LitElement {
  static override properties = {
    report: { state: true },
    running: { state: true },
    error: { state: true },
  };

  client?: BenchRunner;
  options: BenchPageOptions = OPTIONS;
  report?: BenchReport;
  running = false;
  error = '';

  static override styles = css`
    :host { display: block; }
    button { font: inherit; padding: 0.3rem 0.9rem; border-radius: 4px; border: 1px solid #355070; background: #355070; color: white; cursor: pointer; }
    button:disabled { opacity: 0.6; cursor: progress; }
    table { border-collapse: collapse; margin-top: 0.75rem; font-variant-numeric: tabular-nums; }
    th, td { border-bottom: 1px solid #d8dde3; padding: 0.2rem 0.6rem; text-align: right; }
    th:first-child, td:first-child { text-align: left; }
    .note { color: #8a4b08; }
    .error { color: #b42318; }
  `;

  private async run() {
    if (!this.client || this.running) return;
    this.running = true;
    this.error = '';
    try {
      this.report = await this.client.benchKernels(this.options);
      this.dispatchEvent(new CustomEvent('bench-done', { detail: this.report, bubbles: true, composed: true }));
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.running = false;
    }
  }

  override render() {
    const r = this.report;
    return html`
      <h2>Benchmark this GPU</h2>
      <p>Times each texture kernel on the CPU and on this device's GPU (synthetic ROIs; nothing leaves the device).</p>
      <button id="run" ?disabled=${this.running || !this.client} @click=${() => this.run()}>${this.running ? 'Running...' : 'Run the benchmark'}</button>
      ${this.error ? html`<p class="error" id="error">${this.error}</p>` : nothing}
      ${r
        ? html`<p id="adapter">GPU adapter: ${r.adapter}</p>
            ${r.software ? html`<p class="note" id="software">A software adapter: its GPU columns are not performance figures.</p>` : nothing}
            <table id="timings">
              <thead><tr>${r.header.map((h) => html`<th>${h}</th>`)}</tr></thead>
              <tbody>${r.rows.map((row) => html`<tr>${row.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody>
            </table>`
        : nothing}
    `;
  }
}

customElements.define('wr-bench-page', WrBenchPage);

declare global {
  interface HTMLElementTagNameMap {
    'wr-bench-page': WrBenchPage;
  }
}
