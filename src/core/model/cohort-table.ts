/**
 * Shared pieces of cohort input parsing: issues that name file, row and column; a CSV table that keeps file row
 * numbers (row 1 = header, blank lines keep their number); column lookup by name or alias, case-insensitive; and
 * strict value parsers.
 */
import { parseCsv } from '../csv.js';

export type IssueSeverity = 'error' | 'warning';

export interface CohortIssue {
  severity: IssueSeverity;
  /** File name as given by the caller (e.g. "clinical.csv"). */
  file: string;
  /** 1-based row of the file; the header is row 1. Absent for whole-file problems. */
  row?: number;
  column?: string;
  patientId?: string;
  /** Full sentence naming file, row and column, ready to show. */
  message: string;
}

/** "clinical.csv, row 12, column \"AFP\": detail" */
export function issueText(file: string, row: number | undefined, column: string | undefined, detail: string): string {
  return `${file}${row !== undefined ? `, row ${row}` : ''}${column !== undefined ? `, column "${column}"` : ''}: ${detail}`;
}

export class IssueList {
  readonly items: CohortIssue[] = [];
  add(severity: IssueSeverity, file: string, row: number | undefined, column: string | undefined, detail: string, patientId?: string): void {
    this.items.push({
      severity,
      file,
      ...(row !== undefined ? { row } : {}),
      ...(column !== undefined ? { column } : {}),
      ...(patientId !== undefined ? { patientId } : {}),
      message: issueText(file, row, column, detail),
    });
  }
  error(file: string, row: number | undefined, column: string | undefined, detail: string, patientId?: string): void {
    this.add('error', file, row, column, detail, patientId);
  }
  warning(file: string, row: number | undefined, column: string | undefined, detail: string, patientId?: string): void {
    this.add('warning', file, row, column, detail, patientId);
  }
  get hasErrors(): boolean {
    return this.items.some((i) => i.severity === 'error');
  }
}

export interface CsvTable {
  file: string;
  header: string[];
  /** Data rows with their 1-based file row number; blank lines are skipped but counted. */
  rows: { row: number; cells: string[] }[];
}

/** Parses CSV text into a table, or reports an empty file / missing header. */
export function readTable(file: string, text: string, issues: IssueList): CsvTable | null {
  const all = parseCsv(text);
  if (all.length === 0 || all[0].every((h) => h.trim() === '')) {
    issues.error(file, undefined, undefined, 'the file is empty (a header row is needed)');
    return null;
  }
  const header = all[0].map((h) => h.trim());
  const rows: CsvTable['rows'] = [];
  for (let i = 1; i < all.length; i++) {
    const cells = all[i];
    if (cells.every((c) => c.trim() === '')) continue;
    rows.push({ row: i + 1, cells });
  }
  const seen = new Map<string, number>();
  header.forEach((h, k) => {
    const key = h.toLowerCase();
    if (h !== '' && seen.has(key)) issues.error(file, 1, h, `column name appears twice (columns ${seen.get(key)! + 1} and ${k + 1})`);
    seen.set(key, k);
  });
  return { file, header, rows };
}

const normalise = (s: string): string => s.trim().toLowerCase().replace(/[\s.-]+/g, '_');

/** Index of the first header matching the name or one of its aliases (case-, space- and dash-insensitive). */
export function findColumn(table: CsvTable, names: readonly string[]): number {
  const wanted = names.map(normalise);
  for (const w of wanted) {
    const k = table.header.findIndex((h) => normalise(h) === w);
    if (k >= 0) return k;
  }
  return -1;
}

export function cell(_table: CsvTable, r: { cells: string[] }, k: number): string {
  return k < 0 ? '' : (r.cells[k] ?? '').trim();
}

/** Empty, NA, N/A, NaN, null, "." and "-" all mean missing. */
export function isMissing(s: string): boolean {
  return /^(|na|n\/a|nan|null|none|\.|-)$/i.test(s.trim());
}

/** Strict decimal number (R's as.numeric on a plain number; no thousands separators, no units). */
export function parseNumber(s: string): number | null {
  const t = s.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** Event indicator: 1/0, true/false, yes/no (case-insensitive). */
export function parseEvent(s: string): 0 | 1 | null {
  const t = s.trim().toLowerCase();
  if (t === '1' || t === 'true' || t === 'yes') return 1;
  if (t === '0' || t === 'false' || t === 'no') return 0;
  return null;
}
