import { LitElement, css, html, nothing } from 'lit';
import type { ClinicalPredictor } from '../../core/model/clinical-model.js';
import type { ClinicalColumnInfo } from '../../core/research/predictors.js';
import { researchStyles } from './styles.js';

/**
 * Candidate clinical predictors of the clinical model: one row per variable column of the clinical table, ticked
 * when it is a candidate, with its type and, for numbers, the encoding (as is, log10, ln, or dichotomised at a
 * cut-off). Categorical variables use the table's categories, the first as reference. Units, labels and ranges of
 * predictors from a spec file are kept.
 *
 * @fires predictors-change - the new ClinicalPredictor[]
 */
export class WrPredictorEditor extends LitElement {
  static override properties = { columns: { attribute: false }, predictors: { attribute: false }, disabled: { type: Boolean } };

  columns: ClinicalColumnInfo[] = [];
  predictors: ClinicalPredictor[] = [];
  disabled = false;

  static override styles = [
    researchStyles,
    css`
      table { border-collapse: collapse; font-size: 0.9rem; }
      th, td { padding: 0.15rem 0.5rem; text-align: left; border-bottom: 1px solid #eef0f3; }
      td.levels { color: #4a5560; max-width: 24rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    `,
  ];

  private emit(next: ClinicalPredictor[]) {
    this.predictors = next;
    this.dispatchEvent(new CustomEvent<ClinicalPredictor[]>('predictors-change', { detail: next, bubbles: true, composed: true }));
  }

  private fresh(c: ClinicalColumnInfo, type: 'numeric' | 'categorical'): ClinicalPredictor {
    return type === 'numeric' ? { variable: c.name, type } : { variable: c.name, type, levels: [...c.levels] };
  }

  private replace(c: ClinicalColumnInfo, p: ClinicalPredictor | null) {
    const order = this.columns.map((x) => x.name);
    const rest = this.predictors.filter((x) => x.variable !== c.name);
    const next = p ? [...rest, p] : rest;
    // keep the table's column order; predictors without a column (from a spec) stay at the end
    next.sort((a, b) => (order.indexOf(a.variable) + 1 || 1e9) - (order.indexOf(b.variable) + 1 || 1e9));
    this.emit(next);
  }

  private encoding(c: ClinicalColumnInfo, p: ClinicalPredictor, value: string) {
    const { transform: _t, cut: _c, ...base } = p;
    if (value === 'cut') this.replace(c, { ...base, cut: p.cut ?? (c.min !== null && c.max !== null ? Number(((c.min + c.max) / 2).toPrecision(3)) : 0) });
    else this.replace(c, value === 'none' ? base : { ...base, transform: value as 'log10' | 'ln' });
  }

  override render() {
    if (this.columns.length === 0) return nothing;
    const byName = new Map(this.predictors.map((p) => [p.variable, p]));
    return html`<fieldset ?disabled=${this.disabled}>
      <legend>Clinical variables (candidates for the clinical model)</legend>
      <table id="predictors">
        <thead><tr><th>Use</th><th>Variable</th><th>Type</th><th>Encoding</th><th>Values</th></tr></thead>
        <tbody>
          ${this.columns.map((c) => {
            const p = byName.get(c.name);
            const enc = p?.cut !== undefined ? 'cut' : (p?.transform ?? 'none');
            return html`<tr data-variable=${c.name}>
              <td><input type="checkbox" name="use" aria-label="use ${c.name}" .checked=${p !== undefined} @change=${(e: Event) => this.replace(c, (e.target as HTMLInputElement).checked ? this.fresh(c, c.numeric ? 'numeric' : 'categorical') : null)} /></td>
              <td>${c.name}${p?.label && p.label !== c.name ? html` <span class="hint">${p.label}</span>` : nothing}${p?.unit && !p.label?.includes(p.unit) ? html` <span class="hint">(${p.unit})</span>` : nothing}</td>
              <td>
                <select name="type" ?disabled=${!p} @change=${(e: Event) => this.replace(c, this.fresh(c, (e.target as HTMLSelectElement).value as 'numeric' | 'categorical'))}>
                  <option value="numeric" ?selected=${p?.type === 'numeric' || (!p && c.numeric)} ?disabled=${!c.numeric}>number</option>
                  <option value="categorical" ?selected=${p?.type === 'categorical' || (!p && !c.numeric)}>categories</option>
                </select>
              </td>
              <td>
                ${p?.type === 'numeric'
                  ? html`<select name="encoding" @change=${(e: Event) => this.encoding(c, p, (e.target as HTMLSelectElement).value)}>
                        <option value="none" ?selected=${enc === 'none'}>as is</option>
                        <option value="log10" ?selected=${enc === 'log10'} ?disabled=${c.min === null || c.min <= 0}>log10</option>
                        <option value="ln" ?selected=${enc === 'ln'} ?disabled=${c.min === null || c.min <= 0}>ln</option>
                        <option value="cut" ?selected=${enc === 'cut'}>&ge; cut-off</option>
                      </select>
                      ${enc === 'cut'
                        ? html`<input name="cut" type="number" step="any" aria-label="cut-off of ${c.name}" .value=${String(p.cut)} @change=${(e: Event) => {
                            const v = Number((e.target as HTMLInputElement).value);
                            if (Number.isFinite(v)) this.replace(c, { ...p, cut: v });
                          }} />`
                        : nothing}`
                  : p?.type === 'categorical'
                    ? html`reference: ${p.levels?.[0] ?? ''}`
                    : nothing}
              </td>
              <td class="levels" title=${c.levels.join(', ')}>${c.numeric ? `${c.min} to ${c.max}` : c.levels.join(', ')}${c.missing ? ` (${c.missing} missing)` : ''}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </fieldset>`;
  }
}

customElements.define('wr-predictor-editor', WrPredictorEditor);

declare global {
  interface HTMLElementTagNameMap {
    'wr-predictor-editor': WrPredictorEditor;
  }
}
