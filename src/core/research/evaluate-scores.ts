/**
 * `webradiomics evaluate`: scores and 0/1 outcomes of the same patients -> for each score the ROC curve, AUC with
 * DeLong 95 % CI, the Youden threshold with accuracy, sensitivity, specificity, PPV and NPV; when a score is a
 * probability (every value strictly inside (0, 1)) also Hosmer-Lemeshow (10 quantile groups), logistic
 * recalibration intercept and slope, calibration-in-the-large, Brier score and the decision curve; paired DeLong
 * tests between every two scores. Functions of ../stats and ../model/evaluate.ts, which match R (pROC,
 * ResourceSelection, rms, dcurves' net benefit).
 */
import { decisionCurve, type DecisionCurve } from '../model/evaluate.js';
import type { CohortIssue } from '../model/cohort-table.js';
import { hosmerLemeshow } from '../stats/calibration.js';
import { aucDelong, delongTest, rocCurve, youden } from '../stats/roc.js';
import { logisticCalibration } from '../stats/val-prob.js';
import { readColumns } from './score-table.js';

export const OUTCOME_COLUMNS = ['outcome', 'y', 'label', 'response_binary'];

export interface ScoreEvaluation {
  score: string;
  n: number;
  events: number;
  auc: number;
  aucCi: [number, number];
  aucSe: number;
  youden: { threshold: number; sensitivity: number; specificity: number; youdenJ: number; accuracy: number; ppv: number; npv: number };
  roc: { threshold: number | null; sensitivity: number; specificity: number }[];
  isProbability: boolean;
  calibration: {
    hosmerLemeshow: { chisq: number; df: number; pValue: number; groups: { n: number; observed: number; expected: number; meanPredicted: number; observedRate: number }[] } | null;
    intercept: number;
    slope: number;
    calibrationInTheLarge: number;
    brier: number;
  } | null;
  decisionCurve: DecisionCurve | null;
}

export interface EvaluateResult {
  file: string;
  outcome: string;
  n: number;
  events: number;
  scores: ScoreEvaluation[];
  delong: { score1: string; score2: string; auc1: number; auc2: number; difference: number; differenceCi: [number, number]; z: number; pValue: number }[];
  warnings: string[];
}

const inf = (v: number) => (Number.isFinite(v) ? v : null);

export function evaluateScores(
  file: string,
  text: string,
  options: { outcome?: string; scores?: string[]; exclude?: string[] } = {},
): { ok: true; result: EvaluateResult; issues: CohortIssue[] } | { ok: false; issues: CohortIssue[] } {
  const outcomeNames = options.outcome ? [options.outcome] : OUTCOME_COLUMNS;
  // the score columns: named, or every column other than the outcome and id-like / excluded ones
  let scoreNames = options.scores;
  if (!scoreNames) {
    const header = readColumns(file, text, []).table?.header ?? [];
    const skip = new Set([...outcomeNames, 'patient_id', 'id', 'patient', 'set', 'centre', 'center', ...(options.exclude ?? [])].map((s) => s.toLowerCase()));
    scoreNames = header.filter((h) => h !== '' && !skip.has(h.toLowerCase()));
  }
  if (scoreNames.length === 0) return { ok: false, issues: [{ severity: 'error', file, row: 1, message: `${file}, row 1: no score column (name them with --scores)` }] };
  const read = readColumns(file, text, [
    { role: 'outcome', names: outcomeNames, kind: 'binary', option: '--outcome' },
    ...scoreNames.map((s) => ({ role: `score "${s}"`, names: [s], kind: 'number' as const, option: '--scores' })),
  ]);
  if (!read.ok) return { ok: false, issues: read.issues };
  const y = read.values[0] as number[];
  const events = y.reduce((s, v) => s + v, 0);
  if (events === 0 || events === y.length) {
    return { ok: false, issues: [...read.issues, { severity: 'error', file, column: read.names[0], message: `${file}, column "${read.names[0]}": ROC analysis needs both outcomes (found ${events} of ${y.length} with outcome 1)` }] };
  }
  const warnings: string[] = [];
  const scores = read.names.slice(1).map((name, c) => {
    const s = read.values[c + 1] as number[];
    const a = aucDelong(s, y);
    const yd = youden(s, y);
    const isProbability = s.every((v) => v > 0 && v < 1);
    let calibration: ScoreEvaluation['calibration'] = null;
    let dc: DecisionCurve | null = null;
    if (isProbability) {
      let hl: NonNullable<ScoreEvaluation['calibration']>['hosmerLemeshow'] = null;
      try {
        const h = hosmerLemeshow(s, y, { groups: 10 });
        hl = {
          chisq: h.chisq,
          df: h.df,
          pValue: h.pValue,
          groups: h.table.group.map((_, k) => ({ n: h.table.n[k], observed: h.table.observedEvents[k], expected: h.table.expectedEvents[k], meanPredicted: h.table.meanPredicted[k], observedRate: h.table.observedRate[k] })),
        };
      } catch (e) {
        warnings.push(`${name}: no Hosmer-Lemeshow test (${(e as Error).message})`);
      }
      const cal = logisticCalibration(s, y);
      calibration = { hosmerLemeshow: hl, intercept: cal.jointIntercept, slope: cal.jointSlope, calibrationInTheLarge: cal.citlIntercept, brier: cal.brier };
      dc = decisionCurve(s, y);
    } else warnings.push(`${name}: not a probability (values outside (0, 1)); calibration and decision curve left out`);
    return {
      score: name,
      n: s.length,
      events,
      auc: a.auc,
      aucCi: [a.ciLower, a.ciUpper] as [number, number],
      aucSe: a.se,
      youden: { threshold: yd.threshold, sensitivity: yd.sensitivity, specificity: yd.specificity, youdenJ: yd.youdenJ, accuracy: yd.accuracy, ppv: yd.ppv, npv: yd.npv },
      roc: rocCurve(s, y).map((p) => ({ threshold: inf(p.threshold), sensitivity: p.sensitivity, specificity: p.specificity })),
      isProbability,
      calibration,
      decisionCurve: dc,
    };
  });
  const delong: EvaluateResult['delong'] = [];
  for (let a = 0; a < scores.length; a++) {
    for (let b = a + 1; b < scores.length; b++) {
      const t = delongTest(read.values[a + 1] as number[], read.values[b + 1] as number[], y);
      delong.push({ score1: scores[a].score, score2: scores[b].score, auc1: t.auc1, auc2: t.auc2, difference: t.difference, differenceCi: [t.diffCiLower, t.diffCiUpper], z: t.z, pValue: t.pValue });
    }
  }
  return { ok: true, issues: read.issues, result: { file, outcome: read.names[0], n: y.length, events, scores, delong, warnings } };
}
