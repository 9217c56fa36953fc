import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { AppUpdates } from '../pwa/app-updates.js';

/**
 * Install and update controls of the offline app: an "Install app" button when the browser offers installation,
 * "Works offline" once the app is cached, and "Update now" when a new version waits, shown only while no analysis
 * runs (AppUpdates.updateOffered), so that an update never interrupts work.
 */
export class WrAppUpdates extends LitElement {
  static override properties = { updates: { attribute: false } };

  /** injected by the app shell */
  updates?: AppUpdates;

  private readonly onChange = () => this.requestUpdate();

  static override styles = css`
    :host { display: inline-flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; font-size: 0.9rem; }
    button { font: inherit; padding: 0.25rem 0.7rem; border-radius: 4px; border: 1px solid #355070; background: #355070; color: white; cursor: pointer; }
    .badge { color: #355070; border: 1px solid #9fb3c8; border-radius: 999px; padding: 0.1rem 0.6rem; }
  `;

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('updates')) {
      (changed.get('updates') as AppUpdates | undefined)?.removeEventListener('change', this.onChange);
      this.updates?.addEventListener('change', this.onChange);
    }
  }

  override disconnectedCallback(): void {
    this.updates?.removeEventListener('change', this.onChange);
    super.disconnectedCallback();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.updates?.addEventListener('change', this.onChange);
  }

  override render() {
    const u = this.updates;
    if (!u) return nothing;
    return html`
      ${u.offlineReady ? html`<span class="badge" id="offline-ready" title="The app is stored in this browser and starts without a network">Works offline</span>` : nothing}
      ${u.canInstall ? html`<button type="button" id="install-app" @click=${() => void u.install()}>Install app</button>` : nothing}
      ${u.updateOffered
        ? html`<span id="update-status" role="status">A new version is ready.</span>
            <button type="button" id="update-app" @click=${() => u.applyUpdate()}>Update now</button>`
        : nothing}
    `;
  }
}

customElements.define('wr-app-updates', WrAppUpdates);

declare global {
  interface HTMLElementTagNameMap {
    'wr-app-updates': WrAppUpdates;
  }
}
