import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/core/model/build-model.js';
import { riskCutoff } from '../../src/core/model/risk-cutoff.js';
import { syntheticTpiCohort } from '../../src/core/model/synthetic-cohort.js';
import { errorReport, expectRel } from '../helpers/rel-tol.js';
import { modelFixture } from '../helpers/model-fixtures.js';
import { syntheticCohortTable, WORKFLOW_FIXTURE_OPTIONS, workflowInput } from '../helpers/synthetic-fixture.js';

// The whole workflow against R (test/fixtures/r/workflow.R) on the synthetic cohort, split and folds of
// test/fixtures/model/synthetic_tpi_cohort.csv. Tolerances: LASSO (same algorithm, default thresh 1e-7 in both)
// and everything derived from it 1e-9 relative (R reads the CSV with its own strtod, which can differ from
// JavaScript's correctly rounded parse by one ulp); glm coefficients 1e-7, SEs and p-values 1e-6 (refdata README);
// AUCs and DeLong 1e-9; log-rank and Cox 1e-7 / 1e-6.
const fx = modelFixture('workflow.json');
const cohort = syntheticTpiCohort({ seed: 2026 });
const input = workflowInput(cohort);
const r = buildModel(input, WORKFLOW_FIXTURE_OPTIONS);
const name = (j: number) => cohort.featureNames[j];

afterAll(() => console.log(`[model-workflow]\n${errorReport()}`));

describe('synthetic cohort fixture', () => {
  it('the seeded generator and default split/folds reproduce the committed CSV exactly', () => {
    const committed = readFileSync(fileURLToPath(new URL('../fixtures/model/synthetic_tpi_cohort.csv', import.meta.url)), 'utf8');
    expect(syntheticCohortTable(WORKFLOW_FIXTURE_OPTIONS)).toBe(committed);
  });
  it('looks like the TPI study: 240 patients, paper proportions of CR/PR/SD/PD, three centres', () => {
    const count = (k: string) => cohort.patients.filter((p) => p.response === k).length;
    expect([count('CR'), count('PR'), count('SD'), count('PD')]).toEqual([15, 162, 26, 37]);
    expect(new Set(cohort.patients.map((p) => p.centre))).toEqual(new Set(['A', 'B', 'C']));
    expect(r.split.train.length).toBe(180);
    expect(r.excluded).toEqual([]);
  });
});

describe('feature reduction, LASSO and rad-score vs R', () => {
  it('variance, ICC(3,1), Mann-Whitney and correlation steps keep the same features', () => {
    const kept = r.reduction.map((s) => s.kept.map(name));
    expect(kept[0]).toEqual(fx.reduction.after_variance);
    expect(kept[1]).toEqual(fx.reduction.after_icc);
    expect(kept[2]).toEqual(fx.reduction.after_univariate);
    expect(kept[3]).toEqual(fx.reduction.after_correlation);
  });
  it('standardisation (scale) and cv.glmnet with the same folds', () => {
    r.standardiser.mean.forEach((m, k) => expectRel('standardise', m, fx.standardise.mean[k], 1e-12, `mean ${k}`));
    r.standardiser.sd.forEach((s, k) => expectRel('standardise', s, fx.standardise.sd[k], 1e-12, `sd ${k}`));
    expect(r.cv.lambda.length).toBe(fx.lasso.lambda.length);
    r.cv.cvm.forEach((m, k) => expectRel('lasso', m, fx.lasso.cvm[k], 1e-9, `cvm ${k}`));
    expectRel('lasso', r.cv.lambdaMin, fx.lasso.lambda_min, 1e-9, 'lambda.min');
    expectRel('lasso', r.cv.lambda1se, fx.lasso.lambda_1se, 1e-9, 'lambda.1se');
    expectRel('lasso', r.radiomics.intercept, fx.lasso.coef[0], 1e-9, 'intercept');
    const coef = new Map(r.radiomics.features.map((f) => [f.name, f.coefficient]));
    r.standardiser.names.forEach((n, k) => {
      const ref = fx.lasso.coef[k + 1];
      if (ref === 0) expect(coef.has(n)).toBe(false);
      else expectRel('lasso', coef.get(n), ref, 1e-9, `coef ${n}`);
    });
  });
  it('rad-score of every patient', () => {
    const all = new Map<string, number>();
    for (const s of [r.training, r.validation!]) s.ids.forEach((id, k) => all.set(id, s.radScore[k]));
    cohort.patients.forEach((p, i) => expect(Math.abs(all.get(p.id)! - fx.radscore[i])).toBeLessThan(1e-9));
  });
});

describe('clinical, radiomic and combined models vs glm', () => {
  it('univariate and multivariate selection', () => {
    r.clinical.univariate.forEach((u) => expectRel('clinical', u.pValue, fx.clinical.univariate_p[u.variable], 1e-6, `univariate p ${u.variable}`));
    expect(r.clinical.selected.map((p) => p.variable)).toEqual(fx.clinical.selected);
    r.clinical.multivariate!.forEach((m) => expectRel('clinical', m.pValue, fx.clinical.multivariate_p[m.variable], 1e-6, `multivariate p ${m.variable}`));
    r.clinical.fit.coef.forEach((b, k) => expectRel('clinical', b, fx.clinical.coef[k], 1e-7, `clinical coef ${k}`));
  });
  it('radiomic and combined fits', () => {
    r.radiomicFit.coef.forEach((b, k) => expectRel('models', b, fx.radiomic.coef[k], 1e-7, `radiomic coef ${k}`));
    r.combinedFit.coef.forEach((b, k) => expectRel('models', b, fx.combined.coef[k], 1e-7, `combined coef ${k}`));
    r.combinedFit.se.forEach((s, k) => expectRel('models', s, fx.combined.se[k], 1e-6, `combined se ${k}`));
  });
  it('AUC with DeLong CI and paired DeLong tests, training and validation', () => {
    for (const [set, res] of [['training', r.training], ['validation', r.validation!]] as const) {
      for (const m of ['clinical', 'radiomic', 'combined'] as const) {
        const ref = fx.performance[set].auc[m];
        expectRel('auc', res.performance[m].auc, ref.auc, 1e-9, `${set} ${m} AUC`);
        expectRel('auc', res.performance[m].aucCi[0], ref.lower, 1e-9, `${set} ${m} lower`);
        expectRel('auc', res.performance[m].aucCi[1], ref.upper, 1e-9, `${set} ${m} upper`);
      }
      const p = (a: string, b: string) => res.comparisons.find((c) => c.model1 === a && c.model2 === b)!.pValue;
      expectRel('auc', p('clinical', 'radiomic'), fx.performance[set].delong_p.clinical_radiomic, 1e-6, `${set} DeLong clin-rad`);
      expectRel('auc', p('clinical', 'combined'), fx.performance[set].delong_p.clinical_combined, 1e-6, `${set} DeLong clin-comb`);
      expectRel('auc', p('radiomic', 'combined'), fx.performance[set].delong_p.radiomic_combined, 1e-6, `${set} DeLong rad-comb`);
    }
  });
});

describe('risk groups and survival vs survdiff / coxph / survfit / maxstat', () => {
  it('median cut-off of the combined linear predictor', () => {
    expectRel('survival', r.cutoff.cutoff, fx.cutoff, 1e-9, 'cutoff');
  });
  for (const set of ['training', 'validation'] as const) {
    for (const ep of ['os', 'pfs'] as const) {
      it(`${set} ${ep.toUpperCase()}: log-rank, Cox HR of high vs low risk, KM medians`, () => {
        const s = r[set]!.survival[ep]!;
        const ref = fx.survival[set][ep];
        expectRel('survival', s.logrankChisq, ref.logrank_chisq, 1e-7, `${set} ${ep} chisq`);
        expectRel('survival', s.logrankP, ref.logrank_p, 1e-6, `${set} ${ep} log-rank p`);
        expectRel('survival', s.hazardRatio, ref.hr, 1e-7, `${set} ${ep} HR`);
        expectRel('survival', s.hrCiLower, ref.hr_lower, 1e-6, `${set} ${ep} HR lower`);
        expectRel('survival', s.hrCiUpper, ref.hr_upper, 1e-6, `${set} ${ep} HR upper`);
        expectRel('survival', s.coxP, ref.cox_p, 1e-6, `${set} ${ep} Cox p`);
        expect(s.low.median).toBe(ref.median_low);
        expect(s.high.median).toBe(ref.median_high);
      });
    }
  }
  it('maximally selected log-rank cut-off on training OS', () => {
    const tr = r.training;
    const os = tr.ids.map((id) => cohort.patients.find((p) => p.id === id)!.os);
    const c = riskCutoff({ score: tr.linearPredictor, time: os.map((o) => o.time), event: os.map((o) => o.event) }, 'maxstat');
    expectRel('survival', c.cutoff, fx.maxstat_os.estimate, 1e-9, 'maxstat estimate');
    expectRel('survival', c.maxstat!.statistic, fx.maxstat_os.statistic, 1e-9, 'maxstat M');
  });
});

describe('reproducibility', () => {
  it('the same seeds give the same model; another split seed gives another split', () => {
    const again = buildModel(input, WORKFLOW_FIXTURE_OPTIONS);
    expect(again.radiomics).toEqual(r.radiomics);
    expect(again.split.train).toEqual(r.split.train);
    const other = buildModel(input, { ...WORKFLOW_FIXTURE_OPTIONS, split: { kind: 'random', seed: 8 } });
    expect(other.split.train).not.toEqual(r.split.train);
  });
  it('split by centre trains on the named centres only', () => {
    const byCentre = buildModel(input, { split: { kind: 'centre', trainingCentres: ['A', 'B'] } });
    const centreOf = new Map(cohort.patients.map((p) => [p.id, p.centre]));
    expect(byCentre.training.ids.every((id) => centreOf.get(id) !== 'C')).toBe(true);
    expect(byCentre.validation!.ids.every((id) => centreOf.get(id) === 'C')).toBe(true);
  });
});
