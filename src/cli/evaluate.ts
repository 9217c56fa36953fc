/**
 * `webradiomics evaluate`: a CSV of scores and 0/1 outcomes -> ROC curve, AUC with DeLong CI, Youden metrics,
 * calibration and decision curve (for probabilities), DeLong tests between scores, as JSON.
 */
import { evaluateScores } from '../core/research/evaluate-scores.js';
import { TOOL_VERSION } from '../version.js';
import { parseOptions, printJson, readSource, reportIssues, writeOutput } from './research-io.js';
import { UsageError } from './usage.js';

export const EVALUATE_HELP = `  webradiomics evaluate --input <scores.csv> [--outcome outcome] [--scores a,b] [--out result.json]`;

export async function runEvaluate(args: string[]): Promise<number> {
  const v = parseOptions(args, { input: { type: 'string' }, outcome: { type: 'string' }, scores: { type: 'string' }, out: { type: 'string' } });
  if (!v.input) throw new UsageError('--input <scores.csv> is required');
  const src = await readSource(v.input);
  const scores = v.scores?.split(',').map((s) => s.trim()).filter(Boolean);
  const r = evaluateScores(src.name, src.text, { outcome: v.outcome, scores });
  reportIssues(r.issues, src.name);
  if (!r.ok) throw new Error('unreachable');
  for (const w of r.result.warnings) process.stderr.write(`note: ${w}\n`);
  const doc = { tool: 'webradiomics', version: TOOL_VERSION, command: 'evaluate', ...r.result };
  if (v.out) await writeOutput(v.out, `${JSON.stringify(doc, null, 2)}\n`, ['.json']);
  printJson(doc);
  return 0;
}
