/**
 * Synthetic DICOM built in code (no patient data in the repository): Part 10 image series with known geometry and
 * voxel values, RLE Lossless encapsulation, RTSTRUCT objects, and small defects (truncation, non-DICOM bytes).
 */
import dcmjs, { type NaturalDataset } from 'dcmjs';
import { encodeJpegLossless } from './jpeg-lossless.js';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

export type Vec3 = [number, number, number];

export const EXPLICIT_LE = '1.2.840.10008.1.2.1';
export const RLE_LOSSLESS = '1.2.840.10008.1.2.5';
/** JPEG Lossless, non-hierarchical, first-order prediction (process 14, selection value 1) */
export const JPEG_LOSSLESS_SV1 = '1.2.840.10008.1.2.4.70';
export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
export const RTSTRUCT_STORAGE = '1.2.840.10008.5.1.4.1.1.481.3';

export interface SynthFile {
  path: string;
  bytes: Uint8Array;
}

export interface GridSpec {
  dims: Vec3;
  spacing: Vec3;
  /** LPS mm of voxel (0, 0, 0) */
  origin: Vec3;
  /** row-major 3x3, columns = axis directions; column 2 must be column 0 x column 1 */
  direction: number[];
}

export interface SeriesSpec extends GridSpec {
  seriesUid: string;
  studyUid?: string;
  frameOfReferenceUid?: string;
  modality?: string;
  description?: string;
  seriesNumber?: number;
  /** voxel value at (i, j, k); default i + 10 j + 100 k */
  value?: (i: number, j: number, k: number) => number;
  transferSyntax?: string;
  /** extra attributes, by keyword, for every slice */
  extra?: NaturalDataset;
  /** file path of slice k; default `${seriesUid}/IM${k}.dcm` */
  path?: (k: number) => string;
}

export const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function column(direction: number[], c: number): Vec3 {
  return [direction[c], direction[3 + c], direction[6 + c]];
}

/** The LPS position of the centre of voxel (i, j, k). */
export function voxelToLps(grid: GridSpec, i: number, j: number, k: number): Vec3 {
  const idx = [i * grid.spacing[0], j * grid.spacing[1], k * grid.spacing[2]];
  const d = grid.direction;
  return [0, 1, 2].map((r) => grid.origin[r] + d[3 * r] * idx[0] + d[3 * r + 1] * idx[1] + d[3 * r + 2] * idx[2]) as Vec3;
}

/** A rotation about L then P (degrees), as a row-major direction matrix. */
export function obliqueDirection(aboutXDeg: number, aboutYDeg: number): number[] {
  const a = (aboutXDeg * Math.PI) / 180;
  const b = (aboutYDeg * Math.PI) / 180;
  const rx = [1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)];
  const ry = [Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)];
  const m: number[] = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) m.push(ry[3 * r] * rx[c] + ry[3 * r + 1] * rx[3 + c] + ry[3 * r + 2] * rx[6 + c]);
  return m;
}

/** The voxel values of a whole series, x fastest (the order of the project's Volume). */
export function seriesVoxels(spec: SeriesSpec): Int16Array {
  const [nx, ny, nz] = spec.dims;
  const value = spec.value ?? ((i, j, k) => i + 10 * j + 100 * k);
  const out = new Int16Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) out[i + nx * (j + ny * k)] = value(i, j, k);
  return out;
}

function ds(v: number): number {
  // DICOM DS is at most 16 characters: keep 10 significant digits.
  return Number(v.toPrecision(10));
}

/** Builds every slice of a series as a Part 10 file. */
export function buildSeries(spec: SeriesSpec): SynthFile[] {
  const [nx, ny, nz] = spec.dims;
  const voxels = seriesVoxels(spec);
  const files: SynthFile[] = [];
  for (let k = 0; k < nz; k++) {
    const pixels = voxels.slice(k * nx * ny, (k + 1) * nx * ny);
    const bytes = imageFile(spec, k, pixels);
    files.push({ path: spec.path ? spec.path(k) : `${spec.seriesUid}/IM${k}.dcm`, bytes });
  }
  return files;
}

export function sopUid(spec: SeriesSpec, k: number): string {
  return `${spec.seriesUid}.${k + 1}`;
}

function imageFile(spec: SeriesSpec, k: number, pixels: Int16Array): Uint8Array {
  const ipp = voxelToLps(spec, 0, 0, k);
  const x = column(spec.direction, 0);
  const y = column(spec.direction, 1);
  const sop = sopUid(spec, k);
  const modality = spec.modality ?? 'MR';
  const dataset: NaturalDataset = {
    SpecificCharacterSet: 'ISO_IR 100',
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    SOPClassUID: modality === 'CT' ? CT_IMAGE_STORAGE : MR_IMAGE_STORAGE,
    SOPInstanceUID: sop,
    StudyDate: '20260101',
    SeriesTime: '120000',
    Modality: modality,
    SeriesDescription: spec.description ?? 'synthetic',
    PatientName: 'Synthetic^Phantom',
    PatientID: 'SYNTH-1',
    StudyInstanceUID: spec.studyUid ?? '1.2.826.0.1.3680043.10.1.1',
    SeriesInstanceUID: spec.seriesUid,
    SeriesNumber: spec.seriesNumber ?? 1,
    InstanceNumber: k + 1,
    FrameOfReferenceUID: spec.frameOfReferenceUid ?? '1.2.826.0.1.3680043.10.1.2',
    ImagePositionPatient: ipp.map(ds),
    ImageOrientationPatient: [...x, ...y].map(ds),
    PixelSpacing: [ds(spec.spacing[1]), ds(spec.spacing[0])],
    SliceThickness: ds(spec.spacing[2]),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: spec.dims[1],
    Columns: spec.dims[0],
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
    ...spec.extra,
  };
  return part10(dataset, spec.transferSyntax ?? EXPLICIT_LE, pixels);
}

/**
 * Writes a dataset as a Part 10 file; pixels (if any) go in native form, or one encapsulated frame (RLE Lossless,
 * JPEG Lossless SV1).
 * `mediaStorageSopClass` overrides the meta header's SOP class (a DICOMDIR has none in its dataset).
 */
export function part10(dataset: NaturalDataset, transferSyntax: string, pixels?: Int16Array | Uint8Array, mediaStorageSopClass?: string): Uint8Array {
  const full: NaturalDataset = { ...dataset };
  if (pixels) {
    const native = new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength).slice().buffer;
    if (transferSyntax === RLE_LOSSLESS) {
      full.PixelData = [rleEncodeFrame(pixels, Number(dataset.Rows), Number(dataset.Columns)).buffer];
      full._vrMap = { PixelData: 'OB' };
    } else if (transferSyntax === JPEG_LOSSLESS_SV1) {
      const bits = pixels instanceof Uint8Array ? 8 : 16;
      full.PixelData = [encodeJpegLossless(pixels, Number(dataset.Rows), Number(dataset.Columns), bits).buffer];
      full._vrMap = { PixelData: 'OB' };
    } else {
      full.PixelData = native;
      full._vrMap = { PixelData: pixels instanceof Uint8Array ? 'OB' : 'OW' };
    }
  }
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: mediaStorageSopClass ?? dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: transferSyntax,
    ImplementationClassUID: '1.2.826.0.1.3680043.10.1.99',
    ImplementationVersionName: 'WEBRADIOMICS',
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(full);
  return new Uint8Array(dict.write({ fragmentMultiframe: false }));
}

/** PackBits as DICOM RLE uses it (PS3.5 G.3.1): literal runs (n-1) and replicate runs (1-n), never across a row. */
function packBits(row: Uint8Array, out: number[]): void {
  let i = 0;
  while (i < row.length) {
    let run = 1;
    while (i + run < row.length && run < 128 && row[i + run] === row[i]) run++;
    if (run >= 2) {
      out.push((257 - run) & 0xff, row[i]);
      i += run;
      continue;
    }
    const start = i;
    while (i < row.length && i - start < 128 && !(i + 1 < row.length && row[i + 1] === row[i])) i++;
    if (i === start) i++;
    out.push(i - start - 1, ...row.subarray(start, i));
  }
}

/** One frame in RLE Lossless: a 64-byte header, then one segment per byte plane, most significant byte first. */
export function rleEncodeFrame(pixels: Int16Array | Uint8Array, rows: number, cols: number): Uint8Array {
  const bytesPerSample = pixels instanceof Uint8Array ? 1 : 2;
  const raw = new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  const segments: number[][] = [];
  for (let s = 0; s < bytesPerSample; s++) {
    const plane = bytesPerSample - 1 - s; // little-endian byte index of this segment
    const seg: number[] = [];
    for (let r = 0; r < rows; r++) {
      const row = new Uint8Array(cols);
      for (let c = 0; c < cols; c++) row[c] = raw[(r * cols + c) * bytesPerSample + plane];
      packBits(row, seg);
    }
    if (seg.length % 2) seg.push(0x80); // pad to even length with a no-op
    segments.push(seg);
  }
  const total = 64 + segments.reduce((n, s) => n + s.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((seg, s) => {
    view.setUint32(4 + 4 * s, offset, true);
    out.set(seg, offset);
    offset += seg.length;
  });
  return out;
}

export interface RoiSpec {
  number: number;
  name: string;
  /** each contour: x, y, z triplets in LPS mm */
  contours: number[][];
  geometricType?: string;
}

export interface RtstructSpec {
  studyUid?: string;
  frameOfReferenceUid?: string;
  referencedSeriesUid: string;
  rois: RoiSpec[];
}

/** An RTSTRUCT with one ROI per RoiSpec, written with dcmjs. */
export function buildRtstruct(spec: RtstructSpec): Uint8Array {
  const frameOfReferenceUid = spec.frameOfReferenceUid ?? '1.2.826.0.1.3680043.10.1.2';
  const dataset: NaturalDataset = {
    SpecificCharacterSet: 'ISO_IR 100',
    SOPClassUID: RTSTRUCT_STORAGE,
    SOPInstanceUID: '1.2.826.0.1.3680043.10.1.500',
    Modality: 'RTSTRUCT',
    PatientName: 'Synthetic^Phantom',
    PatientID: 'SYNTH-1',
    StudyInstanceUID: spec.studyUid ?? '1.2.826.0.1.3680043.10.1.1',
    SeriesInstanceUID: '1.2.826.0.1.3680043.10.1.501',
    SeriesNumber: 99,
    InstanceNumber: 1,
    StructureSetLabel: 'synthetic',
    StructureSetDate: '20260101',
    StructureSetTime: '120000',
    ReferencedFrameOfReferenceSequence: [
      {
        FrameOfReferenceUID: frameOfReferenceUid,
        RTReferencedStudySequence: [
          {
            ReferencedSOPClassUID: '1.2.840.10008.3.1.2.3.1',
            ReferencedSOPInstanceUID: spec.studyUid ?? '1.2.826.0.1.3680043.10.1.1',
            RTReferencedSeriesSequence: [{ SeriesInstanceUID: spec.referencedSeriesUid }],
          },
        ],
      },
    ],
    StructureSetROISequence: spec.rois.map((r) => ({
      ROINumber: r.number,
      ReferencedFrameOfReferenceUID: frameOfReferenceUid,
      ROIName: r.name,
      ROIGenerationAlgorithm: 'MANUAL',
    })),
    ROIContourSequence: spec.rois.map((r) => ({
      ReferencedROINumber: r.number,
      ROIDisplayColor: [255, 0, 0],
      ContourSequence: r.contours.map((points, n) => ({
        ContourNumber: n + 1,
        ContourGeometricType: r.geometricType ?? 'CLOSED_PLANAR',
        NumberOfContourPoints: points.length / 3,
        ContourData: points.map(ds),
      })),
    })),
    RTROIObservationsSequence: spec.rois.map((r) => ({
      ObservationNumber: r.number,
      ReferencedROINumber: r.number,
      RTROIInterpretedType: 'GTV',
      ROIInterpreter: '',
    })),
  };
  return part10(dataset, EXPLICIT_LE);
}

/** A closed rectangle in the image plane of slice k, corners at continuous voxel indices (i0, j0)-(i1, j1). */
export function rectangleContour(grid: GridSpec, k: number, i0: number, j0: number, i1: number, j1: number, clockwise = false): number[] {
  const corners: [number, number][] = [
    [i0, j0],
    [i1, j0],
    [i1, j1],
    [i0, j1],
  ];
  if (clockwise) corners.reverse();
  return corners.flatMap(([i, j]) => voxelToLps(grid, i, j, k));
}

/** The file cut to its first `length` bytes (a copy interrupted, a download cut short). */
export function truncate(bytes: Uint8Array, length: number): Uint8Array {
  return bytes.slice(0, length);
}

/** The dataset alone: no preamble, no "DICM", no file meta group (as some old archives store it). */
export function withoutPreamble(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // (0002,0000) UL at byte 132: tag 4 + VR 2 + length 2 + value 4
  const metaLength = view.getUint32(132 + 8, true);
  return bytes.slice(132 + 12 + metaLength);
}

/** A deterministic shuffle (mulberry32), so that a failing order can be replayed. */
export function shuffled<T>(items: T[], seed = 7): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
