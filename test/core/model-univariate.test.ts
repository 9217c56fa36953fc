import { afterAll, describe, expect, it } from 'vitest';
import { adjustBH, averageRanks, mannWhitneyTest, pearson, spearman, welchTTest } from '../../src/core/model/univariate.js';
import { studentTCdf, studentTQuantile, studentTUpper } from '../../src/core/stats/student-t.js';
import { intraclassCorrelation } from '../../src/core/model/icc.js';
import { logrankScores, maxstat } from '../../src/core/model/risk-cutoff.js';
import { correlationFilter, iccFilter, univariateFilter, varianceFilter } from '../../src/core/model/reduction.js';
import { errorReport, expectRel } from '../helpers/rel-tol.js';
import { modelFixture } from '../helpers/model-fixtures.js';

// Fixture: test/fixtures/model/univariate.json from test/fixtures/r/univariate.R (R 4.2.2).
// Tolerances: closed forms (statistics, ranks, ICC, correlations, maxstat M) 1e-12 relative; p-values and the t
// distribution 1e-11 relative (R's own pt is accurate to ~1e-15; the two differ only by rounding); Welch df and CI 1e-11.
const fx = modelFixture('univariate.json');
const CLOSED = 1e-12;
const PV = 1e-11;

afterAll(() => console.log(`[model-univariate]\n${errorReport()}`));

describe('two-sample tests vs R', () => {
  for (const s of fx.two_sample) {
    it(`wilcox.test(exact = FALSE, correct = TRUE): ${s.name}`, () => {
      const r = mannWhitneyTest(s.x, s.y);
      expectRel('wilcox', r.statistic, s.wilcox.statistic, CLOSED, `${s.name} W`);
      expectRel('wilcox', r.pValue, s.wilcox.p, PV, `${s.name} p`);
    });
    it(`t.test (Welch): ${s.name}`, () => {
      const r = welchTTest(s.x, s.y);
      expectRel('welch', r.t, s.welch.t, CLOSED, `${s.name} t`);
      expectRel('welch', r.df, s.welch.df, PV, `${s.name} df`);
      expectRel('welch', r.pValue, s.welch.p, PV, `${s.name} p`);
      expectRel('welch', r.stderr, s.welch.stderr, CLOSED, `${s.name} se`);
      expectRel('welch', r.meanX, s.welch.mean_x, CLOSED, `${s.name} mean x`);
      expectRel('welch', r.confInt[0], s.welch.conf_int[0], PV, `${s.name} CI lower`);
      expectRel('welch', r.confInt[1], s.welch.conf_int[1], PV, `${s.name} CI upper`);
    });
  }
  it('ties are averaged in ranks', () => {
    expect(averageRanks([3, 1, 3, 2]).ranks).toEqual([3.5, 1, 3.5, 2]);
  });
});

describe('p.adjust, correlations', () => {
  it('Benjamini-Hochberg as p.adjust(p, "BH")', () => {
    adjustBH(fx.p_adjust.p).forEach((v, i) => expectRel('p.adjust', v, fx.p_adjust.bh[i], CLOSED, `BH ${i}`));
  });
  it('Pearson and Spearman as cor()', () => {
    expectRel('cor', pearson(fx.correlation.a, fx.correlation.b), fx.correlation.pearson, CLOSED, 'pearson');
    expectRel('cor', spearman(fx.correlation.a, fx.correlation.b), fx.correlation.spearman, CLOSED, 'spearman');
  });
});

describe('Student t distribution vs pt / qt', () => {
  it('upper tail and cdf', () => {
    const g = fx.t_upper;
    g.t.forEach((t: number, k: number) => {
      expectRel('pt', studentTUpper(t, g.df[k]), g.upper[k], PV, `pt(${t}, ${g.df[k]}, upper)`);
      expectRel('pt', studentTCdf(t, g.df[k]), g.cdf[k], PV, `pt(${t}, ${g.df[k]})`);
    });
  });
  it('quantiles', () => {
    const g = fx.t_quantile;
    g.p.forEach((p: number, k: number) => expectRel('qt', studentTQuantile(p, g.df[k]), g.q[k], PV, `qt(${p}, ${g.df[k]})`));
  });
});

describe('ICC vs psych::ICC', () => {
  const ratings: number[][] = fx.icc.ratings; // [subject][reader]
  const byReader = ratings[0].map((_, j) => ratings.map((r) => r[j]));
  it('ICC(3,1) and ICC(2,1)', () => {
    expectRel('icc', intraclassCorrelation(byReader, 'ICC(3,1)').icc, fx.icc.icc3_1, CLOSED, 'ICC3');
    expectRel('icc', intraclassCorrelation(byReader, 'ICC(2,1)').icc, fx.icc.icc2_1, CLOSED, 'ICC2');
  });
  it('the ICC filter keeps reproducible features only', () => {
    const noisy = byReader.map((r, j) => r.map((v, i) => (j === 0 ? v : v + 10 * Math.sin(i * 7 + j))));
    const step = iccFilter([[byReader[0], noisy[0]], [byReader[1], noisy[1]]], { threshold: 0.75 });
    expect(step.kept).toEqual([0]);
    expect(step.dropped[0].index).toBe(1);
  });
});

describe('maxstat.test(smethod = "LogRank") on survival::lung', () => {
  const m = fx.maxstat;
  it('log-rank scores as exactRankTests::cscores', () => {
    logrankScores(m.time, m.event).forEach((s, i) => expectRel('cscores', s, m.logrank_scores[i], CLOSED, `score ${i}`));
  });
  for (const t of m.tests) {
    it(`${t.variable} (minprop ${t.minprop})`, () => {
      const x = t.variable === 'age' ? m.age : t.variable === 'ph.karno' ? m.ph_karno : m.meal_cal;
      const r = maxstat(logrankScores(m.time, m.event), x, { minprop: t.minprop, maxprop: t.maxprop });
      expectRel('maxstat', r.statistic, t.statistic, CLOSED, `${t.variable} M`);
      expect(r.estimate).toBe(t.estimate);
      expect(r.cuts).toEqual(t.cuts);
      r.stats.forEach((s, k) => expectRel('maxstat', s, t.stats[k], CLOSED, `${t.variable} stat ${k}`));
      expectRel('maxstat', r.pLausen92, t.p_lau92, PV, `${t.variable} Lau92`);
      expectRel('maxstat', r.pLausen94, t.p_lau94, PV, `${t.variable} Lau94`);
    });
  }
});

describe('reduction filters', () => {
  const y = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
  const strong = [9, 8, 7, 8, 9, 1, 2, 1, 3, 2];
  const copy = strong.map((v, i) => v * 2 + (i % 2) * 0.01); // |r| ~ 1 with strong
  const weak = [1, 5, 2, 4, 3, 2, 4, 1, 5, 3];
  const constant = new Array(10).fill(4);
  it('variance filter drops constant features', () => {
    expect(varianceFilter([strong, constant, weak]).kept).toEqual([0, 2]);
  });
  it('univariate filter keeps the separated feature', () => {
    const mw = univariateFilter([strong, weak], y);
    expect(mw.kept).toEqual([0]);
    const welch = univariateFilter([strong, weak, constant], y, { test: 'welch' });
    expect(welch.kept).toEqual([0]);
    expect(Number.isNaN(welch.pValue[2])).toBe(true);
  });
  it('correlation filter keeps the feature more associated with the outcome', () => {
    const step = correlationFilter([copy, weak, strong], [0.4, 0.1, 0.5], { threshold: 0.9, names: ['copy', 'weak', 'strong'] });
    expect(step.kept).toEqual([1, 2]);
    expect(step.dropped[0].reason).toContain('strong');
  });
});
