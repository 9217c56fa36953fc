import { css } from 'lit';

/** Form, button and alert styles shared by the research components (the extract page's look). */
export const researchStyles = css`
  :host { display: block; }
  button { font: inherit; padding: 0.35rem 0.8rem; border-radius: 4px; border: 1px solid #355070; background: #355070; color: white; cursor: pointer; }
  button.secondary { background: white; color: #355070; }
  button:disabled { opacity: 0.6; cursor: progress; }
  fieldset { border: 1px solid #d8dde3; border-radius: 4px; margin: 0.6rem 0; padding: 0.5rem 0.8rem; }
  legend { font-weight: 600; padding: 0 0.3rem; }
  .grid { display: grid; grid-template-columns: max-content 1fr; gap: 0.4rem 1rem; align-items: center; }
  input[type='number'] { width: 6rem; }
  [role='alert'] { border: 1px solid #b42318; background: #fef3f2; color: #7a1a12; padding: 0.6rem 0.8rem; border-radius: 4px; }
  .synthetic { border: 2px solid #b42318; background: #fef3f2; color: #7a1a12; padding: 0.4rem 0.7rem; border-radius: 4px; font-weight: 600; }
  .hint { color: #4a5560; font-size: 0.9rem; }
`;
