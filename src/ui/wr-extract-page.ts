import { LitElement, css, html, nothing } from 'lit';
import type { BackendChoice, CaseRun, FileInput, PipelineClient } from '../pipeline/client.js';
import { caseSettings, ProfileMismatchError, SettingsFileError, type CaseSettings, type SettingsFile } from '../pipeline/case-settings.js';
import { caseToJson, casesToCsv, type CaseSource } from '../pipeline/case-output.js';
import type { Profile } from '../core/settings.js';
import { downloadText, fileStem } from './download.js';
import './wr-feature-table.js';

/** The demo case shipped with the app: the IBSI 1 digital phantom (CC BY 4.0), served from public/demo/. */
const DEMO = { image: 'demo/ibsi-phantom-image.nii.gz', mask: 'demo/ibsi-phantom-mask.nii.gz' };

/**
 * Feature extraction for one case: pick an image and a mask (or run the demo), a profile (IBSI or PyRadiomics
 * defaults) and optionally a settings file (PyRadiomics YAML or webradiomics JSON), choose the backend, see and
 * download the features (JSON / CSV, the same files as `webradiomics extract`). Holds no numeric logic: settings
 * files are read by pipeline/case-settings.ts, features computed in the pipeline worker through PipelineClient.
 */
export class WrExtractPage extends LitElement {
  static override properties = {
    busy: { state: true },
    error: { state: true },
    result: { state: true },
    backend: { state: true },
    profile: { state: true },
    settingsFile: { state: true },
    settingsProblems: { state: true },
    caseName: { state: true },
  };

  /** injected by the app shell (a test may inject its own) */
  client?: PipelineClient;
  busy = false;
  error = '';
  result?: CaseRun;
  backend: BackendChoice = 'auto';
  profile: Profile = 'ibsi';
  /** the chosen settings file, read as text */
  settingsFile?: SettingsFile;
  /** what is wrong with the settings file (one line per problem), shown next to it */
  settingsProblems: string[] = [];
  caseName = '';
  /** what the result was computed from, for the downloads */
  private source?: CaseSource;

  static override styles = css`
    :host { display: block; }
    form { display: grid; grid-template-columns: max-content 1fr; gap: 0.5rem 1rem; align-items: center; margin: 1rem 0; }
    .actions, .downloads { grid-column: 1 / -1; display: flex; gap: 0.75rem; flex-wrap: wrap; }
    button { font: inherit; padding: 0.4rem 0.9rem; border-radius: 4px; border: 1px solid #355070; background: #355070; color: white; cursor: pointer; }
    button.secondary { background: white; color: #355070; }
    button:disabled { opacity: 0.6; cursor: progress; }
    [role='alert'] { border: 1px solid #b42318; background: #fef3f2; color: #7a1a12; padding: 0.6rem 0.8rem; border-radius: 4px; white-space: pre-wrap; }
    #settings-problems { grid-column: 2; margin: 0; }
    #settings-problems ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
    .hint { grid-column: 2; margin: 0; color: #4a5565; font-size: 0.9em; }
    .status { margin: 0.5rem 0; }
    .backend { font-weight: 600; }
  `;

  override render() {
    return html`
      <form @submit=${this.onSubmit}>
        <label for="image">Image (NIfTI / NRRD)</label>
        <input id="image" name="image" type="file" accept=".nii,.nii.gz,.gz,.nrrd" />
        <label for="mask">Mask (label map)</label>
        <input id="mask" name="mask" type="file" accept=".nii,.nii.gz,.gz,.nrrd" />
        <label for="profile">Profile</label>
        <select id="profile" @change=${this.onProfile}>
          <option value="ibsi" ?selected=${this.profile === 'ibsi'}>IBSI (every IBSI 1 family; ROI: every non-zero mask voxel)</option>
          <option value="pyradiomics" ?selected=${this.profile === 'pyradiomics'}>PyRadiomics defaults (bin width 25; ROI: label 1)</option>
        </select>
        <label for="settings">Settings file (optional)</label>
        <input id="settings" name="settings" type="file" accept=".yaml,.yml,.json" @change=${this.onSettingsFile} />
        <p class="hint">A PyRadiomics parameter file (.yaml) or a webradiomics settings file (.json); without one, the profile's defaults.</p>
        ${this.settingsProblems.length
          ? html`<div id="settings-problems" role="alert">
              ${this.settingsFile?.name ?? 'Settings'} cannot be used:
              <ul>${this.settingsProblems.map((p) => html`<li>${p}</li>`)}</ul>
            </div>`
          : nothing}
        <label for="backend">Compute on</label>
        <select id="backend" @change=${(e: Event) => (this.backend = (e.target as HTMLSelectElement).value as BackendChoice)}>
          <option value="auto">GPU if available, else CPU</option>
          <option value="gpu">GPU (WebGPU)</option>
          <option value="cpu">CPU</option>
        </select>
        <div class="actions">
          <button type="submit" id="run" ?disabled=${this.busy}>Extract features</button>
          <button type="button" id="demo" class="secondary" ?disabled=${this.busy} @click=${this.runDemo}>
            Run the demo: IBSI digital phantom
          </button>
        </div>
      </form>
      ${this.busy ? html`<p class="status" role="status">Extracting ${this.caseName}…</p>` : nothing}
      ${this.error ? html`<div role="alert" id="error">${this.error}</div>` : nothing}
      ${this.result && !this.busy ? this.renderResult(this.result) : nothing}
    `;
  }

  private renderResult(r: CaseRun) {
    return html`
      <section id="result">
        <p class="status">
          ${this.caseName}: ${r.roiVoxels} ROI voxels, ${r.features.length} features (${r.profile === 'pyradiomics' ? 'PyRadiomics' : 'IBSI'} profile). Computed on
          <span class="backend" id="backend-used" data-kind=${r.backend.kind}>${r.backend.kind === 'gpu' ? `GPU: ${r.backend.description}` : r.backend.description}</span>.
        </p>
        ${r.warnings.map((w) => html`<p class="status">Warning: ${w}</p>`)}
        <div class="downloads">
          <button type="button" class="secondary" id="download-json" @click=${() => this.download('json')}>Download JSON</button>
          <button type="button" class="secondary" id="download-csv" @click=${() => this.download('csv')}>Download CSV</button>
        </div>
        <wr-feature-table .features=${r.features} .profile=${r.profile}></wr-feature-table>
      </section>
    `;
  }

  /** The JSON or CSV file `webradiomics extract` writes for the same case and settings. */
  outputText(format: 'json' | 'csv'): string | undefined {
    if (!this.result || !this.source) return undefined;
    return format === 'json' ? caseToJson(this.source, this.result) : casesToCsv([{ source: this.source, result: this.result }]);
  }

  private download(format: 'json' | 'csv') {
    const text = this.outputText(format);
    if (text === undefined) return;
    downloadText(`${fileStem(this.caseName)}-features.${format}`, text, format === 'json' ? 'application/json' : 'text/csv');
  }

  private onProfile(e: Event) {
    this.profile = (e.target as HTMLSelectElement).value as Profile;
    this.checkSettings();
  }

  private async onSettingsFile(e: Event) {
    const file = (e.target as HTMLInputElement).files?.[0];
    this.settingsFile = file ? { name: file.name, text: await file.text() } : undefined;
    this.checkSettings();
  }

  /** Reads the settings file against the profile; its problems go next to the file input, the form stays. */
  private checkSettings(): CaseSettings | undefined {
    try {
      const chosen = caseSettings({ profile: this.profile, file: this.settingsFile });
      this.settingsProblems = [];
      return chosen;
    } catch (e) {
      if (e instanceof SettingsFileError) this.settingsProblems = e.problems;
      else if (e instanceof ProfileMismatchError) this.settingsProblems = [e.message];
      else throw e;
      return undefined;
    }
  }

  private async onSubmit(e: Event) {
    e.preventDefault();
    const image = this.renderRoot.querySelector<HTMLInputElement>('#image')?.files?.[0];
    const mask = this.renderRoot.querySelector<HTMLInputElement>('#mask')?.files?.[0];
    if (!image || !mask) {
      this.error = !image ? 'Choose an image file first.' : 'Choose a mask file for the image.';
      return;
    }
    await this.run(image.name, async () => [await fileInput(image), await fileInput(mask)]);
  }

  private async runDemo() {
    await this.run('IBSI digital phantom', async () => [await fetchInput(DEMO.image), await fetchInput(DEMO.mask)]);
  }

  private async run(name: string, load: () => Promise<[FileInput, FileInput]>) {
    if (!this.client) return;
    const chosen = this.checkSettings();
    if (!chosen) {
      this.error = `The settings file ${this.settingsFile?.name ?? ''} cannot be used; see the problems listed with it.`;
      return;
    }
    this.busy = true;
    this.error = '';
    this.caseName = name;
    try {
      const [image, mask] = await load();
      const source: CaseSource = {
        image: image.name,
        mask: mask.name,
        label: chosen.roi === 'non-zero' ? null : chosen.settings.label,
        settings: this.settingsFile?.name ?? null,
      };
      this.result = await this.client.extractCase(image, mask, { settings: chosen.settings, roi: chosen.roi, backend: this.backend });
      this.source = source;
    } catch (e) {
      this.result = undefined;
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.busy = false;
    }
  }
}

async function fileInput(file: File): Promise<FileInput> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

async function fetchInput(path: string): Promise<FileInput> {
  const response = await fetch(new URL(path, document.baseURI));
  if (!response.ok) throw new Error(`The demo file ${path} could not be loaded (HTTP ${response.status}).`);
  return { name: path.split('/').pop()!, bytes: new Uint8Array(await response.arrayBuffer()) };
}

customElements.define('wr-extract-page', WrExtractPage);

declare global {
  interface HTMLElementTagNameMap {
    'wr-extract-page': WrExtractPage;
  }
}
