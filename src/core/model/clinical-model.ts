/**
 * Clinical predictors and the clinical model: univariate logistic regression of each candidate variable, then a
 * multivariate model of those with univariate p < alphaUnivariate, keeping the variables with multivariate
 * p < alphaMultivariate (independent predictors) and refitting them as the clinical model. A variable's p-value is
 * the Wald test of all its design terms (chi-square b' V^-1 b on as many df as terms; for one term this is the
 * usual z-test of summary.glm). When no variable survives the multivariate step, the variable with the smallest
 * univariate p forms the clinical model, so that a clinical-only comparator always exists.
 *
 * Encoding of a predictor's raw value v into design terms:
 *   numeric        v, or log10(v) / ln(v) (v must be > 0), or [v >= cut] (0/1) when `cut` is set
 *   categorical    one 0/1 term per level after the first (the first level is the reference)
 */
import { chiSquareUpper } from '../stats/distributions.js';
import { invertSpd, quadraticForm } from '../stats/linear-algebra.js';
import { fitLogistic, type LogisticFit } from '../stats/logistic.js';

export interface ClinicalPredictor {
  variable: string;
  label?: string;
  unit?: string;
  type: 'numeric' | 'categorical';
  transform?: 'none' | 'log10' | 'ln';
  /** Dichotomise a numeric variable: term = 1 when the raw value >= cut. */
  cut?: number;
  /** Categorical levels, reference first. */
  levels?: string[];
  /** Allowed range of a numeric raw value (inclusive). */
  min?: number;
  max?: number;
  /**
   * Smallest and largest raw value of a numeric variable seen in the development (training) cohort; a new
   * patient's value outside it is accepted (when inside min/max) but flagged as extrapolation. Optional.
   */
  observedRange?: [number, number];
}

/** Names of the design terms of a predictor. */
export function termNames(p: ClinicalPredictor): string[] {
  if (p.type === 'categorical') {
    if (!p.levels || p.levels.length < 2) throw new Error(`categorical predictor "${p.variable}" needs at least two levels`);
    return p.levels.slice(1).map((l) => `${p.variable}=${l}`);
  }
  if (p.cut !== undefined) return [`${p.variable}>=${p.cut}`];
  if (p.transform === 'log10') return [`log10(${p.variable})`];
  if (p.transform === 'ln') return [`ln(${p.variable})`];
  return [p.variable];
}

/** Design-term values of one raw value; throws an Error whose message is the reason when the value is unusable. */
export function encodePredictor(p: ClinicalPredictor, raw: number | string | null | undefined): number[] {
  const what = p.label ?? p.variable;
  if (raw === null || raw === undefined || raw === '') throw new Error(`${what} is missing`);
  if (p.type === 'categorical') {
    const s = String(raw);
    const levels = p.levels ?? [];
    if (!levels.includes(s)) throw new Error(`${what} = "${s}" is not one of ${levels.join(', ')}`);
    return levels.slice(1).map((l) => (l === s ? 1 : 0));
  }
  const v = typeof raw === 'number' ? raw : Number(raw);
  if (typeof raw === 'string' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw.trim())) throw new Error(`${what} = "${raw}" is not a number`);
  if (!Number.isFinite(v)) throw new Error(`${what} is not a finite number`);
  if ((p.min !== undefined && v < p.min) || (p.max !== undefined && v > p.max)) {
    throw new Error(`${what} = ${v}${p.unit ? ` ${p.unit}` : ''} is outside the allowed range [${p.min ?? '-inf'}, ${p.max ?? 'inf'}]`);
  }
  if (p.cut !== undefined) return [v >= p.cut ? 1 : 0];
  if (p.transform === 'log10' || p.transform === 'ln') {
    if (!(v > 0)) throw new Error(`${what} = ${v} must be > 0 for the ${p.transform} transform`);
    return [p.transform === 'log10' ? Math.log10(v) : Math.log(v)];
  }
  return [v];
}

/** Design columns (one per term, in predictor order) for rows of raw values; throws naming the row on bad input. */
export function designColumns(predictors: readonly ClinicalPredictor[], rows: readonly Record<string, number | string | null>[], rowNames?: readonly string[]): { names: string[]; columns: number[][] } {
  const names = predictors.flatMap(termNames);
  const columns = names.map(() => new Array<number>(rows.length));
  rows.forEach((r, i) => {
    let t = 0;
    for (const p of predictors) {
      let enc: number[];
      try {
        enc = encodePredictor(p, r[p.variable]);
      } catch (e) {
        throw new Error(`${rowNames ? `patient ${rowNames[i]}` : `row ${i + 1}`}: ${(e as Error).message}`);
      }
      for (const v of enc) columns[t++][i] = v;
    }
  });
  return { names, columns };
}

/** Wald chi-square test of the coefficient block `idx` (indices into fit.coef). */
export function blockWald(fit: LogisticFit, idx: readonly number[]): { chisq: number; df: number; pValue: number } {
  const b = idx.map((k) => fit.coef[k]);
  const v = idx.map((a) => idx.map((c) => fit.vcov[a][c]));
  const chisq = quadraticForm(invertSpd(v), b);
  return { chisq, df: idx.length, pValue: chiSquareUpper(chisq, idx.length) };
}

export interface PredictorTest {
  variable: string;
  terms: string[];
  coef: number[];
  oddsRatio: number[];
  orCiLower: number[];
  orCiUpper: number[];
  pValue: number;
}

function testsOf(fit: LogisticFit, predictors: readonly ClinicalPredictor[]): PredictorTest[] {
  let k = fit.intercept ? 1 : 0;
  return predictors.map((p) => {
    const terms = termNames(p);
    const idx = terms.map((_, j) => k + j);
    k += terms.length;
    return {
      variable: p.variable,
      terms,
      coef: idx.map((i) => fit.coef[i]),
      oddsRatio: idx.map((i) => fit.oddsRatio[i]),
      orCiLower: idx.map((i) => fit.orCiLower[i]),
      orCiUpper: idx.map((i) => fit.orCiUpper[i]),
      pValue: blockWald(fit, idx).pValue,
    };
  });
}

export interface ClinicalModel {
  univariate: PredictorTest[];
  multivariate: PredictorTest[] | null;
  selected: ClinicalPredictor[];
  fit: LogisticFit;
  tests: PredictorTest[];
  note: string | null;
}

/** Univariate then multivariate selection of clinical predictors for outcome y (rows with missing values must be removed first). */
export function fitClinicalModel(
  predictors: readonly ClinicalPredictor[],
  rows: readonly Record<string, number | string | null>[],
  y: readonly number[],
  options: { alphaUnivariate?: number; alphaMultivariate?: number; rowNames?: readonly string[] } = {},
): ClinicalModel {
  if (predictors.length === 0) throw new Error('the clinical model needs at least one candidate variable');
  const a1 = options.alphaUnivariate ?? 0.05;
  const a2 = options.alphaMultivariate ?? 0.05;
  const fitOf = (ps: readonly ClinicalPredictor[]) => {
    const d = designColumns(ps, rows, options.rowNames);
    return fitLogistic(d.columns, y, { names: d.names });
  };
  const univariate = predictors.map((p) => testsOf(fitOf([p]), [p])[0]);
  const candidates = predictors.filter((_, k) => univariate[k].pValue < a1);
  let multivariate: PredictorTest[] | null = null;
  let selected: ClinicalPredictor[] = [];
  let note: string | null = null;
  if (candidates.length > 0) {
    multivariate = testsOf(fitOf(candidates), candidates);
    selected = candidates.filter((_, k) => multivariate![k].pValue < a2);
  }
  if (selected.length === 0) {
    const best = univariate.reduce((bi, t, k) => (t.pValue < univariate[bi].pValue ? k : bi), 0);
    selected = [predictors[best]];
    note = `no variable was an independent predictor (multivariate p < ${a2}); the clinical model uses ${predictors[best].variable}, the variable with the smallest univariate p (${univariate[best].pValue.toPrecision(3)})`;
  }
  const fit = fitOf(selected);
  return { univariate, multivariate, selected, fit, tests: testsOf(fit, selected), note };
}
