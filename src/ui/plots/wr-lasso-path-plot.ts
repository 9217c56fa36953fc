import { PlotBase } from './plot-base.js';

/** LASSO coefficient path against log(lambda) with lambda.min and lambda.1se. */
export class WrLassoPathPlot extends PlotBase {
  protected override chartHeight = 300;
}

customElements.define('wr-lasso-path-plot', WrLassoPathPlot);

declare global {
  interface HTMLElementTagNameMap {
    'wr-lasso-path-plot': WrLassoPathPlot;
  }
}
