/**
 * Kaplan-Meier estimation as R's survival::survfit(Surv(time, event) ~ group) (survival 3.5), with its confidence
 * intervals, medians and quantiles, restricted mean and numbers at risk.
 *
 * At each distinct time t_j (events and censorings): n_j at risk (time >= t_j), d_j events, c_j censored.
 *   S(t_j) = prod_{k<=j} (1 - d_k/n_k)                                  product-limit
 *   se_j   = sqrt(sum_{k<=j} d_k / (n_k (n_k - d_k)))                    Greenwood SE of -log S (survfit()$std.err)
 *   H(t_j) = sum_{k<=j} d_k / n_k                                       Nelson-Aalen cumulative hazard
 * 95 % CI with z = qnorm(0.975) (R survfit_confint):
 *   log:     exp(log S -/+ z se), upper capped at 1                     (R's default conf.type)
 *   log-log: exp(-exp(log(-log S) -/+ z se / log S))                    NA where S is 0 or 1
 *   plain:   S -/+ z se S, clipped to [0, 1]
 * Where S = 0, se = Inf and the CI is NA (NaN here). Times are compared exactly (R's timefix/aeqSurv only merges
 * times that differ by floating-point noise, e.g. 1/3 computed two ways).
 */
import { normalQuantile } from './distributions.js';

export type ConfType = 'log' | 'log-log' | 'plain';

export interface KaplanMeierOptions {
  confType?: ConfType;
  confLevel?: number;
}

export interface KaplanMeierCurve {
  n: number;
  events: number;
  time: number[];
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  surv: number[];
  /** Greenwood SE of the cumulative hazard -log S (R: survfit()$std.err). */
  stdErrCumhaz: number[];
  /** SE of S: S * stdErrCumhaz (R: summary(survfit)$std.err). */
  stdErrSurv: number[];
  lower: number[];
  upper: number[];
  /** Nelson-Aalen cumulative hazard. */
  cumhaz: number[];
  confType: ConfType;
  confLevel: number;
}

function checkInput(time: ArrayLike<number>, event: ArrayLike<number | boolean>): void {
  if (time.length !== event.length) throw new Error('time and event differ in length');
  for (let i = 0; i < time.length; i++) {
    if (!Number.isFinite(time[i])) throw new Error(`time ${i} is not a finite number`);
    const e = Number(event[i]);
    if (e !== 0 && e !== 1) throw new Error(`event ${i} is neither 0 nor 1`);
  }
}

/** Pointwise CI for S given se of -log S (R: survival:::survfit_confint with logse = TRUE). */
export function survivalConfidence(surv: number, se: number, confType: ConfType, z: number): { lower: number; upper: number } {
  if (confType === 'plain') {
    const se2 = se * surv * z;
    return { lower: Math.max(surv - se2, 0), upper: Math.min(surv + se2, 1) };
  }
  if (confType === 'log') {
    if (surv === 0) return { lower: NaN, upper: NaN };
    const se2 = z * se;
    return { lower: Math.exp(Math.log(surv) - se2), upper: Math.min(Math.exp(Math.log(surv) + se2), 1) };
  }
  if (surv === 0 || surv === 1) return { lower: NaN, upper: NaN };
  const se2 = (z * se) / Math.log(surv);
  const ll = Math.log(-Math.log(surv));
  return { lower: Math.exp(-Math.exp(ll - se2)), upper: Math.exp(-Math.exp(ll + se2)) };
}

/** Kaplan-Meier curve of one sample (R: survfit(Surv(time, event) ~ 1)). */
export function kaplanMeier(time: ArrayLike<number>, event: ArrayLike<number | boolean>, options: KaplanMeierOptions = {}): KaplanMeierCurve {
  checkInput(time, event);
  const confType = options.confType ?? 'log';
  const confLevel = options.confLevel ?? 0.95;
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const order = Array.from({ length: time.length }, (_, i) => i).sort((a, b) => time[a] - time[b]);
  const c: KaplanMeierCurve = {
    n: time.length,
    events: 0,
    time: [],
    nRisk: [],
    nEvent: [],
    nCensor: [],
    surv: [],
    stdErrCumhaz: [],
    stdErrSurv: [],
    lower: [],
    upper: [],
    cumhaz: [],
    confType,
    confLevel,
  };
  let atRisk = time.length;
  let s = 1;
  let greenwood = 0;
  let hazard = 0;
  for (let k = 0; k < order.length; ) {
    const t = time[order[k]];
    let d = 0;
    let m = 0;
    while (k < order.length && time[order[k]] === t) {
      d += Number(event[order[k]]);
      m++;
      k++;
    }
    if (d > 0) {
      s *= (atRisk - d) / atRisk;
      greenwood += d / (atRisk * (atRisk - d)); // Inf when everyone left dies
      hazard += d / atRisk;
    }
    const se = Math.sqrt(greenwood);
    const ci = survivalConfidence(s, se, confType, z);
    c.time.push(t);
    c.nRisk.push(atRisk);
    c.nEvent.push(d);
    c.nCensor.push(m - d);
    c.surv.push(s);
    c.stdErrCumhaz.push(se);
    c.stdErrSurv.push(s * se);
    c.lower.push(ci.lower);
    c.upper.push(ci.upper);
    c.cumhaz.push(hazard);
    c.events += d;
    atRisk -= m;
  }
  return c;
}

/** One curve per group, groups in ascending order (as R factor levels of a numeric or string group). */
export function kaplanMeierByGroup<G extends number | string>(
  time: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
  group: ArrayLike<G>,
  options: KaplanMeierOptions = {},
): { group: G; curve: KaplanMeierCurve }[] {
  if (group.length !== time.length) throw new Error('group and time differ in length');
  const levels = [...new Set(Array.from(group))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return levels.map((g) => {
    const idx = Array.from({ length: time.length }, (_, i) => i).filter((i) => group[i] === g);
    return { group: g, curve: kaplanMeier(idx.map((i) => time[i]), idx.map((i) => Number(event[i])), options) };
  });
}

const TOLERANCE = Math.sqrt(2.220446049250313e-16); // R: sqrt(.Machine$double.eps)

/**
 * R survmean's median rule (print / summary(fit)$table): the first time where y < 0.5 + tol; when that y is within
 * tol of 0.5 and the curve later drops below it, the midpoint to the next drop. NA (NaN) when never reached.
 */
function minmin(y: number[], x: number[]): number {
  const keep = y.map((_, k) => k).filter((k) => !Number.isNaN(y[k]) && y[k] < 0.5 + TOLERANCE);
  if (keep.length === 0) return NaN;
  const y0 = y[keep[0]];
  if (Math.abs(y0 - 0.5) < TOLERANCE) {
    const next = keep.find((k) => y[k] < y0);
    if (next !== undefined) return (x[keep[0]] + x[next]) / 2;
  }
  return x[keep[0]];
}

/** Median survival with CI limits from the pointwise CI curves (R: summary(fit)$table median, LCL, UCL). */
export function kmMedian(curve: KaplanMeierCurve): { median: number; lower: number; upper: number } {
  return { median: minmin(curve.surv, curve.time), lower: minmin(curve.lower, curve.time), upper: minmin(curve.upper, curve.time) };
}

/**
 * R quantile.survfit's findq: time where 1 - S first reaches p (within tol), with the midpoint rule on flat stretches
 * and at a flat end of the curve; curve = S, or a CI limit. x starts at firstx = 0 with 1 - S = 0.
 */
function findq(time: number[], s: number[], p: number, tol = TOLERANCE): number {
  const x0 = [0, ...time];
  const y0 = [0, ...s.map((v) => 1 - v)];
  if (Math.max(...y0.filter((v) => !Number.isNaN(v))) < p) return NaN;
  const xmax = x0[x0.length - 1];
  const x: number[] = [];
  const y: number[] = [];
  const seen = new Set<number | string>();
  y0.forEach((v, k) => {
    const key = Number.isNaN(v) ? 'NA' : v; // duplicated() treats all NA as one value
    if (seen.has(key)) return;
    seen.add(key);
    x.push(x0[k]);
    y.push(v);
  });
  if (p === 0) return x[0];
  // approx(y +/- tol, 1:n, p, 'constant', f = 1): first index whose (non-NA) value reaches p
  const first = (shift: number) => y.findIndex((v) => !Number.isNaN(v) && v + shift >= p);
  const i1 = first(tol);
  const i2 = first(-tol);
  const last = y[y.length - 1];
  if (!Number.isNaN(last) && Math.abs(p - last) < tol) return i1 < 0 ? NaN : (x[i1] + xmax) / 2;
  if (i1 < 0 || i2 < 0) return NaN;
  return (x[i1] + x[i2]) / 2;
}

/** Survival quantiles (R: quantile(fit, probs)) of the event-time distribution, with CI from the CI curves. */
export function kmQuantile(curve: KaplanMeierCurve, probs: readonly number[] = [0.25, 0.5, 0.75]): { quantile: number[]; lower: number[]; upper: number[] } {
  return {
    quantile: probs.map((p) => findq(curve.time, curve.surv, p)),
    lower: probs.map((p) => findq(curve.time, curve.lower, p)),
    upper: probs.map((p) => findq(curve.time, curve.upper, p)),
  };
}

/**
 * Restricted mean survival up to endTime with its SE (R survmean, as print(fit, rmean = ...)):
 * rmean = area under S from 0 to endTime; var = sum_j A_j^2 d_j / (n_j (n_j - d_j)), A_j = area after t_j.
 */
export function restrictedMean(curve: KaplanMeierCurve, endTime = curve.time[curve.time.length - 1], startTime = 0): { rmean: number; se: number } {
  const hhAll = curve.time.map((_, k) => {
    const n = curve.nRisk[k];
    const d = curve.nEvent[k];
    return n - d === 0 ? 0 : d / (n * (n - d));
  });
  const keep = curve.time.map((_, k) => k).filter((k) => curve.time[k] <= endTime);
  let times: number[], survs: number[], hh: number[];
  if (keep.length === 0) [times, survs, hh] = [[endTime], [1], [0]];
  else {
    const lastKept = keep[keep.length - 1];
    times = [...keep.map((k) => curve.time[k]), endTime];
    survs = [...keep.map((k) => curve.surv[k]), curve.surv[lastKept]];
    hh = [...keep.map((k) => hhAll[k]), 0];
  }
  const rect = times.map((t, k) => (t - (k === 0 ? startTime : times[k - 1])) * (k === 0 ? 1 : survs[k - 1]));
  // varmean = sum(cumsum(rev(rect[-1]))^2 * rev(hh)[-1])
  const revRect = rect.slice(1).reverse();
  const revHh = [...hh].reverse().slice(1);
  let cum = 0;
  let varmean = 0;
  for (let k = 0; k < revRect.length; k++) {
    cum += revRect[k];
    varmean += cum * cum * revHh[k];
  }
  return { rmean: rect.reduce((a, b) => a + b, 0) + startTime, se: Math.sqrt(varmean) };
}

/** Numbers at risk (time >= t) at the given times, for the table under a KM plot. */
export function numberAtRisk(time: ArrayLike<number>, at: readonly number[]): number[] {
  return at.map((t) => {
    let n = 0;
    for (let i = 0; i < time.length; i++) if (time[i] >= t) n++;
    return n;
  });
}
