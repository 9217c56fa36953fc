/**
 * Clinical table: one row per patient with the response category (mRECIST / RECIST: CR, PR, SD, PD), overall and
 * progression-free survival (time, event) and clinical variables.
 *
 * Outcome columns (case-insensitive; aliases in brackets; all configurable through `columns`):
 *   patient_id [patient, patientid, id, subject]; response [best_response, mrecist, recist];
 *   os_time [os, os_months]; os_event [os_status, death]; pfs_time [pfs, pfs_months]; pfs_event [pfs_status,
 *   progression]; centre [center, site, hospital].
 * Every other column is a clinical variable. With `variables` given, only those are read, each checked against its
 * type (numeric: a plain number within [min, max]; categorical: one of `levels`); without, the type is inferred
 * (numeric when every non-missing value is a number). Missing values (empty, NA) in a variable are warnings (the
 * patient drops out of any model that uses it); a missing or unknown response is an error; missing survival is a
 * warning (the patient drops out of that survival analysis) unless `requireSurvival`.
 */
import { cell, findColumn, IssueList, isMissing, parseEvent, parseNumber, readTable, type CsvTable } from './cohort-table.js';

export type ResponseCategory = 'CR' | 'PR' | 'SD' | 'PD';
export const RESPONSE_CATEGORIES: readonly ResponseCategory[] = ['CR', 'PR', 'SD', 'PD'];

export interface SurvivalOutcome {
  time: number;
  /** 1 = event (death / progression), 0 = censored. */
  event: 0 | 1;
}

export interface ClinicalVariableSpec {
  name: string;
  /** CSV column (default: name). */
  column?: string;
  type: 'numeric' | 'categorical';
  label?: string;
  unit?: string;
  min?: number;
  max?: number;
  /** Categorical levels; the first is the reference level of dummy coding. */
  levels?: string[];
}

export interface ClinicalRecord {
  patientId: string;
  row: number;
  centre?: string;
  response: ResponseCategory | null;
  os: SurvivalOutcome | null;
  pfs: SurvivalOutcome | null;
  values: Record<string, number | string | null>;
}

export const CLINICAL_COLUMNS = {
  patientId: ['patient_id', 'patient', 'patientid', 'id', 'subject'],
  response: ['response', 'best_response', 'mrecist', 'recist'],
  osTime: ['os_time', 'os', 'os_months'],
  osEvent: ['os_event', 'os_status', 'death'],
  pfsTime: ['pfs_time', 'pfs', 'pfs_months'],
  pfsEvent: ['pfs_event', 'pfs_status', 'progression'],
  centre: ['centre', 'center', 'site', 'hospital'],
} as const;

type OutcomeKey = keyof typeof CLINICAL_COLUMNS;

export interface ClinicalOptions {
  file?: string;
  /** Explicit column names for the outcome columns. */
  columns?: Partial<Record<OutcomeKey, string>>;
  variables?: ClinicalVariableSpec[];
  /** Missing response is an error (default true). */
  requireResponse?: boolean;
  /** Missing OS / PFS is an error instead of a warning (default false). */
  requireSurvival?: boolean;
}

function inferVariables(table: CsvTable, used: Set<number>): ClinicalVariableSpec[] {
  const specs: ClinicalVariableSpec[] = [];
  table.header.forEach((h, k) => {
    if (used.has(k) || h === '') return;
    const values = table.rows.map((r) => cell(table, r, k)).filter((v) => !isMissing(v));
    const numeric = values.length > 0 && values.every((v) => parseNumber(v) !== null);
    if (numeric) specs.push({ name: h, type: 'numeric' });
    else specs.push({ name: h, type: 'categorical', levels: [...new Set(values)].sort() });
  });
  return specs;
}

export interface ClinicalTable {
  /** Valid rows (rows with errors are left out). */
  records: ClinicalRecord[];
  variables: ClinicalVariableSpec[];
  /** Every patient id present in the file, valid row or not (so the join does not call them unknown). */
  allIds: Set<string>;
  /** Header names of the id and centre columns as written in the file. */
  idColumn: string;
  centreColumn: string;
}

/** Parses and checks the clinical table; returns records (rows with errors left out) and the resolved variables. */
export function parseClinical(text: string, issues: IssueList, options: ClinicalOptions = {}): ClinicalTable {
  const file = options.file ?? 'clinical.csv';
  const table = readTable(file, text, issues);
  if (!table) return { records: [], variables: [], allIds: new Set(), idColumn: 'patient_id', centreColumn: 'centre' };
  const col = {} as Record<OutcomeKey, number>;
  for (const key of Object.keys(CLINICAL_COLUMNS) as OutcomeKey[]) {
    const explicit = options.columns?.[key];
    col[key] = findColumn(table, explicit ? [explicit] : CLINICAL_COLUMNS[key]);
    if (explicit && col[key] < 0) issues.error(file, 1, explicit, `column given for ${key} is not in the header`);
  }
  if (col.patientId < 0) {
    issues.error(file, 1, CLINICAL_COLUMNS.patientId[0], `required column is missing (accepted names: ${CLINICAL_COLUMNS.patientId.join(', ')})`);
    return { records: [], variables: [], allIds: new Set(), idColumn: 'patient_id', centreColumn: 'centre' };
  }
  const requireResponse = options.requireResponse ?? true;
  if (col.response < 0 && requireResponse) issues.error(file, 1, CLINICAL_COLUMNS.response[0], `required column is missing (accepted names: ${CLINICAL_COLUMNS.response.join(', ')})`);
  for (const [t, e] of [['osTime', 'osEvent'], ['pfsTime', 'pfsEvent']] as const) {
    if ((col[t] < 0) !== (col[e] < 0)) {
      const missing = col[t] < 0 ? t : e;
      issues.error(file, 1, CLINICAL_COLUMNS[missing][0], `column is missing although its partner ${col[t] < 0 ? table.header[col[e]] : table.header[col[t]]} is present`);
    } else if (col[t] < 0 && options.requireSurvival) issues.error(file, 1, CLINICAL_COLUMNS[t][0], 'required survival column is missing');
  }
  const used = new Set(Object.values(col).filter((k) => k >= 0));
  let variables = options.variables ?? inferVariables(table, used);
  const varCol = new Map<string, number>();
  for (const v of variables) {
    const k = findColumn(table, [v.column ?? v.name]);
    if (k < 0) issues.error(file, 1, v.column ?? v.name, `clinical variable "${v.name}" has no column in the header`);
    else varCol.set(v.name, k);
  }
  variables = variables.filter((v) => varCol.has(v.name));

  const records: ClinicalRecord[] = [];
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const id = cell(table, r, col.patientId);
    const h = (k: number) => table.header[k];
    if (isMissing(id)) {
      issues.error(file, r.row, h(col.patientId), 'patient id is empty');
      continue;
    }
    if (seen.has(id)) {
      issues.error(file, r.row, h(col.patientId), `duplicated patient id ${id} (first in row ${seen.get(id)})`, id);
      continue;
    }
    seen.set(id, r.row);
    let bad = false;
    let response: ResponseCategory | null = null;
    if (col.response >= 0) {
      const s = cell(table, r, col.response).toUpperCase();
      if (isMissing(s)) {
        if (requireResponse) {
          issues.error(file, r.row, h(col.response), `missing outcome: response of patient ${id} is empty (expected CR, PR, SD or PD)`, id);
          bad = true;
        }
      } else if ((RESPONSE_CATEGORIES as readonly string[]).includes(s)) response = s as ResponseCategory;
      else {
        issues.error(file, r.row, h(col.response), `response "${cell(table, r, col.response)}" is not one of CR, PR, SD, PD`, id);
        bad = true;
      }
    }
    const survival = (tk: number, ek: number, what: string): SurvivalOutcome | null => {
      if (tk < 0 || ek < 0) return null;
      const ts = cell(table, r, tk);
      const es = cell(table, r, ek);
      if (isMissing(ts) || isMissing(es)) {
        const which = isMissing(ts) ? tk : ek;
        const detail = `missing outcome: ${what} ${isMissing(ts) ? 'time' : 'event'} of patient ${id} is empty`;
        if (options.requireSurvival) {
          issues.error(file, r.row, h(which), detail, id);
          bad = true;
        } else issues.warning(file, r.row, h(which), `${detail}; the patient is left out of the ${what} analysis`, id);
        return null;
      }
      const time = parseNumber(ts);
      const event = parseEvent(es);
      if (time === null) issues.error(file, r.row, h(tk), `"${ts}" is not a number`, id);
      else if (time < 0) issues.error(file, r.row, h(tk), `${what} time ${ts} is negative`, id);
      if (event === null) issues.error(file, r.row, h(ek), `"${es}" is not an event indicator (1 = event, 0 = censored)`, id);
      if (time === null || time < 0 || event === null) {
        bad = true;
        return null;
      }
      return { time, event };
    };
    const os = survival(col.osTime, col.osEvent, 'OS');
    const pfs = survival(col.pfsTime, col.pfsEvent, 'PFS');
    const values: Record<string, number | string | null> = {};
    for (const v of variables) {
      const k = varCol.get(v.name)!;
      const s = cell(table, r, k);
      if (isMissing(s)) {
        values[v.name] = null;
        issues.warning(file, r.row, h(k), `missing value of ${v.name} for patient ${id}`, id);
      } else if (v.type === 'numeric') {
        const x = parseNumber(s);
        if (x === null) {
          issues.error(file, r.row, h(k), `"${s}" is not a number`, id);
          bad = true;
        } else if ((v.min !== undefined && x < v.min) || (v.max !== undefined && x > v.max)) {
          issues.error(file, r.row, h(k), `${x} is outside the allowed range [${v.min ?? '-inf'}, ${v.max ?? 'inf'}]${v.unit ? ` ${v.unit}` : ''}`, id);
          bad = true;
        } else values[v.name] = x;
      } else if (v.levels && !v.levels.includes(s)) {
        issues.error(file, r.row, h(k), `"${s}" is not one of the categories ${v.levels.join(', ')}`, id);
        bad = true;
      } else values[v.name] = s;
    }
    if (bad) continue;
    const centre = cell(table, r, col.centre);
    records.push({ patientId: id, row: r.row, ...(isMissing(centre) ? {} : { centre }), response, os, pfs, values });
  }
  if (table.rows.length === 0) issues.error(file, undefined, undefined, 'the clinical table has a header but no rows');
  const name = (k: number, fallback: string) => (k >= 0 ? table.header[k] : fallback);
  return { records, variables, allIds: new Set(seen.keys()), idColumn: name(col.patientId, 'patient_id'), centreColumn: name(col.centre, 'centre') };
}
