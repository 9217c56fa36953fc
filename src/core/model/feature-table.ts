/**
 * Feature table: one row per patient (id column first, or a column named like patient_id), one numeric column per
 * radiomic feature (e.g. "AP_original_glcm_Contrast"). Parsed with messages naming file, row and column for
 * non-numeric or missing values and duplicated ids; then aligned to a list of patient ids (ids without a row are
 * reported). The same format serves a repeat segmentation (second reader) for the ICC filter.
 */
import { cell, findColumn, IssueList, isMissing, parseNumber, readTable, type CohortIssue } from './cohort-table.js';

export interface FeatureTable {
  ids: string[];
  names: string[];
  /** values[i][j]: row i, feature j. */
  values: number[][];
  issues: CohortIssue[];
  ok: boolean;
}

export function parseFeatureTable(text: string, options: { file?: string } = {}): FeatureTable {
  const file = options.file ?? 'features.csv';
  const issues = new IssueList();
  const table = readTable(file, text, issues);
  if (!table) return { ids: [], names: [], values: [], issues: issues.items, ok: false };
  let idCol = findColumn(table, ['patient_id', 'patient', 'patientid', 'id', 'subject']);
  if (idCol < 0) idCol = 0;
  const featureCols = table.header.map((_, k) => k).filter((k) => k !== idCol);
  const names = featureCols.map((k) => table.header[k]);
  if (names.length === 0) issues.error(file, 1, undefined, 'no feature columns');
  const ids: string[] = [];
  const values: number[][] = [];
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const id = cell(table, r, idCol);
    if (isMissing(id)) {
      issues.error(file, r.row, table.header[idCol], 'patient id is empty');
      continue;
    }
    if (seen.has(id)) {
      issues.error(file, r.row, table.header[idCol], `duplicated patient id ${id} (first in row ${seen.get(id)})`, id);
      continue;
    }
    seen.set(id, r.row);
    let bad = false;
    const row = featureCols.map((k) => {
      const s = cell(table, r, k);
      const v = isMissing(s) ? null : parseNumber(s);
      if (v === null) {
        issues.error(file, r.row, table.header[k], isMissing(s) ? `missing value for patient ${id}` : `"${s}" is not a number`, id);
        bad = true;
      }
      return v ?? NaN;
    });
    if (bad) continue;
    ids.push(id);
    values.push(row);
  }
  return { ids, names, values, issues: issues.items, ok: !issues.hasErrors };
}

/** Rows of `table` in the order of `patientIds`; ids without a row become errors in the returned issues. */
export function alignFeatures(table: FeatureTable, patientIds: readonly string[], file = 'features.csv'): { values: number[][]; issues: CohortIssue[]; ok: boolean } {
  const issues = new IssueList();
  const at = new Map(table.ids.map((id, i) => [id, i]));
  const values: number[][] = [];
  for (const id of patientIds) {
    const i = at.get(id);
    if (i === undefined) issues.error(file, undefined, undefined, `patient ${id} has no feature row`, id);
    else values.push(table.values[i]);
  }
  return { values, issues: issues.items, ok: !issues.hasErrors };
}
