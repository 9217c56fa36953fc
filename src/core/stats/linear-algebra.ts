/**
 * Small dense symmetric positive-definite algebra for model fitting (p of a few dozen at most): Cholesky
 * factorisation, solve, inverse. Matrices are arrays of rows (number[][]), as the fitted models return them.
 */

export type Matrix = number[][];

export class SingularMatrixError extends Error {
  constructor(message = 'matrix is singular or not positive definite') {
    super(message);
    this.name = 'SingularMatrixError';
  }
}

/** Lower-triangular L with A = L L'. Throws SingularMatrixError when a pivot is <= tol * (largest diagonal). */
export function cholesky(a: Matrix, tol = 1e-12): Matrix {
  const n = a.length;
  const l: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i][i]));
  for (let j = 0; j < n; j++) {
    let s = a[j][j];
    for (let k = 0; k < j; k++) s -= l[j][k] * l[j][k];
    if (!(s > tol * maxDiag)) throw new SingularMatrixError();
    const d = Math.sqrt(s);
    l[j][j] = d;
    for (let i = j + 1; i < n; i++) {
      let t = a[i][j];
      for (let k = 0; k < j; k++) t -= l[i][k] * l[j][k];
      l[i][j] = t / d;
    }
  }
  return l;
}

/** Solves L L' x = b given the Cholesky factor L. */
export function choleskySolve(l: Matrix, b: readonly number[]): number[] {
  const n = l.length;
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

/** Solves A x = b for symmetric positive-definite A. */
export function solveSpd(a: Matrix, b: readonly number[]): number[] {
  return choleskySolve(cholesky(a), b);
}

/** Inverse of a symmetric positive-definite matrix (symmetrised). */
export function invertSpd(a: Matrix): Matrix {
  const l = cholesky(a);
  const n = a.length;
  const inv: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const e = new Array<number>(n).fill(0);
    e[j] = 1;
    const col = choleskySolve(l, e);
    for (let i = 0; i < n; i++) inv[i][j] = col[i];
  }
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) {
      const m = (inv[i][j] + inv[j][i]) / 2;
      inv[i][j] = m;
      inv[j][i] = m;
    }
  return inv;
}

/** Quadratic form x' A x. */
export function quadraticForm(a: Matrix, x: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    let r = 0;
    for (let j = 0; j < x.length; j++) r += a[i][j] * x[j];
    s += x[i] * r;
  }
  return s;
}

/** Matrix-vector product A x. */
export function matVec(a: Matrix, x: readonly number[]): number[] {
  return a.map((row) => row.reduce((s, v, j) => s + v * x[j], 0));
}
