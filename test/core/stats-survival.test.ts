import { afterAll, describe, expect, it } from 'vitest';
import {
  kaplanMeier,
  kaplanMeierByGroup,
  kmMedian,
  kmQuantile,
  numberAtRisk,
  restrictedMean,
  type ConfType,
  type KaplanMeierCurve,
} from '../../src/core/stats/kaplan-meier.js';
import { logrankTest } from '../../src/core/stats/logrank.js';
import { errorReport, expectRel, rNum, statsCsv, statsJson, TOL } from '../helpers/rel-tol.js';

const fx = statsJson('surv_lung/surv_lung.json');
const lung = statsCsv('surv_lung/lung.csv');
const time = lung.map((r) => Number(r.time));
const event = lung.map((r) => Number(r.event));
const sex = lung.map((r) => r.sex);
const CF = TOL.closedForm;

afterAll(() => console.log(`[stats-survival]\n${errorReport()}`));

const byGroup = (confType: ConfType) => kaplanMeierByGroup(time, event, sex, { confType });

function checkTable(g: string, curve: KaplanMeierCurve, ref: Record<string, string>[], label: string, cols: Record<string, keyof KaplanMeierCurve>): void {
  expect(curve.time.length).toBe(ref.length);
  ref.forEach((r, k) => {
    for (const [col, key] of Object.entries(cols)) {
      const v = (curve[key] as number[])[k];
      const tol = ['time', 'n_risk', 'n_event', 'n_censor'].includes(col) ? 0 : CF;
      expectRel(g, v, rNum(r[col]), tol, `${label} t=${r.time} ${col}`);
    }
  });
}

const COMMON = {
  time: 'time',
  n_risk: 'nRisk',
  n_event: 'nEvent',
  n_censor: 'nCensor',
  surv: 'surv',
  std_err_cumhaz: 'stdErrCumhaz',
  std_err_surv: 'stdErrSurv',
} as const;

describe('Kaplan-Meier on survival::lung (surv_lung fixture)', () => {
  it('reads 228 rows with 165 events', () => {
    expect(lung.length).toBe(228);
    expect(event.reduce((a, b) => a + b, 0)).toBe(165);
  });

  it('by sex: every row, with log, log-log and plain CIs and Nelson-Aalen hazard', () => {
    const ref = statsCsv('surv_lung', fx.kaplan_meier.table_file);
    const curves = { log: byGroup('log'), 'log-log': byGroup('log-log'), plain: byGroup('plain') };
    for (const [gi, { group, curve }] of curves.log.entries()) {
      const rows = ref.filter((r) => r.group === group);
      checkTable('km', curve, rows, `sex ${group}`, { ...COMMON, lower_log: 'lower', upper_log: 'upper', cumhaz_nelson_aalen: 'cumhaz' });
      checkTable('km', curves['log-log'][gi].curve, rows, `sex ${group}`, { lower_loglog: 'lower', upper_loglog: 'upper' });
      checkTable('km', curves.plain[gi].curve, rows, `sex ${group}`, { lower_plain: 'lower', upper_plain: 'upper' });
    }
  });

  it('overall: every row, log and log-log CIs', () => {
    const ref = statsCsv('surv_lung', fx.kaplan_meier.overall_table_file);
    checkTable('km', kaplanMeier(time, event), ref, 'overall', { ...COMMON, lower_log: 'lower', upper_log: 'upper' });
    checkTable('km', kaplanMeier(time, event, { confType: 'log-log' }), ref, 'overall', { lower_loglog: 'lower', upper_loglog: 'upper' });
  });

  for (const confType of ['log', 'log-log', 'plain'] as const) {
    it(`medians with CI and restricted means by sex (conf.type ${confType})`, () => {
      const ref = fx.kaplan_meier.medians_by_conf_type[confType];
      const curves = byGroup(confType);
      const commonEnd = Math.max(...curves.map((c) => c.curve.time[c.curve.time.length - 1]));
      curves.forEach(({ group, curve }, k) => {
        expect(group).toBe(ref.group[k]);
        expect(curve.n).toBe(ref.n[k]);
        expect(curve.events).toBe(ref.events[k]);
        const m = kmMedian(curve);
        expectRel('km medians', m.median, ref.median[k], CF, `${confType} ${group} median`);
        expectRel('km medians', m.lower, ref.lcl95[k], CF, `${confType} ${group} lcl`);
        expectRel('km medians', m.upper, ref.ucl95[k], CF, `${confType} ${group} ucl`);
        const rm = restrictedMean(curve, commonEnd); // rmean = 'common': the largest time of all groups
        expectRel('km medians', rm.rmean, ref.rmean[k], CF, `${confType} ${group} rmean`);
        expectRel('km medians', rm.se, ref.rmean_se[k], CF, `${confType} ${group} rmean se`);
      });
    });
  }

  it('quartiles with log CIs (quantile.survfit)', () => {
    const ref = fx.kaplan_meier.quartiles_log_ci;
    byGroup('log').forEach(({ group, curve }, k) => {
      expect(group).toBe(ref.groups[k]);
      const q = kmQuantile(curve, ref.quantile);
      ref.quantile.forEach((p: number, j: number) => {
        expectRel('km medians', q.quantile[j], ref.time[k][j], CF, `${group} q${p}`);
        expectRel('km medians', q.lower[j], ref.lower[k][j], CF, `${group} q${p} lower`);
        expectRel('km medians', q.upper[j], ref.upper[k][j], CF, `${group} q${p} upper`);
      });
    });
  });

  it('overall median with log and log-log CIs', () => {
    const ref = fx.kaplan_meier.overall_median;
    const log = kmMedian(kaplanMeier(time, event));
    const loglog = kmMedian(kaplanMeier(time, event, { confType: 'log-log' }));
    expectRel('km medians', log.median, ref.median, CF, 'median');
    expectRel('km medians', log.lower, ref.lcl95_log, CF, 'lcl log');
    expectRel('km medians', log.upper, ref.ucl95_log, CF, 'ucl log');
    expectRel('km medians', loglog.median, ref.median, CF, 'median (log-log)');
    expectRel('km medians', loglog.lower, ref.lcl95_loglog, CF, 'lcl log-log');
    expectRel('km medians', loglog.upper, ref.ucl95_loglog, CF, 'ucl log-log');
  });

  it('numbers at risk agree with the table', () => {
    const c = kaplanMeier(time, event);
    expect(numberAtRisk(time, c.time)).toEqual(c.nRisk);
    // between table times the count is that of the next table time; beyond the last time nobody is at risk
    const at = [0, 100, 365, 730];
    expect(numberAtRisk(time, at)).toEqual(at.map((t) => c.nRisk[c.time.findIndex((u) => u >= t)]));
    expect(numberAtRisk(time, [2000])).toEqual([0]);
  });
});

describe('log-rank and Peto-Peto tests by sex (survdiff)', () => {
  for (const [key, rho] of [['logrank', 0], ['peto_peto_rho1', 1]] as const) {
    it(`rho = ${rho}`, () => {
      const ref = fx[key];
      const r = logrankTest(time, event, sex, { rho });
      expect(r.groups).toEqual(ref.groups);
      expect(r.n).toEqual(ref.n);
      expect(r.df).toBe(ref.df);
      expectRel('logrank', r.chisq, ref.chisq, CF, `rho ${rho} chisq`);
      expectRel('logrank', r.pValue, ref.p_value, TOL.seP, `rho ${rho} p`);
      r.observed.forEach((v, k) => expectRel('logrank', v, ref.observed[k], CF, `rho ${rho} O${k}`));
      r.expected.forEach((v, k) => expectRel('logrank', v, ref.expected[k], CF, `rho ${rho} E${k}`));
      r.variance.forEach((row, a) => row.forEach((v, b) => expectRel('logrank', v, ref.variance[a][b], CF, `rho ${rho} V${a}${b}`)));
    });
  }
});

describe('survival degenerate inputs', () => {
  it('no events: S stays 1, median NA, log-rank refuses with a clear error', () => {
    const c = kaplanMeier([1, 2, 3], [0, 0, 0]);
    expect(c.surv).toEqual([1, 1, 1]);
    expect(c.events).toBe(0);
    expect(Number.isNaN(kmMedian(c).median)).toBe(true);
    expect(() => logrankTest([1, 2, 3, 4], [0, 0, 0, 0], [1, 1, 2, 2])).toThrow(/at least one event/);
  });

  it('everyone dies: S reaches 0 with SE Inf and NA intervals', () => {
    const c = kaplanMeier([1, 2, 3], [1, 1, 1]);
    expect(c.surv[2]).toBe(0);
    expect(c.stdErrCumhaz[2]).toBe(Infinity);
    expect(Number.isNaN(c.stdErrSurv[2])).toBe(true);
    expect(Number.isNaN(c.lower[2]) && Number.isNaN(c.upper[2])).toBe(true);
  });

  it('S exactly 0.5 on a flat stretch: median is the midpoint to the next drop', () => {
    // 4 subjects, deaths at 1 and 2 -> S = 0.5 from t = 2 until the next death at 4
    const c = kaplanMeier([1, 2, 3, 4], [1, 1, 0, 1]);
    expect(kmMedian(c).median).toBe(3);
    expect(kmQuantile(c, [0.5]).quantile[0]).toBe(3);
  });

  it('a single group is refused by the log-rank test', () => {
    expect(() => logrankTest([1, 2], [1, 1], ['a', 'a'])).toThrow(/two groups/);
  });
});
