import { LitElement, css, html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { downloadBlob, downloadText, svgToPng } from '../download.js';

/**
 * The nomogram of the combined model, drawn as SVG by the worker (src/core/plots/nomogram-svg.ts, whose text is
 * escaped), with PNG and SVG export.
 */
export class WrNomogram extends LitElement {
  static override properties = { svg: { attribute: false } };

  svg = '';

  static override styles = css`
    :host { display: block; }
    .drawing svg { max-width: 100%; height: auto; }
    .exports { display: flex; gap: 0.4rem; }
    button { font: inherit; font-size: 0.8rem; padding: 0.15rem 0.5rem; border: 1px solid #355070; background: white; color: #355070; border-radius: 3px; cursor: pointer; }
  `;

  override render() {
    if (!this.svg) return nothing;
    // the SVG string is the project's own serialiser output (every label escaped)
    return html`<div class="drawing">${unsafeHTML(this.svg)}</div>
      <div class="exports">
        <button type="button" data-export="png" @click=${() => this.export('png')}>PNG</button>
        <button type="button" data-export="svg" @click=${() => this.export('svg')}>SVG</button>
      </div>`;
  }

  async export(format: 'png' | 'svg'): Promise<void> {
    if (format === 'png') downloadBlob('nomogram.png', await svgToPng(this.svg));
    else downloadText('nomogram.svg', this.svg, 'image/svg+xml');
  }
}

customElements.define('wr-nomogram', WrNomogram);

declare global {
  interface HTMLElementTagNameMap {
    'wr-nomogram': WrNomogram;
  }
}
