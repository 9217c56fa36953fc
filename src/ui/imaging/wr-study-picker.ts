import { LitElement, css, html, nothing } from 'lit';
import { fromDirectoryPicker, fromDrop, fromFileList, hasDirectoryPicker, type PickedFile } from './picked-files.js';

/**
 * Where a study comes in: drop a folder, a zip or files on the zone, or pick a folder (`<input webkitdirectory>`,
 * or the File System Access API's folder picker where the browser offers it), or pick files / a zip.
 *
 * @fires wr-study-files - detail { files: PickedFile[] }, once the files are listed (nothing is read yet)
 */
export class WrStudyPicker extends LitElement {
  static override properties = { disabled: { type: Boolean }, over: { state: true } };

  disabled = false;
  over = false;

  static override styles = css`
    :host { display: block; }
    .zone { border: 2px dashed #8a9bb0; border-radius: 6px; padding: 1rem; display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: center; }
    .zone.over { border-color: #1f5f99; background: #eef5fc; }
    label { display: inline-flex; gap: 0.3rem; align-items: center; }
  `;

  private emit(files: PickedFile[]): void {
    if (!files.length) return;
    this.dispatchEvent(new CustomEvent('wr-study-files', { detail: { files }, bubbles: true, composed: true }));
  }

  private onInput(e: Event): void {
    const input = e.target as HTMLInputElement;
    this.emit(fromFileList(input.files ?? []));
  }

  private async onDrop(e: DragEvent): Promise<void> {
    e.preventDefault();
    this.over = false;
    if (this.disabled || !e.dataTransfer) return;
    this.emit(await fromDrop(e.dataTransfer));
  }

  private async onDirectoryPicker(): Promise<void> {
    const files = await fromDirectoryPicker();
    if (files) this.emit(files);
  }

  override render() {
    return html`
      <div
        class="zone ${this.over ? 'over' : ''}"
        id="drop-zone"
        @dragover=${(e: DragEvent) => (e.preventDefault(), (this.over = true))}
        @dragleave=${() => (this.over = false)}
        @drop=${this.onDrop}
      >
        <span>Drop a DICOM folder, a zip or files here, or</span>
        ${hasDirectoryPicker()
          ? html`<button type="button" id="pick-directory" ?disabled=${this.disabled} @click=${this.onDirectoryPicker}>Choose a folder…</button>`
          : nothing}
        <label>Folder <input id="folder" type="file" webkitdirectory multiple ?disabled=${this.disabled} @change=${this.onInput} /></label>
        <label>Files or zip <input id="files" type="file" multiple ?disabled=${this.disabled} @change=${this.onInput} /></label>
      </div>
    `;
  }
}

customElements.define('wr-study-picker', WrStudyPicker);

declare global {
  interface HTMLElementTagNameMap {
    'wr-study-picker': WrStudyPicker;
  }
}
