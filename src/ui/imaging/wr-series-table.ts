import { LitElement, css, html, nothing } from 'lit';
import type { Phase, StudyImport } from '../../pipeline/client.js';

type SeriesSummary = StudyImport['series'][number];

const PHASES: Phase[] = ['pre-contrast', 'arterial', 'portal-venous', 'delayed', 't2', 'dwi', 'adc', 'unknown'];

const mm = (v: number) => (Number.isFinite(v) ? String(Number(v.toFixed(3))) : '?');

/**
 * The image series of an imported study: modality, description, phase (the guess, which the user can change),
 * size, spacing, slice count and the problems found, each naming its files. Also the study's SEG / RTSTRUCT
 * objects, unreadable files and duplicates, so that nothing is dropped silently.
 *
 * @fires wr-series-select - detail { seriesUid }, when the user opens a series
 * @fires wr-phase-change - detail { seriesUid, phase }, when the user changes a phase
 */
export class WrSeriesTable extends LitElement {
  static override properties = { study: { attribute: false }, selected: { type: String }, disabled: { type: Boolean } };

  study?: StudyImport;
  selected = '';
  disabled = false;

  static override styles = css`
    :host { display: block; font-size: 0.95rem; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid #e3e7ec; vertical-align: top; }
    tr[aria-selected='true'] { background: #eef5fc; }
    .num { font-variant-numeric: tabular-nums; }
    .error { color: #b42318; }
    .warning { color: #8a5a00; }
    ul { margin: 0; padding-left: 1.1rem; }
    .notes { color: #4a5565; }
  `;

  private emit(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private row(s: SeriesSummary) {
    const uid = s.seriesInstanceUid;
    return html`
      <tr data-uid=${uid} aria-selected=${String(uid === this.selected)}>
        <td><button type="button" class="open" ?disabled=${this.disabled || !s.decodable} @click=${() => this.emit('wr-series-select', { seriesUid: uid })}>View</button></td>
        <td>${s.seriesNumber ?? ''}</td>
        <td class="modality">${s.modality}</td>
        <td class="description">${s.description}</td>
        <td>
          <select class="phase" title=${s.phase.reason} ?disabled=${this.disabled} @change=${(e: Event) => this.emit('wr-phase-change', { seriesUid: uid, phase: (e.target as HTMLSelectElement).value })}>
            ${PHASES.map((p) => html`<option value=${p} ?selected=${p === s.phase.phase}>${p}</option>`)}
          </select>
          <div class="notes">${s.phase.basis === 'user' ? 'set by you' : `guess: ${s.phase.reason}`}</div>
        </td>
        <td class="num size">${s.size.join(' × ')}</td>
        <td class="num spacing">${s.spacing.map(mm).join(' × ')} mm</td>
        <td class="num slices">${s.sliceCount}</td>
        <td class="problems">
          ${s.problems.length
            ? html`<ul>${s.problems.map((p) => html`<li class=${p.severity}>${p.message}${p.files.length ? html` (${p.files.slice(0, 4).join(', ')}${p.files.length > 4 ? `, and ${p.files.length - 4} more` : ''})` : nothing}</li>`)}</ul>`
            : 'none'}
        </td>
      </tr>
    `;
  }

  override render() {
    const st = this.study;
    if (!st) return nothing;
    return html`
      <table id="series">
        <thead><tr><th></th><th>#</th><th>Modality</th><th>Description</th><th>Phase</th><th>Size</th><th>Spacing</th><th>Slices</th><th>Problems</th></tr></thead>
        <tbody>${st.series.map((s) => this.row(s))}</tbody>
      </table>
      ${st.series.length === 0 ? html`<p class="error" id="no-series">No image series in these files.</p>` : nothing}
      ${st.unreadable.length
        ? html`<details id="unreadable"><summary>${st.unreadable.length} file(s) skipped</summary><ul>${st.unreadable.map((u) => html`<li>${u.file}: ${u.reason}</li>`)}</ul></details>`
        : nothing}
      ${st.duplicates.length
        ? html`<details id="duplicates"><summary>${st.duplicates.length} duplicate file(s) left out</summary><ul>${st.duplicates.map((d) => html`<li>${d.file} (same instance as ${d.duplicateOf})</li>`)}</ul></details>`
        : nothing}
    `;
  }
}

customElements.define('wr-series-table', WrSeriesTable);

declare global {
  interface HTMLElementTagNameMap {
    'wr-series-table': WrSeriesTable;
  }
}
