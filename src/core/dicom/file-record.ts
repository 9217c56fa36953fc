/**
 * One DICOM file as the study import sees it: the tags it needs (read by itk-wasm read-dicom-tags as
 * 'gggg|eeee' -> string, values space-padded, multi-values joined by '\'), plus what the byte scan found
 * about the transfer syntax and the pixel data. Pure: no decoding here.
 */
import type { Vec3 } from '../volume.js';

/** The tags read from every file (PS3.6 numbers, in itk-wasm's 'gggg|eeee' form). */
export const TAG = {
  ImageType: '0008|0008',
  SOPClassUID: '0008|0016',
  SOPInstanceUID: '0008|0018',
  SeriesDate: '0008|0021',
  AcquisitionDateTime: '0008|002a',
  SeriesTime: '0008|0031',
  AcquisitionTime: '0008|0032',
  ContentTime: '0008|0033',
  Modality: '0008|0060',
  Manufacturer: '0008|0070',
  StudyDescription: '0008|1030',
  SeriesDescription: '0008|103e',
  ContrastBolusAgent: '0018|0010',
  ScanningSequence: '0018|0020',
  SequenceVariant: '0018|0021',
  SequenceName: '0018|0024',
  SliceThickness: '0018|0050',
  RepetitionTime: '0018|0080',
  EchoTime: '0018|0081',
  InversionTime: '0018|0082',
  SpacingBetweenSlices: '0018|0088',
  ContrastBolusStartTime: '0018|1042',
  ProtocolName: '0018|1030',
  DiffusionBValue: '0018|9087',
  StudyInstanceUID: '0020|000d',
  SeriesInstanceUID: '0020|000e',
  SeriesNumber: '0020|0011',
  InstanceNumber: '0020|0013',
  ImagePositionPatient: '0020|0032',
  ImageOrientationPatient: '0020|0037',
  FrameOfReferenceUID: '0020|0052',
  TemporalPositionIdentifier: '0020|0100',
  SamplesPerPixel: '0028|0002',
  PhotometricInterpretation: '0028|0004',
  NumberOfFrames: '0028|0008',
  Rows: '0028|0010',
  Columns: '0028|0011',
  PixelSpacing: '0028|0030',
  BitsAllocated: '0028|0100',
  BitsStored: '0028|0101',
  PixelRepresentation: '0028|0103',
  RescaleIntercept: '0028|1052',
  RescaleSlope: '0028|1053',
} as const;

export const TAGS_TO_READ: string[] = Object.values(TAG);

/** What the byte scan of a Part 10 file found (see src/io/dicom/part10-scan.ts). */
export interface ScanSummary {
  transferSyntaxUid?: string;
  mediaStorageSopClassUid?: string;
  hasPixelData: boolean;
  /** why the pixel data cannot be whole, e.g. "truncated: 5000 of 8192 pixel bytes" */
  pixelDataProblem?: string;
  /** why the image decoder will refuse the file although its pixel data looks whole */
  decoderProblem?: string;
}

export type ObjectKind = 'image' | 'seg' | 'rtstruct' | 'sr' | 'presentation-state' | 'dicomdir' | 'other';

export interface DicomFileRecord {
  /** the file as the user knows it (relative path in the folder) */
  file: string;
  /** index in the list of input files */
  index: number;
  kind: ObjectKind;
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  modality: string;
  seriesDescription: string;
  protocolName: string;
  seriesNumber?: number;
  instanceNumber?: number;
  rows: number;
  columns: number;
  frames: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  pixelRepresentation: number;
  position?: Vec3;
  orientation?: number[];
  /** (0028,0030): [spacing between rows (y), spacing between columns (x)] in mm */
  pixelSpacing?: [number, number];
  sliceThickness?: number;
  rescaleSlope?: number;
  rescaleIntercept?: number;
  transferSyntaxUid?: string;
  pixelDataProblem?: string;
  decoderProblem?: string;
  /** the raw tag values, for the phase guess */
  tags: Record<string, string>;
}

/** A tag's value without DICOM padding; '' when missing. */
export function tagText(tags: ReadonlyMap<string, string> | Record<string, string>, tag: string): string {
  const v = tags instanceof Map ? tags.get(tag) : (tags as Record<string, string>)[tag];
  return (v ?? '').replace(/[\s\0]+$/, '').replace(/^\s+/, '');
}

/** A multi-valued numeric tag (DS/IS), or undefined when missing or not numeric. */
export function tagNumbers(tags: ReadonlyMap<string, string> | Record<string, string>, tag: string): number[] | undefined {
  const text = tagText(tags, tag);
  if (text === '') return undefined;
  const values = text.split('\\').map((s) => Number(s.trim()));
  return values.some((v) => !Number.isFinite(v)) ? undefined : values;
}

function tagNumber(tags: ReadonlyMap<string, string>, tag: string): number | undefined {
  return tagNumbers(tags, tag)?.[0];
}

const SOP_CLASS = {
  seg: '1.2.840.10008.5.1.4.1.1.66.4',
  rtstruct: '1.2.840.10008.5.1.4.1.1.481.3',
  dicomdir: '1.2.840.10008.1.3.10',
};

/** The kind of object a file holds, from its SOP class (PS3.4 Annex B) and, failing that, its modality. */
export function objectKind(sopClassUid: string, modality: string, hasPixelData: boolean, rows: number): ObjectKind {
  if (sopClassUid === SOP_CLASS.dicomdir) return 'dicomdir';
  if (sopClassUid === SOP_CLASS.seg || modality === 'SEG') return 'seg';
  if (sopClassUid === SOP_CLASS.rtstruct || modality === 'RTSTRUCT') return 'rtstruct';
  // Structured reports and key object selections: 1.2.840.10008.5.1.4.1.1.88.x
  if (sopClassUid.startsWith('1.2.840.10008.5.1.4.1.1.88.') || modality === 'SR' || modality === 'KO') return 'sr';
  // Presentation states: 1.2.840.10008.5.1.4.1.1.11.x
  if (sopClassUid.startsWith('1.2.840.10008.5.1.4.1.1.11.') || modality === 'PR') return 'presentation-state';
  // RT plans, doses and records, registrations, raw data, encapsulated documents: not image series.
  if (/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.(481\.[2-9]|66(\.\d+)?$|104\.)/.test(sopClassUid)) return 'other';
  if (['RTPLAN', 'RTDOSE', 'RTRECORD', 'REG', 'DOC', 'FID'].includes(modality)) return 'other';
  return hasPixelData && rows > 0 ? 'image' : 'other';
}

export function fileRecord(file: string, index: number, tags: ReadonlyMap<string, string>, scan: ScanSummary): DicomFileRecord {
  const text = (t: string) => tagText(tags, t);
  const sopClassUid = text(TAG.SOPClassUID) || scan.mediaStorageSopClassUid || '';
  const modality = text(TAG.Modality).toUpperCase();
  const rows = tagNumber(tags, TAG.Rows) ?? 0;
  const position = tagNumbers(tags, TAG.ImagePositionPatient);
  const orientation = tagNumbers(tags, TAG.ImageOrientationPatient);
  const pixelSpacing = tagNumbers(tags, TAG.PixelSpacing);
  const raw: Record<string, string> = {};
  for (const [k, v] of tags) raw[k] = v;
  return {
    file,
    index,
    kind: objectKind(sopClassUid, modality, scan.hasPixelData, rows),
    sopClassUid,
    sopInstanceUid: text(TAG.SOPInstanceUID),
    studyInstanceUid: text(TAG.StudyInstanceUID),
    seriesInstanceUid: text(TAG.SeriesInstanceUID),
    frameOfReferenceUid: text(TAG.FrameOfReferenceUID),
    modality,
    seriesDescription: text(TAG.SeriesDescription),
    protocolName: text(TAG.ProtocolName),
    seriesNumber: tagNumber(tags, TAG.SeriesNumber),
    instanceNumber: tagNumber(tags, TAG.InstanceNumber),
    rows,
    columns: tagNumber(tags, TAG.Columns) ?? 0,
    frames: tagNumber(tags, TAG.NumberOfFrames) ?? 1,
    samplesPerPixel: tagNumber(tags, TAG.SamplesPerPixel) ?? 1,
    bitsAllocated: tagNumber(tags, TAG.BitsAllocated) ?? 0,
    pixelRepresentation: tagNumber(tags, TAG.PixelRepresentation) ?? 0,
    position: position?.length === 3 ? (position as Vec3) : undefined,
    orientation: orientation?.length === 6 ? orientation : undefined,
    pixelSpacing: pixelSpacing?.length === 2 ? [pixelSpacing[0], pixelSpacing[1]] : undefined,
    sliceThickness: tagNumber(tags, TAG.SliceThickness),
    rescaleSlope: tagNumber(tags, TAG.RescaleSlope),
    rescaleIntercept: tagNumber(tags, TAG.RescaleIntercept),
    transferSyntaxUid: scan.transferSyntaxUid,
    pixelDataProblem: scan.pixelDataProblem,
    decoderProblem: scan.decoderProblem,
    tags: raw,
  };
}
