import { afterAll, describe, expect, it } from 'vitest';
import { fitCox, type CoxFit, type CoxTies } from '../../src/core/stats/cox.js';
import { concordanceIndex } from '../../src/core/stats/concordance.js';
import { errorReport, expectRel, statsCsv, statsJson, TOL } from '../helpers/rel-tol.js';

const fx = statsJson('surv_lung/surv_lung.json');
const lung = statsCsv('surv_lung/lung.csv');
const TIGHT = { eps: 1e-11, maxit: 100 }; // the fixture's coxph.control
const { closedForm: CF, coef: COEF, seP: SE } = TOL;
const col = (rows: typeof lung, k: string) => rows.map((r) => Number(r[k]));

afterAll(() => console.log(`[stats-cox]\n${errorReport()}`));

function checkCox(f: CoxFit, ref: any, label: string): void {
  const g = 'cox fit';
  expect(f.ties).toBe(ref.ties);
  expect(f.n).toBe(ref.n);
  expect(f.nEvent).toBe(ref.nevent);
  expect(f.iterations).toBe(ref.iterations);
  expect(f.converged).toBe(true);
  expect(f.warnings).toEqual([]);
  expect(f.terms).toEqual(ref.terms);
  f.terms.forEach((t, k) => {
    const l = `${label} ${t}`;
    expectRel(g, f.coef[k], ref.coef[t], COEF, `${l} coef`);
    expectRel(g, f.se[k], ref.se[t], SE, `${l} se`);
    expectRel(g, f.z[k], ref.z[t], SE, `${l} z`);
    expectRel(g, f.pValue[k], ref.p_wald[t], SE, `${l} p`);
    expectRel(g, f.hazardRatio[k], ref.hazard_ratio[t], COEF, `${l} HR`);
    expectRel(g, f.hrCiLower[k], ref.hr_ci95_lower[t], SE, `${l} HR lower`);
    expectRel(g, f.hrCiUpper[k], ref.hr_ci95_upper[t], SE, `${l} HR upper`);
    expectRel(g, f.means[k], ref.means[t], CF, `${l} mean`);
    f.vcov[k].forEach((v, j) => expectRel(g, v, ref.vcov[k][j], SE, `${l} vcov[${j}]`));
  });
  expectRel(g, f.logLikNull, ref.loglik_null, CF, `${label} loglik null`);
  expectRel(g, f.logLik, ref.loglik_model, CF, `${label} loglik`);
  for (const [name, mine, theirs] of [
    ['LR', f.lrTest, ref.lr_test],
    ['Wald', f.waldTest, ref.wald_test],
    ['score', f.scoreTest, ref.score_test],
  ] as const) {
    expect(mine.df).toBe(theirs.df);
    expectRel(g, mine.chisq, theirs.chisq, SE, `${label} ${name} chisq`);
    expectRel(g, mine.pValue, theirs.p_value, SE, `${label} ${name} p`);
  }
  const c = concordanceIndex(lungTime(f.n), lungEvent(f.n), f.linearPredictor);
  const rc = ref.concordance;
  expectRel('concordance', c.c, rc.C, CF, `${label} C`);
  expectRel('concordance', c.se, rc.se, CF, `${label} C se`);
  expect([c.concordant, c.discordant, c.tiedX, c.tiedY, c.tiedXY]).toEqual([rc.concordant, rc.discordant, rc.tied_x, rc.tied_y, rc.tied_xy]);
}

const multiRows = lung.filter((r) => r.used_in_multivariable_cox === '1');
const lungTime = (n: number) => col(n === lung.length ? lung : multiRows, 'time');
const lungEvent = (n: number) => col(n === lung.length ? lung : multiRows, 'event');

describe('Cox regression on survival::lung (surv_lung fixture)', () => {
  for (const ties of ['efron', 'breslow'] as CoxTies[]) {
    it(`univariable sex_female, ${ties} ties: coef, SE, HR + CI, vcov, Wald / LR / score, Harrell's C + SE`, () => {
      const f = fitCox(col(lung, 'time'), col(lung, 'event'), [col(lung, 'sex_female')], { ties, names: ['sex_female'], ...TIGHT });
      checkCox(f, fx.cox_univariable[ties], `uni ${ties}`);
    });

    it(`multivariable (213 complete cases), ${ties} ties`, () => {
      const ref = fx.cox_multivariable;
      expect(multiRows.length).toBe(ref.n_rows_used);
      const names = ref[ties].terms as string[];
      const f = fitCox(col(multiRows, 'time'), col(multiRows, 'event'), names.map((k) => col(multiRows, k)), { ties, names, ...TIGHT });
      checkCox(f, ref[ties], `multi ${ties}`);
    });
  }

  it('with R default control (eps 1e-9, 20 iterations) the estimates agree to the same tolerance', () => {
    const f = fitCox(col(lung, 'time'), col(lung, 'event'), [col(lung, 'sex_female')], { names: ['sex_female'] });
    expectRel('cox default control', f.coef[0], fx.cox_univariable.efron.coef.sex_female, COEF, 'coef');
  });
});

describe('Cox regression and concordance, degenerate inputs', () => {
  it('no events: a clear error', () => {
    expect(() => fitCox([1, 2, 3], [0, 0, 0], [[0, 1, 0]])).toThrow(/at least one event/);
  });

  it('monotone likelihood (every event in one group first): finishes and warns the coefficient may be infinite', () => {
    const time = [1, 2, 3, 4, 5, 6, 7, 8];
    const event = [1, 1, 1, 1, 1, 1, 1, 1];
    const x = [1, 1, 1, 1, 0, 0, 0, 0];
    const f = fitCox(time, event, [x], { names: ['x'] });
    expect(f.iterations).toBeLessThanOrEqual(20);
    expect(f.warnings.join(' ')).toMatch(/infinite|did not converge/);
  });

  it('concordance without comparable pairs: a clear error', () => {
    expect(() => concordanceIndex([1, 2], [0, 0], [1, 2])).toThrow(/comparable pair/);
  });

  it('perfectly ordered risk gives C = 1, reversed gives 0', () => {
    const t = [1, 2, 3, 4, 5];
    const e = [1, 1, 1, 1, 1];
    expect(concordanceIndex(t, e, [5, 4, 3, 2, 1]).c).toBe(1);
    expect(concordanceIndex(t, e, [1, 2, 3, 4, 5]).c).toBe(0);
    expect(concordanceIndex(t, e, [1, 2, 3, 4, 5], { higherIsShorter: false }).c).toBe(1);
  });
});
