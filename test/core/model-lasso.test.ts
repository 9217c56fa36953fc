import { afterAll, describe, expect, it } from 'vitest';
import { coefAt, glmnetBinomial, type LassoPath } from '../../src/core/model/lasso.js';
import { cvGlmnetBinomial } from '../../src/core/model/cv-lasso.js';
import { foldIds } from '../../src/core/model/split.js';
import { errorReport, expectRel } from '../helpers/rel-tol.js';
import { columnsOf, modelFixture } from '../helpers/model-fixtures.js';

// Fixture: test/fixtures/model/glmnet_binomial.json from test/fixtures/r/glmnet.R (R 4.2.2, glmnet 4.1-6), every fit
// with thresh = 1e-14, as here. The solver repeats glmnet's coordinate descent step for step (same passes, same
// strong-set and early-stopping decisions), so the paths agree to rounding: lambda, intercepts, deviance ratios and
// CV curves to 1e-12 relative; coefficients to 1e-12 absolute (coefficients that just left zero are ~1e-4, where a
// relative test would be dominated by rounding of the 1e-14 convergence threshold).
const fx = modelFixture('glmnet_binomial.json');
const REL = 1e-12;
const ABS = 1e-12;

afterAll(() => console.log(`[model-lasso]\n${errorReport()}`));

function checkPath(g: string, fit: LassoPath, ref: any): void {
  expect(fit.lambda.length).toBe(ref.lambda.length);
  fit.lambda.forEach((l, k) => {
    expectRel(g, l, ref.lambda[k], REL, `lambda ${k}`);
    expectRel(g, fit.a0[k], ref.a0[k], REL, `a0 ${k}`);
    expectRel(g, fit.devRatio[k], ref.dev_ratio[k], REL, `dev.ratio ${k}`);
    expect(fit.df[k]).toBe(ref.df[k]);
    fit.beta[k].forEach((b, j) => {
      const err = Math.abs(b - ref.beta[k][j]);
      expect(err, `beta[${k}][${j}] = ${b}, R ${ref.beta[k][j]}`).toBeLessThanOrEqual(ABS);
      expect(b === 0).toBe(ref.beta[k][j] === 0); // same active sets
    });
  });
  expectRel(g, fit.nulldev, ref.nulldev, REL, 'nulldev');
  expect(fit.npasses).toBe(ref.npasses);
}

function checkCv(g: string, cv: ReturnType<typeof cvGlmnetBinomial>, ref: any): void {
  expect(cv.lambda.length).toBe(ref.lambda.length);
  cv.cvm.forEach((m, k) => {
    expectRel(g, m, ref.cvm[k], REL, `cvm ${k}`);
    expectRel(g, cv.cvsd[k], ref.cvsd[k], 1e-10, `cvsd ${k}`); // a difference of near-equal fold means
    expect(cv.nzero[k]).toBe(ref.nzero[k]);
  });
  expect(cv.indexMin + 1).toBe(ref.index_min);
  expect(cv.index1se + 1).toBe(ref.index_1se);
  expectRel(g, cv.lambdaMin, ref.lambda_min, REL, 'lambda.min');
  expectRel(g, cv.lambda1se, ref.lambda_1se, REL, 'lambda.1se');
  const at = coefAt(cv.fit, [cv.lambdaMin, cv.lambda1se]);
  [0, 1].forEach((s) => {
    const refCoef = s === 0 ? ref.coef_min : ref.coef_1se;
    const ours = [at.a0[s], ...at.beta[s]];
    ours.forEach((c, j) => expect(Math.abs(c - refCoef[j]), `coef ${s === 0 ? 'min' : '1se'} ${j}`).toBeLessThanOrEqual(ABS));
  });
}

for (const c of fx.cases) {
  describe(`glmnet binomial ${c.name} (n = ${c.n}, p = ${c.p})`, () => {
    const cols = columnsOf(c.x);
    it('lambda path, coefficients, deviance ratios (lambda.min.ratio by n vs p, early stop by fdev)', () => {
      checkPath(c.name, glmnetBinomial(cols, c.y, { thresh: 1e-14, names: c.names }), c.path);
    });
    it('cv.glmnet deviance with fixed foldid: cvm, cvsd, lambda.min, lambda.1se, coefficients', () => {
      checkCv(`${c.name} cv`, cvGlmnetBinomial(cols, c.y, { thresh: 1e-14, foldid: c.foldid }), c.cv_deviance);
    });
    if (c.cv_auc) {
      it('cv.glmnet type.measure = "auc"', () => {
        checkCv(`${c.name} cv auc`, cvGlmnetBinomial(cols, c.y, { thresh: 1e-14, foldid: c.foldid, typeMeasure: 'auc' }), c.cv_auc);
      });
    }
    if (c.user_lambda) {
      it('user lambda sequence (no early stopping)', () => {
        checkPath(`${c.name} user`, glmnetBinomial(cols, c.y, { thresh: 1e-14, lambda: c.user_lambda.lambda_in }), c.user_lambda.path);
      });
    }
    if (c.elastic_net) {
      it('elastic net alpha = 0.5 with penalty factors', () => {
        const o = { thresh: 1e-14, alpha: c.elastic_net.alpha, penaltyFactor: c.elastic_net.penalty_factor };
        checkPath(`${c.name} enet`, glmnetBinomial(cols, c.y, o), c.elastic_net.path);
      });
    }
  });
}

describe('lasso behaviour', () => {
  const c = fx.cases[1];
  const cols = columnsOf(c.x);
  it('excludes a constant column (coefficient 0 all along the path)', () => {
    const fit = glmnetBinomial(cols, c.y);
    expect(fit.beta.every((bk) => bk[49] === 0)).toBe(true);
  });
  it('seeded folds: same seed, same folds and same CV; balanced sizes', () => {
    const a = foldIds(60, 5, { seed: 42 });
    expect(foldIds(60, 5, { seed: 42 })).toEqual(a);
    expect(foldIds(60, 5, { seed: 43 })).not.toEqual(a);
    for (let f = 1; f <= 5; f++) expect(a.filter((v) => v === f).length).toBe(12);
    const cv1 = cvGlmnetBinomial(cols, c.y, { nfolds: 5, seed: 'demo' });
    const cv2 = cvGlmnetBinomial(cols, c.y, { nfolds: 5, seed: 'demo' });
    expect(cv2.cvm).toEqual(cv1.cvm);
    expect(cv2.lambdaMin).toBe(cv1.lambdaMin);
  });
  it('rejects a single-class outcome and too few folds', () => {
    expect(() => glmnetBinomial(cols, c.y.map(() => 1))).toThrow(/class/);
    expect(() => cvGlmnetBinomial(cols, c.y, { foldid: c.y.map((_: number, i: number) => (i % 2) + 1) })).toThrow(/nfolds/);
  });
});
