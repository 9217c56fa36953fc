import { PlotBase } from './plot-base.js';

/** ROC curves of the three models with the chance line. */
export class WrRocPlot extends PlotBase {
  protected override square = true;
}

customElements.define('wr-roc-plot', WrRocPlot);

declare global {
  interface HTMLElementTagNameMap {
    'wr-roc-plot': WrRocPlot;
  }
}
