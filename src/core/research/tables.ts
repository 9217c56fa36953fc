/**
 * Cohort from tables: a feature table (one row per patient, feature columns, feature-table.ts), a clinical table
 * (response, OS, PFS, centre, clinical variables, cohort-clinical.ts), optionally the feature table of a second
 * reader's segmentation (ICC filter) and the candidate clinical predictors. Joined by patient id in the order of
 * the clinical table. Every problem is an issue naming file, row and column:
 *  - errors: anything the two parsers report as an error; a feature row whose id has no clinical row ("unknown
 *    id"); a repeat table whose columns differ from the feature table's;
 *  - warnings: a clinical patient without a feature row (left out), a repeat row of an unknown patient (ignored),
 *    missing clinical values and survival (the patient drops out of what needs them).
 * The cohort is usable when no issue is an error.
 */
import type { BuildModelInput, ModelPatient } from '../model/build-model.js';
import type { ClinicalPredictor } from '../model/clinical-model.js';
import { CLINICAL_COLUMNS, parseClinical, RESPONSE_CATEGORIES, type ResponseCategory } from '../model/cohort-clinical.js';
import { cell, findColumn, IssueList, isMissing, parseNumber, readTable, type CohortIssue } from '../model/cohort-table.js';
import { parseFeatureTable } from '../model/feature-table.js';
import { defaultPredictors, predictorVariables, type ClinicalColumnInfo } from './predictors.js';

export interface TableSource {
  /** File name as the user knows it (shown in messages). */
  name: string;
  text: string;
}

export interface TableCohortSource {
  features: TableSource;
  clinical: TableSource;
  repeat?: TableSource | null;
  /** Candidate clinical predictors; default: every usable variable column (predictors.ts). */
  predictors?: readonly ClinicalPredictor[] | null;
}

export interface CohortOverview {
  nPatients: number;
  nFeatures: number;
  nRepeat: number;
  centres: string[];
  response: Record<ResponseCategory, number>;
  withOs: number;
  withPfs: number;
}

export interface TableCohort {
  ok: boolean;
  issues: CohortIssue[];
  input: BuildModelInput | null;
  predictors: ClinicalPredictor[];
  columns: ClinicalColumnInfo[];
  overview: CohortOverview;
}

const MAX_LEVELS = 50;
/** Share of values that must be numbers for a column to count as numeric. */
export const NUMERIC_SHARE = 0.8;

/** The variable columns of a clinical table (every column that is not id, response, survival or centre). */
export function clinicalColumns(source: TableSource): ClinicalColumnInfo[] {
  const table = readTable(source.name, source.text, new IssueList());
  if (!table) return [];
  const used = new Set(Object.values(CLINICAL_COLUMNS).map((names) => findColumn(table, names)).filter((k) => k >= 0));
  const out: ClinicalColumnInfo[] = [];
  table.header.forEach((h, k) => {
    if (used.has(k) || h === '') return;
    const values = table.rows.map((r) => cell(table, r, k));
    const present = values.filter((v) => !isMissing(v));
    const nums = present.map(parseNumber);
    // a column of numbers with a few typos ("forty", "12 ng") is numeric, so that the typos are reported
    const nNumbers = nums.filter((v) => v !== null).length;
    const numeric = nNumbers > 0 && nNumbers >= NUMERIC_SHARE * present.length;
    const distinct = [...new Set(present)];
    distinct.sort(numeric ? (a, b) => (parseNumber(a) ?? Infinity) - (parseNumber(b) ?? Infinity) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const finite = nums.filter((v): v is number => v !== null);
    out.push({
      name: h,
      numeric,
      levels: distinct.slice(0, MAX_LEVELS),
      nDistinct: distinct.length,
      missing: values.length - present.length,
      min: numeric ? Math.min(...finite) : null,
      max: numeric ? Math.max(...finite) : null,
    });
  });
  return out;
}

/** Row numbers of ids in a table's id column (as feature-table.ts finds it). */
function idRows(source: TableSource): { rows: Map<string, number>; column: string } {
  const table = readTable(source.name, source.text, new IssueList());
  const rows = new Map<string, number>();
  if (!table) return { rows, column: 'patient_id' };
  let k = findColumn(table, CLINICAL_COLUMNS.patientId);
  if (k < 0) k = 0;
  for (const r of table.rows) {
    const id = cell(table, r, k);
    if (!rows.has(id)) rows.set(id, r.row);
  }
  return { rows, column: table.header[k] ?? 'patient_id' };
}

export function loadTableCohort(source: TableCohortSource): TableCohort {
  const issues = new IssueList();
  const add = (list: CohortIssue[]) => list.forEach((i) => issues.items.push(i));
  const clinicalFile = source.clinical.name;
  const featuresFile = source.features.name;
  const columns = clinicalColumns(source.clinical);
  let predictors: ClinicalPredictor[];
  if (source.predictors) predictors = [...source.predictors];
  else {
    const d = defaultPredictors(columns);
    predictors = d.predictors;
    for (const s of d.skipped) issues.warning(clinicalFile, 1, s.variable, `not used as a clinical predictor: ${s.reason}`);
  }
  if (predictors.length === 0) issues.error(clinicalFile, undefined, undefined, 'no clinical variable to build the clinical model from (add variable columns or choose predictors)');
  const clinical = parseClinical(source.clinical.text, issues, { file: clinicalFile, variables: predictorVariables(predictors) });
  const features = parseFeatureTable(source.features.text, { file: featuresFile });
  add(features.issues);
  const featureAt = new Map(features.ids.map((id, i) => [id, i]));
  const featureRows = idRows(source.features);
  for (const id of features.ids) {
    if (!clinical.allIds.has(id)) issues.error(featuresFile, featureRows.rows.get(id), featureRows.column, `unknown id ${id}: no row in ${clinicalFile}`, id);
  }
  const patients: ModelPatient[] = [];
  const values: number[][] = [];
  for (const r of clinical.records) {
    const i = featureAt.get(r.patientId);
    if (i === undefined) {
      // a row with feature errors was reported already; otherwise the patient simply has no features
      if (!featureRows.rows.has(r.patientId)) issues.warning(clinicalFile, r.row, clinical.idColumn, `patient ${r.patientId} has no row in ${featuresFile}; left out`, r.patientId);
      continue;
    }
    patients.push({ id: r.patientId, centre: r.centre ?? null, response: r.response, os: r.os, pfs: r.pfs, clinical: r.values });
    values.push(features.values[i]);
  }
  let repeat: BuildModelInput['repeat'];
  if (source.repeat) {
    const rep = parseFeatureTable(source.repeat.text, { file: source.repeat.name });
    add(rep.issues);
    const colOf = new Map(rep.names.map((n, j) => [n, j]));
    const missing = features.names.filter((n) => !colOf.has(n));
    const extra = rep.names.filter((n) => !features.names.includes(n));
    if (missing.length > 0) issues.error(source.repeat.name, 1, missing[0], `the repeat-segmentation table lacks ${missing.length} feature column(s) of ${featuresFile}: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''}`);
    if (extra.length > 0) issues.warning(source.repeat.name, 1, extra[0], `${extra.length} column(s) not in ${featuresFile} are ignored`);
    if (missing.length === 0) {
      const inCohort = new Set(patients.map((p) => p.id));
      const repRows = idRows(source.repeat);
      const ids: string[] = [];
      const rows: number[][] = [];
      rep.ids.forEach((id, i) => {
        if (!inCohort.has(id)) {
          issues.warning(source.repeat!.name, repRows.rows.get(id), repRows.column, `patient ${id} is not in the cohort; the row is ignored`, id);
          return;
        }
        ids.push(id);
        rows.push(features.names.map((n) => rep.values[i][colOf.get(n)!]));
      });
      if (ids.length < 3) issues.error(source.repeat.name, undefined, undefined, `the ICC filter needs repeat segmentations of at least 3 patients of the cohort (found ${ids.length})`);
      else repeat = { patientIds: ids, features: rows };
    }
  }
  const response = Object.fromEntries(RESPONSE_CATEGORIES.map((c) => [c, patients.filter((p) => p.response === c).length])) as Record<ResponseCategory, number>;
  const overview: CohortOverview = {
    nPatients: patients.length,
    nFeatures: features.names.length,
    nRepeat: repeat?.patientIds.length ?? 0,
    centres: [...new Set(patients.map((p) => p.centre).filter((c): c is string => c !== null))].sort(),
    response,
    withOs: patients.filter((p) => p.os !== null).length,
    withPfs: patients.filter((p) => p.pfs !== null).length,
  };
  const ok = !issues.hasErrors && patients.length > 0;
  if (!issues.hasErrors && patients.length === 0) issues.error(clinicalFile, undefined, undefined, `no patient has both a clinical row and a row in ${featuresFile}`);
  return {
    ok,
    issues: issues.items,
    input: ok ? { patients, featureNames: features.names, features: values, ...(repeat ? { repeat } : {}), predictors } : null,
    predictors,
    columns,
    overview,
  };
}
