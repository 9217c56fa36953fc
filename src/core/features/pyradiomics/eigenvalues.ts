/**
 * Eigenvalues of a dense real symmetric matrix: Householder reduction to tridiagonal form, then the implicit QL
 * algorithm with Wilkinson shifts (Golub & Van Loan, Matrix Computations, 8.3; the classic tred2 / tqli pair without
 * eigenvectors). O(n^3), no allocation beyond two length-n vectors and a copy of the matrix.
 */

/** Eigenvalues (ascending) of the symmetric n x n matrix `a` (row-major; only read, never modified). */
export function symmetricEigenvalues(a: ArrayLike<number>, n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) m[k] = a[k];
  return symmetricEigenvaluesInPlace(m, n);
}

/** symmetricEigenvalues of `m` (n x n, row-major), which is overwritten (no copy). */
export function symmetricEigenvaluesInPlace(m: Float64Array, n: number): Float64Array {
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
        // e[j] = (sum_k a(j,k) m(i,k)) / h over the lower triangle: four, then two rows at a time, so that several
        // independent sums are in flight (each still adds its terms in k order; a(j,k) is m(max, min) of j and k)
        let ff = 0;
        const ri = i * n;
        let j = 0;
        for (; j + 3 <= l; j += 4) {
          const r0 = j * n;
          const r1 = r0 + n;
          const r2 = r1 + n;
          const r3 = r2 + n;
          let g0 = 0;
          let g1 = 0;
          let g2 = 0;
          let g3 = 0;
          for (let k = 0; k <= j; k++) {
            const x = m[ri + k];
            g0 += m[r0 + k] * x;
            g1 += m[r1 + k] * x;
            g2 += m[r2 + k] * x;
            g3 += m[r3 + k] * x;
          }
          // k = j + 1, j + 2, j + 3: the triangle between the four rows
          const x1 = m[ri + j + 1];
          g0 += m[r1 + j] * x1;
          g1 += m[r1 + j + 1] * x1;
          g2 += m[r2 + j + 1] * x1;
          g3 += m[r3 + j + 1] * x1;
          const x2 = m[ri + j + 2];
          g0 += m[r2 + j] * x2;
          g1 += m[r2 + j + 1] * x2;
          g2 += m[r2 + j + 2] * x2;
          g3 += m[r3 + j + 2] * x2;
          const x3 = m[ri + j + 3];
          g0 += m[r3 + j] * x3;
          g1 += m[r3 + j + 1] * x3;
          g2 += m[r3 + j + 2] * x3;
          g3 += m[r3 + j + 3] * x3;
          for (let k = j + 4; k <= l; k++) {
            const y = m[ri + k];
            const rk = k * n + j;
            g0 += m[rk] * y;
            g1 += m[rk + 1] * y;
            g2 += m[rk + 2] * y;
            g3 += m[rk + 3] * y;
          }
          e[j] = g0 / h;
          ff += e[j] * m[ri + j];
          e[j + 1] = g1 / h;
          ff += e[j + 1] * m[ri + j + 1];
          e[j + 2] = g2 / h;
          ff += e[j + 2] * m[ri + j + 2];
          e[j + 3] = g3 / h;
          ff += e[j + 3] * m[ri + j + 3];
        }
        for (; j + 1 <= l; j += 2) {
          const r0 = j * n;
          const r1 = r0 + n;
          let g0 = 0;
          let g1 = 0;
          for (let k = 0; k <= j; k++) {
            const x = m[ri + k];
            g0 += m[r0 + k] * x;
            g1 += m[r1 + k] * x;
          }
          const x = m[ri + j + 1];
          g0 += m[r1 + j] * x;
          g1 += m[r1 + j + 1] * x;
          for (let k = j + 2; k <= l; k++) {
            const y = m[ri + k];
            g0 += m[k * n + j] * y;
            g1 += m[k * n + j + 1] * y;
          }
          e[j] = g0 / h;
          ff += e[j] * m[ri + j];
          e[j + 1] = g1 / h;
          ff += e[j + 1] * m[ri + j + 1];
        }
        for (; j <= l; j++) {
          let gg = 0;
          for (let k = 0; k <= j; k++) gg += m[j * n + k] * m[ri + k];
          for (let k = j + 1; k <= l; k++) gg += m[k * n + j] * m[ri + k];
          e[j] = gg / h;
          ff += e[j] * m[ri + j];
        }
        const hh = ff / (h + h);
        for (let j = 0; j <= l; j++) {
          const fj = m[ri + j];
          const gj = e[j] - hh * fj;
          e[j] = gj;
          const rj = j * n;
          for (let k = 0; k <= j; k++) m[rj + k] -= fj * e[k] + gj * m[ri + k];
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
  // the larger over itself is exactly 1: one division
  if (ax > ay) {
    const t = ay / ax;
    return Math.sqrt(1 + t * t) * ax;
  }
  if (ay === 0) return 0;
  const t = ax / ay;
  return Math.sqrt(t * t + 1) * ay;
}
