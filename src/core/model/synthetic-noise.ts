/**
 * Fast seeded Gaussian noise for the synthetic volumes (synthetic-images.ts): millions of draws per cohort, where
 * prng.normal() (Box-Muller, two 53-bit floats, log, sqrt, cos: about 90 ns) would dominate.
 *
 * Each 32-bit output of a xoshiro128** stream gives two draws, one per 16-bit half h in 0..65535:
 *   z = Phi^-1((h + 1/2) / 65536)
 * read from a table built once. The draws are normal up to the 2^16-cell quantisation (tails cut at |z| = 4.3),
 * invisible once scaled by an MR noise SD and rounded to integer intensities.
 * Phi^-1: Acklam's rational approximation without refinement (central region |p - 1/2| <= 0.47575, tails in
 * sqrt(-2 log p)); over the table's cells it is within 1.4e-7 of the exact quantile.
 */
import type { Prng } from './prng.js';

const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155211639];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

/** Inverse standard normal CDF for p in (0, 1). */
export function normalQuantile(p: number): number {
  const low = 0.02425;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const z = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    return p < low ? z : -z;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

let table: Float64Array | undefined;

function quantileTable(): Float64Array {
  if (!table) {
    table = new Float64Array(65536);
    for (let h = 0; h < 65536; h++) table[h] = normalQuantile((h + 0.5) / 65536);
  }
  return table;
}

/**
 * Fills `out` with N(0, 1) draws and returns it. The 32-bit outputs come from a local xoshiro128** 1.1 generator
 * (the algorithm of prng.ts, inlined here on local variables: a call per output cost more than the rest of the
 * volume) whose 128-bit state is 4 outputs of `prng`; `prng` advances by exactly those 4 outputs.
 */
export function fillNormal(prng: Prng, out: Float64Array): Float64Array {
  const t = quantileTable();
  let s0 = prng.uint32();
  let s1 = prng.uint32();
  let s2 = prng.uint32();
  let s3 = prng.uint32();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is the generator's one fixed point
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    // xoshiro128**: result = rotl(s1 * 5, 7) * 9; then the state update
    const x = Math.imul(s1, 5);
    const r = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const u = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= u;
    s3 = (s3 << 11) | (s3 >>> 21);
    out[i] = t[r >>> 16];
    if (i + 1 < n) out[i + 1] = t[r & 0xffff];
  }
  return out;
}
