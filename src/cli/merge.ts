/**
 * `webradiomics merge --out all.csv shard-1.csv shard-2.csv ...`: joins the feature tables of `extract-cohort
 * --shard k/n` runs, rows in the order of the files given (shards 1..n in order give the single run's table).
 * Refused, naming the file (and row): different columns, a patient id in two files or twice in one.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { mergeFeatureTables, type MergeSource } from '../core/model/cohort-features.js';
import { IssueList } from '../core/model/cohort-table.js';
import { printJson, readSource, reportIssues, writeOutput } from './research-io.js';
import { UsageError } from './usage.js';

export const MERGE_HELP = `  webradiomics merge --out <all.csv> <shard-1.csv> <shard-2.csv> ...`;

export async function runMerge(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { out: { type: 'string' } }, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const out = parsed.values.out;
  if (!out) throw new UsageError('--out <all.csv> is required');
  if (parsed.positionals.length === 0) throw new UsageError('give the shard files to merge, e.g. webradiomics merge --out all.csv shard-1.csv shard-2.csv');
  const sources: MergeSource[] = [];
  for (const file of parsed.positionals) sources.push({ name: file, text: (await readSource(file)).text });
  const issues = new IssueList();
  const text = mergeFeatureTables(sources, issues);
  reportIssues(issues.items, 'the shard files');
  if (text === null) throw new UsageError('nothing to merge');
  const written = await writeOutput(out, text, ['.csv']);
  printJson({ merged: parsed.positionals.map((f) => path.resolve(f)), patients: text.trimEnd().split('\n').length - 1, out: written });
  return 0;
}
