import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseModelFile } from '../../src/core/model/model-file-parse.js';
import { parseCsv } from '../../src/core/csv.js';
import { RESEARCH_DEFAULTS } from '../../src/core/research/options.js';
import { runResearch, type ResearchOutput } from '../../src/core/research/run.js';
import { evaluateScores } from '../../src/core/research/evaluate-scores.js';
import { survivalAnalysis } from '../../src/core/research/survival-analysis.js';
import type { ResearchSummary } from '../../src/core/research/summary.js';

const BIN = path.resolve('bin/webradiomics.js');
const dir = mkdtempSync(path.join(tmpdir(), 'wr-research-'));
const cohort = path.join(dir, 'cohort');
const f = (name: string) => path.join(cohort, name);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: process.env, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const fileArgs = () => ['--features', f('synthetic-features.csv'), '--clinical', f('synthetic-clinical.csv'), '--repeat', f('synthetic-features-reader2.csv'), '--predictors', f('synthetic-predictors.json')];

/** The same run in process, from the same files: what the CLI prints must be exactly this. */
function inProcess(options = RESEARCH_DEFAULTS as object): ResearchOutput {
  const src = (name: string) => ({ name, text: readFileSync(f(name), 'utf8') });
  const r = runResearch(
    { source: { kind: 'tables', features: src('synthetic-features.csv'), clinical: src('synthetic-clinical.csv'), repeat: src('synthetic-features-reader2.csv'), predictorSpec: src('synthetic-predictors.json') }, options },
    { toolVersion: '0.1.0', createdAt: '2026-03-01T00:00:00.000Z' },
  );
  if (!r.ok) throw new Error('in-process run failed');
  return r.output;
}

let trained: { code: number; stdout: string; stderr: string };
let summary: ResearchSummary & { files: Record<string, string>; createdAt: string };

beforeAll(async () => {
  const r = await cli('synthetic-cohort', '--out', cohort);
  expect(r.code, r.stderr).toBe(0);
  trained = await cli('train', ...fileArgs(), '--created-at', '2026-03-01T00:00:00.000Z', '--out-model', path.join(dir, 'model.json'), '--out-report', path.join(dir, 'report.html'), '--out-scores', path.join(dir, 'scores.csv'));
  summary = JSON.parse(trained.stdout);
}, 120_000);

describe('webradiomics synthetic-cohort', () => {
  it('writes the synthetic files, every one labelled as synthetic', async () => {
    for (const name of ['synthetic-features.csv', 'synthetic-features-reader2.csv', 'synthetic-clinical.csv', 'synthetic-predictors.json', 'README-SYNTHETIC.txt']) expect(existsSync(f(name)), name).toBe(true);
    expect(JSON.parse(readFileSync(f('synthetic-predictors.json'), 'utf8')).syntheticData).toBe(true);
    expect(readFileSync(f('README-SYNTHETIC.txt'), 'utf8')).toMatch(/^SYNTHETIC DATA/);
    expect(parseCsv(readFileSync(f('synthetic-clinical.csv'), 'utf8').trim()).length).toBe(241);
  });
});

describe('webradiomics train', () => {
  it('prints the summary of src/core for the same inputs and seeds, number for number', () => {
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stderr).toContain('SYNTHETIC DATA');
    const ref = inProcess().summary;
    const { files, createdAt, ...printed } = summary;
    expect(createdAt).toBe('2026-03-01T00:00:00.000Z');
    expect(Object.keys(files).sort()).toEqual(['model', 'report', 'scores']);
    expect(printed).toEqual(JSON.parse(JSON.stringify(ref)));
    expect(summary.validation!.models.combined.auc).toBe(ref.validation!.models.combined.auc);
    expect(summary.training.survival.os!.hazardRatio).toBe(ref.training.survival.os!.hazardRatio);
  });

  it('writes a model file that the model-file parser accepts, the report and the per-patient scores', () => {
    const model = parseModelFile(readFileSync(path.join(dir, 'model.json'), 'utf8'));
    expect(model.provenance.syntheticData).toBe(true);
    expect(model.performance.training.combined.auc).toBe(summary.training.models.combined.auc);
    expect(model.riskGroups.survival.pfs.validation!.hazardRatio).toBe(summary.validation!.survival.pfs!.hazardRatio);
    const report = readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(report).toContain('@media print');
    expect(report).toContain('Table 5. Predictive performance');
    expect(report).toContain(`data-key="auc/validation/combined" data-value="${summary.validation!.models.combined.auc}"`);
    expect(parseCsv(readFileSync(path.join(dir, 'scores.csv'), 'utf8').trim()).length).toBe(241);
  });

  it('--synthetic is the same cohort as the files it writes', async () => {
    const r = await cli('train', '--synthetic', '--lambda', '1se', '--seed', '7', '--cv-seed', '11');
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    const ref = inProcess({ ...RESEARCH_DEFAULTS, split: { kind: 'random', ratio: 3, seed: 7 }, lasso: { ...RESEARCH_DEFAULTS.lasso, rule: 'lambda.1se', seed: 11 } }).summary;
    expect(s.lasso).toEqual(JSON.parse(JSON.stringify(ref.lasso)));
    expect(s.validation.models).toEqual(JSON.parse(JSON.stringify(ref.validation!.models)));
  });

  it('splits by centre, with other settings from the command line', async () => {
    const r = await cli('train', ...fileArgs(), '--training-centres', 'A,B', '--endpoint', 'dcr', '--cutoff', 'maxstat', '--cutoff-outcome', 'pfs', '--correlation', 'spearman', '--max-correlation', '0.8');
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as ResearchSummary;
    const ref = inProcess({
      ...RESEARCH_DEFAULTS,
      endpoint: 'disease-control',
      split: { kind: 'centre', trainingCentres: ['A', 'B'] },
      correlation: { method: 'spearman', threshold: 0.8 },
      cutoff: { method: 'maxstat', survivalEndpoint: 'pfs' },
    }).summary;
    expect(s.split).toEqual(ref.split);
    expect(s.split.description).toMatch(/by centre: training A, B/);
    expect(s.endpoint.kind).toBe('disease-control');
    expect(s.cutoff).toEqual(JSON.parse(JSON.stringify(ref.cutoff)));
    expect(s.validation!.models.combined.auc).toBe(ref.validation!.models.combined.auc);
  });
});

describe('webradiomics evaluate and survival', () => {
  it('evaluate: the scores train wrote -> ROC / AUC / DeLong / calibration / decision curve of src/core', async () => {
    const file = path.join(dir, 'scores.csv');
    const r = await cli('evaluate', '--input', file, '--scores', 'p_clinical,p_combined,rad_score');
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const ref = evaluateScores('scores.csv', readFileSync(file, 'utf8'), { scores: ['p_clinical', 'p_combined', 'rad_score'] });
    if (!ref.ok) throw new Error('failed');
    expect(doc.scores.map((s: { auc: number }) => s.auc)).toEqual(ref.result.scores.map((s) => s.auc));
    expect(doc.delong).toEqual(JSON.parse(JSON.stringify(ref.result.delong)));
    expect(doc.scores[1].calibration.hosmerLemeshow.pValue).toBe(ref.result.scores[1].calibration!.hosmerLemeshow!.pValue);
    expect(doc.scores[1].decisionCurve.netBenefit).toEqual(ref.result.scores[1].decisionCurve!.netBenefit);
    expect(doc.scores[2].calibration).toBe(null);
    expect(r.stderr).toContain('rad_score: not a probability');
  });

  it('survival: risk groups and the continuous score -> KM, log-rank, Cox, C of src/core', async () => {
    const file = path.join(dir, 'scores.csv');
    const text = readFileSync(file, 'utf8');
    const g = await cli('survival', '--input', file, '--time', 'pfs_time', '--event', 'pfs_event', '--group', 'risk_group');
    expect(g.code, g.stderr).toBe(0);
    const ref = survivalAnalysis('scores.csv', text, { time: 'pfs_time', event: 'pfs_event', group: 'risk_group' });
    if (!ref.ok) throw new Error('failed');
    expect(JSON.parse(g.stdout).logrank).toEqual(JSON.parse(JSON.stringify(ref.result.logrank)));
    expect(JSON.parse(g.stdout).groups[0].km.surv).toEqual(ref.result.groups[0].km.surv);
    const s = await cli('survival', '--input', file, '--time', 'os_time', '--event', 'os_event', '--score', 'linear_predictor', '--cutoff', 'median', '--high-risk', 'below');
    expect(s.code, s.stderr).toBe(0);
    const doc = JSON.parse(s.stdout);
    const ref2 = survivalAnalysis('scores.csv', text, { time: 'os_time', event: 'os_event', score: 'linear_predictor', cutoff: 'median', highRisk: 'below' });
    if (!ref2.ok) throw new Error('failed');
    expect(doc.cox.hazardRatio).toEqual(ref2.result.cox.hazardRatio);
    expect(doc.concordance).toEqual(ref2.result.concordance);
    expect(doc.grouping.cutoff.highRisk).toBe('below');
  });
});

describe('bad input: exit code 2 and a message naming the problem', () => {
  it('usage mistakes', async () => {
    const cases: [string[], RegExp][] = [
      [['train', '--clinical', 'c.csv'], /--features <file\.csv> is required/],
      [['train', ...fileArgs(), '--lambda', '2se'], /--lambda must be one of min, 1se, lambda\.min, lambda\.1se, not '2se'/],
      [['train', ...fileArgs(), '--split', 'centre'], /--split centre needs --training-centres/],
      [['train', ...fileArgs(), '--nfolds', '2'], /--nfolds must be an integer in \[3, 50\], not '2'/],
      [['train', ...fileArgs(), '--out-model', path.join(dir, 'm.txt')], /m\.txt: the file name must end in \.json/],
      [['train', '--synthetic', '--features', 'x.csv'], /--synthetic replaces --features/],
      [['survival', '--input', 'x.csv', '--group', 'g', '--score', 's'], /give either --group <column> or --score <column>/],
      [['evaluate'], /--input <scores\.csv> is required/],
      [['train', '--bogus'], /Unknown option '--bogus'/],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(...args)));
    cases.forEach(([args, message], k) => {
      expect(results[k].code, args.join(' ')).toBe(2);
      expect(results[k].stderr, args.join(' ')).toMatch(message);
    });
  });

  it('a file that does not exist', async () => {
    const r = await cli('train', '--features', path.join(dir, 'nope.csv'), '--clinical', f('synthetic-clinical.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.csv: file not found/);
  });

  it('cohort problems name file, row and column, and nothing is written', async () => {
    const clinical = readFileSync(f('synthetic-clinical.csv'), 'utf8').split('\n');
    const header = clinical[0].split(',');
    const row = clinical[5].split(',');
    row[header.indexOf('AFP')] = '12 ng';
    row[header.indexOf('response')] = 'XR';
    clinical[5] = row.join(',');
    const bad = path.join(dir, 'clinical-bad.csv');
    writeFileSync(bad, clinical.join('\n'));
    const out = path.join(dir, 'never.json');
    const r = await cli('train', '--features', f('synthetic-features.csv'), '--clinical', bad, '--predictors', f('synthetic-predictors.json'), '--out-model', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: clinical-bad.csv, row 6, column "response": response "XR" is not one of CR, PR, SD, PD`);
    expect(r.stderr).toContain(`error: clinical-bad.csv, row 6, column "AFP": "12 ng" is not a number`);
    expect(r.stderr).toMatch(/webradiomics: 2 problems in the input files; nothing was computed/);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('models that cannot be built are reported as input problems', async () => {
    const r = await cli('train', ...fileArgs(), '--alpha', '1e-12');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the models could not be built: feature reduction left \d feature\(s\); LASSO needs at least 2/);
  });

  it('a cohort whose logistic fit is singular is reported as an input problem, not a crash', async () => {
    // the first 60 patients, split with seed 4: one model's information matrix is singular
    const head = (name: string) => {
      const to = path.join(dir, `first-60-${name}`);
      writeFileSync(to, readFileSync(f(name), 'utf8').split('\n').slice(0, 61).join('\n') + '\n');
      return to;
    };
    const r = await cli('train', '--features', head('synthetic-features.csv'), '--clinical', head('synthetic-clinical.csv'), '--predictors', f('synthetic-predictors.json'), '--nfolds', '3', '--seed', '4');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('the models could not be built: a logistic fit has a singular information matrix (the outcomes are perfectly separated, or a set has too few events); use more patients or another split');
    expect(r.stdout).toBe('');
  });

  it('evaluate and survival name file, row and column', async () => {
    const s = path.join(dir, 'bad-scores.csv');
    writeFileSync(s, 'outcome,p\n1,0.4\nyes,0.3\n0,0.2\n2,0.1\n');
    const e = await cli('evaluate', '--input', s);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('error: bad-scores.csv, row 5, column "outcome": "2" is not 0 or 1');
    const t = path.join(dir, 'bad-surv.csv');
    writeFileSync(t, 'time,event,group\n3,1,A\n-1,0,B\n4,1,B\n');
    const v = await cli('survival', '--input', t, '--group', 'group');
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('error: bad-surv.csv, row 3, column "time": time -1 is negative');
  });
});
