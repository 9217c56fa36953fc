import { afterAll, describe, expect, it } from 'vitest';
import { fitLogistic, predictLogistic, type LogisticFit } from '../../src/core/stats/logistic.js';
import { hosmerLemeshow, type HosmerLemeshowResult } from '../../src/core/stats/calibration.js';
import { logisticCalibration, valProb } from '../../src/core/stats/val-prob.js';
import { aucDelong } from '../../src/core/stats/roc.js';
import { errorReport, expectRel, rNum, statsCsv, statsJson, TOL } from '../helpers/rel-tol.js';

const fx = statsJson('logistic_asah/logistic_asah.json');
const rows = statsCsv('logistic_asah/aSAH.csv');
const NAMES = ['s100b', 'ndka', 'age'];
const columnsOf = (rs: typeof rows) => NAMES.map((k) => rs.map((r) => Number(r[k])));
const outcomeOf = (rs: typeof rows) => rs.map((r) => Number(r.outcome_poor));
const TIGHT = { epsilon: 1e-14, maxit: 100 }; // the fixture's glm.control
const { closedForm: CF, coef: COEF, seP: SE } = TOL;

afterAll(() => console.log(`[stats-logistic]\n${errorReport()}`));

/** Every number of a fixture "fit" block. */
function checkFit(g: string, f: LogisticFit, ref: any): void {
  expect(f.terms).toEqual(ref.terms);
  f.terms.forEach((t, k) => {
    expectRel(g, f.coef[k], ref.coef[t], COEF, `coef ${t}`);
    expectRel(g, f.se[k], ref.se[t], SE, `se ${t}`);
    expectRel(g, f.z[k], ref.z[t], SE, `z ${t}`);
    expectRel(g, f.pValue[k], ref.p_wald[t], SE, `p ${t}`);
    expectRel(g, f.oddsRatio[k], ref.odds_ratio[t], COEF, `OR ${t}`);
    expectRel(g, f.orCiLower[k], ref.or_ci95_wald_lower[t], SE, `OR lower ${t}`);
    expectRel(g, f.orCiUpper[k], ref.or_ci95_wald_upper[t], SE, `OR upper ${t}`);
    f.vcov[k].forEach((v, j) => expectRel(g, v, ref.vcov[k][j], SE, `vcov[${k}][${j}]`));
  });
  expectRel(g, f.logLik, ref.loglik, CF, 'loglik');
  expectRel(g, f.aic, ref.aic, CF, 'aic');
  expectRel(g, f.bic, ref.bic, CF, 'bic');
  expectRel(g, f.deviance, ref.deviance, CF, 'deviance');
  expectRel(g, f.nullDeviance, ref.null_deviance, CF, 'null deviance');
  expectRel(g, f.lrChisq, ref.lr_chisq, CF, 'LR chisq');
  expectRel(g, f.lrP, ref.lr_p, SE, 'LR p');
  expect(f.coef.length).toBe(ref.df_model);
  expect(f.dfResidual).toBe(ref.df_residual);
  expect(f.dfNull).toBe(ref.df_null);
  expect(f.lrDf).toBe(ref.lr_df);
  expect(f.iterations).toBe(ref.irls_iterations);
  expect(f.converged).toBe(ref.converged);
  expect(f.warnings).toEqual([]);
}

function checkPredictions(g: string, lp: number[], prob: number[], ids: number[], file: string): void {
  const ref = statsCsv('logistic_asah', file);
  expect(ref.map((r) => Number(r.row_id))).toEqual(ids);
  ref.forEach((r, i) => {
    expectRel(g, lp[i], rNum(r.linear_predictor), COEF, `row ${r.row_id} lp`);
    expectRel(g, prob[i], rNum(r.probability), COEF, `row ${r.row_id} p`);
  });
}

function checkHosmerLemeshow(g: string, hl: HosmerLemeshowResult, ref: any): void {
  expectRel(g, hl.chisq, ref.chisq, CF, 'chisq');
  expect(hl.df).toBe(ref.df);
  expectRel(g, hl.pValue, ref.p_value, SE, 'p');
  expect(hl.table.group.length).toBe(ref.n_groups);
  if (ref.breaks) ref.breaks.forEach((b: number, k: number) => expectRel(g, hl.breaks![k], b, CF, `break ${k}`));
  expect(hl.groupOfRow).toEqual(ref.group_of_row);
  const t = ref.table;
  const pairs: [keyof HosmerLemeshowResult['table'], string][] = [
    ['group', 'group'],
    ['n', 'n'],
    ['observedEvents', 'observed_events'],
    ['expectedEvents', 'expected_events'],
    ['meanPredicted', 'mean_predicted'],
    ['minPredicted', 'min_predicted'],
    ['maxPredicted', 'max_predicted'],
    ['observedNonevents', 'observed_nonevents'],
    ['expectedNonevents', 'expected_nonevents'],
    ['observedRate', 'observed_rate'],
  ];
  for (const [mine, theirs] of pairs) t[theirs].forEach((v: number, k: number) => expectRel(g, hl.table[mine][k], v, CF, `${theirs}[${k}]`));
}

/** rms::val.prob statistics that are defined by closed forms (see val-prob.ts); Intercept/Slope are model fits. */
function checkValProb(g: string, p: number[], y: number[], ref: any, inSample: boolean): void {
  const v = valProb(p, y, TIGHT);
  const closed: [number, string][] = [
    [v.dxy, 'Dxy'],
    [v.c, 'C (ROC)'],
    [v.r2, 'R2'],
    [v.d, 'D'],
    [v.dChisq, 'D:Chi-sq'],
    [v.u, 'U'],
    [v.q, 'Q'],
    [v.brier, 'Brier'],
    [v.eMax, 'Emax'],
    [v.e90, 'E90'],
    [v.eAvg, 'Eavg'],
    [v.spiegelhalterZ, 'S:z'],
  ];
  for (const [mine, key] of closed) expectRel(g, mine, ref[key], CF, key);
  expectRel(g, v.spiegelhalterP, ref['S:p'], SE, 'S:p');
  expectRel(g, v.uP, ref['U:p'], SE, 'U:p');
  expectRel(`${g} (lrm.fit coefficients)`, v.slope, ref.Slope, COEF, 'Slope');
  if (inSample) {
    // In-sample the exact values are U chi-square = 0 and intercept = 0: the fixture holds rounding noise
    // (5.7e-14) and lrm.fit's stopping error (-2.4e-9), which no relative tolerance can meet.
    expect(Math.abs(v.uChisq)).toBeLessThan(1e-10);
    expect(Math.abs(v.intercept)).toBeLessThan(1e-12);
    expect(Math.abs(ref.Intercept)).toBeLessThan(1e-8);
  } else {
    expectRel(g, v.uChisq, ref['U:Chi-sq'], CF, 'U:Chi-sq');
    expectRel(`${g} (lrm.fit coefficients)`, v.intercept, ref.Intercept, COEF, 'Intercept');
  }
}

describe('logistic regression on aSAH, full data (logistic_asah fixture)', () => {
  const y = outcomeOf(rows);
  const fit = fitLogistic(columnsOf(rows), y, { names: NAMES, ...TIGHT });

  it('glm coefficients, SE, z, p, OR with CI, vcov, log-likelihood, AIC, BIC, LR test, iterations', () => {
    expect(fit.n).toBe(fx.full.n);
    expect(fit.nEvents).toBe(fx.full.n_events);
    checkFit('logistic fit', fit, fx.full.fit);
  });

  it('per-row linear predictor and probability', () => {
    checkPredictions('predictions', fit.linearPredictor, fit.fitted, rows.map((r) => Number(r.row_id)), fx.full.predictions_file);
    const again = predictLogistic(fit, columnsOf(rows));
    again.probability.forEach((p, i) => expect(p).toBeCloseTo(fit.fitted[i], 14));
  });

  it('AUC of the fitted probabilities', () => {
    const a = aucDelong(fit.fitted, y);
    const ref = fx.full.auc_of_fitted;
    expectRel('auc', a.auc, ref.auc, CF, 'auc');
    expectRel('auc', a.ciLower, ref.ci95_lower, CF, 'lower');
    expectRel('auc', a.ciUpper, ref.ci95_upper, CF, 'upper');
  });

  it('Hosmer-Lemeshow, rule A (quantile breaks) and rule B (equal counts)', () => {
    const ref = fx.full.hosmer_lemeshow;
    checkHosmerLemeshow('hosmer-lemeshow', hosmerLemeshow(fit.fitted, y, { rule: 'quantile' }), ref.rule_A_quantile_cut);
    checkHosmerLemeshow('hosmer-lemeshow', hosmerLemeshow(fit.fitted, y, { rule: 'equal-count' }), ref.rule_B_equal_count);
  });

  it('in-sample calibration: slope 1, intercepts 0 (exactly, up to rounding), SEs and Brier', () => {
    const ref = fx.full.calibration;
    const c = logisticCalibration(fit.fitted, y, TIGHT);
    expectRel('calibration', c.jointSlope, ref.joint_slope, COEF, 'joint slope');
    expectRel('calibration', c.jointInterceptSe, ref.joint_intercept_se, SE, 'joint intercept se');
    expectRel('calibration', c.jointSlopeSe, ref.joint_slope_se, SE, 'joint slope se');
    expectRel('calibration', c.citlInterceptSe, ref.citl_intercept_se, SE, 'citl se');
    expectRel('calibration', c.brier, ref.brier, CF, 'brier');
    // exact value 0; the fixture's 2.0e-16 and -0 are rounding of 0
    expect(Math.abs(c.jointIntercept)).toBeLessThan(1e-12);
    expect(Math.abs(c.citlIntercept)).toBeLessThan(1e-12);
    checkValProb('val.prob', fit.fitted, y, ref.rms_val_prob, true);
  });
});

describe('logistic regression, train (odd row_id) / test (even row_id) split', () => {
  const split = fx.train_test_split;
  const train = rows.filter((r) => Number(r.row_id) % 2 === 1);
  const test = rows.filter((r) => Number(r.row_id) % 2 === 0);
  const yTest = outcomeOf(test);
  const fit = fitLogistic(columnsOf(train), outcomeOf(train), { names: NAMES, ...TIGHT });
  const pred = predictLogistic(fit, columnsOf(test));

  it('train fit', () => {
    expect(train.length).toBe(split.n_train);
    expect(test.length).toBe(split.n_test);
    expect(fit.nEvents).toBe(split.n_events_train);
    expect(yTest.reduce((s, v) => s + v, 0)).toBe(split.n_events_test);
    checkFit('logistic fit', fit, split.fit_train);
  });

  it('test-set predictions and AUC', () => {
    checkPredictions('predictions', pred.linearPredictor, pred.probability, test.map((r) => Number(r.row_id)), split.predictions_file);
    const a = aucDelong(pred.probability, yTest);
    expectRel('auc', a.auc, split.auc_test.auc, CF, 'auc test');
    expectRel('auc', a.ciLower, split.auc_test.ci95_lower, CF, 'lower test');
    expectRel('auc', a.ciUpper, split.auc_test.ci95_upper, CF, 'upper test');
  });

  it('test-set Hosmer-Lemeshow, both rules', () => {
    const ref = split.hosmer_lemeshow_test;
    checkHosmerLemeshow('hosmer-lemeshow', hosmerLemeshow(pred.probability, yTest, { rule: 'quantile' }), ref.rule_A_quantile_cut);
    checkHosmerLemeshow('hosmer-lemeshow', hosmerLemeshow(pred.probability, yTest, { rule: 'equal-count' }), ref.rule_B_equal_count);
  });

  it('test-set calibration intercept, slope, calibration-in-the-large, Brier, val.prob', () => {
    const ref = split.calibration_test;
    const c = logisticCalibration(pred.probability, yTest, TIGHT);
    expectRel('calibration', c.jointIntercept, ref.joint_intercept, COEF, 'joint intercept');
    expectRel('calibration', c.jointSlope, ref.joint_slope, COEF, 'joint slope');
    expectRel('calibration', c.jointInterceptSe, ref.joint_intercept_se, SE, 'joint intercept se');
    expectRel('calibration', c.jointSlopeSe, ref.joint_slope_se, SE, 'joint slope se');
    expectRel('calibration', c.citlIntercept, ref.citl_intercept, COEF, 'citl');
    expectRel('calibration', c.citlInterceptSe, ref.citl_intercept_se, SE, 'citl se');
    expectRel('calibration', c.brier, ref.brier, CF, 'brier');
    checkValProb('val.prob', pred.probability, yTest, ref.rms_val_prob, false);
  });
});

describe('logistic regression, degenerate inputs', () => {
  it('all one class: a clear error', () => {
    expect(() => fitLogistic([[1, 2, 3, 4]], [1, 1, 1, 1])).toThrow(/both outcome classes/);
  });

  it('perfect separation: stops within maxit and warns', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8];
    const y = [0, 0, 0, 0, 1, 1, 1, 1];
    const t0 = performance.now();
    const f = fitLogistic([x], y);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(f.iterations).toBeLessThanOrEqual(25);
    expect(f.separation).toBe(true);
    expect(f.warnings.join(' ')).toMatch(/separation/);
  });

  it('collinear predictors: a clear error', () => {
    const x = [1, 2, 3, 4, 5, 6];
    expect(() => fitLogistic([x, x.map((v) => 2 * v)], [0, 1, 0, 1, 1, 0])).toThrow(/singular/);
  });

  it('Hosmer-Lemeshow p-value uses the upper tail (stays accurate when tiny)', () => {
    const p = Array.from({ length: 200 }, (_, i) => 0.01 + (0.98 * i) / 199);
    const y = p.map((_, i) => (i < 100 ? 1 : 0)); // grossly miscalibrated
    const hl = hosmerLemeshow(p, y);
    expect(hl.pValue).toBeGreaterThan(0);
    expect(hl.pValue).toBeLessThan(1e-30);
  });
});
