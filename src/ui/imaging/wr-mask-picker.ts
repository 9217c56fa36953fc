import { LitElement, css, html, nothing } from 'lit';
import type { MaskItem } from '../../pipeline/imaging.js';

/** A mask the user can apply: a SEG / RTSTRUCT of the study, or a separate file (SEG, RTSTRUCT, NIfTI, NRRD). */
export interface MaskOption {
  key: string;
  /** e.g. "RTSTRUCT rt/RS1.dcm" */
  label: string;
  kind: 'seg' | 'rtstruct' | 'label-map';
  /** segments / ROIs to choose from (label maps: none, every non-zero label is taken) */
  items: MaskItem[];
  /** why it cannot be used */
  error?: string;
}

/**
 * The masks on offer and what to take from each (segments of a SEG, ROIs of an RTSTRUCT), a separate mask file,
 * or an empty mask to draw on.
 *
 * @fires wr-mask-apply - detail { key, items: string[] } (the ids of the chosen segments / ROIs)
 * @fires wr-mask-file - detail { file: File }, a separate mask file picked
 * @fires wr-mask-empty - start from an empty mask (draw with the brush)
 */
export class WrMaskPicker extends LitElement {
  static override properties = { options: { attribute: false }, disabled: { type: Boolean }, current: { state: true }, chosen: { state: true } };

  options: MaskOption[] = [];
  disabled = false;
  current = '';
  chosen: string[] = [];

  static override styles = css`
    :host { display: flex; gap: 0.5rem 1rem; flex-wrap: wrap; align-items: center; }
    .items { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    .error { color: #b42318; }
  `;

  private get option(): MaskOption | undefined {
    return this.options.find((o) => o.key === this.current) ?? this.options[0];
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('options') && !this.options.some((o) => o.key === this.current)) this.select(this.options[0]?.key ?? '');
  }

  private select(key: string): void {
    this.current = key;
    const o = this.options.find((x) => x.key === key);
    this.chosen = o?.items.length ? [o.items[0].id] : [];
  }

  private toggle(id: string, on: boolean): void {
    this.chosen = on ? [...new Set([...this.chosen, id])] : this.chosen.filter((x) => x !== id);
  }

  private emit(name: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  override render() {
    const o = this.option;
    return html`
      ${this.options.length
        ? html`<label>Mask <select id="mask-source" ?disabled=${this.disabled} @change=${(e: Event) => this.select((e.target as HTMLSelectElement).value)}>
              ${this.options.map((x) => html`<option value=${x.key} ?selected=${x.key === o?.key}>${x.label}</option>`)}
            </select></label>
            ${o?.error
              ? html`<span class="error">${o.error}</span>`
              : html`<span class="items" id="mask-items">
                    ${o?.items.map(
                      (it) => html`<label><input type="checkbox" data-id=${it.id} .checked=${this.chosen.includes(it.id)} @change=${(e: Event) => this.toggle(it.id, (e.target as HTMLInputElement).checked)} />${it.name}</label>`,
                    )}
                  </span>
                  <button type="button" id="apply-mask" ?disabled=${this.disabled || (o !== undefined && o.items.length > 0 && this.chosen.length === 0)} @click=${() => this.emit('wr-mask-apply', { key: o!.key, items: this.chosen })}>Apply mask</button>`}`
        : html`<span>No SEG or RTSTRUCT in the study.</span>`}
      <label>Mask file <input id="mask-file" type="file" accept=".dcm,.nii,.nii.gz,.gz,.nrrd,application/dicom" ?disabled=${this.disabled} @change=${(e: Event) => {
        const f = (e.target as HTMLInputElement).files?.[0];
        if (f) this.emit('wr-mask-file', { file: f });
      }} /></label>
      <button type="button" id="empty-mask" ?disabled=${this.disabled} @click=${() => this.emit('wr-mask-empty')}>Empty mask (draw)</button>
      ${nothing}
    `;
  }
}

customElements.define('wr-mask-picker', WrMaskPicker);

declare global {
  interface HTMLElementTagNameMap {
    'wr-mask-picker': WrMaskPicker;
  }
}
