import { LitElement, css, html, nothing } from 'lit';
import type { BackendChoice, ExtractionResult, FileInput, PipelineClient } from '../pipeline/client.js';
import './wr-feature-table.js';

/** The demo case shipped with the app: the IBSI 1 digital phantom (CC BY 4.0), served from public/demo/. */
const DEMO = { image: 'demo/ibsi-phantom-image.nii.gz', mask: 'demo/ibsi-phantom-mask.nii.gz' };

/**
 * Feature extraction for one case: pick an image and a mask (or run the demo), choose the backend, see the
 * features. Holds no numeric logic: everything runs in the pipeline worker through PipelineClient.
 */
export class WrExtractPage extends LitElement {
  static override properties = {
    busy: { state: true },
    error: { state: true },
    result: { state: true },
    backend: { state: true },
    caseName: { state: true },
  };

  /** injected by the app shell (a test may inject its own) */
  client?: PipelineClient;
  busy = false;
  error = '';
  result?: ExtractionResult;
  backend: BackendChoice = 'auto';
  caseName = '';

  static override styles = css`
    :host { display: block; }
    form { display: grid; grid-template-columns: max-content 1fr; gap: 0.5rem 1rem; align-items: center; margin: 1rem 0; }
    .actions { grid-column: 1 / -1; display: flex; gap: 0.75rem; flex-wrap: wrap; }
    button { font: inherit; padding: 0.4rem 0.9rem; border-radius: 4px; border: 1px solid #355070; background: #355070; color: white; cursor: pointer; }
    button.secondary { background: white; color: #355070; }
    button:disabled { opacity: 0.6; cursor: progress; }
    [role='alert'] { border: 1px solid #b42318; background: #fef3f2; color: #7a1a12; padding: 0.6rem 0.8rem; border-radius: 4px; white-space: pre-wrap; }
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

  private renderResult(r: ExtractionResult) {
    return html`
      <section id="result">
        <p class="status">
          ${this.caseName}: ${r.roiVoxels} ROI voxels, ${r.greyLevels} grey levels. Computed on
          <span class="backend" id="backend-used" data-kind=${r.backend.kind}>${r.backend.kind === 'gpu' ? `GPU: ${r.backend.description}` : r.backend.description}</span>.
        </p>
        ${r.warnings.map((w) => html`<p class="status">Warning: ${w}</p>`)}
        <wr-feature-table .features=${r.features}></wr-feature-table>
      </section>
    `;
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
    this.busy = true;
    this.error = '';
    this.caseName = name;
    try {
      const [image, mask] = await load();
      this.result = await this.client.extract(image, mask, { backend: this.backend });
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
