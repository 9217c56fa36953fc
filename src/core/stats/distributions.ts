/**
 * Distribution functions in f64, accurate to about 1e-14 relative, upper tails computed directly (never 1 - cdf), so
 * p-values stay accurate far into the tail.
 *
 * Notation: phi(z) = exp(-z^2/2)/sqrt(2 pi); Q(z) = P(Z > z) (normal upper tail); P(a, x), Q(a, x) the regularised
 * lower and upper incomplete gamma functions, Q(a, x) = Gamma(a, x)/Gamma(a).
 * R equivalents: pnorm(z, lower.tail = FALSE), qnorm(p), pchisq(x, df, lower.tail = FALSE).
 */

const LN_SQRT_2PI = 0.91893853320467274178; // log(sqrt(2 pi))
const SQRT_2PI = 2.50662827463100050242;
const EPS = 2.220446049250313e-16;
const TINY = 1e-300;

/** log Gamma(x) for x > 0: recurrence up to x >= 15, then Stirling's series (error below 1e-16 there). */
export function logGamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Infinity : NaN;
  if (x === 1 || x === 2) return 0;
  let shift = 0;
  while (x < 15) {
    shift += Math.log(x);
    x += 1;
  }
  const r = 1 / x;
  const r2 = r * r;
  // Bernoulli terms B_2k / (2k (2k-1) x^(2k-1)): 1/12, -1/360, 1/1260, -1/1680, 1/1188, -691/360360, 1/156
  const series =
    r * (1 / 12 + r2 * (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 / 156))))));
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + series - shift;
}

/** Series sum_{n>=0} x^n / (a (a+1) ... (a+n)); P(a, x) = x^a e^-x / Gamma(a) * series. Converges fast for x < a + 1. */
function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 10000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS * 0.5) break;
  }
  return sum;
}

/**
 * Continued fraction for Gamma(a, x) e^x x^-a (modified Lentz, even form 1/(x+1-a- 1(1-a)/(x+3-a- ...))).
 * Converges quickly for x > a + 1, and for all x > 0 eventually.
 */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

function gammaPrefactor(a: number, x: number): number {
  return Math.exp(a * Math.log(x) - x - logGamma(a));
}

/** Regularised lower incomplete gamma P(a, x) (R: pgamma(x, a)). */
export function gammaP(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0) return NaN;
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  if (x < a + 1) return gammaPrefactor(a, x) * gammaSeries(a, x);
  return 1 - gammaPrefactor(a, x) * gammaContinuedFraction(a, x);
}

/**
 * Regularised upper incomplete gamma Q(a, x) (R: pgamma(x, a, lower.tail = FALSE)). The continued fraction gives Q
 * directly wherever Q is small; 1 - P is used only where P <= 0.9 (loses at most one digit).
 */
export function gammaQ(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  if (x < a + 1) {
    const p = gammaPrefactor(a, x) * gammaSeries(a, x);
    if (p <= 0.9) return 1 - p;
  }
  return gammaPrefactor(a, x) * gammaContinuedFraction(a, x);
}

/** exp(-z^2/2) with z^2 split into an exact high part and a small low part (Cody's trick; keeps 1e-16 at z = 30). */
function expHalfSquare(z: number): number {
  const zh = Math.trunc(z * 4096) / 4096; // exact, and zh*zh is exact
  const zl = z - zh;
  return Math.exp((-zh * zh) / 2) * Math.exp((-zl * (z + zh)) / 2);
}

/** Normal density phi(z) (R: dnorm). */
export function normalPdf(z: number): number {
  return expHalfSquare(Math.abs(z)) / SQRT_2PI;
}

/** Q(z) for z >= 0. Series for Phi(z) - 1/2 below z = sqrt(3); gamma continued fraction above (Q = phi z/2 CF). */
function upperTailPositive(z: number): number {
  if (z < 1.7320508075688772) {
    // Phi(z) - 1/2 = phi(z) sum_k z^(2k+1) / (1*3*...*(2k+1)), all terms positive
    let term = z;
    let sum = z;
    const z2 = z * z;
    for (let k = 1; k < 500; k++) {
      term *= z2 / (2 * k + 1);
      sum += term;
      if (term < sum * EPS * 0.5) break;
    }
    return 0.5 - normalPdf(z) * sum;
  }
  // Q(z) = Gamma(1/2, z^2/2) / (2 sqrt(pi)) = phi(z) (z/2) CF(1/2, z^2/2)
  return normalPdf(z) * (z / 2) * gammaContinuedFraction(0.5, (z * z) / 2);
}

/** Normal upper tail P(Z > z) (R: pnorm(z, lower.tail = FALSE)). */
export function normalUpper(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  return z >= 0 ? upperTailPositive(z) : 1 - upperTailPositive(-z);
}

/** Normal cdf P(Z <= z) (R: pnorm(z)). */
export function normalCdf(z: number): number {
  return normalUpper(-z);
}

/** Two-sided normal p-value 2 Q(|z|) (R: 2 * pnorm(-abs(z))). */
export function normalTwoSided(z: number): number {
  return 2 * normalUpper(Math.abs(z));
}

// Acklam's rational approximation to the normal quantile (relative error 1.15e-9), refined below by Halley steps.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

function acklamLower(p: number): number {
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/** z with Q(z) = q for 0 < q <= 1/2: Acklam start, then Halley steps on Q(z) - q (cubic convergence). */
function upperQuantile(q: number): number {
  let z = -acklamLower(q);
  for (let it = 0; it < 3; it++) {
    const pdf = normalPdf(z);
    if (pdf === 0) break;
    const u = (normalUpper(z) - q) / pdf;
    const step = u / (1 - (z * u) / 2);
    z += step;
    if (Math.abs(step) <= Math.abs(z) * EPS) break;
  }
  return z;
}

/** Normal quantile (R: qnorm(p)); for p > 1/2 it works on the upper tail 1 - p, which is exact there. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  return p > 0.5 ? upperQuantile(1 - p) : -upperQuantile(p);
}

/** Upper-tail normal quantile: z with P(Z > z) = q (R: qnorm(q, lower.tail = FALSE)); precise for tiny q. */
export function normalUpperQuantile(q: number): number {
  if (Number.isNaN(q) || q < 0 || q > 1) return NaN;
  if (q === 0) return Infinity;
  if (q === 1) return -Infinity;
  if (q === 0.5) return 0;
  return q < 0.5 ? upperQuantile(q) : -upperQuantile(1 - q);
}

/** Chi-square upper tail P(X > x), X ~ chi2(df) (R: pchisq(x, df, lower.tail = FALSE)). */
export function chiSquareUpper(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  if (df === 1) return 2 * normalUpper(Math.sqrt(x)); // avoids forming x/2 inside gamma for the common case
  return gammaQ(df / 2, x / 2);
}

/** Chi-square cdf P(X <= x) (R: pchisq(x, df)). */
export function chiSquareCdf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 0;
  return gammaP(df / 2, x / 2);
}

/** Logistic function 1/(1 + e^-x) without overflow (R: plogis). */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(p / (1 - p)) (R: qlogis). */
export function logit(p: number): number {
  return Math.log(p / (1 - p));
}
