/**
 * Reading the small numeric CSV tables of `webradiomics evaluate` and `webradiomics survival`: named columns (or
 * aliases, case-insensitive), numbers parsed strictly, problems as issues naming file, row and column. Rows with
 * a missing value in a used column are left out with a warning (complete cases), so paired tests stay paired.
 */
import { cell, findColumn, IssueList, isMissing, parseEvent, parseNumber, readTable, type CohortIssue, type CsvTable } from '../model/cohort-table.js';

export interface ColumnRequest {
  /** What the column is for, in messages ("outcome", "time"). */
  role: string;
  /** Explicit column name (from the command line) or the accepted names. */
  names: readonly string[];
  kind: 'number' | 'binary' | 'text';
  /** The option that names this column, for the hint in the message. */
  option?: string;
}

export interface ReadColumns {
  ok: boolean;
  issues: CohortIssue[];
  table: CsvTable | null;
  /** Header names of the resolved columns, in request order. */
  names: string[];
  /** values[c][i]: column c, kept row i. */
  values: (number | string)[][];
  /** File row numbers of the kept rows. */
  rows: number[];
}

export function readColumns(file: string, text: string, requests: readonly ColumnRequest[]): ReadColumns {
  const issues = new IssueList();
  const table = readTable(file, text, issues);
  const fail = (): ReadColumns => ({ ok: false, issues: issues.items, table, names: [], values: [], rows: [] });
  if (!table) return fail();
  const cols = requests.map((r) => {
    const k = findColumn(table, r.names);
    if (k < 0) issues.error(file, 1, r.names[0], `no ${r.role} column (looked for ${r.names.join(', ')}${r.option ? `; name it with ${r.option}` : ''})`);
    return k;
  });
  if (issues.hasErrors) return fail();
  const values: (number | string)[][] = requests.map(() => []);
  const rows: number[] = [];
  for (const r of table.rows) {
    const parsed: (number | string)[] = [];
    let missing: string | null = null;
    let bad = false;
    requests.forEach((req, c) => {
      const s = cell(table, r, cols[c]);
      const h = table.header[cols[c]];
      if (isMissing(s)) {
        missing ??= h;
        return;
      }
      if (req.kind === 'text') parsed.push(s);
      else if (req.kind === 'binary') {
        const e = parseEvent(s);
        if (e === null) {
          issues.error(file, r.row, h, `"${s}" is not 0 or 1`);
          bad = true;
        } else parsed.push(e);
      } else {
        const v = parseNumber(s);
        if (v === null) {
          issues.error(file, r.row, h, `"${s}" is not a number`);
          bad = true;
        } else parsed.push(v);
      }
    });
    if (bad) continue;
    if (missing !== null) {
      issues.warning(file, r.row, missing, 'missing value; the row is left out');
      continue;
    }
    parsed.forEach((v, c) => values[c].push(v));
    rows.push(r.row);
  }
  if (!issues.hasErrors && rows.length === 0) issues.error(file, undefined, undefined, 'no complete row to analyse');
  return { ok: !issues.hasErrors, issues: issues.items, table, names: cols.map((k) => table.header[k]), values, rows };
}
