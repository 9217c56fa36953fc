/**
 * Settings of a research run: buildModel's options (build-model.ts) without the progress callback, so that they
 * are plain data (posted to the worker, stored in the report). RESEARCH_DEFAULTS are the app's initial choices
 * and the CLI's defaults, and equal buildModel's own defaults.
 */
import type { BuildModelOptions } from '../model/build-model.js';

export type ResearchOptions = Omit<BuildModelOptions, 'onProgress'>;

export const RESEARCH_DEFAULTS = {
  endpoint: 'objective-response',
  split: { kind: 'random', ratio: 3, seed: 1 },
  varianceThreshold: 0,
  icc: { threshold: 0.75, type: 'ICC(3,1)' },
  univariate: { test: 'mann-whitney', alpha: 0.05, adjust: 'none' },
  correlation: { threshold: 0.9, method: 'pearson' },
  lasso: { nfolds: 10, seed: 1, rule: 'lambda.min', typeMeasure: 'deviance', stratifyFolds: false },
  clinical: { alphaUnivariate: 0.05, alphaMultivariate: 0.05 },
  cutoff: { method: 'median', survivalEndpoint: 'os' },
} as const satisfies ResearchOptions;

/** A deep copy of the defaults that the caller may change. */
export function researchDefaults(): ResearchOptions {
  return JSON.parse(JSON.stringify(RESEARCH_DEFAULTS)) as ResearchOptions;
}

/** Human-readable lines describing the settings (report and summary). */
export function describeOptions(o: ResearchOptions, hasRepeat: boolean): string[] {
  const lines: string[] = [];
  lines.push(`Endpoint: ${o.endpoint ?? 'objective-response'}`);
  const s = o.split ?? { kind: 'random' };
  lines.push(s.kind === 'centre' ? `Split by centre: training ${s.trainingCentres.join(', ')}` : `Stratified random split ${s.ratio ?? 3}:1, seed ${JSON.stringify(s.seed ?? 1)}`);
  lines.push(`Variance filter: variance > ${o.varianceThreshold ?? 0}`);
  if (hasRepeat) lines.push(`ICC filter: ${o.icc?.type ?? 'ICC(3,1)'} >= ${o.icc?.threshold ?? 0.75}`);
  lines.push(o.univariate === false ? 'Univariate filter: off' : `Univariate filter: ${o.univariate?.test ?? 'mann-whitney'} p${o.univariate?.adjust === 'BH' ? ' (BH)' : ''} < ${o.univariate?.alpha ?? 0.05}`);
  lines.push(o.correlation === false ? 'Correlation filter: off' : `Correlation filter: |${o.correlation?.method ?? 'pearson'} r| <= ${o.correlation?.threshold ?? 0.9}`);
  const l = o.lasso ?? {};
  lines.push(`LASSO: ${l.nfolds ?? 10}-fold CV (${l.typeMeasure ?? 'deviance'}${l.stratifyFolds ? ', stratified folds' : ''}), seed ${JSON.stringify(l.seed ?? 1)}, ${l.rule ?? 'lambda.min'}`);
  lines.push(`Clinical model: univariate p < ${o.clinical?.alphaUnivariate ?? 0.05}, multivariate p < ${o.clinical?.alphaMultivariate ?? 0.05}`);
  lines.push(`Risk cut-off: ${o.cutoff?.method ?? 'median'} of the combined linear predictor (training${o.cutoff?.method === 'maxstat' ? `, ${(o.cutoff?.survivalEndpoint ?? 'os').toUpperCase()}` : ''})`);
  return lines;
}
