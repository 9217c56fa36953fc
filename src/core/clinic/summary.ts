/**
 * The clinic result as plain JSON: what `webradiomics score` prints and what the page's report lists, from one
 * function so that both carry the same numbers (full double precision; text formatting is the page's).
 */
import type { Assessment } from './assessment.js';
import type { RiskGroupSurvival } from '../model/risk-survival.js';

export interface SequenceRunSummary {
  sequence: string;
  imageName: string;
  maskName: string;
  spacing: number[];
  dims: number[];
  profile: string;
  backend: { kind: string; description: string };
  featureCount: number;
}

const survivalSummary = (s: RiskGroupSurvival | null) =>
  s && {
    medianLow: s.low.median,
    medianHigh: s.high.median,
    nLow: s.low.n,
    nHigh: s.high.n,
    logrankP: s.logrankP,
    hazardRatio: s.hazardRatio,
    hrCi: [s.hrCiLower, s.hrCiUpper],
  };

export function clinicSummary(a: Assessment, sequences: readonly SequenceRunSummary[], features: Record<string, number>) {
  return {
    model: a.model,
    probability: a.probability,
    radScore: a.radScore,
    linearPredictor: a.linearPredictor,
    riskGroup: a.riskGroup,
    calibration: {
      set: a.calibration.set,
      recalibratedProbability: a.calibration.recalibratedProbability,
      cutoffProbability: a.calibration.cutoffProbability,
      calibrationIntercept: a.calibration.summary.calibrationIntercept,
      calibrationSlope: a.calibration.summary.calibrationSlope,
      hosmerLemeshowP: a.calibration.summary.hosmerLemeshowP,
      brier: a.calibration.summary.brier,
      aucTraining: a.calibration.auc.training,
      aucValidation: a.calibration.auc.validation,
    },
    survival: { set: a.survival.set, patientGroup: a.survival.patientGroup, os: survivalSummary(a.survival.os), pfs: survivalSummary(a.survival.pfs) },
    contributions: a.contributions,
    totalPoints: a.totalPoints,
    featureContributions: a.featureContributions,
    clinical: a.clinical,
    features,
    sequences,
    warnings: a.warnings.map((w) => w.message),
  };
}

export type ClinicSummary = ReturnType<typeof clinicSummary>;
