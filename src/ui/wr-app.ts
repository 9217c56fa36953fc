import { LitElement, css, html } from 'lit';
import type { PipelineClient } from '../pipeline/client.js';
import type { AppUpdates } from '../pwa/app-updates.js';
import './wr-app-updates.js';
import './wr-privacy-panel.js';
import './wr-extract-page.js';
import './research/wr-research-page.js';
import './clinic/wr-clinic-page.js';
import './bench/wr-bench-page.js';
import './imaging/wr-imaging-page.js';

/** The pages of the app, addressed by the URL hash (#/extract ...) so that reloads and links keep the page. */
export const PAGES = [
  { id: 'extract', label: 'Extract features' },
  { id: 'research', label: 'Build and validate models' },
  { id: 'clinic', label: 'Apply a model to a patient' },
  { id: 'imaging', label: 'Images and ROI' },
  { id: 'bench', label: 'Benchmark this GPU' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

/**
 * The app shell: header with the on-device status, page navigation, and the active page.
 * Pages get the one pipeline client; they register in PAGES and in renderPage.
 */
export class WrApp extends LitElement {
  static override properties = { page: { state: true } };

  client?: PipelineClient;
  /** install / update state of the offline app (main.ts); absent in tests and the dev server */
  updates?: AppUpdates;
  page: PageId = pageFromHash();

  private readonly onHash = () => (this.page = pageFromHash());

  static override styles = css`
    :host { display: block; font-family: system-ui, sans-serif; color: #1c2530; max-width: 72rem; margin: 0 auto; padding: 1rem; }
    header { display: flex; justify-content: space-between; align-items: baseline; flex-wrap: wrap; gap: 1rem; }
    h1 { font-size: 1.4rem; margin: 0; }
    .privacy { color: #176639; font-size: 0.9rem; }
    .device { display: flex; gap: 0.5rem 0.75rem; align-items: center; flex-wrap: wrap; }
    nav { display: flex; gap: 0.25rem; margin: 0.75rem 0; border-bottom: 1px solid #d8dde3; }
    nav a { padding: 0.4rem 0.8rem; text-decoration: none; color: #355070; border-radius: 4px 4px 0 0; }
    nav a[aria-current='page'] { background: #355070; color: white; }
    .start { display: flex; gap: 0.75rem; align-items: baseline; flex-wrap: wrap; border: 1px solid #d8dde3; background: #f6f8fb; border-radius: 4px; padding: 0.5rem 0.8rem; margin: 0.5rem 0; }
    .start a { font-weight: 600; color: #355070; }
    @media print { header, nav, .start { display: none; } :host { max-width: none; padding: 0; } }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    super.disconnectedCallback();
  }

  override render() {
    return html`
      <header>
        <h1>WebRadiomics</h1>
        <div class="device">
          <span class="privacy" id="privacy-status">Processed on this device: no image or result leaves this computer.</span>
          <wr-privacy-panel></wr-privacy-panel>
          <wr-app-updates .updates=${this.updates}></wr-app-updates>
        </div>
      </header>
      <nav aria-label="Pages">
        ${PAGES.map((p) => html`<a href="#/${p.id}" aria-current=${p.id === this.page ? 'page' : 'false'}>${p.label}</a>`)}
      </nav>
      ${this.page === PAGES[0].id
        ? html`<p class="start" id="start-demo">
            New here? <a id="clinic-demo" href="#/clinic/demo">Run the demo patient</a>
            <span>the whole clinic workflow (model, study, ROI, clinical values, result and report) with a demonstration model trained on synthetic data, not for clinical use.</span>
          </p>`
        : ''}
      <main>${this.renderPage()}</main>
    `;
  }

  private renderPage() {
    switch (this.page) {
      case 'extract':
        return html`<wr-extract-page .client=${this.client}></wr-extract-page>`;
      case 'research':
        return html`<wr-research-page .client=${this.client?.research} .extractor=${this.client}></wr-research-page>`;
      case 'clinic':
        return html`<wr-clinic-page .client=${this.client}></wr-clinic-page>`;
      case 'imaging':
        return html`<wr-imaging-page .client=${this.client}></wr-imaging-page>`;
      case 'bench':
        return html`<wr-bench-page .client=${this.client}></wr-bench-page>`;
    }
  }
}

function pageFromHash(): PageId {
  const id = location.hash.replace(/^#\/?/, '').split('/')[0];
  return PAGES.find((p) => p.id === id)?.id ?? PAGES[0].id;
}

customElements.define('wr-app', WrApp);

declare global {
  interface HTMLElementTagNameMap {
    'wr-app': WrApp;
  }
}
