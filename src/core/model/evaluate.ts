/**
 * Performance of the clinical, radiomic and combined models on the training and validation sets (domain.md step 7):
 * AUC with DeLong 95 % CI; accuracy, sensitivity, specificity, PPV and NPV at the Youden threshold chosen on the
 * training set (applied unchanged to validation); Hosmer-Lemeshow (10 quantile groups); calibration intercept and
 * slope; Brier score; paired DeLong tests between models; decision curves.
 *
 * Decision curve (Vickers & Elkin 2006): at threshold probability pt, a patient is treated when p >= pt;
 *   net benefit = TP/n - FP/n * pt/(1 - pt);  treat-all: prevalence - (1 - prevalence) pt/(1 - pt);  treat-none: 0.
 */
import { hosmerLemeshow } from '../stats/calibration.js';
import { aucDelong, delongTest, youden } from '../stats/roc.js';
import { logisticCalibration } from '../stats/val-prob.js';

export interface ClassificationAt {
  threshold: number;
  accuracy: number;
  sensitivity: number;
  specificity: number;
  ppv: number;
  npv: number;
}

export interface ModelPerformance {
  n: number;
  events: number;
  auc: number;
  aucCi: [number, number];
  aucSe: number;
  atYouden: ClassificationAt;
  hosmerLemeshow: { chisq: number; df: number; pValue: number } | null;
  calibrationIntercept: number;
  calibrationSlope: number;
  brier: number;
}

/** Classification metrics when "positive" means probability > threshold (pROC's convention). */
export function classificationAt(p: ArrayLike<number>, y: ArrayLike<number>, threshold: number): ClassificationAt {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < p.length; i++) {
    const pos = p[i] > threshold;
    if (y[i] === 1) {
      if (pos) tp++;
      else fn++;
    } else if (pos) fp++;
    else tn++;
  }
  return {
    threshold,
    accuracy: (tp + tn) / p.length,
    sensitivity: tp / (tp + fn),
    specificity: tn / (tn + fp),
    ppv: tp / (tp + fp),
    npv: tn / (tn + fn),
  };
}

/** Performance of predicted probabilities p; `threshold` from training (default: Youden on these data). */
export function modelPerformance(p: readonly number[], y: readonly number[], threshold?: number): ModelPerformance {
  const a = aucDelong(p, y);
  const thr = threshold ?? youden(p, y).threshold;
  let hl: ModelPerformance['hosmerLemeshow'] = null;
  try {
    const h = hosmerLemeshow(p, y, { groups: 10 });
    hl = { chisq: h.chisq, df: h.df, pValue: h.pValue };
  } catch {
    hl = null; // too few distinct predictions
  }
  const cal = logisticCalibration(p, y);
  return {
    n: p.length,
    events: y.reduce((s, v) => s + v, 0),
    auc: a.auc,
    aucCi: [a.ciLower, a.ciUpper],
    aucSe: a.se,
    atYouden: classificationAt(p, y, thr),
    hosmerLemeshow: hl,
    calibrationIntercept: cal.jointIntercept,
    calibrationSlope: cal.jointSlope,
    brier: cal.brier,
  };
}

export interface AucComparison {
  model1: string;
  model2: string;
  difference: number;
  z: number;
  pValue: number;
}

/** Paired DeLong tests between every pair of models on the same patients. */
export function compareModels(models: readonly { name: string; p: readonly number[] }[], y: readonly number[]): AucComparison[] {
  const out: AucComparison[] = [];
  for (let a = 0; a < models.length; a++) {
    for (let b = a + 1; b < models.length; b++) {
      const t = delongTest(models[a].p, models[b].p, y);
      out.push({ model1: models[a].name, model2: models[b].name, difference: t.difference, z: t.z, pValue: t.pValue });
    }
  }
  return out;
}

export interface DecisionCurve {
  thresholds: number[];
  netBenefit: number[];
  treatAll: number[];
}

/** Net benefit over threshold probabilities (default 0.01, 0.02, ..., 0.99). */
export function decisionCurve(p: readonly number[], y: readonly number[], thresholds?: readonly number[]): DecisionCurve {
  const th = thresholds ? [...thresholds] : Array.from({ length: 99 }, (_, k) => (k + 1) / 100);
  const n = p.length;
  const prevalence = y.reduce((s, v) => s + v, 0) / n;
  const netBenefit = th.map((pt) => {
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < n; i++) {
      if (p[i] < pt) continue;
      if (y[i] === 1) tp++;
      else fp++;
    }
    return tp / n - (fp / n) * (pt / (1 - pt));
  });
  return { thresholds: th, netBenefit, treatAll: th.map((pt) => prevalence - (1 - prevalence) * (pt / (1 - pt))) };
}
