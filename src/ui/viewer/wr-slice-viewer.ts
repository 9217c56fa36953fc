import { LitElement, css, html } from 'lit';
import type { Orientation } from '../../core/roi/slice-layout.js';
import type { ViewerModel } from '../../core/roi/viewer-model.js';
import type { OverlayStyle } from '../../core/roi/render-slice.js';

export type ViewerTool = 'window' | 'pan' | 'brush' | 'eraser' | 'fill';

const ORIENTATIONS: Orientation[] = ['axial', 'coronal', 'sagittal'];

/**
 * A slice viewer: one slice of a volume on a canvas, in the radiological convention (patient left on screen
 * right; see core/roi/slice-layout.ts), with the label mask blended on top. All numbers come from the
 * `model` (core/roi/viewer-model.ts, created by the page through pipeline/roi-editing.ts); this element only
 * turns pointer and key events into calls on it.
 *
 * - drag with the `window` tool (or the right button): window/level; preset menu for MR percentiles / CT windows
 * - drag with `pan` (or the middle button): pan; ctrl + wheel or + / -: zoom; 0: reset the view
 * - wheel, arrow keys: next / previous slice; Page Up / Page Down: 5 slices; Home / End: first / last
 * - a, c, s: axial, coronal, sagittal
 * - `brush` / `eraser` / `fill` edit the mask through model.editor (radius in mm, `label`)
 *
 * @fires wr-slice-change - detail { orientation, slice }, when either changes
 * @fires wr-roi-change - detail { version }, after every edit of the mask
 * @fires wr-readout - detail: the Readout under the pointer (or undefined)
 * @csspart canvas - the image
 */
export class WrSliceViewer extends LitElement {
  static override properties = {
    model: { attribute: false },
    orientation: { type: String, reflect: true },
    slice: { type: Number },
    opacity: { type: Number },
    overlay: { type: String },
    tool: { type: String },
    radiusMm: { type: Number, attribute: 'radius-mm' },
    label: { type: Number },
    box: { type: Number },
    zoom: { state: true },
    pan: { state: true },
    readout: { state: true },
  };

  model?: ViewerModel;
  orientation: Orientation = 'axial';
  /** slice index along the orientation's slice axis; -1: the middle slice */
  slice = -1;
  /** overlay opacity, 0..1 */
  opacity = 0.4;
  /** the mask filled or as its outline within the slice */
  overlay: OverlayStyle = 'fill';
  tool: ViewerTool = 'window';
  radiusMm = 3;
  label = 1;
  /** the longest side of the image on screen, CSS px, at zoom 1 */
  box = 512;
  zoom = 1;
  pan: [number, number] = [0, 0];
  readout = '';

  private drag?: { mode: 'window' | 'pan' | 'paint'; x: number; y: number };

  static override styles = css`
    :host { display: inline-block; font: 13px system-ui, sans-serif; }
    .bar { display: flex; gap: 0.4rem; align-items: center; flex-wrap: wrap; margin-bottom: 0.3rem; }
    .bar button[aria-pressed='true'] { background: #1f5f99; color: white; }
    .stage { position: relative; overflow: hidden; background: black; outline: none; }
    .stage:focus-visible { box-shadow: 0 0 0 2px #4a9be8; }
    canvas { position: absolute; left: 50%; top: 50%; image-rendering: pixelated; touch-action: none; }
    .readout { font-family: ui-monospace, monospace; min-height: 1.3em; margin-top: 0.2rem; white-space: pre; }
    .slice { font-variant-numeric: tabular-nums; }
  `;

  get currentSlice(): number {
    if (!this.model) return 0;
    return this.slice < 0 ? this.model.middleSlice(this.orientation) : this.model.clampSlice(this.orientation, this.slice);
  }

  /** Redraws the slice (call after changing the model's mask from outside). */
  refresh(): void {
    this.draw();
    this.requestUpdate();
  }

  setSlice(slice: number): void {
    if (!this.model) return;
    const next = this.model.clampSlice(this.orientation, slice);
    if (next === this.currentSlice && this.slice >= 0) return;
    this.slice = next;
    this.emit('wr-slice-change', { orientation: this.orientation, slice: next });
  }

  setOrientation(o: Orientation): void {
    if (o === this.orientation) return;
    this.orientation = o;
    this.slice = -1;
    this.zoom = 1;
    this.pan = [0, 0];
    this.emit('wr-slice-change', { orientation: o, slice: this.currentSlice });
  }

  private emit(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private get canvas(): HTMLCanvasElement | null {
    return this.renderRoot.querySelector('canvas');
  }

  private draw(): void {
    const canvas = this.canvas;
    if (!canvas || !this.model) return;
    const img = this.model.render(this.orientation, this.currentSlice, this.opacity, this.overlay);
    if (canvas.width !== img.width) canvas.width = img.width;
    if (canvas.height !== img.height) canvas.height = img.height;
    canvas.getContext('2d')?.putImageData(new ImageData(img.rgba as Uint8ClampedArray<ArrayBuffer>, img.width, img.height), 0, 0);
  }

  override updated(): void {
    this.place();
    this.draw();
  }

  /**
   * Sizes the stage and places the canvas through CSSOM (element.style), which the app's CSP (style-src 'self')
   * allows; a style attribute in the template it would block.
   */
  private place(): void {
    const stage = this.renderRoot.querySelector<HTMLElement>('.stage');
    const canvas = this.canvas;
    if (!stage || !canvas || !this.model) return;
    const size = this.model.displaySize(this.orientation, this.box);
    stage.style.width = stage.style.height = `${this.box}px`;
    canvas.style.width = `${size.width}px`;
    canvas.style.height = `${size.height}px`;
    canvas.style.transform = `translate(-50%, -50%) translate(${this.pan[0]}px, ${this.pan[1]}px) scale(${this.zoom})`;
  }

  /** The image pixel under a pointer event (fractional), from the canvas's on-screen box. */
  private pixelAt(e: PointerEvent | MouseEvent): [number, number] {
    const canvas = this.canvas!;
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * canvas.width, ((e.clientY - r.top) / r.height) * canvas.height];
  }

  private onPointerDown(e: PointerEvent): void {
    if (!this.model) return;
    (e.currentTarget as HTMLElement).focus();
    const [px, py] = this.pixelAt(e);
    const x = Math.floor(px);
    const y = Math.floor(py);
    const layout = this.model.layout(this.orientation);
    const mode = e.button === 2 ? 'window' : e.button === 1 ? 'pan' : this.tool;
    if (mode === 'brush' || mode === 'eraser') {
      this.model.editor.beginStroke(layout, this.currentSlice, x, y, { radiusMm: this.radiusMm, label: this.label, erase: mode === 'eraser' });
      this.drag = { mode: 'paint', x: e.clientX, y: e.clientY };
      this.draw();
    } else if (mode === 'fill') {
      this.model.editor.fill(layout, this.currentSlice, x, y, this.label);
      this.afterEdit();
      return;
    } else {
      this.drag = { mode, x: e.clientX, y: e.clientY };
    }
    try {
      (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    } catch {
      // a synthetic or already-ended pointer cannot be captured; the drag still works inside the stage
    }
    e.preventDefault();
  }

  private onPointerMove(e: PointerEvent): void {
    if (!this.model) return;
    const [px, py] = this.pixelAt(e);
    const d = this.drag;
    if (d?.mode === 'paint') {
      this.model.editor.moveStroke(Math.floor(px), Math.floor(py));
      this.draw();
    } else if (d?.mode === 'window') {
      this.model.dragWindow(e.clientX - d.x, e.clientY - d.y);
      d.x = e.clientX;
      d.y = e.clientY;
      this.draw();
    } else if (d?.mode === 'pan') {
      this.pan = [this.pan[0] + e.clientX - d.x, this.pan[1] + e.clientY - d.y];
      d.x = e.clientX;
      d.y = e.clientY;
    }
    this.showReadout(px, py);
  }

  private onPointerUp(): void {
    const d = this.drag;
    this.drag = undefined;
    if (d?.mode === 'paint' && this.model) {
      this.model.editor.endStroke();
      this.afterEdit();
    } else if (d?.mode === 'window') this.requestUpdate();
  }

  private afterEdit(): void {
    this.draw();
    this.showReadoutAgain();
    this.emit('wr-roi-change', { version: this.model?.editor.version });
    this.requestUpdate();
  }

  private lastPointer?: [number, number];

  private showReadout(px: number, py: number): void {
    this.lastPointer = [px, py];
    const r = this.model?.readout(this.orientation, this.currentSlice, px, py);
    this.readout = r?.text ?? '';
    this.emit('wr-readout', r);
  }

  private showReadoutAgain(): void {
    if (this.lastPointer) this.showReadout(...this.lastPointer);
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    if (e.ctrlKey) this.zoomBy(e.deltaY < 0 ? 1.25 : 0.8);
    else this.setSlice(this.currentSlice + (e.deltaY < 0 ? 1 : -1));
  }

  private zoomBy(f: number): void {
    this.zoom = Math.min(16, Math.max(0.25, this.zoom * f));
  }

  private onKey(e: KeyboardEvent): void {
    const steps: Record<string, number> = { ArrowUp: 1, ArrowRight: 1, ArrowDown: -1, ArrowLeft: -1, PageUp: 5, PageDown: -5 };
    const orient: Record<string, Orientation> = { a: 'axial', c: 'coronal', s: 'sagittal' };
    if (e.key in steps) this.setSlice(this.currentSlice + steps[e.key]);
    else if (e.key === 'Home') this.setSlice(0);
    else if (e.key === 'End') this.setSlice(Number.MAX_SAFE_INTEGER);
    else if (e.key === '+' || e.key === '=') this.zoomBy(1.25);
    else if (e.key === '-') this.zoomBy(0.8);
    else if (e.key === '0') {
      this.zoom = 1;
      this.pan = [0, 0];
    } else if (e.key in orient) this.setOrientation(orient[e.key]);
    else return;
    e.preventDefault();
    this.showReadoutAgain();
  }

  private onPreset(e: Event): void {
    const id = (e.target as HTMLSelectElement).value;
    if (!id || !this.model) return;
    this.model.applyPreset(id);
    this.draw();
    this.requestUpdate();
  }

  override render() {
    const m = this.model;
    if (!m) return html`<p>No image.</p>`;
    const layout = m.layout(this.orientation);
    const w = m.window;
    return html`
      <div class="bar" role="toolbar" aria-label="View">
        ${ORIENTATIONS.map((o) => html`<button type="button" aria-pressed=${String(o === this.orientation)} @click=${() => this.setOrientation(o)}>${o}</button>`)}
        <label>Window <select class="preset" @change=${this.onPreset}>
          <option value="">preset...</option>
          ${m.presets.map((p) => html`<option value=${p.id}>${p.label}</option>`)}
        </select></label>
        <span class="wl">W ${w.width.toPrecision(4)} L ${w.level.toPrecision(4)}</span>
        <label>Overlay <input class="opacity" type="range" min="0" max="1" step="0.05" .value=${String(this.opacity)} @input=${(e: Event) => (this.opacity = Number((e.target as HTMLInputElement).value))} /></label>
        <label><input class="outline" type="checkbox" .checked=${this.overlay === 'outline'} @change=${(e: Event) => (this.overlay = (e.target as HTMLInputElement).checked ? 'outline' : 'fill')} /> outline</label>
        <span class="slice">slice ${this.currentSlice + 1} / ${layout.slices}</span>
      </div>
      <div
        class="stage"
        tabindex="0"
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp}
        @pointercancel=${this.onPointerUp}
        @pointerleave=${() => (this.readout = '')}
        @wheel=${this.onWheel}
        @keydown=${this.onKey}
        @contextmenu=${(e: Event) => e.preventDefault()}
      >
        <canvas
          part="canvas"
        ></canvas>
      </div>
      <div class="readout" aria-live="polite">${this.readout}</div>
    `;
  }
}

customElements.define('wr-slice-viewer', WrSliceViewer);

declare global {
  interface HTMLElementTagNameMap {
    'wr-slice-viewer': WrSliceViewer;
  }
}
