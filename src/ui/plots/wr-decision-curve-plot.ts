import { PlotBase } from './plot-base.js';

/** Decision curves. */
export class WrDecisionCurvePlot extends PlotBase {
  protected override chartHeight = 300;
}

customElements.define('wr-decision-curve-plot', WrDecisionCurvePlot);

declare global {
  interface HTMLElementTagNameMap {
    'wr-decision-curve-plot': WrDecisionCurvePlot;
  }
}
