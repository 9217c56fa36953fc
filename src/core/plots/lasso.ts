/**
 * LASSO plots as glmnet draws them (plot(fit, xvar = "lambda"), plot(cv.fit)), against log(lambda) increasing:
 *  - coefficient path: one line per feature that is non-zero anywhere on the path (coefficients of the
 *    standardised features), the features kept at the chosen lambda named in the legend;
 *  - cross-validation curve: mean CV error (deviance or AUC) with a band of one SE, and the non-zero count as a
 *    data-only column; vertical lines at lambda.min and lambda.1se.
 */
import { PALETTE, PLOT_COLOURS, withAlpha, type PlotMarkerLine, type PlotSeries, type PlotSpec } from './types.js';

export interface LassoPathInput {
  lambda: readonly number[];
  /** beta[k][j]: feature j at lambda[k] (lambda decreasing, as glmnet returns it). */
  beta: readonly (readonly number[])[];
  names: readonly string[];
  lambdaMin: number;
  lambda1se: number;
  /** Features kept at the chosen lambda (named in the legend). */
  selected?: readonly string[];
}

const rev = <T>(a: readonly T[]): T[] => [...a].reverse();

function markers(lambdaMin: number, lambda1se: number): PlotMarkerLine[] {
  return [
    { x: Math.log(lambdaMin), label: 'lambda.min', color: PLOT_COLOURS.marker },
    { x: Math.log(lambda1se), label: 'lambda.1se', color: PLOT_COLOURS.reference },
  ];
}

export function lassoPathPlot(input: LassoPathInput, meta: { id: string; title: string; subtitle?: string }): PlotSpec {
  const x = rev(input.lambda).map(Math.log);
  const selected = new Set(input.selected ?? []);
  const active = input.names.map((_, j) => j).filter((j) => input.beta.some((b) => b[j] !== 0));
  const series: PlotSeries[] = active.map((j, k) => ({
    label: input.names[j],
    color: PALETTE[k % PALETTE.length],
    width: selected.has(input.names[j]) ? 2 : 1,
    legend: selected.size === 0 || selected.has(input.names[j]),
  }));
  return {
    kind: 'lasso-path',
    ...meta,
    x: { label: 'log(lambda)' },
    y: { label: 'Coefficient (standardised feature)' },
    data: [x, ...active.map((j) => rev(input.beta.map((b) => b[j])))],
    series,
    markerLines: markers(input.lambdaMin, input.lambda1se),
  };
}

export interface CvCurveInput {
  lambda: readonly number[];
  cvm: readonly number[];
  cvup: readonly number[];
  cvlo: readonly number[];
  nzero: readonly number[];
  lambdaMin: number;
  lambda1se: number;
  typeMeasure: 'deviance' | 'auc';
  nfolds: number;
}

export function cvCurvePlot(input: CvCurveInput, meta: { id: string; title: string; subtitle?: string }): PlotSpec {
  const colour = PLOT_COLOURS.combined;
  return {
    kind: 'cv-curve',
    ...meta,
    x: { label: 'log(lambda)' },
    y: { label: input.typeMeasure === 'auc' ? `AUC (${input.nfolds}-fold CV)` : `Binomial deviance (${input.nfolds}-fold CV)` },
    data: [rev(input.lambda).map(Math.log), rev(input.cvm), rev(input.cvup), rev(input.cvlo), rev(input.nzero)],
    series: [
      { label: 'Mean CV error', color: colour, width: 1.5, marker: true },
      { label: 'Mean + 1 SE', color: colour, style: 'band-limit' },
      { label: 'Mean - 1 SE', color: colour, style: 'band-limit' },
      { label: 'Non-zero coefficients', color: colour, style: 'hidden' },
    ],
    bands: [{ upper: 2, lower: 3, fill: withAlpha(colour, 0.15) }],
    markerLines: markers(input.lambdaMin, input.lambda1se),
  };
}
