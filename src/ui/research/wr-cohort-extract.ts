import { LitElement, css, html, nothing } from 'lit';
import { cohortProgressText, cohortSettings, type CohortFile, type CohortProgress, type CohortRequest, type CohortTableResult } from '../../pipeline/cohort-browser.js';
import { researchStyles } from './styles.js';

/** What this step needs of the pipeline worker (PipelineClient; a test may pass its own). */
export interface CohortExtractor {
  extractCohort(request: CohortRequest, onProgress?: (p: CohortProgress) => void): Promise<CohortTableResult>;
  cancelCohort(): Promise<void> | void;
}

export interface CohortFeaturesDetail {
  name: string;
  text: string;
}

/**
 * "Extract features from images": an image manifest (CSV), the folder of images and masks it names, an optional
 * settings file (PyRadiomics parameters; default PyRadiomics defaults); Run extracts every case in the pipeline
 * worker with a progress bar (cases done / total), ETA and Cancel. The finished feature table is offered as a CSV
 * download and handed to the cohort input. Problems are shown here; the chosen files stay chosen.
 *
 * Nothing is stored unless the user ticks "Keep extracted features on this device" (unticked by default): then each
 * finished case is kept in this browser (pipeline/cohort-cache.ts) and a run after a cancel or a reload takes those
 * cases from there, giving the same table; the privacy panel lists and erases what is kept.
 *
 * @fires cohort-features - CohortFeaturesDetail, the extracted feature table
 */
export class WrCohortExtract extends LitElement {
  static override properties = {
    extractor: { attribute: false },
    disabled: { type: Boolean },
    busy: { state: true },
    progress: { state: true },
    error: { state: true },
    status: { state: true },
    download: { state: true },
    keep: { state: true },
  };

  extractor?: CohortExtractor;
  disabled = false;
  busy = false;
  progress?: CohortProgress;
  error = '';
  status = '';
  download?: { href: string; name: string };
  /** the user's consent to keep finished cases on this device */
  keep = false;

  static override styles = [
    researchStyles,
    css`
      .actions { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; margin-top: 0.5rem; }
      .consent { display: flex; gap: 0.4rem; align-items: baseline; margin-top: 0.5rem; }
      progress { width: 16rem; }
      #error { white-space: pre-wrap; }
    `,
  ];

  override render() {
    const off = this.disabled || this.busy;
    return html`<details ?open=${this.busy || !!this.download || !!this.error || !!this.status}>
      <summary>Extract features from images (folder of images and masks, with or without a manifest)</summary>
      <div class="grid">
        <label for="manifest"
          >Image manifest (optional CSV: patient_id, sequence, image, mask, series, segment, roi). Without one, the folder holds one
          subfolder per patient: &lt;id&gt;/&lt;sequence&gt;.nii.gz (or a DICOM folder &lt;id&gt;/&lt;sequence&gt;/) and &lt;id&gt;/mask.nii.gz or
          &lt;id&gt;/&lt;sequence&gt;_mask.nii.gz</label
        >
        <input id="manifest" type="file" accept=".csv,text/csv" ?disabled=${off} />
        <label for="folder">Folder of images and masks (paths as in the manifest)</label>
        <input id="folder" type="file" webkitdirectory multiple ?disabled=${off} />
        <label for="settings">Settings (optional: PyRadiomics .yaml or settings .json; default PyRadiomics defaults)</label>
        <input id="settings" type="file" accept=".yaml,.yml,.json" ?disabled=${off} />
      </div>
      <label class="consent"
        ><input id="keep-on-device" type="checkbox" .checked=${this.keep} ?disabled=${off} @change=${(e: Event) => (this.keep = (e.target as HTMLInputElement).checked)} />
        Keep extracted features on this device so an interrupted run can resume (stored in this browser only; erase any time in Privacy)</label
      >
      <div class="actions">
        <button type="button" id="extract" ?disabled=${off || !this.extractor} @click=${this.run}>Extract features</button>
        ${this.busy ? html`<button type="button" id="cancel-extract" class="secondary" @click=${this.cancel}>Cancel</button>` : nothing}
        ${this.busy
          ? html`<span role="status" id="extract-progress"
              ><progress max=${this.progress?.total ?? 1} .value=${this.progress?.done ?? 0}></progress> ${this.progress ? cohortProgressText(this.progress) : 'Reading the files…'}</span
            >`
          : nothing}
        ${this.download ? html`<a id="download" href=${this.download.href} download=${this.download.name}>Download the feature table (${this.download.name})</a>` : nothing}
      </div>
      ${this.status ? html`<p class="hint" id="extract-status">${this.status}</p>` : nothing}
      ${this.error ? html`<div role="alert" id="extract-error">${this.error}</div>` : nothing}
    </details>`;
  }

  private input(id: string): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`);
  }

  private async run() {
    if (!this.extractor) return;
    const manifest = this.input('manifest')?.files?.[0];
    const folder = [...(this.input('folder')?.files ?? [])];
    const settingsFile = this.input('settings')?.files?.[0];
    this.error = '';
    this.status = '';
    if (folder.length === 0) {
      this.error = 'Choose the folder of images and masks.';
      return;
    }
    this.busy = true;
    this.progress = undefined;
    try {
      const settings = cohortSettings(settingsFile ? { name: settingsFile.name, text: await settingsFile.text() } : undefined);
      const files: CohortFile[] = await Promise.all(folder.map(async (f) => ({ path: f.webkitRelativePath || f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const result = await this.extractor.extractCohort(
        { ...(manifest ? { manifest: { name: manifest.name, text: await manifest.text() } } : {}), files, settings, backend: 'auto', keepOnDevice: this.keep },
        (p) => (this.progress = p),
      );
      const name = `${manifest ? manifest.name.replace(/\.csv$/i, '') : (files[0]?.path.split('/')[0] ?? 'cohort')}-features.csv`;
      if (this.download) URL.revokeObjectURL(this.download.href);
      this.download = { href: URL.createObjectURL(new Blob([result.csv], { type: 'text/csv' })), name };
      this.status =
        `Extracted ${result.features} features for ${result.patients} patients (sequences ${result.sequences.join(', ')}; ${result.backend?.kind ?? 'no'} backend); ` +
        `used as the feature table.${result.fromCache ? ` ${result.fromCache} of the cases came from this device's cache.` : ''}` +
        `${result.warnings.length ? ` Warnings: ${result.warnings.join('; ')}` : ''}`;
      this.dispatchEvent(new CustomEvent<CohortFeaturesDetail>('cohort-features', { detail: { name, text: result.csv }, bubbles: true, composed: true }));
    } catch (err) {
      const e = err as Error;
      if (e.name === 'AbortError') {
        this.status = this.keep
          ? `Cancelled (${e.message}). The finished cases are kept on this device; run again to resume.`
          : `Cancelled (${e.message}). Your files are still chosen; run again to start over.`;
      } else this.error = e.message ?? String(e);
    } finally {
      this.busy = false;
      this.progress = undefined;
    }
  }

  private cancel() {
    void this.extractor?.cancelCohort();
  }
}

customElements.define('wr-cohort-extract', WrCohortExtract);

declare global {
  interface HTMLElementTagNameMap {
    'wr-cohort-extract': WrCohortExtract;
  }
}
