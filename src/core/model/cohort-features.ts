/**
 * The cohort feature table that extraction writes and `train` reads (feature-table.ts): one row per patient, a
 * `patient_id` column, then one column per feature named `<sequence>_<PyRadiomics name>` (AP_original_glcm_Contrast),
 * or the bare PyRadiomics name when the manifest has a single unnamed sequence (model-file.ts: no `sequences`).
 *
 * Numbers are written in shortest round-trip form (String(x)), so reading the table back gives exactly the extracted
 * values; an undefined feature (NaN) is written "NaN", which `train` reports as a missing value naming the patient.
 * Merging shard tables copies rows verbatim after checking that every file has the same columns in the same order
 * and that no patient appears twice (each problem names the file, and the other file for a duplicate).
 */
import { csvField } from '../csv.js';
import { findColumn, IssueList, readTable } from './cohort-table.js';

export interface CohortFeatureTable {
  ids: string[];
  names: string[];
  /** values[i][j]: patient i, feature j */
  values: number[][];
}

/** Column name of a feature of a sequence; `prefixed` false keeps the bare name (single unnamed sequence). */
export function sequenceFeatureName(sequence: string, name: string, prefixed: boolean): string {
  return prefixed ? `${sequence}_${name}` : name;
}

/**
 * One patient's row from its per-sequence results, in `sequences` order. Throws when a sequence is missing or its
 * feature names differ from `names` (the first patient's, when given).
 */
export function patientFeatureRow(
  id: string,
  sequences: readonly string[],
  perSequence: ReadonlyMap<string, readonly { name: string; value: number }[]>,
  prefixed: boolean,
): { names: string[]; values: number[] } {
  const names: string[] = [];
  const values: number[] = [];
  for (const q of sequences) {
    const features = perSequence.get(q);
    if (!features) throw new Error(`patient ${id}: no features for sequence "${q}"`);
    for (const f of features) {
      names.push(sequenceFeatureName(q, f.name, prefixed));
      values.push(f.value);
    }
  }
  return { names, values };
}

export function featureTableCsv(table: CohortFeatureTable): string {
  const lines = [['patient_id', ...table.names].map(csvField).join(',')];
  table.ids.forEach((id, i) => lines.push([csvField(id), ...table.values[i].map((v) => String(v))].join(',')));
  return `${lines.join('\n')}\n`;
}

export interface MergeSource {
  /** file name used in messages */
  name: string;
  text: string;
}

/**
 * Concatenates feature tables (shards) in the given order. Problems go to `issues`: a header that differs from the
 * first file's (the first differing column is named), a patient id present in two files or twice in one.
 */
export function mergeFeatureTables(sources: readonly MergeSource[], issues: IssueList): string | null {
  if (sources.length === 0) {
    issues.error('merge', undefined, undefined, 'no input files');
    return null;
  }
  let header: string[] | null = null;
  let headerFile = '';
  const lines: string[] = [];
  const seen = new Map<string, { file: string; row: number }>();
  for (const s of sources) {
    const table = readTable(s.name, s.text, issues);
    if (!table) continue;
    if (header === null) {
      header = table.header;
      headerFile = s.name;
      if (findColumn(table, ['patient_id']) !== 0) issues.error(s.name, 1, table.header[0], 'the first column must be patient_id');
      lines.push(header.map(csvField).join(','));
    } else if (table.header.join('\u0000') !== header.join('\u0000')) {
      const k = header.findIndex((h, j) => table.header[j] !== h);
      const at = k < 0 ? header.length : k;
      const detail =
        table.header.length !== header.length
          ? `has ${table.header.length} columns, ${headerFile} has ${header.length}`
          : `column ${at + 1} is "${table.header[at]}" but "${header[at]}" in ${headerFile}`;
      issues.error(s.name, 1, undefined, `not the same columns as ${headerFile}: ${detail}`);
      continue;
    }
    for (const r of table.rows) {
      const id = (r.cells[0] ?? '').trim();
      const prev = seen.get(id);
      if (prev) {
        issues.error(s.name, r.row, header[0], `duplicated patient id ${id}: already in ${prev.file}, row ${prev.row}`, id);
        continue;
      }
      seen.set(id, { file: s.name, row: r.row });
      lines.push(r.cells.map(csvField).join(','));
    }
  }
  return issues.hasErrors ? null : `${lines.join('\n')}\n`;
}
