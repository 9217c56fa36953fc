/**
 * Image manifest: one row per image-mask pair (long format), so a patient may have several sequences and, for
 * inter-observer reproducibility (ICC), several segmentations ("readers") of the same sequence.
 *
 * Columns (names case-insensitive; aliases in brackets):
 *   patient_id  required  [patient, patientid, id, subject]
 *   image       required  image file or DICOM folder [image_path, image_file, image_folder, image_dir]
 *   mask        required  label map, DICOM SEG or RTSTRUCT file [mask_path, mask_file, segmentation, label, seg]
 *   sequence    optional  e.g. AP, PVP, T2 (default "image") [phase, series_name]
 *   series      optional  SeriesInstanceUID selector inside a DICOM folder [series_uid, seriesinstanceuid]
 *   segment     optional  positive integer label value / DICOM SEG segment number [label_value, segment_number]
 *   roi         optional  RTSTRUCT ROI name [roi_name, structure]
 *   centre      optional  [center, site, hospital]
 *   reader      optional  segmentation id for repeat segmentations (default "1") [observer, rater]
 * Checks: required columns, non-empty paths that exist (caller's callback), positive integer segments, one centre
 * per patient, no duplicate (patient, sequence, reader).
 */
import { cell, findColumn, IssueList, isMissing, readTable } from './cohort-table.js';

export interface ManifestEntry {
  patientId: string;
  sequence: string;
  reader: string;
  image: string;
  mask: string;
  series?: string;
  segment?: number;
  roi?: string;
  centre?: string;
  /** 1-based row in the manifest file. */
  row: number;
}

export const MANIFEST_COLUMNS = {
  patientId: ['patient_id', 'patient', 'patientid', 'id', 'subject'],
  image: ['image', 'image_path', 'image_file', 'image_folder', 'image_dir'],
  mask: ['mask', 'mask_path', 'mask_file', 'segmentation', 'label', 'seg'],
  sequence: ['sequence', 'phase', 'series_name'],
  series: ['series', 'series_uid', 'seriesinstanceuid'],
  segment: ['segment', 'label_value', 'segment_number'],
  roi: ['roi', 'roi_name', 'structure'],
  centre: ['centre', 'center', 'site', 'hospital'],
  reader: ['reader', 'observer', 'rater'],
} as const;

export interface ManifestOptions {
  /** File name used in messages (default "manifest.csv"). */
  file?: string;
  /** Tells whether a path (as written in the manifest) exists; omit to skip the check. */
  pathExists?: (path: string) => boolean;
}

export interface Manifest {
  /** Valid rows (rows with errors are left out). */
  entries: ManifestEntry[];
  /** Header name of the patient id column as written in the file. */
  idColumn: string;
  /** Whether the file has a sequence column (without one every row is sequence "image" and names are unprefixed). */
  sequenceColumn: boolean;
}

/** Parses and checks the manifest; problems go to `issues`. */
export function parseManifest(text: string, issues: IssueList, options: ManifestOptions = {}): Manifest {
  const file = options.file ?? 'manifest.csv';
  const table = readTable(file, text, issues);
  if (!table) return { entries: [], idColumn: 'patient_id', sequenceColumn: false };
  const col = Object.fromEntries(
    Object.entries(MANIFEST_COLUMNS).map(([key, names]) => [key, findColumn(table, names)]),
  ) as Record<keyof typeof MANIFEST_COLUMNS, number>;
  let missingRequired = false;
  for (const key of ['patientId', 'image', 'mask'] as const) {
    if (col[key] < 0) {
      issues.error(file, 1, MANIFEST_COLUMNS[key][0], `required column is missing (accepted names: ${MANIFEST_COLUMNS[key].join(', ')})`);
      missingRequired = true;
    }
  }
  if (missingRequired) return { entries: [], idColumn: 'patient_id', sequenceColumn: col.sequence >= 0 };
  const header = (key: keyof typeof MANIFEST_COLUMNS) => table.header[col[key]];

  const entries: ManifestEntry[] = [];
  const seen = new Map<string, number>();
  const centreOf = new Map<string, { centre: string; row: number }>();
  for (const r of table.rows) {
    const id = cell(table, r, col.patientId);
    if (isMissing(id)) {
      issues.error(file, r.row, header('patientId'), 'patient id is empty');
      continue;
    }
    let bad = false;
    const path = (key: 'image' | 'mask'): string => {
      const p = cell(table, r, col[key]);
      if (isMissing(p)) {
        issues.error(file, r.row, header(key), `${key} path is empty`, id);
        bad = true;
      } else if (options.pathExists && !options.pathExists(p)) {
        issues.error(file, r.row, header(key), `${key} file or folder not found: ${p}`, id);
        bad = true;
      }
      return p;
    };
    const image = path('image');
    const mask = path('mask');
    const opt = (key: keyof typeof MANIFEST_COLUMNS): string | undefined => {
      const v = cell(table, r, col[key]);
      return isMissing(v) ? undefined : v;
    };
    const sequence = opt('sequence') ?? 'image';
    const reader = opt('reader') ?? '1';
    const segText = opt('segment');
    let segment: number | undefined;
    if (segText !== undefined) {
      segment = Number(segText);
      if (!/^\d+$/.test(segText) || segment < 1) {
        issues.error(file, r.row, header('segment'), `segment must be a positive integer, got "${segText}"`, id);
        bad = true;
      }
    }
    const centre = opt('centre');
    if (centre !== undefined) {
      const prev = centreOf.get(id);
      if (prev && prev.centre !== centre) {
        issues.error(file, r.row, header('centre'), `patient ${id} is given centre "${centre}" here but "${prev.centre}" in row ${prev.row}`, id);
        bad = true;
      } else if (!prev) centreOf.set(id, { centre, row: r.row });
    }
    const key = `${id}\u0000${sequence}\u0000${reader}`;
    if (seen.has(key)) {
      issues.error(file, r.row, header('patientId'), `duplicated patient id ${id}: sequence "${sequence}", reader "${reader}" already listed in row ${seen.get(key)}`, id);
      bad = true;
    } else seen.set(key, r.row);
    if (bad) continue;
    entries.push({
      patientId: id,
      sequence,
      reader,
      image,
      mask,
      row: r.row,
      ...(opt('series') !== undefined ? { series: opt('series') } : {}),
      ...(segment !== undefined ? { segment } : {}),
      ...(opt('roi') !== undefined ? { roi: opt('roi') } : {}),
      ...(centre !== undefined ? { centre } : {}),
    });
  }
  if (table.rows.length === 0) issues.error(file, undefined, undefined, 'the manifest has a header but no rows');
  return { entries, idColumn: header('patientId'), sequenceColumn: col.sequence >= 0 };
}

/** One patient of a cohort extraction: its rows of one reader, by sequence. */
export interface ManifestPatient {
  id: string;
  centre?: string;
  /** entries in the cohort's sequence order */
  entries: ManifestEntry[];
}

export interface CohortPlan {
  /** sequences in order of first appearance in the manifest */
  sequences: string[];
  /** patients in order of first appearance, each with every sequence */
  patients: ManifestPatient[];
}

/**
 * Groups the rows of one reader by patient and checks that every patient has every sequence of the cohort (an
 * error names the patient, its first row and the missing sequence). Rows of other readers are left out.
 */
export function cohortPlan(entries: readonly ManifestEntry[], issues: IssueList, options: { reader?: string; file?: string } = {}): CohortPlan {
  const file = options.file ?? 'manifest.csv';
  const reader = options.reader ?? '1';
  const rows = entries.filter((e) => e.reader === reader);
  if (rows.length === 0 && entries.length > 0) issues.error(file, undefined, 'reader', `no rows for reader "${reader}"`);
  const sequences: string[] = [];
  const byPatient = new Map<string, ManifestEntry[]>();
  for (const e of rows) {
    if (!sequences.includes(e.sequence)) sequences.push(e.sequence);
    const list = byPatient.get(e.patientId) ?? [];
    list.push(e);
    byPatient.set(e.patientId, list);
  }
  const patients: ManifestPatient[] = [];
  for (const [id, list] of byPatient) {
    const missing = sequences.filter((q) => !list.some((e) => e.sequence === q));
    if (missing.length > 0) {
      issues.error(file, list[0].row, 'sequence', `patient ${id} has no row for sequence ${missing.map((q) => `"${q}"`).join(', ')}`, id);
      continue;
    }
    const ordered = sequences.map((q) => list.find((e) => e.sequence === q)!);
    patients.push({ id, ...(list[0].centre !== undefined ? { centre: list[0].centre } : {}), entries: ordered });
  }
  return { sequences, patients };
}

/** A `--shard k/n` choice: this run takes the k-th of n parts (1-based). */
export interface Shard {
  index: number;
  count: number;
}

/** Parses "k/n" (integers, 1 <= k <= n); throws an Error saying what is wrong. */
export function parseShard(spec: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(spec);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new Error(`bad shard "${spec}": expected k/n with integers 1 <= k <= n, e.g. 2/4`);
  }
  return { index, count };
}

/**
 * The patients of shard k of n: contiguous blocks in manifest order, patients floor((k-1) P / n) up to
 * floor(k P / n) - 1, so that shards 1..n concatenated in order give the single run's table row for row.
 */
export function shardPatients<T>(patients: readonly T[], shard: Shard): T[] {
  const p = patients.length;
  return patients.slice(Math.floor(((shard.index - 1) * p) / shard.count), Math.floor((shard.index * p) / shard.count));
}
