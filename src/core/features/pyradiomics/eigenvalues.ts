/**
 * Eigenvalues of a dense real symmetric matrix: Householder reduction to tridiagonal form, then the implicit QL
 * algorithm with Wilkinson shifts (Golub & Van Loan, Matrix Computations, 8.3; the classic tred2 / tqli pair without
 * eigenvectors). O(n^3), no allocation beyond two length-n vectors and a copy of the matrix.
 */

/** Eigenvalues (ascending) of the symmetric n x n matrix `a` (row-major; only read, never modified). */
export function symmetricEigenvalues(a: ArrayLike<number>, n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) m[k] = a[k];
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalise(m, n, d, e);
  tridiagonalQl(d, e, n);
  return d.sort();
}

/** Householder tridiagonalisation: diagonal to d, sub-diagonal to e[1..n-1] (e[0] = 0). `m` is overwritten. */
function tridiagonalise(m: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    let h = 0;
    if (l > 0) {
      let scale = 0;
      for (let k = 0; k <= l; k++) scale += Math.abs(m[i * n + k]);
      if (scale === 0) {
        e[i] = m[i * n + l];
      } else {
        for (let k = 0; k <= l; k++) {
          m[i * n + k] /= scale;
          h += m[i * n + k] * m[i * n + k];
        }
        const f = m[i * n + l];
        const g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
        e[i] = scale * g;
        h -= f * g;
        m[i * n + l] = f - g;
        let ff = 0;
        for (let j = 0; j <= l; j++) {
          let gg = 0;
          for (let k = 0; k <= j; k++) gg += m[j * n + k] * m[i * n + k];
          for (let k = j + 1; k <= l; k++) gg += m[k * n + j] * m[i * n + k];
          e[j] = gg / h;
          ff += e[j] * m[i * n + j];
        }
        const hh = ff / (h + h);
        for (let j = 0; j <= l; j++) {
          const fj = m[i * n + j];
          const gj = e[j] - hh * fj;
          e[j] = gj;
          for (let k = 0; k <= j; k++) m[j * n + k] -= fj * e[k] + gj * m[i * n + k];
        }
      }
    } else {
      e[i] = m[i * n + l];
    }
    d[i] = h;
  }
  e[0] = 0;
  for (let i = 0; i < n; i++) d[i] = m[i * n + i];
}

/** Implicit QL on the tridiagonal (d, e): eigenvalues to d. */
function tridiagonalQl(d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  if (n > 0) e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (++iter > 60) throw new Error('symmetricEigenvalues: no convergence');
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        let f = s * e[i];
        const b = c * e[i];
        r = hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] -= p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        f = 0;
      }
      if (r === 0 && i >= l) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
}

/**
 * Math.hypot(x, y) as V8 computes it (builtins math.tq MathHypot: both scaled by the larger, the squares summed
 * with a Kahan compensation that is still 0 at the second term, sqrt times the larger), written out: the same value
 * to the last bit, without the generic variadic builtin, and the same in every JavaScript engine.
 */
export function hypot(x: number, y: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  if (ax === Infinity || ay === Infinity) return Infinity;
  if (Number.isNaN(ax) || Number.isNaN(ay)) return NaN;
  const max = ax > ay ? ax : ay;
  if (max === 0) return 0;
  const nx = ax / max;
  const ny = ay / max;
  return Math.sqrt(nx * nx + ny * ny) * max;
}
