/**
 * `webradiomics survival`: a CSV of time, event and a group or a score -> Kaplan-Meier curves with medians and
 * numbers at risk, log-rank test, Cox regression (Efron) and, for a score, Harrell's C, as JSON.
 */
import { survivalAnalysis, type SurvivalOptions } from '../core/research/survival-analysis.js';
import { TOOL_VERSION } from '../version.js';
import { choiceOption, numberOption, parseOptions, printJson, readSource, reportIssues, writeOutput } from './research-io.js';
import { UsageError } from './usage.js';

export const SURVIVAL_HELP = `  webradiomics survival --input <survival.csv> [--time time] [--event event]
                        (--group <column> | --score <column> [--cutoff median|maxstat|<number>]
                        [--high-risk above|below]) [--at-risk-step N] [--out result.json]`;

export async function runSurvival(args: string[]): Promise<number> {
  const v = parseOptions(args, {
    input: { type: 'string' },
    time: { type: 'string' },
    event: { type: 'string' },
    group: { type: 'string' },
    score: { type: 'string' },
    cutoff: { type: 'string' },
    'high-risk': { type: 'string' },
    'at-risk-step': { type: 'string' },
    out: { type: 'string' },
  });
  if (!v.input) throw new UsageError('--input <survival.csv> is required');
  if ((v.group === undefined) === (v.score === undefined)) throw new UsageError('give either --group <column> or --score <column>');
  if (v.group !== undefined && (v.cutoff !== undefined || v['high-risk'] !== undefined)) throw new UsageError('--cutoff and --high-risk go with --score');
  let cutoff: SurvivalOptions['cutoff'];
  if (v.cutoff !== undefined) cutoff = v.cutoff === 'median' || v.cutoff === 'maxstat' ? v.cutoff : numberOption('cutoff', v.cutoff, 0);
  const options: SurvivalOptions = {
    time: v.time,
    event: v.event,
    group: v.group,
    score: v.score,
    cutoff,
    highRisk: choiceOption('high-risk', v['high-risk'], { above: 'above', below: 'below' }, 'above'),
    ...(v['at-risk-step'] !== undefined ? { atRiskStep: numberOption('at-risk-step', v['at-risk-step'], 1, { min: 1e-9 }) } : {}),
  };
  const src = await readSource(v.input);
  const r = survivalAnalysis(src.name, src.text, options);
  reportIssues(r.issues, src.name);
  if (!r.ok) throw new Error('unreachable');
  const doc = { tool: 'webradiomics', version: TOOL_VERSION, command: 'survival', ...r.result };
  if (v.out) await writeOutput(v.out, `${JSON.stringify(doc, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x), 2)}\n`, ['.json']);
  printJson(doc);
  return 0;
}
