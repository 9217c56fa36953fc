/**
 * `webradiomics synthetic-cohort --out <dir>`: writes the seeded synthetic TPI cohort as the files a research group
 * would bring (feature table, second reader's features, clinical table, predictor spec) and a README, every name
 * starting with "synthetic-" and the spec flagged syntheticData: true. Generated data, not patients.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SYNTHETIC_IMAGE_COHORT_SIZE, syntheticImageCohort } from '../core/model/synthetic-image-cohort.js';
import { SYNTHETIC_SEED, syntheticTables } from '../core/research/synthetic-tables.js';
import { numberOption, parseOptions, printJson } from './research-io.js';
import { writeSyntheticImageCohort } from './synthetic-images-write.js';
import { UsageError } from './usage.js';

export const SYNTHETIC_HELP = `  webradiomics synthetic-cohort --out <dir> [--seed 2026] [--n 240]
  webradiomics synthetic-cohort --images --out <dir> [--seed 2026] [--n 239] [--limit N]   (volumes + manifest)`;

export async function runSyntheticCohort(args: string[]): Promise<number> {
  const v = parseOptions(args, { out: { type: 'string' }, seed: { type: 'string' }, n: { type: 'string' }, images: { type: 'boolean' }, limit: { type: 'string' } });
  if (!v.out) throw new UsageError('--out <dir> is required');
  const seed = numberOption('seed', v.seed, SYNTHETIC_SEED, { integer: true });
  if (v.images) return runSyntheticImages(v.out, seed, v.n, v.limit);
  if (v.limit !== undefined) throw new UsageError('--limit applies to --images');
  const n = numberOption('n', v.n, 240, { integer: true, min: 40, max: 100000 });
  const t = syntheticTables(seed, n);
  await mkdir(v.out, { recursive: true });
  const files = [t.features, t.repeat, t.clinical, t.predictors, t.readme];
  for (const f of files) await writeFile(path.join(v.out, f.name), f.text);
  process.stderr.write('note: SYNTHETIC DATA - generated patients, for demonstration and testing only\n');
  printJson({ syntheticData: true, description: t.description, seed, directory: path.resolve(v.out), files: files.map((f) => f.name) });
  return 0;
}

/** `--images`: the image cohort (core/model/synthetic-image-cohort.ts), 239 patients by default. */
async function runSyntheticImages(out: string, seed: number, nText: string | undefined, limitText: string | undefined): Promise<number> {
  const n = numberOption('n', nText, SYNTHETIC_IMAGE_COHORT_SIZE, { integer: true, min: 40, max: 100000 });
  const limit = numberOption('limit', limitText, n, { integer: true, min: 1 });
  const c = syntheticImageCohort({ seed, n });
  await mkdir(out, { recursive: true });
  const w = await writeSyntheticImageCohort(out, c, limit);
  process.stderr.write('note: SYNTHETIC DATA - generated patients and images, for demonstration and testing only\n');
  printJson({ syntheticData: true, description: w.description, seed, directory: path.resolve(out), manifest: 'synthetic-manifest.csv', files: w.files.length });
  return 0;
}
