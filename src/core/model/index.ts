/**
 * Model stage (pipeline: features -> model -> statistics -> UI): cohort input and validation, seeded splits,
 * feature reduction, LASSO logistic regression with cross-validation (glmnet's algorithm), rad-score, clinical /
 * radiomic / combined models, nomogram, risk groups with survival, the versioned model file and its scoring, and a
 * seeded synthetic cohort for demos and tests. Pure functions on plain arrays, f64, no DOM or Node imports.
 */
export * from './prng.js';
export * from './cohort-table.js';
export * from './cohort-manifest.js';
export * from './cohort-clinical.js';
export * from './cohort.js';
export * from './feature-table.js';
export * from './split.js';
export * from './standardise.js';
export * from './univariate.js';
export * from './icc.js';
export * from './reduction.js';
export * from './lasso.js';
export * from './cv-lasso.js';
export * from './clinical-model.js';
export * from './evaluate.js';
export * from './nomogram.js';
export * from './risk-cutoff.js';
export * from './risk-survival.js';
export * from './build-model.js';
export * from './model-file.js';
export * from './model-file-build.js';
export * from './model-file-parse.js';
export * from './scoring.js';
export * from './synthetic-cohort.js';
export * from './demo-model.js';
