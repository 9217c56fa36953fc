/**
 * Reproducible training / validation splits and cross-validation folds (seeded, see prng.ts).
 *
 * stratifiedSplit: within each outcome stratum (in order of first appearance), shuffle the row indices and send
 *   round(n_s * r / (r + 1)) of them to training, where r:1 is the ratio (default 3:1). Both sets keep the outcome
 *   proportions to within one patient per stratum. Indices are returned sorted ascending.
 * centreSplit: every patient of the named training centres trains; all others validate (external validation).
 * foldIds: glmnet's recipe sample(rep(1:k, length = n)) with this project's generator: the sequence 1, 2, ..., k,
 *   1, 2, ... of length n, shuffled. With `strata`, each stratum gets its own run of fold numbers continuing where
 *   the previous stratum stopped, then everything is shuffled within strata, so every fold has nearly the same
 *   outcome mix.
 */
import { createPrng, type Prng } from './prng.js';

export interface Split {
  train: number[];
  test: number[];
}

export interface StratifiedSplitOptions {
  /** Training : validation ratio r : 1 (default 3, i.e. 3:1). */
  ratio?: number;
  /** Seed of the generator (default 1). */
  seed?: number | string;
}

function groupsOf<T>(labels: ArrayLike<T>): Map<T, number[]> {
  const groups = new Map<T, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const g = groups.get(labels[i]);
    if (g) g.push(i);
    else groups.set(labels[i], [i]);
  }
  return groups;
}

/** Stratified random split of rows 0..n-1 by label (seeded). */
export function stratifiedSplit<T>(labels: ArrayLike<T>, options: StratifiedSplitOptions = {}): Split {
  const ratio = options.ratio ?? 3;
  if (!(ratio > 0)) throw new Error(`split ratio must be positive, got ${ratio}`);
  const prng = createPrng(options.seed ?? 1);
  const fraction = ratio / (ratio + 1);
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of groupsOf(labels).values()) {
    prng.shuffle(rows);
    const nTrain = Math.round(rows.length * fraction);
    train.push(...rows.slice(0, nTrain));
    test.push(...rows.slice(nTrain));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/** Split by centre: rows whose centre is among `trainingCentres` train, the rest validate. */
export function centreSplit(centres: ArrayLike<string>, trainingCentres: readonly string[]): Split {
  const known = new Set(Array.from(centres));
  for (const c of trainingCentres) if (!known.has(c)) throw new Error(`training centre "${c}" does not occur in the cohort (centres: ${[...known].join(', ')})`);
  const wanted = new Set(trainingCentres);
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < centres.length; i++) (wanted.has(centres[i]) ? train : test).push(i);
  if (train.length === 0 || test.length === 0) throw new Error('split by centre leaves the training or the validation set empty');
  return { train, test };
}

/** Fold numbers 1..k for n rows (glmnet-style), optionally balanced over strata. */
export function foldIds(n: number, k: number, options: { seed?: number | string; strata?: ArrayLike<unknown>; prng?: Prng } = {}): number[] {
  if (!(Number.isInteger(k) && k >= 3)) throw new Error(`nfolds must be an integer >= 3, got ${k}`);
  if (n < k) throw new Error(`cannot make ${k} folds from ${n} rows`);
  const prng = options.prng ?? createPrng(options.seed ?? 1);
  const folds = new Array<number>(n);
  if (!options.strata) {
    const seq = Array.from({ length: n }, (_, i) => (i % k) + 1);
    prng.shuffle(seq);
    return seq;
  }
  if (options.strata.length !== n) throw new Error('strata and n differ in length');
  let next = 0;
  for (const rows of groupsOf(options.strata).values()) {
    const seq = rows.map(() => (next++ % k) + 1);
    prng.shuffle(seq);
    rows.forEach((r, j) => (folds[r] = seq[j]));
  }
  return folds;
}
