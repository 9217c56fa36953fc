import { LitElement, css, html, nothing } from 'lit';
import type { BackendChoice, CaseRun } from '../../pipeline/client.js';
import type { SettingsFile } from '../../pipeline/case-settings.js';
import type { Profile } from '../../core/settings.js';
import '../wr-feature-table.js';

export interface ComputeRequest {
  profile: Profile;
  backend: BackendChoice;
  settingsFile?: SettingsFile;
}

/**
 * The features step of the imaging page: profile, optional settings file, backend, the Compute button, then the
 * result (ROI voxels, the backend used, warnings, the feature table) or the error.
 *
 * @fires wr-compute - detail: ComputeRequest
 */
export class WrImagingFeatures extends LitElement {
  static override properties = {
    result: { attribute: false },
    busy: { type: Boolean },
    error: { type: String },
    profile: { state: true },
    backend: { state: true },
  };

  result?: CaseRun;
  busy = false;
  error = '';
  profile: Profile = 'pyradiomics';
  backend: BackendChoice = 'auto';
  private settingsFile?: SettingsFile;

  static override styles = css`
    :host { display: block; }
    .row { display: flex; gap: 0.5rem 1rem; flex-wrap: wrap; align-items: center; }
    [role='alert'] { border: 1px solid #b42318; background: #fef3f2; color: #7a1a12; padding: 0.5rem 0.8rem; border-radius: 4px; white-space: pre-wrap; margin: 0.4rem 0; }
    .note { color: #4a5565; }
    .backend { font-weight: 600; }
  `;

  private async onSettingsFile(e: Event): Promise<void> {
    const file = (e.target as HTMLInputElement).files?.[0];
    this.settingsFile = file ? { name: file.name, text: await file.text() } : undefined;
  }

  private compute(): void {
    const detail: ComputeRequest = { profile: this.profile, backend: this.backend, settingsFile: this.settingsFile };
    this.dispatchEvent(new CustomEvent('wr-compute', { detail, bubbles: true, composed: true }));
  }

  private renderResult(r: CaseRun) {
    return html`
      <div id="result">
        <p>
          <span id="roi-voxels" data-voxels=${r.roiVoxels}>${r.roiVoxels}</span> ROI voxels, ${r.features.length} features. Computed on
          <span class="backend" id="backend-used" data-kind=${r.backend.kind}>${r.backend.kind === 'gpu' ? `GPU: ${r.backend.description}` : r.backend.description}</span>.
        </p>
        ${r.warnings.map((w) => html`<p class="note">Warning: ${w}</p>`)}
        <wr-feature-table .features=${r.features} .profile=${r.profile}></wr-feature-table>
      </div>
    `;
  }

  override render() {
    return html`
      <div class="row">
        <label>Profile <select id="profile" @change=${(e: Event) => (this.profile = (e.target as HTMLSelectElement).value as Profile)}>
          <option value="pyradiomics" ?selected=${this.profile === 'pyradiomics'}>PyRadiomics defaults (bin width 25)</option>
          <option value="ibsi" ?selected=${this.profile === 'ibsi'}>IBSI (needs a settings file with a bin width for MR / CT)</option>
        </select></label>
        <label>Settings file <input id="settings" type="file" accept=".yaml,.yml,.json" @change=${this.onSettingsFile} /></label>
        <label>Compute on <select id="backend" @change=${(e: Event) => (this.backend = (e.target as HTMLSelectElement).value as BackendChoice)}>
          <option value="auto">GPU if available, else CPU</option>
          <option value="gpu">GPU (WebGPU)</option>
          <option value="cpu">CPU</option>
        </select></label>
        <button type="button" id="compute" ?disabled=${this.busy} @click=${this.compute}>Compute features</button>
      </div>
      ${this.busy ? html`<p role="status">Computing features…</p>` : nothing}
      ${this.error ? html`<div role="alert" id="features-error">${this.error}</div>` : nothing}
      ${this.result && !this.busy ? this.renderResult(this.result) : nothing}
    `;
  }
}

customElements.define('wr-imaging-features', WrImagingFeatures);

declare global {
  interface HTMLElementTagNameMap {
    'wr-imaging-features': WrImagingFeatures;
  }
}
