/**
 * Research workflow (pipeline: model -> statistics -> plots -> report): a cohort from a feature table and a
 * clinical table, one run from files to summary, study-style tables, figures, model file and report, and the
 * table-based analyses of the CLI (evaluate, survival). Pure functions, shared by the modelling worker and the CLI.
 */
export * from './options.js';
export * from './predictors.js';
export * from './tables.js';
export * from './synthetic-tables.js';
export * from './summary.js';
export * from './characteristics.js';
export * from './format.js';
export * from './result-tables.js';
export * from './plots.js';
export * from './report.js';
export * from './run.js';
export * from './score-table.js';
export * from './evaluate-scores.js';
export * from './survival-analysis.js';
