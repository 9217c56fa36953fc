import { LitElement, css, html } from 'lit';
import type { Orientation } from '../../core/roi/slice-layout.js';
import type { ViewerModel } from '../../core/roi/viewer-model.js';
import type { RoiSaver } from './roi-saver.js';
import './wr-roi-tools.js';
import './wr-slice-viewer.js';
import type { ViewerTool, WrSliceViewer } from './wr-slice-viewer.js';
import type { WrRoiTools } from './wr-roi-tools.js';

/**
 * A <wr-slice-viewer> and its <wr-roi-tools> wired together on one `model`: the tools set the viewer's tool,
 * radius and label; edits in either redraw both. The simplest way for a page to embed ROI editing.
 *
 * @fires wr-roi-change - detail { version }, from either part (bubbles)
 */
export class WrRoiEditor extends LitElement {
  static override properties = {
    model: { attribute: false },
    saver: { attribute: false },
    orientation: { state: true },
    tool: { state: true },
    radiusMm: { state: true },
    label: { state: true },
  };

  model?: ViewerModel;
  saver?: RoiSaver;
  orientation: Orientation = 'axial';
  tool: ViewerTool = 'window';
  radiusMm = 3;
  label = 1;

  static override styles = css`
    :host { display: flex; gap: 1rem; flex-wrap: wrap; align-items: flex-start; }
    wr-roi-tools { max-width: 26rem; }
  `;

  get viewer(): WrSliceViewer | null {
    return this.renderRoot.querySelector('wr-slice-viewer');
  }

  get tools(): WrRoiTools | null {
    return this.renderRoot.querySelector('wr-roi-tools');
  }

  private onTool(e: CustomEvent<{ tool: ViewerTool; radiusMm: number; label: number }>): void {
    ({ tool: this.tool, radiusMm: this.radiusMm, label: this.label } = e.detail);
  }

  private onRoiChange(e: Event): void {
    if (e.target === this.viewer) this.tools?.refresh();
    else this.viewer?.refresh();
  }

  override render() {
    return html`
      <wr-slice-viewer
        .model=${this.model}
        .tool=${this.tool}
        .radiusMm=${this.radiusMm}
        .label=${this.label}
        @wr-slice-change=${(e: CustomEvent<{ orientation: Orientation }>) => (this.orientation = e.detail.orientation)}
        @wr-roi-change=${this.onRoiChange}
      ></wr-slice-viewer>
      <wr-roi-tools .model=${this.model} .saver=${this.saver} .orientation=${this.orientation} .tool=${this.tool} @wr-tool-change=${this.onTool} @wr-roi-change=${this.onRoiChange}></wr-roi-tools>
    `;
  }
}

customElements.define('wr-roi-editor', WrRoiEditor);

declare global {
  interface HTMLElementTagNameMap {
    'wr-roi-editor': WrRoiEditor;
  }
}
