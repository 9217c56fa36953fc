/**
 * `webradiomics synthetic-cohort --out <dir>`: writes the seeded synthetic TPI cohort as the files a research group
 * would bring (feature table, second reader's features, clinical table, predictor spec) and a README, every name
 * starting with "synthetic-" and the spec flagged syntheticData: true. Generated data, not patients.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SYNTHETIC_SEED, syntheticTables } from '../core/research/synthetic-tables.js';
import { numberOption, parseOptions, printJson } from './research-io.js';
import { UsageError } from './usage.js';

export const SYNTHETIC_HELP = `  webradiomics synthetic-cohort --out <dir> [--seed 2026] [--n 240]`;

export async function runSyntheticCohort(args: string[]): Promise<number> {
  const v = parseOptions(args, { out: { type: 'string' }, seed: { type: 'string' }, n: { type: 'string' } });
  if (!v.out) throw new UsageError('--out <dir> is required');
  const seed = numberOption('seed', v.seed, SYNTHETIC_SEED, { integer: true });
  const n = numberOption('n', v.n, 240, { integer: true, min: 40, max: 100000 });
  const t = syntheticTables(seed, n);
  await mkdir(v.out, { recursive: true });
  const files = [t.features, t.repeat, t.clinical, t.predictors, t.readme];
  for (const f of files) await writeFile(path.join(v.out, f.name), f.text);
  process.stderr.write('note: SYNTHETIC DATA - generated patients, for demonstration and testing only\n');
  printJson({ syntheticData: true, description: t.description, seed, directory: path.resolve(v.out), files: files.map((f) => f.name) });
  return 0;
}
