/**
 * RTSTRUCT (PS3.3 A.19, C.8.8.5-6) parsed with dcmjs: each ROI of the StructureSetROISequence with its planar
 * contours from the ROIContourSequence (ContourData: x, y, z triplets in LPS mm). itk-wasm has no RTSTRUCT reader;
 * rasterising the contours onto an image grid is core/mask/rasterise-contours.
 */
import type { NaturalDataset } from 'dcmjs';
import dcmjs from './dcmjs-quiet.js';
import type { PlanarContour } from '../../core/mask/rasterise-contours.js';
import { DicomInputError } from './dicom-error.js';

export interface RtRoi {
  number: number;
  name: string;
  frameOfReferenceUid: string;
  /** closed planar contours */
  contours: PlanarContour[];
  /** contours left out and why, e.g. "2 POINT contours" */
  skipped: string[];
}

export interface RtStructure {
  rois: RtRoi[];
  /** FrameOfReferenceUID of the ReferencedFrameOfReferenceSequence */
  frameOfReferenceUids: string[];
  /** SeriesInstanceUIDs the structure set was drawn on */
  referencedSeriesUids: string[];
}

function items(value: unknown): NaturalDataset[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as NaturalDataset[];
}

function numbers(value: unknown): number[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(Number);
}

function str(value: unknown): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v === null ? '' : String(v).trim();
}

export function parseRtstruct(name: string, bytes: Uint8Array): RtStructure {
  let data: NaturalDataset;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const dict = dcmjs.data.DicomMessage.readFile(buffer);
    data = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict);
  } catch (e) {
    throw new DicomInputError(`${name}: the RTSTRUCT could not be parsed (${(e as Error).message})`);
  }
  if (str(data.Modality) !== 'RTSTRUCT' && str(data.SOPClassUID) !== '1.2.840.10008.5.1.4.1.1.481.3') {
    throw new DicomInputError(`${name}: not an RTSTRUCT (modality ${str(data.Modality) || 'missing'})`);
  }
  const contoursByRoi = new Map<number, NaturalDataset>();
  for (const item of items(data.ROIContourSequence)) contoursByRoi.set(Number(str(item.ReferencedROINumber)), item);

  const rois = items(data.StructureSetROISequence).map((roi): RtRoi => {
    const number = Number(str(roi.ROINumber));
    const contours: PlanarContour[] = [];
    const skippedTypes = new Map<string, number>();
    items(contoursByRoi.get(number)?.ContourSequence).forEach((c, n) => {
      const type = str(c.ContourGeometricType).toUpperCase() || 'CLOSED_PLANAR';
      const points = numbers(c.ContourData);
      if (type !== 'CLOSED_PLANAR') {
        skippedTypes.set(type, (skippedTypes.get(type) ?? 0) + 1);
        return;
      }
      contours.push({ points: Float64Array.from(points), label: `contour ${n + 1}` });
    });
    return {
      number,
      name: str(roi.ROIName) || `ROI ${number}`,
      frameOfReferenceUid: str(roi.ReferencedFrameOfReferenceUID),
      contours,
      skipped: [...skippedTypes].map(([type, count]) => `${count} ${type} contour${count === 1 ? '' : 's'}`),
    };
  });
  const frames = items(data.ReferencedFrameOfReferenceSequence);
  const referencedSeriesUids = frames.flatMap((f) =>
    items(f.RTReferencedStudySequence).flatMap((s) => items(s.RTReferencedSeriesSequence).map((r) => str(r.SeriesInstanceUID))),
  );
  return { rois, frameOfReferenceUids: frames.map((f) => str(f.FrameOfReferenceUID)), referencedSeriesUids };
}

/** The ROIs chosen by name (case-insensitive) or number; without a choice, the only ROI with contours. */
export function chooseRois(name: string, structure: RtStructure, choice?: string[]): RtRoi[] {
  const list = structure.rois.map((r) => `"${r.name}" (${r.contours.length} contour${r.contours.length === 1 ? '' : 's'})`).join(', ');
  if (!choice || choice.length === 0) {
    const drawn = structure.rois.filter((r) => r.contours.length > 0);
    if (drawn.length === 1) return drawn;
    if (drawn.length === 0) throw new DicomInputError(`${name} holds no ROI with closed planar contours (ROIs: ${list || 'none'})`);
    throw new DicomInputError(`${name} holds ${drawn.length} ROIs with contours (${list}): choose one or several by name`);
  }
  return choice.map((c) => {
    const wanted = c.trim().toLowerCase();
    const found = structure.rois.find((r) => r.name.toLowerCase() === wanted) ?? structure.rois.find((r) => /^\d+$/.test(wanted) && r.number === Number(wanted));
    if (!found) throw new DicomInputError(`${name} has no ROI "${c}" (ROIs: ${list})`);
    return found;
  });
}
