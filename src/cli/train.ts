/**
 * `webradiomics train`: feature table + clinical table (or the synthetic demo cohort) -> the clinical, radiomic and
 * combined models with validation and survival analysis; writes the model file and the report, prints the JSON
 * summary (the numbers the app shows for the same inputs and seeds: both run src/core/research/run.ts).
 */
import type { Endpoint } from '../core/model/cohort.js';
import { RESEARCH_DEFAULTS, type ResearchOptions } from '../core/research/options.js';
import { runResearch, type ResearchSource } from '../core/research/run.js';
import { TOOL_VERSION } from '../version.js';
import { choiceOption, numberOption, parseOptions, printJson, readSource, reportIssues, writeOutput } from './research-io.js';
import { UsageError } from './usage.js';

export const TRAIN_HELP = `  webradiomics train --features <features.csv> --clinical <clinical.csv> [--repeat <reader2.csv>]
                     [--predictors <predictors.json>] | --synthetic
                     [--endpoint orr|dcr] [--split random|centre] [--ratio 3] [--seed 1]
                     [--training-centres A,B] [--lambda min|1se] [--nfolds 10] [--cv-seed 1]
                     [--cv-measure deviance|auc] [--variance 0] [--icc 0.75]
                     [--univariate mann-whitney|welch|none] [--alpha 0.05] [--bh]
                     [--correlation pearson|spearman|none] [--max-correlation 0.9]
                     [--cutoff median|youden|maxstat] [--cutoff-outcome os|pfs]
                     [--out-model model.json] [--out-report report.html] [--out-scores scores.csv]
                     [--created-at <ISO date>]`;

const ENDPOINTS: Record<string, Endpoint> = { orr: 'objective-response', 'objective-response': 'objective-response', dcr: 'disease-control', 'disease-control': 'disease-control' };

export async function runTrain(args: string[]): Promise<number> {
  const v = parseOptions(args, {
    features: { type: 'string' },
    clinical: { type: 'string' },
    repeat: { type: 'string' },
    predictors: { type: 'string' },
    synthetic: { type: 'boolean', default: false },
    endpoint: { type: 'string' },
    split: { type: 'string' },
    ratio: { type: 'string' },
    seed: { type: 'string' },
    'training-centres': { type: 'string' },
    lambda: { type: 'string' },
    nfolds: { type: 'string' },
    'cv-seed': { type: 'string' },
    'cv-measure': { type: 'string' },
    variance: { type: 'string' },
    icc: { type: 'string' },
    univariate: { type: 'string' },
    alpha: { type: 'string' },
    bh: { type: 'boolean', default: false },
    correlation: { type: 'string' },
    'max-correlation': { type: 'string' },
    cutoff: { type: 'string' },
    'cutoff-outcome': { type: 'string' },
    'out-model': { type: 'string' },
    'out-report': { type: 'string' },
    'out-scores': { type: 'string' },
    'created-at': { type: 'string' },
  });
  if (v.synthetic && (v.features || v.clinical || v.repeat || v.predictors)) throw new UsageError('--synthetic replaces --features, --clinical, --repeat and --predictors: give one or the other');
  if (!v.synthetic && !v.features) throw new UsageError('--features <file.csv> is required (or --synthetic)');
  if (!v.synthetic && !v.clinical) throw new UsageError('--clinical <file.csv> is required (or --synthetic)');
  const options = trainOptions(v);
  let createdAt = new Date().toISOString();
  if (v['created-at'] !== undefined) {
    if (Number.isNaN(Date.parse(v['created-at']))) throw new UsageError(`--created-at must be an ISO 8601 date, not '${v['created-at']}'`);
    createdAt = v['created-at'];
  }
  const source: ResearchSource = v.synthetic
    ? { kind: 'synthetic' }
    : {
        kind: 'tables',
        features: await readSource(v.features!),
        clinical: await readSource(v.clinical!),
        repeat: v.repeat ? await readSource(v.repeat) : null,
        predictorSpec: v.predictors ? await readSource(v.predictors) : null,
      };
  let result;
  try {
    result = runResearch({ source, options }, { toolVersion: TOOL_VERSION, createdAt });
  } catch (e) {
    // a cohort the models cannot be built on (e.g. the filters leave too few features) is bad input, not a crash
    const err = e as Error;
    if (err.name === 'Error') throw Object.assign(new Error(`the models could not be built: ${err.message}`), { name: 'InputError' });
    throw err;
  }
  if (!result.ok) {
    reportIssues(result.issues);
    throw new Error('unreachable');
  }
  reportIssues(result.output.issues);
  const out = result.output;
  const files: Record<string, string> = {};
  if (v['out-model']) files.model = await writeOutput(v['out-model'], out.modelFileText, ['.json']);
  if (v['out-report']) files.report = await writeOutput(v['out-report'], out.reportHtml, ['.html', '.htm']);
  if (v['out-scores']) files.scores = await writeOutput(v['out-scores'], out.scoresCsv, ['.csv']);
  if (out.summary.syntheticData) process.stderr.write('note: SYNTHETIC DATA - the cohort is generated, not patients\n');
  printJson({ ...out.summary, createdAt, files });
  return 0;
}

function trainOptions(v: Record<string, string | boolean | undefined>): ResearchOptions {
  const s = (k: string) => v[k] as string | undefined;
  const d = RESEARCH_DEFAULTS;
  const centres = s('training-centres');
  const splitKind = choiceOption('split', s('split'), { random: 'random', centre: 'centre', center: 'centre' }, centres ? 'centre' : 'random');
  if (splitKind === 'centre' && !centres) throw new UsageError('--split centre needs --training-centres A,B (the centres that train; the others validate)');
  if (splitKind === 'random' && centres) throw new UsageError('--training-centres goes with --split centre');
  const univariate = choiceOption('univariate', s('univariate'), { 'mann-whitney': 'mann-whitney', welch: 'welch', none: 'none' }, d.univariate.test);
  const correlation = choiceOption('correlation', s('correlation'), { pearson: 'pearson', spearman: 'spearman', none: 'none' }, d.correlation.method);
  return {
    endpoint: choiceOption('endpoint', s('endpoint'), ENDPOINTS, d.endpoint),
    split:
      splitKind === 'centre'
        ? { kind: 'centre', trainingCentres: centres!.split(',').map((c) => c.trim()).filter(Boolean) }
        : { kind: 'random', ratio: numberOption('ratio', s('ratio'), d.split.ratio, { min: 0.1 }), seed: numberOption('seed', s('seed'), d.split.seed, { integer: true }) },
    varianceThreshold: numberOption('variance', s('variance'), d.varianceThreshold, { min: 0 }),
    icc: { ...d.icc, threshold: numberOption('icc', s('icc'), d.icc.threshold, { min: 0, max: 1 }) },
    univariate: univariate === 'none' ? false : { test: univariate, alpha: numberOption('alpha', s('alpha'), d.univariate.alpha, { min: 0, max: 1 }), adjust: v.bh ? 'BH' : 'none' },
    correlation: correlation === 'none' ? false : { method: correlation, threshold: numberOption('max-correlation', s('max-correlation'), d.correlation.threshold, { min: 0, max: 1 }) },
    lasso: {
      ...d.lasso,
      rule: choiceOption('lambda', s('lambda'), { min: 'lambda.min', '1se': 'lambda.1se', 'lambda.min': 'lambda.min', 'lambda.1se': 'lambda.1se' }, d.lasso.rule),
      nfolds: numberOption('nfolds', s('nfolds'), d.lasso.nfolds, { integer: true, min: 3, max: 50 }),
      seed: numberOption('cv-seed', s('cv-seed'), d.lasso.seed, { integer: true }),
      typeMeasure: choiceOption('cv-measure', s('cv-measure'), { deviance: 'deviance', auc: 'auc' }, d.lasso.typeMeasure),
    },
    clinical: { ...d.clinical },
    cutoff: {
      method: choiceOption('cutoff', s('cutoff'), { median: 'median', youden: 'youden', maxstat: 'maxstat' }, d.cutoff.method),
      survivalEndpoint: choiceOption('cutoff-outcome', s('cutoff-outcome'), { os: 'os', pfs: 'pfs' }, d.cutoff.survivalEndpoint),
    },
  };
}
