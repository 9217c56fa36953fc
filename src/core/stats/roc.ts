/**
 * ROC analysis as pROC 1.18 does it (roc, auc, ci.auc(method = 'delong'), roc.test(method = 'delong', paired = TRUE),
 * coords(x = 'best', best.method = 'youden')).
 *
 * Notation: m cases (label 1, "positive"), n controls (label 0); direction '<' (pROC's default for controls lower):
 * a subject is called positive when its score > threshold. Thresholds are -Inf, the midpoints a/2 + b/2 between
 * adjacent distinct scores (pROC computes them this way), +Inf.
 * psi(x, y) = 1 if x > y, 1/2 if x == y, 0 otherwise, for a case score x and a control score y.
 * DeLong placements: V10_i = (1/n) sum_j psi(x_i, y_j) per case, V01_j = (1/m) sum_i psi(x_i, y_j) per control;
 * AUC = mean(V10); S10 = sum (V10_i - AUC)^2 / (m - 1), S01 likewise with n - 1; Var(AUC) = S10/m + S01/n.
 */
import { normalQuantile, normalTwoSided } from './distributions.js';

export type RocDirection = '<' | '>';

export interface RocOptions {
  /** '<': controls score lower (positive if score > threshold); '>': controls score higher. Default '<'. */
  direction?: RocDirection;
}

export interface RocPoint {
  threshold: number;
  sensitivity: number;
  specificity: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

interface Prepared {
  cases: number[];
  controls: number[];
  sign: 1 | -1;
}

/** Splits scores by label (1/true = case, 0/false = control); '>' negates scores so one code path serves both. */
function prepare(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>, options: RocOptions = {}): Prepared {
  if (scores.length !== labels.length) throw new Error('scores and labels differ in length');
  const sign = options.direction === '>' ? -1 : 1;
  const cases: number[] = [];
  const controls: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!Number.isFinite(s)) throw new Error(`score ${i} is not a finite number`);
    const l = Number(labels[i]);
    if (l === 1) cases.push(sign * s);
    else if (l === 0) controls.push(sign * s);
    else throw new Error(`label ${i} is neither 0 nor 1`);
  }
  if (cases.length === 0 || controls.length === 0)
    throw new Error(`ROC analysis needs both classes (cases: ${cases.length}, controls: ${controls.length})`);
  return { cases, controls, sign };
}

/** Every ROC point, thresholds increasing (sensitivity falling from 1 to 0). R: pROC::roc(...)$thresholds etc. */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>, options: RocOptions = {}): RocPoint[] {
  const { cases, controls, sign } = prepare(scores, labels, options);
  const m = cases.length;
  const n = controls.length;
  const values = [...new Set([...cases, ...controls])].sort((a, b) => a - b);
  const caseAt = countBy(values, cases);
  const controlAt = countBy(values, controls);
  const points: RocPoint[] = [];
  let casesAbove = m; // cases with score > threshold
  let controlsAtOrBelow = 0;
  const push = (t: number) =>
    points.push({
      threshold: sign * t,
      sensitivity: casesAbove / m,
      specificity: controlsAtOrBelow / n,
      tp: casesAbove,
      fp: n - controlsAtOrBelow,
      tn: controlsAtOrBelow,
      fn: m - casesAbove,
    });
  push(-Infinity);
  for (let k = 0; k < values.length; k++) {
    casesAbove -= caseAt[k];
    controlsAtOrBelow += controlAt[k];
    if (k + 1 < values.length) {
      const a = values[k];
      const b = values[k + 1];
      let t = Math.abs(a) > 1e100 || Math.abs(b) > 1e100 ? (a + b) / 2 : a / 2 + b / 2;
      if (t === b) t = a; // adjacent doubles: keep a <= t < b so the split stays right
      push(t);
    } else push(Infinity);
  }
  if (sign === -1) points.reverse();
  return points;
}

function countBy(sortedUnique: number[], xs: number[]): number[] {
  const index = new Map<number, number>();
  sortedUnique.forEach((v, k) => index.set(v, k));
  const counts = new Array<number>(sortedUnique.length).fill(0);
  for (const x of xs) counts[index.get(x)!]++;
  return counts;
}

export interface DelongPlacements {
  auc: number;
  /** V10: one per case, in input order of the cases. */
  casePlacements: number[];
  /** V01: one per control. */
  controlPlacements: number[];
}

/** DeLong structural components (pROC:::delongPlacements), by sorting: O(N log N). */
export function delongPlacements(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>, options: RocOptions = {}): DelongPlacements {
  const { cases, controls } = prepare(scores, labels, options);
  const m = cases.length;
  const n = controls.length;
  const sortedControls = [...controls].sort((a, b) => a - b);
  const sortedCases = [...cases].sort((a, b) => a - b);
  // psi sums via counts below / equal in the other sorted sample
  const casePlacements = cases.map((x) => {
    const below = lowerBound(sortedControls, x);
    const equal = upperBound(sortedControls, x) - below;
    return (below + equal / 2) / n;
  });
  const controlPlacements = controls.map((y) => {
    const atOrBelow = upperBound(sortedCases, y);
    const equal = atOrBelow - lowerBound(sortedCases, y);
    return (m - atOrBelow + equal / 2) / m;
  });
  const auc = casePlacements.reduce((s, v) => s + v, 0) / m;
  return { auc, casePlacements, controlPlacements };
}

function lowerBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function covariance(a: number[], meanA: number, b: number[], meanB: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - meanA) * (b[i] - meanB);
  return s / (a.length - 1);
}

export interface AucResult {
  auc: number;
  variance: number;
  se: number;
  ciLower: number;
  ciUpper: number;
  nCases: number;
  nControls: number;
}

/** AUC with DeLong variance and CI clipped to [0, 1]. R: pROC::ci.auc(roc, method = 'delong'). */
export function aucDelong(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>, options: RocOptions & { confLevel?: number } = {}): AucResult {
  const pl = delongPlacements(scores, labels, options);
  const m = pl.casePlacements.length;
  const n = pl.controlPlacements.length;
  const s10 = m > 1 ? covariance(pl.casePlacements, pl.auc, pl.casePlacements, pl.auc) : NaN;
  const s01 = n > 1 ? covariance(pl.controlPlacements, pl.auc, pl.controlPlacements, pl.auc) : NaN;
  const variance = s10 / m + s01 / n;
  const se = Math.sqrt(variance);
  const z = normalQuantile(1 - (1 - (options.confLevel ?? 0.95)) / 2);
  return {
    auc: pl.auc,
    variance,
    se,
    ciLower: Math.max(0, pl.auc - z * se),
    ciUpper: Math.min(1, pl.auc + z * se),
    nCases: m,
    nControls: n,
  };
}

export interface DelongTestResult {
  auc1: number;
  auc2: number;
  var1: number;
  var2: number;
  cov12: number;
  difference: number;
  z: number;
  pValue: number;
  diffCiLower: number;
  diffCiUpper: number;
}

/**
 * Paired DeLong test of AUC1 = AUC2 for two scores on the same subjects. R: pROC::roc.test(r1, r2, method = 'delong',
 * paired = TRUE). Cov = S10_12/m + S01_12/n; z = (AUC1 - AUC2) / sqrt(V1 + V2 - 2 Cov); p = 2 Q(|z|).
 */
export function delongTest(
  scores1: ArrayLike<number>,
  scores2: ArrayLike<number>,
  labels: ArrayLike<number | boolean>,
  options: { direction1?: RocDirection; direction2?: RocDirection; confLevel?: number } = {},
): DelongTestResult {
  const p1 = delongPlacements(scores1, labels, { direction: options.direction1 });
  const p2 = delongPlacements(scores2, labels, { direction: options.direction2 });
  const m = p1.casePlacements.length;
  const n = p1.controlPlacements.length;
  const v = (a: number[], ma: number, b: number[], mb: number, k: number) => covariance(a, ma, b, mb) / k;
  const var1 = v(p1.casePlacements, p1.auc, p1.casePlacements, p1.auc, m) + v(p1.controlPlacements, p1.auc, p1.controlPlacements, p1.auc, n);
  const var2 = v(p2.casePlacements, p2.auc, p2.casePlacements, p2.auc, m) + v(p2.controlPlacements, p2.auc, p2.controlPlacements, p2.auc, n);
  const cov12 = v(p1.casePlacements, p1.auc, p2.casePlacements, p2.auc, m) + v(p1.controlPlacements, p1.auc, p2.controlPlacements, p2.auc, n);
  const difference = p1.auc - p2.auc;
  const sd = Math.sqrt(var1 + var2 - 2 * cov12);
  const z = difference / sd;
  const q = normalQuantile(1 - (1 - (options.confLevel ?? 0.95)) / 2);
  return {
    auc1: p1.auc,
    auc2: p2.auc,
    var1,
    var2,
    cov12,
    difference,
    z,
    pValue: normalTwoSided(z),
    diffCiLower: difference - q * sd,
    diffCiUpper: difference + q * sd,
  };
}

export interface YoudenResult extends RocPoint {
  youdenJ: number;
  accuracy: number;
  /** Positive predictive value tp / (tp + fp); NaN when nobody is called positive. */
  ppv: number;
  /** Negative predictive value tn / (tn + fn); NaN when nobody is called negative. */
  npv: number;
  nTiedOptima: number;
  allOptimalThresholds: number[];
}

/**
 * Threshold maximising J = sensitivity + specificity - 1 (R: pROC::coords(r, 'best', best.method = 'youden')).
 * J is compared exactly in integers (tp n + tn m), so ties are real ties; the first (lowest) optimal threshold is
 * reported and all are listed. The infinite thresholds are used only when no finite one exists.
 */
export function youden(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>, options: RocOptions = {}): YoudenResult {
  const points = rocCurve(scores, labels, options);
  const finite = points.filter((p) => Number.isFinite(p.threshold));
  const candidates = finite.length > 0 ? finite : points;
  const m = points[0].tp + points[0].fn;
  const n = points[0].fp + points[0].tn;
  const score = (p: RocPoint) => p.tp * n + p.tn * m;
  const best = Math.max(...candidates.map(score));
  const optimal = candidates.filter((p) => score(p) === best);
  const p = optimal[0];
  return {
    ...p,
    youdenJ: p.sensitivity + p.specificity - 1,
    accuracy: (p.tp + p.tn) / (m + n),
    ppv: p.tp / (p.tp + p.fp),
    npv: p.tn / (p.tn + p.fn),
    nTiedOptima: optimal.length,
    allOptimalThresholds: optimal.map((o) => o.threshold),
  };
}
