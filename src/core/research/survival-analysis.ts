/**
 * `webradiomics survival`: time, event and a group or a score per patient -> Kaplan-Meier curves per group (R
 * survfit, log CI) with medians and numbers at risk, the log-rank test (survdiff), Cox regression (coxph, Efron
 * ties) with HR, 95 % CI, Wald, likelihood-ratio and score tests, and, for a score, Harrell's C (concordance).
 * With a score and a cut-off (median, maxstat, or a number) the patients are split into low and high risk
 * (high = above the cut-off unless highRisk 'below'); without a cut-off the score enters Cox as a continuous
 * covariate (HR per unit) and no KM curves are drawn.
 */
import type { CohortIssue } from '../model/cohort-table.js';
import { riskCutoff } from '../model/risk-cutoff.js';
import { summariseCurve, type KmCurveSummary } from '../model/risk-survival.js';
import { concordanceIndex } from '../stats/concordance.js';
import { fitCox } from '../stats/cox.js';
import { kaplanMeier, numberAtRisk } from '../stats/kaplan-meier.js';
import { logrankTest } from '../stats/logrank.js';
import { readColumns } from './score-table.js';

export const TIME_COLUMNS = ['time', 'os_time', 'pfs_time', 'survival_time'];
export const EVENT_COLUMNS = ['event', 'status', 'os_event', 'pfs_event'];

export interface SurvivalOptions {
  time?: string;
  event?: string;
  group?: string;
  score?: string;
  cutoff?: 'median' | 'maxstat' | number;
  highRisk?: 'above' | 'below';
  /** Spacing of the numbers-at-risk times (default: a round step giving about 6 intervals). */
  atRiskStep?: number;
}

export interface SurvivalGroupResult {
  group: string;
  n: number;
  events: number;
  km: KmCurveSummary;
  atRisk: number[];
}

export interface SurvivalResult {
  file: string;
  time: string;
  event: string;
  n: number;
  events: number;
  grouping: { kind: 'group'; column: string } | { kind: 'score'; column: string; cutoff: { method: string; value: number; highRisk: 'above' | 'below'; pLausen94?: number } | null };
  groups: SurvivalGroupResult[];
  atRiskTimes: number[];
  logrank: { chisq: number; df: number; pValue: number; observed: number[]; expected: number[] } | null;
  cox: { terms: string[]; reference: string | null; coef: number[]; hazardRatio: number[]; hrCi: [number, number][]; pValue: number[]; wald: Test; likelihoodRatio: Test; score: Test; ties: 'efron' };
  concordance: { c: number; se: number } | null;
}

interface Test {
  chisq: number;
  df: number;
  pValue: number;
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  return [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
}

type Out = { ok: true; result: SurvivalResult; issues: CohortIssue[] } | { ok: false; issues: CohortIssue[] };

export function survivalAnalysis(file: string, text: string, options: SurvivalOptions): Out {
  if ((options.group === undefined) === (options.score === undefined)) {
    return { ok: false, issues: [{ severity: 'error', file, message: 'give either a group column or a score column' }] };
  }
  const byScore = options.score !== undefined;
  const read = readColumns(file, text, [
    { role: 'time', names: options.time ? [options.time] : TIME_COLUMNS, kind: 'number', option: '--time' },
    { role: 'event', names: options.event ? [options.event] : EVENT_COLUMNS, kind: 'binary', option: '--event' },
    byScore ? { role: 'score', names: [options.score!], kind: 'number', option: '--score' } : { role: 'group', names: [options.group!], kind: 'text', option: '--group' },
  ]);
  if (!read.ok) return { ok: false, issues: read.issues };
  const err = (message: string): Out => ({ ok: false, issues: [...read.issues, { severity: 'error', file, message: `${file}: ${message}` }] });
  const time = read.values[0] as number[];
  const event = read.values[1] as (0 | 1)[];
  const negative = time.findIndex((t) => t < 0);
  if (negative >= 0) return { ok: false, issues: [...read.issues, { severity: 'error', file, row: read.rows[negative], column: read.names[0], message: `${file}, row ${read.rows[negative]}, column "${read.names[0]}": time ${time[negative]} is negative` }] };
  const nEvents = event.reduce<number>((s, v) => s + v, 0);
  if (nEvents === 0) return err('no event: survival statistics need at least one event');
  let label: string[] | null = null;
  let cutoff: Extract<SurvivalResult['grouping'], { kind: 'score' }>['cutoff'] = null;
  let score: number[] | null = null;
  if (byScore) {
    score = read.values[2] as number[];
    if (options.cutoff !== undefined) {
      const highRisk = options.highRisk ?? 'above';
      let value: number;
      let pLausen94: number | undefined;
      if (typeof options.cutoff === 'number') value = options.cutoff;
      else {
        const c = riskCutoff({ score, time, event }, options.cutoff, { highRisk: highRisk === 'above' ? 'above' : 'below' });
        value = c.cutoff;
        pLausen94 = c.maxstat?.pLausen94;
      }
      cutoff = { method: typeof options.cutoff === 'number' ? 'fixed' : options.cutoff, value, highRisk, ...(pLausen94 !== undefined ? { pLausen94 } : {}) };
      label = score.map((s) => ((s > value) === (highRisk === 'above') ? 'high' : 'low'));
    }
  } else label = (read.values[2] as string[]).map(String);
  const groupNames = label ? [...new Set(label)].sort((a, b) => (byScore ? (a === 'low' ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0)) : [];
  if (label && groupNames.length < 2) return err(`only one group (${groupNames[0]}): comparing survival needs two or more`);
  const tMax = Math.max(...time);
  const step = options.atRiskStep ?? niceStep(tMax / 6);
  const atRiskTimes: number[] = [];
  for (let t = 0; t <= tMax + 1e-9; t += step) atRiskTimes.push(Number(t.toPrecision(12)));
  const groups = groupNames.map((g) => {
    const idx = label!.map((l, i) => (l === g ? i : -1)).filter((i) => i >= 0);
    const tt = idx.map((i) => time[i]);
    const ee = idx.map((i) => event[i]);
    return { group: g, n: idx.length, events: ee.reduce<number>((s, v) => s + v, 0), km: summariseCurve(kaplanMeier(tt, ee)), atRisk: numberAtRisk(tt, atRiskTimes) };
  });
  let logrank: SurvivalResult['logrank'] = null;
  let coxColumns: number[][];
  let terms: string[];
  if (label) {
    const lr = logrankTest(time, event, label);
    logrank = { chisq: lr.chisq, df: lr.df, pValue: lr.pValue, observed: lr.observed, expected: lr.expected };
    terms = groupNames.slice(1).map((g) => `${byScore ? 'risk group' : read.names[2]}=${g}`);
    coxColumns = groupNames.slice(1).map((g) => label!.map((l) => (l === g ? 1 : 0)));
  } else {
    terms = [read.names[2]];
    coxColumns = [score!];
  }
  const cox = fitCox(time, event, coxColumns, { names: terms, ties: 'efron' });
  let concordance: SurvivalResult['concordance'] = null;
  if (score) {
    try {
      const c = concordanceIndex(time, event, score, { higherIsShorter: (options.highRisk ?? 'above') === 'above' });
      concordance = { c: c.c, se: c.se };
    } catch {
      concordance = null;
    }
  }
  return {
    ok: true,
    issues: read.issues,
    result: {
      file,
      time: read.names[0],
      event: read.names[1],
      n: time.length,
      events: nEvents,
      grouping: byScore ? { kind: 'score', column: read.names[2], cutoff } : { kind: 'group', column: read.names[2] },
      groups,
      atRiskTimes: label ? atRiskTimes : [],
      logrank,
      cox: {
        terms,
        reference: label ? groupNames[0] : null,
        coef: cox.coef,
        hazardRatio: cox.hazardRatio,
        hrCi: cox.hrCiLower.map((l, k) => [l, cox.hrCiUpper[k]] as [number, number]),
        pValue: cox.pValue,
        wald: cox.waldTest,
        likelihoodRatio: cox.lrTest,
        score: cox.scoreTest,
        ties: 'efron',
      },
      concordance,
    },
  };
}
