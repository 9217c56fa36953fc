import { PlotBase } from './plot-base.js';

/** LASSO cross-validation curve with its one-SE band. */
export class WrCvCurvePlot extends PlotBase {
  protected override chartHeight = 300;
}

customElements.define('wr-cv-curve-plot', WrCvCurvePlot);

declare global {
  interface HTMLElementTagNameMap {
    'wr-cv-curve-plot': WrCvCurvePlot;
  }
}
