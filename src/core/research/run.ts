/**
 * One research run from input files to everything the app shows and the CLI writes: load and check the cohort
 * (tables.ts), build the models (buildModel), summarise, draw, tabulate, and assemble the model file and the
 * report. Shared by the modelling worker (src/pipeline/research-api.ts) and `webradiomics train`, so both give the
 * same numbers for the same inputs. The synthetic source goes through the same text path as uploaded files.
 */
import { SingularMatrixError } from '../stats/linear-algebra.js';
import { buildModel, type BuildModelInput, type BuildProgress } from '../model/build-model.js';
import type { ClinicalPredictor } from '../model/clinical-model.js';
import type { CohortIssue } from '../model/cohort-table.js';
import { serialiseModelFile, type ModelFile } from '../model/model-file.js';
import { assembleModelFile } from '../model/model-file-build.js';
import { csvField } from '../csv.js';
import { baselineCharacteristics } from './characteristics.js';
import { describeOptions, type ResearchOptions } from './options.js';
import { researchFigures, type ResearchFigures } from './plots.js';
import { parsePredictorSpec, type ClinicalColumnInfo } from './predictors.js';
import { researchReportHtml } from './report.js';
import { resultTables, type ResultTable } from './result-tables.js';
import { summariseResearch, type ResearchSummary } from './summary.js';
import { SYNTHETIC_SEED, syntheticTables } from './synthetic-tables.js';
import { loadTableCohort, type CohortOverview, type TableSource } from './tables.js';

export type ResearchSource =
  | { kind: 'tables'; features: TableSource; clinical: TableSource; repeat?: TableSource | null; predictorSpec?: TableSource | null }
  | { kind: 'synthetic'; seed?: number | string };

export interface ResearchRequest {
  source: ResearchSource;
  /** Candidate clinical predictors chosen by the user; default: the spec file's, else inferred from the table. */
  predictors?: ClinicalPredictor[] | null;
  options: ResearchOptions;
}

export interface CohortInspection {
  ok: boolean;
  issues: CohortIssue[];
  overview: CohortOverview;
  columns: ClinicalColumnInfo[];
  predictors: ClinicalPredictor[];
  syntheticData: boolean;
  description: string;
  files: { features: string; clinical: string; repeat: string | null; predictorSpec: string | null };
}

export interface ResearchProgress {
  stage: string;
  step: number;
  steps: number;
}

export interface ResearchOutput {
  createdAt: string;
  /** Warnings of cohort loading (the run had no errors). */
  issues: CohortIssue[];
  summary: ResearchSummary;
  tables: ResultTable[];
  figures: ResearchFigures;
  modelFile: ModelFile;
  modelFileText: string;
  reportHtml: string;
  /** One row per patient used: set, outcome, predicted probabilities, rad-score, risk group, survival. */
  scoresCsv: string;
}

export type ResearchRunResult = { ok: true; output: ResearchOutput } | { ok: false; issues: CohortIssue[]; inspection: CohortInspection };

interface Resolved {
  inspection: CohortInspection;
  input: BuildModelInput | null;
}

function resolve(source: ResearchSource, predictors?: ClinicalPredictor[] | null): Resolved {
  let tables: { features: TableSource; clinical: TableSource; repeat: TableSource | null; predictorSpec: TableSource | null };
  let syntheticData = false;
  let description: string | null = null;
  if (source.kind === 'synthetic') {
    const s = syntheticTables(source.seed ?? SYNTHETIC_SEED);
    tables = { features: s.features, clinical: s.clinical, repeat: s.repeat, predictorSpec: s.predictors };
  } else tables = { features: source.features, clinical: source.clinical, repeat: source.repeat ?? null, predictorSpec: source.predictorSpec ?? null };
  const specIssues: CohortIssue[] = [];
  let specPredictors: ClinicalPredictor[] | null = null;
  if (tables.predictorSpec) {
    const spec = parsePredictorSpec(tables.predictorSpec.text, tables.predictorSpec.name);
    specIssues.push(...spec.issues);
    if (spec.ok) specPredictors = spec.predictors;
    syntheticData = spec.syntheticData;
    description = spec.description;
  }
  const cohort = loadTableCohort({ features: tables.features, clinical: tables.clinical, repeat: tables.repeat, predictors: predictors ?? specPredictors });
  const issues = [...specIssues, ...cohort.issues];
  const ok = cohort.ok && !specIssues.some((i) => i.severity === 'error');
  return {
    inspection: {
      ok,
      issues,
      overview: cohort.overview,
      columns: cohort.columns,
      predictors: cohort.predictors,
      syntheticData,
      description: description ?? `feature table ${tables.features.name}, clinical table ${tables.clinical.name}`,
      files: { features: tables.features.name, clinical: tables.clinical.name, repeat: tables.repeat?.name ?? null, predictorSpec: tables.predictorSpec?.name ?? null },
    },
    input: ok ? cohort.input : null,
  };
}

/** Loads and checks the cohort without building anything (the page shows the issues and the choices). */
export function inspectCohort(source: ResearchSource, predictors?: ClinicalPredictor[] | null): CohortInspection {
  return resolve(source, predictors).inspection;
}

export function scoresCsv(input: BuildModelInput, r: ReturnType<typeof buildModel>): string {
  const byId = new Map(input.patients.map((p) => [p.id, p]));
  const header = ['patient_id', 'set', 'centre', 'response', 'outcome', 'rad_score', 'p_clinical', 'p_radiomic', 'p_combined', 'linear_predictor', 'risk_group', 'os_time', 'os_event', 'pfs_time', 'pfs_event'];
  const lines = [header.join(',')];
  for (const [name, set] of [['training', r.training], ['validation', r.validation]] as const) {
    if (!set) continue;
    set.ids.forEach((id, k) => {
      const p = byId.get(id)!;
      lines.push(
        [
          csvField(id), name, csvField(p.centre ?? ''), p.response ?? '', set.y[k], set.radScore[k], set.probability.clinical[k], set.probability.radiomic[k], set.probability.combined[k],
          set.linearPredictor[k], set.riskGroup[k] === 1 ? 'high' : 'low', p.os?.time ?? '', p.os?.event ?? '', p.pfs?.time ?? '', p.pfs?.event ?? '',
        ].join(','),
      );
    });
  }
  return `${lines.join('\n')}\n`;
}

export function runResearch(
  request: ResearchRequest,
  context: { toolVersion: string; createdAt: string; onProgress?: (p: ResearchProgress) => void },
): ResearchRunResult {
  const { inspection, input } = resolve(request.source, request.predictors);
  if (!input) return { ok: false, issues: inspection.issues, inspection };
  let steps = 0;
  const onProgress = (p: BuildProgress) => {
    steps = p.steps + 1;
    context.onProgress?.({ stage: p.stage, step: p.step, steps });
  };
  let r: ReturnType<typeof buildModel>;
  try {
    r = buildModel(input, { ...request.options, onProgress });
  } catch (e) {
    // a small or separable cohort makes a logistic fit's information matrix singular: say what that means
    if (e instanceof SingularMatrixError) {
      throw new Error('a logistic fit has a singular information matrix (the outcomes are perfectly separated, or a set has too few events); use more patients or another split');
    }
    throw e;
  }
  context.onProgress?.({ stage: 'figures, tables, model file and report', step: steps - 1, steps });
  const settings = describeOptions(request.options, input.repeat !== undefined);
  const summary = summariseResearch(input, r, { toolVersion: context.toolVersion, syntheticData: inspection.syntheticData, description: inspection.description, settings });
  const tables = resultTables(summary, baselineCharacteristics(input, r));
  const figures = researchFigures(input, r);
  const modelFile = assembleModelFile(input, r, {
    toolVersion: context.toolVersion,
    createdAt: context.createdAt,
    cohortDescription: inspection.description,
    syntheticData: inspection.syntheticData,
    intendedUse: inspection.syntheticData
      ? 'demonstration and software testing only: built on generated data, not for clinical decisions'
      : 'research use: predicting response to treatment from baseline imaging and clinical variables; validate before any clinical use',
    notes: settings,
  });
  const output: ResearchOutput = {
    createdAt: context.createdAt,
    issues: inspection.issues,
    summary,
    tables,
    figures,
    modelFile,
    modelFileText: serialiseModelFile(modelFile),
    reportHtml: researchReportHtml({ summary, tables, figures, createdAt: context.createdAt }),
    scoresCsv: scoresCsv(input, r),
  };
  context.onProgress?.({ stage: 'done', step: steps, steps });
  return { ok: true, output };
}
