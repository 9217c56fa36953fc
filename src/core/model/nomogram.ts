/**
 * Nomogram of a logistic model (the layout of rms::nomogram): each variable v contributes c_v(x) = sum of its
 * coefficients times its design terms; over the variable's axis range, c_v runs from min_v to max_v. The variable
 * with the widest range R = max_v (max_v - min_v) spans 0-100 points, so
 *   points_v(x) = 100 (c_v(x) - min_v) / R,       total T = sum_v points_v
 *   linear predictor = intercept + sum_v min_v + T R / 100,   probability = 1 / (1 + e^-lp).
 * The description lists axis ticks with their points for each variable, the total-points range and the total
 * points at which the probability reaches 0.05, 0.1, ..., 0.95 (those inside the range).
 * Axis ranges are the caller's (buildModel uses the training minimum and maximum; rms's datadist default is the
 * 10th smallest to the 10th largest value, which changes the point scale, never the predicted probability).
 */
import { logistic, logit } from '../stats/distributions.js';
import { encodePredictor, type ClinicalPredictor } from './clinical-model.js';

export interface NomogramTerm {
  predictor: ClinicalPredictor;
  /** One coefficient per design term of the predictor. */
  coefficients: number[];
  /** Axis range for numeric predictors (e.g. training minimum and maximum). */
  range?: [number, number];
}

export interface NomogramAxisTick {
  value: number | string;
  points: number;
}

export interface NomogramVariable {
  variable: string;
  label: string;
  minContribution: number;
  maxContribution: number;
  axis: NomogramAxisTick[];
}

export interface Nomogram {
  /** Points per unit of the linear predictor (100 / R). */
  pointsPerLogit: number;
  /** Linear predictor at 0 total points: intercept + sum of minimum contributions. */
  lpAtZero: number;
  variables: NomogramVariable[];
  maxTotalPoints: number;
  probabilityScale: { probability: number; totalPoints: number }[];
}

/** R-like pretty ticks: about n steps of 1, 2 or 5 times a power of ten covering [lo, hi]. */
export function prettyTicks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / n;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function contribution(t: NomogramTerm, value: number | string): number {
  const enc = encodePredictor({ ...t.predictor, min: undefined, max: undefined }, value);
  return enc.reduce((s, v, k) => s + v * t.coefficients[k], 0);
}

function axisValues(t: NomogramTerm): (number | string)[] {
  const p = t.predictor;
  if (p.type === 'categorical') return p.levels ?? [];
  if (p.cut !== undefined) return [p.min ?? p.cut - 1, p.cut];
  const [lo, hi] = t.range ?? [p.min ?? 0, p.max ?? 1];
  const ticks = prettyTicks(lo, hi).filter((v) => v >= lo && v <= hi);
  const all = [lo, ...ticks, hi].filter((v, i, a) => a.indexOf(v) === i);
  return p.transform === 'log10' || p.transform === 'ln' ? all.filter((v) => v > 0) : all;
}

export function buildNomogram(intercept: number, terms: readonly NomogramTerm[]): Nomogram {
  const spans = terms.map((t) => {
    const values = axisValues(t);
    const c = values.map((v) => contribution(t, v));
    return { values, c, min: Math.min(...c), max: Math.max(...c) };
  });
  const widest = Math.max(...spans.map((s) => s.max - s.min));
  if (!(widest > 0)) throw new Error('the nomogram needs at least one variable with a non-zero effect');
  const pointsPerLogit = 100 / widest;
  const lpAtZero = spans.reduce((s, sp) => s + sp.min, intercept);
  const variables = terms.map((t, k) => ({
    variable: t.predictor.variable,
    label: t.predictor.label ?? t.predictor.variable,
    minContribution: spans[k].min,
    maxContribution: spans[k].max,
    axis: spans[k].values.map((v, j) => ({ value: v, points: pointsPerLogit * (spans[k].c[j] - spans[k].min) })),
  }));
  const maxTotalPoints = spans.reduce((s, sp) => s + pointsPerLogit * (sp.max - sp.min), 0);
  const probabilityScale: Nomogram['probabilityScale'] = [];
  for (let q = 1; q <= 19; q++) {
    const probability = q / 20;
    const totalPoints = (logit(probability) - lpAtZero) * pointsPerLogit;
    if (totalPoints >= 0 && totalPoints <= maxTotalPoints) probabilityScale.push({ probability, totalPoints });
  }
  return { pointsPerLogit, lpAtZero, variables, maxTotalPoints, probabilityScale };
}

/** Points of one variable at a value (same formula as the axis). */
export function nomogramPoints(nomo: Nomogram, term: NomogramTerm, value: number | string): number {
  const v = nomo.variables.find((x) => x.variable === term.predictor.variable);
  if (!v) throw new Error(`variable ${term.predictor.variable} is not on the nomogram`);
  return nomo.pointsPerLogit * (contribution(term, value) - v.minContribution);
}

/** Probability at a total number of points. */
export function nomogramProbability(nomo: Nomogram, totalPoints: number): number {
  return logistic(nomo.lpAtZero + totalPoints / nomo.pointsPerLogit);
}
