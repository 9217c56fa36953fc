import { PlotBase } from './plot-base.js';

/** Distribution of one feature in responders and non-responders. */
export class WrFeatureDistributionPlot extends PlotBase {
  protected override chartHeight = 220;
}

customElements.define('wr-feature-distribution-plot', WrFeatureDistributionPlot);

declare global {
  interface HTMLElementTagNameMap {
    'wr-feature-distribution-plot': WrFeatureDistributionPlot;
  }
}
