import { css } from 'lit';

/** Styles shared by the clinic components, with the print stylesheet of the report. */
export const clinicStyles = css`
  :host { display: block; }
  button { font: inherit; padding: 0.35rem 0.8rem; border-radius: 4px; border: 1px solid #355070; background: #355070; color: white; cursor: pointer; }
  button.secondary { background: white; color: #355070; }
  button:disabled { opacity: 0.6; cursor: progress; }
  fieldset { border: 1px solid #d8dde3; border-radius: 4px; margin: 0.6rem 0; padding: 0.5rem 0.8rem; }
  fieldset[data-state='error'] { border-color: #b42318; }
  fieldset[data-state='done'] legend::after { content: ' ✓'; color: #176639; }
  legend { font-weight: 600; padding: 0 0.3rem; }
  .grid { display: grid; grid-template-columns: max-content 1fr; gap: 0.4rem 1rem; align-items: center; }
  [role='alert'] { border: 1px solid #b42318; background: #fef3f2; color: #7a1a12; padding: 0.6rem 0.8rem; border-radius: 4px; white-space: pre-wrap; margin: 0.4rem 0; }
  .field-error { color: #b42318; font-size: 0.85rem; }
  .synthetic { border: 2px solid #b42318; background: #fef3f2; color: #7a1a12; padding: 0.4rem 0.7rem; border-radius: 4px; font-weight: 600; }
  .hint { color: #4a5560; font-size: 0.9rem; }
  table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
  th, td { padding: 0.15rem 0.6rem; text-align: left; border-bottom: 1px solid #eef0f3; }
  td.num { text-align: right; }
  .warnings li { color: #7a4a00; }
  @media print {
    .no-print { display: none !important; }
    fieldset { border: none; padding: 0; }
    button { display: none; }
  }
`;
