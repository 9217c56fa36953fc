/** One component per plot type; import this to register them all. */
import './wr-roc-plot.js';
import './wr-calibration-plot.js';
import './wr-decision-curve-plot.js';
import './wr-km-plot.js';
import './wr-lasso-path-plot.js';
import './wr-cv-curve-plot.js';
import './wr-feature-distribution-plot.js';
import './wr-nomogram.js';

/** The element that draws each plot kind. */
export const PLOT_TAGS = {
  roc: 'wr-roc-plot',
  calibration: 'wr-calibration-plot',
  'decision-curve': 'wr-decision-curve-plot',
  'kaplan-meier': 'wr-km-plot',
  'lasso-path': 'wr-lasso-path-plot',
  'cv-curve': 'wr-cv-curve-plot',
  'feature-distribution': 'wr-feature-distribution-plot',
} as const;
