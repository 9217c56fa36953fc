/**
 * Shared statistics of the "grey level x count" matrices of IBSI 1: GLRLM (j = run length), GLSZM (j = zone
 * size), GLDZM (j = zone distance) and NGLDM (j = dependence count). Their features are the same formulas on
 * different matrices; each family module lists them under its own IBSI names and codes.
 *
 * Notation (per merged matrix M of Ng rows and Nj columns, i = 1..Ng grey level, j = 1..Nj):
 * N_s = sum_ij M(i,j) (runs, zones or voxels), p(i,j) = M(i,j) / N_s, row marginal r_i = sum_j p(i,j),
 * column marginal c_j = sum_i p(i,j), N_v = number of ROI voxels behind the matrix. Logarithms are base 2.
 * A feature whose formula divides by zero is NaN, never Infinity.
 */
import type { FeatureInfo } from './types.js';

export interface LevelCountStats {
  ng: number;
  nj: number;
  /**
   * the non-zero p(i,j), sparse: entry k has grey level i = rowOf[k] + 1, column j = colOf[k] + 1. Zone
   * matrices are wide (Nj up to the largest zone) and mostly empty, so features loop over these only.
   */
  rowOf: Uint32Array;
  colOf: Uint32Array;
  p: Float64Array;
  /** r_i at index i - 1 */
  rows: Float64Array;
  /** c_j at index j - 1 */
  cols: Float64Array;
  /** N_s */
  total: number;
  /** N_v */
  voxels: number;
}

/** A feature of one family (registry entry, see FeatureInfo) and how to compute it from the family's stats. */
export interface MatrixFeature<S> extends FeatureInfo {
  compute(s: S): number;
}

/**
 * Normalises a merged count matrix (ng x nj). `voxels` is N_v; when omitted it is sum_ij j M(i,j), which is
 * exact for run length and size zone matrices (each voxel in exactly one run / zone). Null when empty.
 */
export function levelCountStats(counts: ArrayLike<number>, ng: number, nj: number, voxels?: number): LevelCountStats | null {
  let total = 0;
  let weighted = 0;
  let nonZero = 0;
  for (let i = 0; i < ng; i++) {
    for (let j = 0; j < nj; j++) {
      const v = counts[i * nj + j];
      if (v === 0) continue;
      total += v;
      weighted += (j + 1) * v;
      nonZero++;
    }
  }
  if (total === 0) return null;
  // two zero-filled buffers for the five arrays (13 angles per image: fewer typed-array buffers to create)
  const indices = new Uint32Array(2 * nonZero);
  const rowOf = indices.subarray(0, nonZero);
  const colOf = indices.subarray(nonZero);
  const values = new Float64Array(nonZero + ng + nj);
  const p = values.subarray(0, nonZero);
  const rows = values.subarray(nonZero, nonZero + ng);
  const cols = values.subarray(nonZero + ng);
  let k = 0;
  for (let i = 0; i < ng; i++) {
    for (let j = 0; j < nj; j++) {
      const v = counts[i * nj + j];
      if (v === 0) continue;
      const q = v / total;
      rowOf[k] = i;
      colOf[k] = j;
      p[k++] = q;
      rows[i] += q;
      cols[j] += q;
    }
  }
  return { ng, nj, rowOf, colOf, p, rows, cols, total, voxels: voxels ?? weighted };
}

/** a / b, NaN when b is 0 (an undefined feature, never a silent Infinity) */
export function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

/** sum_ij f(i, j) p(i, j), i and j 1-based */
export function emphasis(s: LevelCountStats, f: (i: number, j: number) => number): number {
  let acc = 0;
  for (let k = 0; k < s.p.length; k++) acc += f(s.rowOf[k] + 1, s.colOf[k] + 1) * s.p[k];
  return acc;
}

function sumSquares(values: Float64Array): number {
  let acc = 0;
  for (const v of values) acc += v * v;
  return acc;
}

/** variance of the 1-based index under the distribution `marginal`: sum (k - mu)^2 q_k, mu = sum k q_k */
function indexVariance(marginal: Float64Array): number {
  let mu = 0;
  for (let k = 0; k < marginal.length; k++) mu += (k + 1) * marginal[k];
  let v = 0;
  for (let k = 0; k < marginal.length; k++) v += (k + 1 - mu) ** 2 * marginal[k];
  return v;
}

/** Grey level non-uniformity: sum_i (sum_j M(i,j))^2 / N_s = N_s sum_i r_i^2 */
export const greyLevelNonUniformity = (s: LevelCountStats): number => s.total * sumSquares(s.rows);
/** Normalised grey level non-uniformity: sum_i (sum_j M(i,j))^2 / N_s^2 = sum_i r_i^2 */
export const normalisedGreyLevelNonUniformity = (s: LevelCountStats): number => sumSquares(s.rows);
/** Column (run length / size / distance / dependence) non-uniformity: N_s sum_j c_j^2 */
export const columnNonUniformity = (s: LevelCountStats): number => s.total * sumSquares(s.cols);
/** Normalised column non-uniformity: sum_j c_j^2 */
export const normalisedColumnNonUniformity = (s: LevelCountStats): number => sumSquares(s.cols);
/** Percentage: N_s / N_v */
export const percentage = (s: LevelCountStats): number => ratio(s.total, s.voxels);
/** Grey level variance: sum_i (i - mu)^2 r_i, mu = sum_i i r_i */
export const greyLevelVariance = (s: LevelCountStats): number => indexVariance(s.rows);
/** Column variance: sum_j (j - mu)^2 c_j, mu = sum_j j c_j */
export const columnVariance = (s: LevelCountStats): number => indexVariance(s.cols);
/** Entropy: -sum_ij p(i,j) log2 p(i,j) */
export function entropy(s: LevelCountStats): number {
  let h = 0;
  for (const v of s.p) h -= v * Math.log2(v);
  return h;
}
/** Energy: sum_ij p(i,j)^2 */
export const energy = (s: LevelCountStats): number => sumSquares(s.p);
