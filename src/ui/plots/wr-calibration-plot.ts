import { PlotBase } from './plot-base.js';

/** Calibration curves (Hosmer-Lemeshow groups) with the ideal line. */
export class WrCalibrationPlot extends PlotBase {
  protected override square = true;
}

customElements.define('wr-calibration-plot', WrCalibrationPlot);

declare global {
  interface HTMLElementTagNameMap {
    'wr-calibration-plot': WrCalibrationPlot;
  }
}
