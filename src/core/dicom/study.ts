/**
 * Sorting a study's files: image series grouped by SeriesInstanceUID (0020,000E), duplicate instances removed by
 * SOPInstanceUID (0008,0018), non-image objects (SEG, RTSTRUCT, SR, presentation states, DICOMDIR, ...) set aside
 * for the mask step, unreadable files listed with the reason. Each series gets a summary with its checks and a
 * phase guess. Pure: the tags were read before (src/io/dicom).
 */
import type { Geometry, Vec3 } from '../volume.js';
import { TAG, tagNumbers, tagText, type DicomFileRecord, type ObjectKind } from './file-record.js';
import { guessStudyPhases, type PhaseGuess, type PhaseInput } from './phase-guess.js';
import { checkSeries, type SeriesProblem } from './series-checks.js';

export interface UnreadableFile {
  file: string;
  reason: string;
}

export interface DuplicateFile {
  file: string;
  /** the file kept in its place */
  duplicateOf: string;
  sopInstanceUid: string;
}

export interface NonImageObject {
  file: string;
  index: number;
  kind: Exclude<ObjectKind, 'image'>;
  modality: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  seriesDescription: string;
  frameOfReferenceUid: string;
}

export interface SeriesSummary {
  seriesInstanceUid: string;
  studyInstanceUid: string;
  frameOfReferenceUid: string;
  seriesNumber?: number;
  modality: string;
  description: string;
  phase: PhaseGuess;
  /** columns x rows x slices */
  size: Vec3;
  /** mm: x, y (PixelSpacing) and z (from ImagePositionPatient); z is NaN when the slices cannot be placed */
  spacing: Vec3;
  sliceCount: number;
  /** the files, in slice order when it is known */
  files: string[];
  /** indices of the files in the input list, in the same order */
  fileIndices: number[];
  problems: SeriesProblem[];
  /** false when an error-level problem stops the decode */
  decodable: boolean;
  /** the volume's geometry as the tags describe it (undefined when errors make it unknowable) */
  geometry?: Geometry;
}

export interface StudyImport {
  series: SeriesSummary[];
  nonImage: NonImageObject[];
  unreadable: UnreadableFile[];
  duplicates: DuplicateFile[];
}

export interface ReadFileResult {
  record?: DicomFileRecord;
  /** set when the file could not be read as DICOM */
  unreadable?: string;
  file: string;
}

function phaseInput(r: DicomFileRecord): PhaseInput {
  const t = r.tags;
  return {
    modality: r.modality,
    seriesDescription: r.seriesDescription,
    protocolName: r.protocolName,
    imageType: tagText(t, TAG.ImageType),
    scanningSequence: tagText(t, TAG.ScanningSequence),
    sequenceName: tagText(t, TAG.SequenceName),
    echoTime: tagNumbers(t, TAG.EchoTime)?.[0],
    repetitionTime: tagNumbers(t, TAG.RepetitionTime)?.[0],
    diffusionBValue: tagNumbers(t, TAG.DiffusionBValue)?.[0],
    contrastAgent: tagText(t, TAG.ContrastBolusAgent),
    contrastStartTime: tagText(t, TAG.ContrastBolusStartTime),
    acquisitionTime: tagText(t, TAG.AcquisitionTime) || tagText(t, TAG.SeriesTime),
  };
}

/** Sorts read files into series, non-image objects, duplicates and unreadable files. */
export function organiseStudy(results: ReadFileResult[]): StudyImport {
  const unreadable: UnreadableFile[] = [];
  const duplicates: DuplicateFile[] = [];
  const nonImage: NonImageObject[] = [];
  const seen = new Map<string, string>();
  const bySeries = new Map<string, DicomFileRecord[]>();

  for (const result of results) {
    const r = result.record;
    if (!r) {
      unreadable.push({ file: result.file, reason: result.unreadable ?? 'not a DICOM file' });
      continue;
    }
    if (r.sopInstanceUid) {
      const first = seen.get(r.sopInstanceUid);
      if (first !== undefined) {
        duplicates.push({ file: r.file, duplicateOf: first, sopInstanceUid: r.sopInstanceUid });
        continue;
      }
      seen.set(r.sopInstanceUid, r.file);
    }
    if (r.kind !== 'image') {
      nonImage.push({
        file: r.file,
        index: r.index,
        kind: r.kind,
        modality: r.modality,
        sopInstanceUid: r.sopInstanceUid,
        seriesInstanceUid: r.seriesInstanceUid,
        seriesDescription: r.seriesDescription,
        frameOfReferenceUid: r.frameOfReferenceUid,
      });
      continue;
    }
    if (!r.seriesInstanceUid) {
      unreadable.push({ file: r.file, reason: 'an image without SeriesInstanceUID (0020,000E)' });
      continue;
    }
    const list = bySeries.get(r.seriesInstanceUid);
    if (list) list.push(r);
    else bySeries.set(r.seriesInstanceUid, [r]);
  }

  const groups = [...bySeries.values()];
  const phases = guessStudyPhases(groups.map((g) => phaseInput(g[0])));
  const series = groups.map((records, n): SeriesSummary => {
    const check = checkSeries(records);
    const first = records[0];
    const size: Vec3 = check.geometry?.dims ?? [first.columns, first.rows, records.length];
    const spacing: Vec3 = check.geometry?.spacing ?? [first.pixelSpacing?.[1] ?? NaN, first.pixelSpacing?.[0] ?? NaN, NaN];
    return {
      seriesInstanceUid: first.seriesInstanceUid,
      studyInstanceUid: first.studyInstanceUid,
      frameOfReferenceUid: first.frameOfReferenceUid,
      seriesNumber: first.seriesNumber,
      modality: first.modality,
      description: first.seriesDescription,
      phase: phases[n],
      size,
      spacing,
      sliceCount: records.length,
      files: check.order.map((r) => r.file),
      fileIndices: check.order.map((r) => r.index),
      problems: check.problems,
      decodable: !check.problems.some((p) => p.severity === 'error'),
      geometry: check.geometry,
    };
  });
  series.sort((a, b) => (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity) || a.seriesInstanceUid.localeCompare(b.seriesInstanceUid));
  return { series, nonImage, unreadable, duplicates };
}

/** "Series 3 AX T2 (MR, 40 slices, 1.2.3...)" for lists shown to the user. */
export function describeSeries(s: SeriesSummary): string {
  const number = s.seriesNumber !== undefined ? `series ${s.seriesNumber} ` : '';
  const description = s.description ? `"${s.description}" ` : '';
  return `${number}${description}(${s.modality || '?'}, ${s.sliceCount} slice${s.sliceCount === 1 ? '' : 's'}, ${s.size[0]}x${s.size[1]}): ${s.seriesInstanceUid}`;
}
