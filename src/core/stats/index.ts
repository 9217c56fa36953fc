/**
 * Statistics stage (pipeline: features -> model -> statistics -> UI): ROC / DeLong, logistic regression and its
 * calibration, Kaplan-Meier, log-rank, Cox regression and concordance. Pure functions on plain arrays, f64, no DOM or
 * Node imports; each module documents its formulas and the R function it reproduces.
 */
export * from './distributions.js';
export * from './student-t.js';
export * from './linear-algebra.js';
export * from './roc.js';
export * from './logistic.js';
export * from './calibration.js';
export * from './val-prob.js';
export * from './lowess.js';
export * from './kaplan-meier.js';
export * from './logrank.js';
export * from './cox.js';
export * from './concordance.js';
