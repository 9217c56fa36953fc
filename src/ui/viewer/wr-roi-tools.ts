import { LitElement, css, html } from 'lit';
import type { Orientation } from '../../core/roi/slice-layout.js';
import type { LabelStats } from '../../core/roi/stats.js';
import type { ViewerModel } from '../../core/roi/viewer-model.js';
import { downloadBlob } from '../download.js';
import type { RoiFormat, RoiSaver } from './roi-saver.js';
import type { ViewerTool } from './wr-slice-viewer.js';

const TOOLS: { id: ViewerTool; label: string }[] = [
  { id: 'window', label: 'Window/level' },
  { id: 'pan', label: 'Pan' },
  { id: 'brush', label: 'Brush' },
  { id: 'eraser', label: 'Eraser' },
  { id: 'fill', label: 'Fill' },
];

const FORMAT_LABELS: Record<RoiFormat, string> = { nifti: 'Save as NIfTI', seg: 'Save as DICOM SEG' };

/**
 * ROI tools for a <wr-slice-viewer> on the same `model`: tool and brush radius (mm), the label drawn, interpolation
 * between drawn slices (along the viewer's orientation), a peritumoral ring of N mm, undo/redo, the size of
 * every label (voxels, mL) and saving through `saver`. Edits go to model.editor; nothing numeric happens here.
 *
 * @fires wr-tool-change - detail { tool, radiusMm, label }: the viewer should take these
 * @fires wr-roi-change - detail { version }, after interpolate, ring, undo or redo
 * @fires wr-roi-saved - detail { name, bytes, type }, after a file was encoded and handed to the browser
 */
export class WrRoiTools extends LitElement {
  static override properties = {
    model: { attribute: false },
    saver: { attribute: false },
    orientation: { type: String },
    tool: { type: String },
    radiusMm: { type: Number, attribute: 'radius-mm' },
    label: { type: Number },
    ringMm: { type: Number, attribute: 'ring-mm' },
    ringLabel: { type: Number, attribute: 'ring-label' },
    message: { state: true },
  };

  model?: ViewerModel;
  saver?: RoiSaver;
  /** the viewer's orientation: interpolation runs across its slices */
  orientation: Orientation = 'axial';
  tool: ViewerTool = 'window';
  radiusMm = 3;
  label = 1;
  ringMm = 5;
  /** the label the ring is written as */
  ringLabel = 2;
  message = '';

  static override styles = css`
    :host { display: block; font: 13px system-ui, sans-serif; }
    fieldset { border: 1px solid #d8dde3; margin: 0 0 0.4rem; padding: 0.3rem 0.5rem; display: flex; gap: 0.4rem; flex-wrap: wrap; align-items: center; }
    button[aria-pressed='true'] { background: #1f5f99; color: white; }
    input[type='number'] { width: 4.5em; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    td, th { padding: 0.1rem 0.5rem; text-align: right; }
    .message { min-height: 1.2em; }
  `;

  /** Re-reads the model (label sizes, undo state) after an edit made elsewhere, e.g. in the viewer. */
  refresh(): void {
    this.requestUpdate();
  }

  private emitTool(): void {
    this.dispatchEvent(new CustomEvent('wr-tool-change', { detail: { tool: this.tool, radiusMm: this.radiusMm, label: this.label }, bubbles: true, composed: true }));
  }

  private changed(message: string): void {
    this.message = message;
    this.dispatchEvent(new CustomEvent('wr-roi-change', { detail: { version: this.model?.editor.version }, bubbles: true, composed: true }));
    this.requestUpdate();
  }

  private setTool(t: ViewerTool): void {
    this.tool = t;
    this.emitTool();
  }

  private interpolate(): void {
    if (!this.model) return;
    const filled = this.model.editor.interpolate(this.model.layout(this.orientation), this.label);
    this.changed(filled.length ? `Interpolated ${filled.length} ${this.orientation} slice${filled.length > 1 ? 's' : ''}.` : 'Nothing to interpolate: draw at least two slices with a gap between them.');
  }

  private ring(): void {
    if (!this.model) return;
    const n = this.model.editor.ring({ mm: this.ringMm, roiLabel: this.label }, this.ringLabel);
    this.changed(`Ring of ${this.ringMm} mm: ${n} voxels as label ${this.ringLabel}.`);
  }

  private undo(): void {
    const d = this.model?.editor.undo();
    this.changed(d ? `Undid ${d.label}.` : 'Nothing to undo.');
  }

  private redo(): void {
    const d = this.model?.editor.redo();
    this.changed(d ? `Redid ${d.label}.` : 'Nothing to redo.');
  }

  private async save(format: RoiFormat): Promise<void> {
    if (!this.saver) return;
    try {
      const file = await this.saver.encode(format);
      downloadBlob(file.name, new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }));
      this.message = `Saved ${file.name}.`;
      this.dispatchEvent(new CustomEvent('wr-roi-saved', { detail: file, bubbles: true, composed: true }));
    } catch (e) {
      this.message = `Could not save: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  private number(e: Event): number {
    return Number((e.target as HTMLInputElement).value);
  }

  override render() {
    const editor = this.model?.editor;
    const stats: LabelStats[] = editor?.stats() ?? [];
    return html`
      <fieldset>
        <legend>Tool</legend>
        ${TOOLS.map((t) => html`<button type="button" data-tool=${t.id} aria-pressed=${String(t.id === this.tool)} @click=${() => this.setTool(t.id)}>${t.label}</button>`)}
        <label>Radius <input class="radius" type="number" min="0.1" step="0.5" .value=${String(this.radiusMm)} @change=${(e: Event) => ((this.radiusMm = this.number(e)), this.emitTool())} /> mm</label>
        <label>Label <input class="label" type="number" min="1" max="255" step="1" .value=${String(this.label)} @change=${(e: Event) => ((this.label = this.number(e)), this.emitTool())} /></label>
      </fieldset>
      <fieldset>
        <legend>Region</legend>
        <button type="button" class="interpolate" @click=${this.interpolate}>Interpolate ${this.orientation} slices</button>
        <label>Ring <input class="ring-mm" type="number" min="0.5" step="0.5" .value=${String(this.ringMm)} @change=${(e: Event) => (this.ringMm = this.number(e))} /> mm</label>
        <button type="button" class="ring" @click=${this.ring}>Make ring</button>
        <button type="button" class="undo" ?disabled=${!editor?.history.canUndo} @click=${this.undo}>Undo</button>
        <button type="button" class="redo" ?disabled=${!editor?.history.canRedo} @click=${this.redo}>Redo</button>
      </fieldset>
      <table class="stats">
        <thead><tr><th>Label</th><th>Voxels</th><th>Volume (mL)</th></tr></thead>
        <tbody>
          ${stats.map((s) => html`<tr data-label=${s.label}><td>${s.label}</td><td>${s.voxels}</td><td>${s.volumeMl.toFixed(3)}</td></tr>`)}
        </tbody>
      </table>
      ${this.saver ? html`<fieldset><legend>Save</legend>${this.saver.formats.map((f) => html`<button type="button" data-format=${f} @click=${() => this.save(f)}>${FORMAT_LABELS[f]}</button>`)}</fieldset>` : ''}
      <div class="message" aria-live="polite">${this.message}</div>
    `;
  }
}

customElements.define('wr-roi-tools', WrRoiTools);

declare global {
  interface HTMLElementTagNameMap {
    'wr-roi-tools': WrRoiTools;
  }
}
