/**
 * Plot data (pipeline: statistics -> plots -> UI): pure functions that turn results into uPlot's columnar form
 * (types.ts), and serialise the same data as SVG and CSV. No DOM, no uPlot: the UI draws what these return.
 */
export * from './types.js';
export * from './align.js';
export * from './roc.js';
export * from './calibration.js';
export * from './decision-curve.js';
export * from './kaplan-meier.js';
export * from './lasso.js';
export * from './feature-distribution.js';
export * from './svg.js';
export * from './csv.js';
export * from './nomogram-svg.js';
