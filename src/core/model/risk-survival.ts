/**
 * Survival of the risk groups (domain.md step 8): Kaplan-Meier curve per group (R survfit, log CI), median with
 * CI, numbers at risk at regular times, log-rank test (survdiff), and the Cox hazard ratio of high vs low risk
 * (coxph, Efron ties) with 95 % CI and Wald p. Patients without the outcome (null) are left out.
 */
import { fitCox } from '../stats/cox.js';
import { kaplanMeier, kmMedian, numberAtRisk, type KaplanMeierCurve } from '../stats/kaplan-meier.js';
import { logrankTest } from '../stats/logrank.js';

/** The part of a KM curve a model file needs to redraw it (NaN CI limits become null in JSON). */
export interface KmCurveSummary {
  n: number;
  events: number;
  time: number[];
  surv: number[];
  lower: (number | null)[];
  upper: (number | null)[];
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  median: number | null;
  medianLower: number | null;
  medianUpper: number | null;
}

export interface RiskGroupSurvival {
  endpoint: string;
  low: KmCurveSummary;
  high: KmCurveSummary;
  /** Numbers at risk per group at `atRiskTimes`. */
  atRiskTimes: number[];
  atRiskLow: number[];
  atRiskHigh: number[];
  logrankChisq: number;
  logrankP: number;
  hazardRatio: number;
  hrCiLower: number;
  hrCiUpper: number;
  coxP: number;
}

const nul = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function summariseCurve(c: KaplanMeierCurve): KmCurveSummary {
  const m = kmMedian(c);
  return {
    n: c.n,
    events: c.events,
    time: c.time,
    surv: c.surv,
    lower: c.lower.map(nul),
    upper: c.upper.map(nul),
    nRisk: c.nRisk,
    nEvent: c.nEvent,
    nCensor: c.nCensor,
    median: nul(m.median),
    medianLower: nul(m.lower),
    medianUpper: nul(m.upper),
  };
}

/**
 * KM, log-rank and Cox HR of high (group 1) vs low (group 0) risk. Returns null when either group is empty or has
 * no outcome data, or when there is no event at all.
 */
export function riskGroupSurvival(
  outcomes: readonly ({ time: number; event: 0 | 1 } | null)[],
  group: readonly (0 | 1)[],
  endpoint: string,
  atRiskStep?: number,
): RiskGroupSurvival | null {
  const idx = outcomes.map((o, i) => (o ? i : -1)).filter((i) => i >= 0);
  const time = idx.map((i) => outcomes[i]!.time);
  const event = idx.map((i) => outcomes[i]!.event);
  const g = idx.map((i) => group[i]);
  if (!g.includes(0) || !g.includes(1) || !event.includes(1)) return null;
  const sub = (k: 0 | 1) => {
    const rows = g.map((v, i) => (v === k ? i : -1)).filter((i) => i >= 0);
    return kaplanMeier(rows.map((i) => time[i]), rows.map((i) => event[i]));
  };
  const lr = logrankTest(time, event, g);
  const cox = fitCox(time, event, [g], { names: ['high risk'] });
  const tMax = Math.max(...time);
  const step = atRiskStep ?? niceStep(tMax / 6);
  const atRiskTimes: number[] = [];
  for (let t = 0; t <= tMax; t += step) atRiskTimes.push(t);
  const timesOf = (k: 0 | 1) => time.filter((_, i) => g[i] === k);
  return {
    endpoint,
    low: summariseCurve(sub(0)),
    high: summariseCurve(sub(1)),
    atRiskTimes,
    atRiskLow: numberAtRisk(timesOf(0), atRiskTimes),
    atRiskHigh: numberAtRisk(timesOf(1), atRiskTimes),
    logrankChisq: lr.chisq,
    logrankP: lr.pValue,
    hazardRatio: cox.hazardRatio[0],
    hrCiLower: cox.hrCiLower[0],
    hrCiUpper: cox.hrCiUpper[0],
    coxP: cox.pValue[0],
  };
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  return [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
}
