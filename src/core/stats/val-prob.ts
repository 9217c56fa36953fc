/**
 * Validation of predicted probabilities p against 0/1 outcomes y (external or test-set calibration), as
 * rms::val.prob(p, y) reports it, plus the glm-based calibration intercept / slope with standard errors.
 *
 * With L = logit(p), n subjects:
 *   joint recalibration  glm(y ~ L, binomial)            -> intercept a, slope b (ideal 0 and 1)
 *   calibration-in-the-large glm(y ~ offset(L), binomial) -> intercept a | b = 1 (ideal 0)
 *   L01 = -2 sum [y L - log(1 + e^L)] (deviance of the uncalibrated p); L0 = null deviance (intercept only)
 *   D = (L0 - L01 - 1)/n (discrimination index); U = (L01 - dev(a, b) - 2)/n (unreliability), U p on 2 df; Q = D - U
 *   R2 = (1 - exp(-(L0 - L01)/n)) / (1 - exp(-L0/n)) (Nagelkerke); Brier = mean((p - y)^2)
 *   Spiegelhalter z = sum (y - p)(1 - 2p) / sqrt(sum (1 - 2p)^2 p (1 - p)), p = 2 Q(|z|)
 *   C = AUC of p; rms (6.5) computes it on p rounded to 4 decimals, which `cRounded` reproduces; Dxy = 2 (C - 1/2)
 *   Eavg / Emax / E90 = mean / max / 90th percentile of |p - lowess(p, y, iter = 0)(p)|.
 */
import { chiSquareUpper, logit, normalTwoSided } from './distributions.js';
import { brierScore, quantileType7 } from './calibration.js';
import { fitLogistic } from './logistic.js';
import { lowess } from './lowess.js';
import { delongPlacements } from './roc.js';

export interface LogisticCalibration {
  jointIntercept: number;
  jointSlope: number;
  jointInterceptSe: number;
  jointSlopeSe: number;
  /** Calibration-in-the-large: intercept with the slope fixed at 1. */
  citlIntercept: number;
  citlInterceptSe: number;
  brier: number;
}

function checkProbabilities(p: ArrayLike<number>, y: ArrayLike<number>): void {
  if (p.length !== y.length) throw new Error('predictions and outcomes differ in length');
  for (let i = 0; i < p.length; i++)
    if (!(p[i] > 0 && p[i] < 1)) throw new Error(`prediction ${i} = ${p[i]} is not strictly inside (0, 1)`);
}

/** Calibration intercept and slope (jointly), calibration-in-the-large, Brier score. */
export function logisticCalibration(p: ArrayLike<number>, y: ArrayLike<number>, options: { epsilon?: number; maxit?: number } = {}): LogisticCalibration {
  checkProbabilities(p, y);
  const lp = Array.from(p, logit);
  const joint = fitLogistic([lp], y, { names: ['logit(p)'], ...options });
  const citl = fitLogistic([], y, { offset: lp, ...options });
  return {
    jointIntercept: joint.coef[0],
    jointSlope: joint.coef[1],
    jointInterceptSe: joint.se[0],
    jointSlopeSe: joint.se[1],
    citlIntercept: citl.coef[0],
    citlInterceptSe: citl.se[0],
    brier: brierScore(p, y),
  };
}

export interface ValProbStats {
  dxy: number;
  c: number;
  r2: number;
  d: number;
  dChisq: number;
  u: number;
  uChisq: number;
  uP: number;
  q: number;
  brier: number;
  intercept: number;
  slope: number;
  eMax: number;
  e90: number;
  eAvg: number;
  spiegelhalterZ: number;
  spiegelhalterP: number;
}

/** The statistics of rms::val.prob(p, y) (no plot). */
export function valProb(p: ArrayLike<number>, y: ArrayLike<number>, options: { epsilon?: number; maxit?: number } = {}): ValProbStats {
  checkProbabilities(p, y);
  const n = p.length;
  const lp = Array.from(p, logit);
  let l01 = 0;
  let events = 0;
  for (let i = 0; i < n; i++) {
    l01 += -2 * (y[i] * lp[i] - Math.log1p(Math.exp(lp[i])));
    events += y[i];
  }
  const l0 = -2 * (events * Math.log(events / n) + (n - events) * Math.log((n - events) / n));
  const lr = l0 - l01;
  const recal = fitLogistic([lp], y, { names: ['logit(p)'], ...options });
  const uChisq = l01 - recal.deviance;
  const d = (lr - 1) / n;
  const u = (uChisq - 2) / n;

  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (y[i] - p[i]) * (1 - 2 * p[i]);
    den += (1 - 2 * p[i]) ** 2 * p[i] * (1 - p[i]);
  }
  const spiegelhalterZ = num / Math.sqrt(den);

  const c = cRounded(p, y);
  const sm = lowess(p, y, { iter: 0 });
  const smoothAt = new Map<number, number[]>();
  sm.x.forEach((x, k) => smoothAt.set(x, [...(smoothAt.get(x) ?? []), sm.y[k]]));
  const er = Array.from(p, (v) => {
    const ys = smoothAt.get(v)!;
    return Math.abs(v - ys.reduce((s, t) => s + t, 0) / ys.length); // approx(..., ties = mean) at the data points
  });
  return {
    dxy: 2 * (c - 0.5),
    c,
    r2: (1 - Math.exp(-lr / n)) / (1 - Math.exp(-l0 / n)),
    d,
    dChisq: lr,
    u,
    uChisq,
    uP: chiSquareUpper(uChisq, 2),
    q: d - u,
    brier: brierScore(p, y),
    intercept: recal.coef[0],
    slope: recal.coef[1],
    eMax: Math.max(...er),
    e90: quantileType7(er, [0.9])[0],
    eAvg: er.reduce((s, v) => s + v, 0) / n,
    spiegelhalterZ,
    spiegelhalterP: normalTwoSided(spiegelhalterZ),
  };
}

/** Concordance of p with y on p rounded to 4 decimals (rms 6.5 lrm.fit's C, as the fixture shows). */
export function cRounded(p: ArrayLike<number>, y: ArrayLike<number>): number {
  return delongPlacements(Array.from(p, (v) => Math.round(v * 1e4) / 1e4), y).auc;
}
