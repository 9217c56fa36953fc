import { afterAll, describe, expect, it } from 'vitest';
import { aucDelong, delongTest, rocCurve, youden } from '../../src/core/stats/roc.js';
import { errorReport, expectRel, rNum, statsCsv, statsJson, TOL } from '../helpers/rel-tol.js';

const fx = statsJson('roc_asah/roc_asah.json');
const rows = statsCsv('roc_asah/aSAH.csv');
const labels = rows.map((r) => Number(r.outcome_poor));
const marker = (name: string) => rows.map((r) => Number(r[name]));
const C = TOL.closedForm;

afterAll(() => console.log(`[stats-roc]\n${errorReport()}`));

describe('ROC on pROC aSAH (roc_asah fixture)', () => {
  it('reads 113 patients, 41 cases', () => {
    expect(rows.length).toBe(fx.n);
    expect(labels.filter((l) => l === 1).length).toBe(fx.n_cases);
  });

  for (const name of ['s100b', 'ndka', 'age', 'wfns']) {
    it(`AUC, DeLong variance and 95 % CI of ${name}`, () => {
      const ref = fx.auc[name];
      const r = aucDelong(marker(name), labels);
      expectRel('auc+delong', r.auc, ref.auc, C, `${name} auc`);
      expectRel('auc+delong', r.variance, ref.delong_variance, C, `${name} var`);
      expectRel('auc+delong', r.se, ref.delong_se, C, `${name} se`);
      expectRel('auc+delong', r.ciLower, ref.ci95_lower, C, `${name} lower`);
      expectRel('auc+delong', r.ciUpper, ref.ci95_upper, C, `${name} upper`);
      expect(r.nCases).toBe(ref.n_cases);
      expect(r.nControls).toBe(ref.n_controls);
    });
  }

  it('paired DeLong test s100b vs ndka', () => {
    const ref = fx.delong_test_s100b_vs_ndka;
    const t = delongTest(marker('s100b'), marker('ndka'), labels);
    const g = 'delong test';
    expectRel(g, t.auc1, ref.auc1, C, 'auc1');
    expectRel(g, t.auc2, ref.auc2, C, 'auc2');
    expectRel(g, t.var1, ref.var1, C, 'var1');
    expectRel(g, t.var2, ref.var2, C, 'var2');
    expectRel(g, t.cov12, ref.cov12, C, 'cov12');
    expectRel(g, t.difference, ref.auc_difference, C, 'difference');
    expectRel(g, t.z, ref.Z, C, 'Z');
    expectRel(g, t.pValue, ref.p_value, TOL.seP, 'p');
    expectRel(g, t.diffCiLower, ref.diff_ci95[0], C, 'diff CI lower');
    expectRel(g, t.diffCiUpper, ref.diff_ci95[1], C, 'diff CI upper');
  });

  it('paired DeLong test s100b vs wfns', () => {
    const ref = fx.delong_test_s100b_vs_wfns;
    const t = delongTest(marker('s100b'), marker('wfns'), labels);
    const g = 'delong test';
    expectRel(g, t.auc1, ref.auc1, C, 'auc1');
    expectRel(g, t.auc2, ref.auc2, C, 'auc2');
    expectRel(g, t.cov12, ref.cov12, C, 'cov12');
    expectRel(g, t.z, ref.Z, C, 'Z');
    expectRel(g, t.pValue, ref.p_value, TOL.seP, 'p');
  });

  for (const name of ['s100b', 'ndka']) {
    it(`Youden threshold of ${name}`, () => {
      const ref = fx.youden[name];
      const y = youden(marker(name), labels);
      const g = 'youden';
      expectRel(g, y.threshold, ref.threshold, C, `${name} threshold`);
      expectRel(g, y.sensitivity, ref.sensitivity, C, `${name} se`);
      expectRel(g, y.specificity, ref.specificity, C, `${name} sp`);
      expectRel(g, y.youdenJ, ref.youden_J, C, `${name} J`);
      expect(y.nTiedOptima).toBe(ref.n_tied_optima);
      expect(y.allOptimalThresholds.length).toBe(ref.all_optimal_thresholds.length);
      y.allOptimalThresholds.forEach((t, k) => expectRel(g, t, ref.all_optimal_thresholds[k], C, `${name} optimum ${k}`));
      // derived counts are consistent with the point
      expect(y.accuracy).toBeCloseTo((y.tp + y.tn) / rows.length, 15);
      expect(y.ppv).toBeCloseTo(y.tp / (y.tp + y.fp), 15);
      expect(y.npv).toBeCloseTo(y.tn / (y.tn + y.fn), 15);
    });

    it(`every ROC point of ${name}`, () => {
      const ref = statsCsv('roc_asah', fx.roc_points_files[name]);
      const pts = rocCurve(marker(name), labels);
      expect(pts.length).toBe(ref.length);
      const g = 'roc points';
      pts.forEach((p, k) => {
        const r = ref[k];
        const l = `${name} #${k}`;
        expectRel(g, p.threshold, rNum(r.threshold), C, `${l} threshold`);
        expectRel(g, p.sensitivity, rNum(r.sensitivity), C, `${l} se`);
        expectRel(g, p.specificity, rNum(r.specificity), C, `${l} sp`);
        // R stores tp = se * n_cases, so a few carry 1e-15 noise (28.000000000000004)
        for (const key of ['tp', 'fp', 'tn', 'fn'] as const) expectRel(g, p[key], rNum(r[key]), C, `${l} ${key}`);
      });
    });
  }
});

describe('ROC degenerate inputs', () => {
  it('refuses a single class with a clear error', () => {
    expect(() => aucDelong([1, 2, 3], [1, 1, 1])).toThrow(/both classes/);
    expect(() => rocCurve([1, 2, 3], [0, 0, 0])).toThrow(/both classes/);
  });

  it('perfect separation gives AUC 1 with CI clipped to [0, 1]', () => {
    const r = aucDelong([1, 2, 3, 4, 5, 6], [0, 0, 0, 1, 1, 1]);
    expect(r.auc).toBe(1);
    expect(r.variance).toBe(0);
    expect(r.ciUpper).toBe(1);
  });

  it('a constant score gives AUC 1/2 and one pair of thresholds', () => {
    const pts = rocCurve([2, 2, 2, 2], [0, 1, 0, 1]);
    expect(pts.map((p) => p.threshold)).toEqual([-Infinity, Infinity]);
    expect(aucDelong([2, 2, 2, 2], [0, 1, 0, 1]).auc).toBe(0.5);
  });

  it("direction '>' mirrors '<' on negated scores", () => {
    const s = [0.3, 0.1, 0.7, 0.2, 0.9, 0.4];
    const l = [0, 1, 0, 1, 0, 0];
    expect(aucDelong(s, l, { direction: '>' }).auc).toBeCloseTo(aucDelong(s.map((v) => -v), l).auc, 15);
    const pts = rocCurve(s, l, { direction: '>' });
    expect(pts[0].threshold).toBe(-Infinity);
    expect(pts[0].sensitivity).toBe(0); // positive if score < threshold
  });
});
