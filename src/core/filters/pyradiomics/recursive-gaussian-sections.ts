/**
 * The recursive Gaussian of recursive-gaussian.ts rewritten as a sum of first-order complex sections (partial
 * fractions): the same filter, better conditioned, which is what the GPU runs in f32 (src/gpu/recursive-gaussian.ts).
 * The twin's direct form 1 + d1 u + ... + d4 u^4 has poles near 1 for large sigma: its coefficients sum to
 * prod (1 - p) (1e-6 at sigma = 40 voxels), so rounding them to f32 changes the DC gain by tens of percent, while a
 * pole rounded to f32 moves 1 - p by about 1e-7 relative to it.
 *
 * With u = z^-1 and D(u) = prod_i (1 - p_i u) (poles p, conj p of recursiveGaussianPoles):
 *   causal      H+(u) = N(u) / D(u) = sum_i c_i / (1 - p_i u),   N(u) = n0 + n1 u + n2 u^2 + n3 u^3,
 *               c_i = N(1 / p_i) / prod_{j != i} (1 - p_j / p_i);
 *   anticausal  y-[k] = w[k + 1], w = M'(u) / D(u) run backwards,   M'(u) = m1 + m2 u + m3 u^2 + m4 u^3,
 *               with c'_i from M' as c_i from N.
 * Each section runs w[k] = c x[k] + p w[k -+ 1]; conjugate poles give conjugate sections, so two complex sections
 * per direction and y = 2 Re(w_1 + w_2). The twin's edge rule (the signal continues with its edge value forever)
 * is each section at its steady state g v, g = c / (1 - p).
 */
import { recursiveGaussianPoles, type RecursiveGaussianCoefficients } from './recursive-gaussian.js';

/** A complex number as [re, im]. */
export type Complex = [number, number];

export interface RecursiveGaussianSections {
  /** p_1, p_2 (their conjugates are the other two poles) */
  poles: [Complex, Complex];
  causal: [Complex, Complex];
  anticausal: [Complex, Complex];
  /** c / (1 - p): state per unit edge value */
  causalSteady: [Complex, Complex];
  anticausalSteady: [Complex, Complex];
}

function mul(a: Complex, b: Complex): Complex {
  return [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
}

function div(a: Complex, b: Complex): Complex {
  const q = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / q, (a[1] * b[0] - a[0] * b[1]) / q];
}

function conj(a: Complex): Complex {
  return [a[0], -a[1]];
}

/** c_i = P(1 / p_i) / prod_{j != i} (1 - p_j / p_i) of the cubic P (coefficients of u^0 .. u^3). */
function residue(p: readonly number[], poles: Complex[], i: number): Complex {
  const inv = div([1, 0], poles[i]);
  let num: Complex = [0, 0];
  for (let k = p.length - 1; k >= 0; k--) num = [mul(num, inv)[0] + p[k], mul(num, inv)[1]];
  let den: Complex = [1, 0];
  for (let j = 0; j < poles.length; j++) {
    if (j === i) continue;
    const r = mul(poles[j], inv);
    den = mul(den, [1 - r[0], -r[1]]);
  }
  return div(num, den);
}

/** The parallel form of the recursive filter `c` (sigma in mm, spacing in mm, as recursiveGaussianCoefficients). */
export function recursiveGaussianSections(sigmaMm: number, spacing: number, c: RecursiveGaussianCoefficients): RecursiveGaussianSections {
  const [p1, p2] = recursiveGaussianPoles(sigmaMm, spacing);
  const poles = [p1, conj(p1), p2, conj(p2)];
  const causal: [Complex, Complex] = [residue(c.n, poles, 0), residue(c.n, poles, 2)];
  const anticausal: [Complex, Complex] = [residue(c.m, poles, 0), residue(c.m, poles, 2)];
  const steady = (r: Complex, p: Complex) => div(r, [1 - p[0], -p[1]]);
  return {
    poles: [p1, p2],
    causal,
    anticausal,
    causalSteady: [steady(causal[0], p1), steady(causal[1], p2)],
    anticausalSteady: [steady(anticausal[0], p1), steady(anticausal[1], p2)],
  };
}

/** Filters one line with the sections (f64): the same numbers as recursiveGaussianLine up to rounding. */
export function recursiveGaussianSectionsLine(x: ArrayLike<number>, out: Float64Array, ln: number, s: RecursiveGaussianSections): void {
  const run = (coef: [Complex, Complex], steady: [Complex, Complex], v: number, from: number, step: number, delayed: boolean) => {
    const w: Complex[] = [0, 1].map((i) => [steady[i][0] * v, steady[i][1] * v]);
    for (let k = 0, i = from; k < ln; k++, i += step) {
      if (delayed) out[i] += 2 * (w[0][0] + w[1][0]);
      for (let j = 0; j < 2; j++) {
        const pw = mul(s.poles[j], w[j]);
        w[j] = [coef[j][0] * x[i] + pw[0], coef[j][1] * x[i] + pw[1]];
      }
      if (!delayed) out[i] = 2 * (w[0][0] + w[1][0]);
    }
  };
  run(s.causal, s.causalSteady, x[0], 0, 1, false);
  run(s.anticausal, s.anticausalSteady, x[ln - 1], ln - 1, -1, true);
}
