import { LitElement, html, nothing } from 'lit';
import type { ClinicalField } from '../../core/clinic/clinical-form.js';
import { clinicStyles } from './styles.js';

/**
 * The clinical form generated from a model's variables: a number input (with unit, allowed and observed range) or
 * a category select per variable, each with the reason its value was refused. The values are the page's: the
 * form shows them and reports every edit.
 *
 * @fires clinical-change - detail: { variable, value } after each edit (value as typed, '' when cleared)
 */
export class WrClinicalForm extends LitElement {
  static override properties = {
    fields: { attribute: false },
    values: { attribute: false },
    errors: { attribute: false },
    disabled: { type: Boolean },
  };

  fields: ClinicalField[] = [];
  values: Record<string, string> = {};
  errors: Record<string, string> = {};
  disabled = false;

  static override styles = clinicStyles;

  override render() {
    if (this.fields.length === 0) return html`<p class="hint">This model uses no clinical variables.</p>`;
    return html`<div class="grid">${this.fields.map((f) => this.renderField(f))}</div>`;
  }

  private renderField(f: ClinicalField) {
    const id = `clinical-${f.variable}`;
    const err = this.errors[f.variable];
    const value = this.values[f.variable] ?? '';
    const range = f.type === 'numeric' ? `allowed ${f.min ?? '-∞'} to ${f.max ?? '∞'}${f.unit ? ` ${f.unit}` : ''}${f.observedRange ? `; development cohort ${f.observedRange[0]} to ${f.observedRange[1]}` : ''}` : '';
    const input =
      f.type === 'categorical'
        ? html`<select id=${id} data-variable=${f.variable} ?disabled=${this.disabled} aria-invalid=${err ? 'true' : 'false'} @change=${this.onInput}>
            <option value="" ?selected=${value === ''}>choose…</option>
            ${(f.levels ?? []).map((l) => html`<option value=${l} ?selected=${value === l}>${l}</option>`)}
          </select>`
        : html`<input id=${id} data-variable=${f.variable} type="text" inputmode="decimal" .value=${value} ?disabled=${this.disabled} aria-invalid=${err ? 'true' : 'false'} @change=${this.onInput} />
            ${f.unit ?? ''}`;
    return html`<label for=${id}>${f.label}</label>
      <div>
        ${input} ${range ? html`<span class="hint">${range}</span>` : nothing}
        ${err ? html`<div class="field-error" data-error-for=${f.variable}>${err}</div>` : nothing}
      </div>`;
  }

  private onInput(e: Event) {
    const el = e.target as HTMLInputElement | HTMLSelectElement;
    this.dispatchEvent(new CustomEvent('clinical-change', { detail: { variable: el.dataset.variable!, value: el.value }, bubbles: true, composed: true }));
  }
}

customElements.define('wr-clinical-form', WrClinicalForm);

declare global {
  interface HTMLElementTagNameMap {
    'wr-clinical-form': WrClinicalForm;
  }
}
