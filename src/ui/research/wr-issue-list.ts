import { LitElement, css, html, nothing } from 'lit';
import type { CohortIssue } from '../../core/model/cohort-table.js';
import { researchStyles } from './styles.js';

const SHOWN = 100;

/**
 * Problems found in the input files, each naming file, row and column: errors in an alert (the run cannot start),
 * warnings folded away. At most 100 of each are listed, with the count of the rest.
 */
export class WrIssueList extends LitElement {
  static override properties = { issues: { attribute: false } };

  issues: CohortIssue[] = [];

  static override styles = [
    researchStyles,
    css`
      ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
      li { margin: 0.1rem 0; }
      details { margin: 0.5rem 0; color: #5a4a00; }
    `,
  ];

  private list(items: CohortIssue[]) {
    return html`<ul>
      ${items.slice(0, SHOWN).map(
        (i) => html`<li data-severity=${i.severity} data-file=${i.file} data-row=${i.row ?? ''} data-column=${i.column ?? ''}>${i.message}</li>`,
      )}
      ${items.length > SHOWN ? html`<li>... and ${items.length - SHOWN} more</li>` : nothing}
    </ul>`;
  }

  override render() {
    const errors = this.issues.filter((i) => i.severity === 'error');
    const warnings = this.issues.filter((i) => i.severity === 'warning');
    return html`
      ${errors.length
        ? html`<div role="alert" id="errors"><strong>${errors.length} problem${errors.length > 1 ? 's' : ''} in the input files must be fixed first:</strong>${this.list(errors)}</div>`
        : nothing}
      ${warnings.length ? html`<details id="warnings"><summary>${warnings.length} warning${warnings.length > 1 ? 's' : ''}</summary>${this.list(warnings)}</details>` : nothing}
    `;
  }
}

customElements.define('wr-issue-list', WrIssueList);

declare global {
  interface HTMLElementTagNameMap {
    'wr-issue-list': WrIssueList;
  }
}
