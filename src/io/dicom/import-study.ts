/**
 * Study import: the tags of every file are read first (itk-wasm read-dicom-tags, 1-6 ms per file once the module
 * is loaded) together with a walk over the element headers (part10-scan.ts: transfer syntax, pixel data extent),
 * and the files are then sorted into series, non-image objects, duplicates and unreadable files (core/dicom/study).
 * Nothing is decoded yet.
 */
import { fileRecord, TAG, tagNumbers, TAGS_TO_READ, type ScanSummary } from '../../core/dicom/file-record.js';
import { organiseStudy, type ReadFileResult, type StudyImport } from '../../core/dicom/study.js';
import { readTagsWithDcmjs } from './dcmjs-tags.js';
import { pixelDataProblem, scanPart10, type Part10Scan } from './part10-scan.js';
import { readTags, type PipelineRunner } from './pipeline-runner.js';

/** One file of a study: its path in the folder (used in every message) and its bytes. */
export interface DicomInput {
  path: string;
  bytes: Uint8Array;
}

export interface ImportProgress {
  phase: 'reading-tags' | 'sorting' | 'decoding' | 'checking';
  done: number;
  total: number;
}

export type ProgressCallback = (p: ImportProgress) => void;

/** Calls `report` at most every `ms` milliseconds, and always for the last step. */
export function throttled(report: ProgressCallback | undefined, ms = 100): ProgressCallback {
  let last = 0;
  return (p) => {
    if (!report) return;
    const now = Date.now();
    if (p.done === p.total || now - last >= ms) {
      last = now;
      report(p);
    }
  };
}

function unreadableReason(bytes: Uint8Array, scan: Part10Scan, error: string): string {
  if (!scan.preamble) {
    if (scan.pixelData && !scan.unscannable && scan.truncatedAt === undefined) {
      return 'a DICOM dataset without the Part 10 file header (no "DICM" marker at byte 128), which itk-wasm cannot read: export it again as a DICOM file';
    }
    return `not a DICOM file (no "DICM" marker at byte 128${error ? `; itk-wasm: ${error}` : ''})`;
  }
  if (scan.truncatedAt !== undefined) return `a damaged or truncated DICOM file (it ends inside an element at byte ${scan.truncatedAt} of ${bytes.length})`;
  return `not readable as DICOM (${error || 'no reason given'})`;
}

/** Reads one file's tags and scans its bytes. */
export async function readDicomFile(run: PipelineRunner, input: DicomInput, index: number): Promise<ReadFileResult> {
  const file = input.path;
  const bytes = input.bytes;
  if (bytes.length === 0) return { file, unreadable: 'the file is empty (0 bytes)' };
  const scan = scanPart10(bytes);
  const read = await readTags(run, bytes, TAGS_TO_READ);
  // read-dicom-tags rejects files without pixel data (RTSTRUCT, SR, DICOMDIR) and aborts on damaged pixel data:
  // dcmjs reads the header of those, so that they are sorted (and a damaged image is named in its series).
  const tags = read.tags ?? (scan.preamble ? readTagsWithDcmjs(bytes, TAGS_TO_READ) : undefined);
  if (!tags) return { file, unreadable: unreadableReason(bytes, scan, read.error ?? '') };
  const n = (tag: string, fallback: number) => tagNumbers(tags, tag)?.[0] ?? fallback;
  const rows = n(TAG.Rows, 0);
  const summary: ScanSummary = {
    transferSyntaxUid: scan.transferSyntaxUid,
    mediaStorageSopClassUid: scan.mediaStorageSopClassUid,
    hasPixelData: scan.pixelData !== undefined,
    pixelDataProblem:
      rows > 0
        ? pixelDataProblem(scan, {
            rows,
            columns: n(TAG.Columns, 0),
            frames: n(TAG.NumberOfFrames, 1),
            samplesPerPixel: n(TAG.SamplesPerPixel, 1),
            bitsAllocated: n(TAG.BitsAllocated, 16),
          })
        : undefined,
  };
  // A file cut off before its pixel data still has rows and columns: it is a damaged image, not a non-image object.
  if (!summary.hasPixelData && summary.pixelDataProblem) summary.hasPixelData = true;
  // An image whose pixel data looks whole but that itk-wasm cannot read would fail the whole series later.
  if (!read.tags && summary.hasPixelData && !summary.pixelDataProblem) summary.decoderProblem = `itk-wasm cannot read this file (${read.error || 'no reason given'})`;
  return { file, record: fileRecord(file, index, tags, summary) };
}

/** Reads the tags of every file and sorts the study. */
export async function importStudy(run: PipelineRunner, files: DicomInput[], onProgress?: ProgressCallback): Promise<StudyImport> {
  const progress = throttled(onProgress);
  const results: ReadFileResult[] = [];
  for (let n = 0; n < files.length; n++) {
    results.push(await readDicomFile(run, files[n], n));
    progress({ phase: 'reading-tags', done: n + 1, total: files.length });
  }
  onProgress?.({ phase: 'sorting', done: 0, total: 1 });
  const study = organiseStudy(results);
  onProgress?.({ phase: 'sorting', done: 1, total: 1 });
  return study;
}
