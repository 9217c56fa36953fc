import { LitElement, css, html, nothing } from 'lit';
import { eraseAll, formatBytes, inventory, type LocalInventory } from '../pwa/local-data.js';

/** Where the panel reads and erases local data (the browser's; a test may pass its own). */
export interface LocalDataStore {
  inventory(): Promise<LocalInventory>;
  eraseAll(): Promise<string[]>;
}

/**
 * "What is stored on this device": a button that opens a dialog listing everything this origin keeps in the browser
 * (the app's offline copy, the cohort cache when the user chose to keep extracted features, and any IndexedDB,
 * private file system, local or session storage), with one button that erases all of it and unregisters the service
 * worker.
 *
 * @fires local-data-erased - after the erase button ran; detail: { problems: string[] }
 */
export class WrPrivacyPanel extends LitElement {
  static override properties = {
    data: { state: true },
    busy: { state: true },
    message: { state: true },
  };

  store: LocalDataStore = { inventory, eraseAll };
  data?: LocalInventory;
  busy = false;
  message = '';

  static override styles = css`
    :host { display: inline-block; }
    button { font: inherit; padding: 0.25rem 0.7rem; border-radius: 4px; border: 1px solid #355070; background: white; color: #355070; cursor: pointer; }
    button.danger { background: #b42318; border-color: #b42318; color: white; }
    button:disabled { opacity: 0.6; cursor: progress; }
    dialog { max-width: 40rem; border: 1px solid #d8dde3; border-radius: 6px; padding: 1rem 1.25rem; color: #1c2530; }
    h2 { font-size: 1.1rem; margin: 0 0 0.5rem; }
    ul { padding-left: 1.2rem; }
    li { margin: 0.2rem 0; overflow-wrap: anywhere; }
    .app { color: #355070; }
    .actions { display: flex; gap: 0.75rem; justify-content: flex-end; margin-top: 1rem; }
  `;

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Opens the panel and lists what is stored now. */
  async open(): Promise<void> {
    this.message = '';
    await this.updateComplete;
    this.dialog?.showModal();
    await this.refresh();
  }

  async refresh(): Promise<void> {
    this.data = await this.store.inventory();
  }

  private async erase() {
    this.busy = true;
    try {
      const problems = await this.store.eraseAll();
      this.message = problems.length === 0 ? 'Erased: nothing of this app is stored on this device any more.' : `Erased, except: ${problems.join('; ')}`;
      this.dispatchEvent(new CustomEvent('local-data-erased', { detail: { problems }, bubbles: true, composed: true }));
    } finally {
      this.busy = false;
    }
    await this.refresh();
  }

  override render() {
    return html`
      <button type="button" id="privacy-details" aria-haspopup="dialog" @click=${() => void this.open()}>What is stored here?</button>
      <dialog id="privacy-panel" aria-labelledby="privacy-title">
        <h2 id="privacy-title">Stored on this device</h2>
        <p>
          Images, masks and results are processed in this browser and never sent anywhere. They are not saved either:
          closing or reloading the page forgets them, unless you ticked "Keep extracted features on this device" for a
          cohort extraction; those features are listed here until you erase them.
        </p>
        ${this.renderInventory()}
        ${this.message ? html`<p role="status" id="erase-result">${this.message}</p>` : nothing}
        <div class="actions">
          <button type="button" class="danger" id="erase-local-data" ?disabled=${this.busy || !this.data} @click=${this.erase}>
            Erase all local data
          </button>
          <button type="button" id="privacy-close" @click=${() => this.dialog?.close()}>Close</button>
        </div>
      </dialog>
    `;
  }

  private renderInventory() {
    const d = this.data;
    if (!d) return html`<p>Looking…</p>`;
    const usage =
      d.usageBytes !== undefined
        ? html`<p id="storage-usage">
            This site uses ${formatBytes(d.usageBytes)} of this browser's storage${d.persisted ? ' (kept until erased)' : ' (the browser may clear it when space runs short)'}.
          </p>`
        : nothing;
    if (d.items.length === 0) return html`<p id="local-data-empty">Nothing is stored.</p>${usage}`;
    return html`
      <ul id="local-data">
        ${d.items.map(
          (i) => html`<li data-kind=${i.kind} data-name=${i.name} data-app-files=${String(i.appFiles)} class=${i.appFiles ? 'app' : ''}><strong>${i.name}</strong>: ${i.detail}</li>`,
        )}
      </ul>
      ${usage}
    `;
  }
}

customElements.define('wr-privacy-panel', WrPrivacyPanel);

declare global {
  interface HTMLElementTagNameMap {
    'wr-privacy-panel': WrPrivacyPanel;
  }
}
