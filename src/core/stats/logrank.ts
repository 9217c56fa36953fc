/**
 * G-rho family of k-sample tests as R's survival::survdiff(Surv(time, event) ~ group, rho) (C routine survdiff2):
 * rho = 0 is the log-rank test, rho = 1 the Peto & Peto modification of the Gehan-Wilcoxon test.
 *
 * At each distinct event time t with n at risk (n_g in group g) and d events (d_g):
 *   w = S(t-)^rho, S the pooled Kaplan-Meier estimate, left-continuous
 *   O_g += w d_g;  E_g += w d n_g / n
 *   V_gh += w^2 d (n - d) / (n - 1) * (n_g / n) (delta_gh - n_h / n)     (skipped when n = 1)
 * chi-square = (O - E)' V^- (O - E) over groups 2..k (V is singular), df = k - 1, p = P(chi2_df > chi-square).
 */
import { chiSquareUpper } from './distributions.js';
import { solveSpd } from './linear-algebra.js';

export interface LogrankResult<G> {
  rho: number;
  groups: G[];
  n: number[];
  observed: number[];
  expected: number[];
  variance: number[][];
  chisq: number;
  df: number;
  pValue: number;
}

/** survdiff for one stratum. Groups are sorted ascending, as R factor levels. Throws without any event. */
export function logrankTest<G extends number | string>(
  time: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
  group: ArrayLike<G>,
  options: { rho?: number } = {},
): LogrankResult<G> {
  const rho = options.rho ?? 0;
  const nTotal = time.length;
  if (event.length !== nTotal || group.length !== nTotal) throw new Error('time, event and group differ in length');
  const groups = [...new Set(Array.from(group))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const k = groups.length;
  if (k < 2) throw new Error('the log-rank test needs at least two groups');
  const gIndex = new Map(groups.map((g, i) => [g, i]));
  const order = Array.from({ length: nTotal }, (_, i) => i).sort((a, b) => time[a] - time[b]);
  const status = order.map((i) => Number(event[i]));
  const t = order.map((i) => time[i]);
  const g = order.map((i) => gIndex.get(group[i])!);
  if (!status.some((s) => s === 1)) throw new Error('the log-rank test needs at least one event');

  // pooled KM, left-continuous: kaplan[i] = S(t_i-)
  const kaplan = new Array<number>(nTotal).fill(1);
  if (rho !== 0) {
    let km = 1;
    for (let i = 0; i < nTotal; ) {
      const nrisk = nTotal - i;
      let deaths = 0;
      let j = i;
      for (; j < nTotal && t[j] === t[i]; j++) {
        kaplan[j] = km;
        deaths += status[j];
      }
      km = (km * (nrisk - deaths)) / nrisk;
      i = j;
    }
  }

  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const variance = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const risk = new Array<number>(k).fill(0);
  // walk backwards so that risk[] holds the numbers at risk per group
  for (let i = nTotal - 1; i >= 0; ) {
    const wt = rho === 0 ? 1 : kaplan[i] ** rho;
    let deaths = 0;
    let j = i;
    for (; j >= 0 && t[j] === t[i]; j--) {
      deaths += status[j];
      risk[g[j]] += 1;
      observed[g[j]] += status[j] * wt;
    }
    const nrisk = nTotal - (j + 1);
    i = j;
    if (deaths === 0) continue;
    for (let a = 0; a < k; a++) expected[a] += (wt * deaths * risk[a]) / nrisk;
    if (nrisk === 1) continue;
    const w2 = wt * wt;
    for (let a = 0; a < k; a++) {
      const tmp = (w2 * deaths * risk[a] * (nrisk - deaths)) / (nrisk * (nrisk - 1));
      variance[a][a] += tmp;
      for (let b = 0; b < k; b++) variance[a][b] -= (tmp * risk[b]) / nrisk;
    }
  }

  const diff = observed.slice(1).map((o, a) => o - expected[a + 1]);
  const v = variance.slice(1).map((row) => row.slice(1));
  const solved = solveSpd(v, diff);
  const chisq = diff.reduce((s, d, a) => s + d * solved[a], 0);
  const n = groups.map((_, a) => g.filter((x) => x === a).length);
  return { rho, groups, n, observed, expected, variance, chisq, df: k - 1, pValue: chiSquareUpper(chisq, k - 1) };
}
