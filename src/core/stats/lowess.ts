/**
 * Cleveland's LOWESS smoother as R's lowess(x, y, f, iter, delta) (C routine clowess): for each x_i a weighted linear
 * fit over the ns = max(2, min(n, floor(f n + 1e-7))) nearest points, tricube weights (1 - (r/h)^3)^3 with
 * h = distance to the farthest of them (weight 1 within 0.001 h, 0 beyond 0.999 h); points closer than delta to the
 * last fitted x are interpolated; `iter` robustness passes with bisquare weights on residuals / (6 median |res|).
 * Used for calibration curves (rms::val.prob: lowess(p, y, iter = 0)).
 */

export interface LowessOptions {
  /** Smoother span (default 2/3). */
  f?: number;
  /** Robustness iterations (default 3; rms::val.prob uses 0). */
  iter?: number;
  /** Skip distance; default 1 % of the range of x. */
  delta?: number;
}

/** Fitted value at xs from points nleft..nright (0-based, inclusive) and ties beyond; null when all weights are 0. */
function lowest(x: number[], y: number[], xs: number, nleft: number, nright: number, w: number[], rw: number[] | null): number | null {
  const n = x.length;
  const range = x[n - 1] - x[0];
  const h = Math.max(xs - x[nleft], x[nright] - xs);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  let j = nleft;
  while (j < n) {
    w[j] = 0;
    const r = Math.abs(x[j] - xs);
    if (r <= h9) {
      w[j] = r <= h1 ? 1 : (1 - (r / h) ** 3) ** 3;
      if (rw) w[j] *= rw[j];
      a += w[j];
    } else if (x[j] > xs) break;
    j++;
  }
  const nrt = j - 1; // rightmost point used (ties may extend past nright)
  if (a <= 0) return null;
  for (j = nleft; j <= nrt; j++) w[j] /= a;
  if (h > 0) {
    let mean = 0;
    for (j = nleft; j <= nrt; j++) mean += w[j] * x[j];
    let b = xs - mean;
    let c = 0;
    for (j = nleft; j <= nrt; j++) c += w[j] * (x[j] - mean) * (x[j] - mean);
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (j = nleft; j <= nrt; j++) w[j] *= b * (x[j] - mean) + 1;
    }
  }
  let ys = 0;
  for (j = nleft; j <= nrt; j++) ys += w[j] * y[j];
  return ys;
}

/** Median of a copy. */
function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** R: lowess(x, y, f, iter, delta). Returns x sorted ascending (stable) and the smoothed y at each x. */
export function lowess(xIn: ArrayLike<number>, yIn: ArrayLike<number>, options: LowessOptions = {}): { x: number[]; y: number[] } {
  const n = xIn.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xIn[a] - xIn[b] || a - b);
  const x = order.map((i) => xIn[i]);
  const y = order.map((i) => yIn[i]);
  if (n < 2) return { x, y: [...y] };
  const f = options.f ?? 2 / 3;
  const nsteps = options.iter ?? 3;
  const delta = options.delta ?? 0.01 * (x[n - 1] - x[0]);
  const ns = Math.max(2, Math.min(n, Math.floor(f * n + 1e-7)));
  const ys = new Array<number>(n).fill(0);
  const w = new Array<number>(n).fill(0);
  let rw: number[] | null = null;
  for (let iter = 1; iter <= nsteps + 1; iter++) {
    let nleft = 0;
    let nright = ns - 1;
    let last = -1;
    let i = 0;
    for (;;) {
      if (nright < n - 1) {
        const d1 = x[i] - x[nleft];
        const d2 = x[nright + 1] - x[i];
        if (d1 > d2) {
          nleft++;
          nright++;
          continue;
        }
      }
      const fit = lowest(x, y, x[i], nleft, nright, w, rw);
      ys[i] = fit ?? y[i];
      if (last < i - 1) {
        const denom = x[i] - x[last];
        for (let j = last + 1; j < i; j++) {
          const alpha = (x[j] - x[last]) / denom;
          ys[j] = alpha * ys[i] + (1 - alpha) * ys[last];
        }
      }
      last = i;
      const cut = x[last] + delta;
      for (i = last + 1; i < n; i++) {
        if (x[i] > cut) break;
        if (x[i] === x[last]) {
          ys[i] = ys[last];
          last = i;
        }
      }
      i = Math.max(last + 1, i - 1);
      if (last >= n - 1) break;
    }
    if (iter > nsteps) break;
    const res = y.map((v, k) => v - ys[k]);
    const absRes = res.map(Math.abs);
    const sc = absRes.reduce((s, v) => s + v, 0) / n;
    const cmad = 6 * median(absRes);
    if (cmad < 1e-7 * sc) break;
    const c9 = 0.999 * cmad;
    const c1 = 0.001 * cmad;
    rw = absRes.map((r) => (r <= c1 ? 1 : r <= c9 ? (1 - (r / cmad) ** 2) ** 2 : 0));
  }
  return { x, y: ys };
}
