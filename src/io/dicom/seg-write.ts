/**
 * DICOM SEG writer (Segmentation IOD, PS3.3 A.51; binary, SegmentationType BINARY) for a label mask on an image
 * grid: one segment per label, one frame per (segment, slice) that holds voxels of it, frames on the image's own
 * planes (Plane Orientation / Pixel Measures shared, Plane Position per frame), dimensions ordered by
 * (ReferencedSegmentNumber, ImagePositionPatient). When the image came from DICOM, each frame names its source
 * instance (Derivation Image Sequence) and the Common Instance Reference module lists the series.
 *
 * Written with dcmjs as a naturalised dataset; 1-bit frames are packed back to back, least significant bit first
 * (PS3.5 8.1.1: frames of a 1-bit image are not padded to byte boundaries). Segments are numbered 1, 2, .. in the
 * order given (SegmentNumber must start at 1 and increase by 1), leaving out labels without voxels.
 *
 * Known limit of the reader, not of this file: the dcmqi in @itk-wasm/dicom 7.6.4 misreads frames whose
 * rows x columns is not a multiple of 8 (measured: a 9 x 7 two-segment SEG, dcmqi's own or this writer's, comes
 * back as "overlapping segments"); MR and CT matrices (256, 320, 384, 512, ..) are multiples of 8.
 */
import type { NaturalDataset } from 'dcmjs';
import dcmjs from './dcmjs-quiet.js';
import type { Volume } from '../../core/volume.js';
import { readTagsWithDcmjs } from './dcmjs-tags.js';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';

export interface Code {
  CodeValue: string;
  CodingSchemeDesignator: string;
  CodeMeaning: string;
}

/** SNOMED CT codes for the two regions this app draws. */
export const CODES = {
  morphologicallyAltered: { CodeValue: '49755003', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Morphologically Altered Structure' },
  neoplasm: { CodeValue: '108369006', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Neoplasm' },
  tissue: { CodeValue: '85756007', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Tissue' },
} satisfies Record<string, Code>;

export interface SegmentToWrite {
  /** label value in the mask; also the segment number */
  label: number;
  name: string;
  description?: string;
  category?: Code;
  type?: Code;
  /** display colour (sRGB 0..255), written as RecommendedDisplayCIELabValue */
  rgb?: [number, number, number];
}

/** The DICOM series the mask was drawn on. */
export interface SourceSeries {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  sopClassUid: string;
  /** SOP Instance UID of each slice, in the volume's slice order (k = 0 ..) */
  sopInstanceUids: string[];
  patientName?: string;
  patientId?: string;
  patientBirthDate?: string;
  patientSex?: string;
  studyDate?: string;
  studyTime?: string;
  studyId?: string;
  accessionNumber?: string;
}

export interface SegWriteOptions {
  source?: SourceSeries;
  seriesDescription?: string;
  seriesNumber?: number;
  /** fixed UIDs and date, for reproducible files; generated otherwise */
  seriesInstanceUid?: string;
  sopInstanceUid?: string;
  contentDateTime?: Date;
  softwareVersion?: string;
}

function ds(v: number): string {
  // DS holds at most 16 characters
  const s = String(Number(v.toPrecision(10)));
  return s.length <= 16 ? s : v.toExponential(8);
}

function dateParts(d: Date): { date: string; time: string } {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return { date: `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}`, time: `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}` };
}

/** sRGB (0..255) -> CIELab (D65) scaled as DICOM stores it (PS3.3 C.10.7.1.1): L 0..100 and a, b −128..127 to 0..65535. */
export function dicomLab(rgb: [number, number, number]): number[] {
  const lin = rgb.map((c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const xyz = [
    (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047,
    0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2],
    (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883,
  ].map((t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116));
  const lab = [116 * xyz[1] - 16, 500 * (xyz[0] - xyz[1]), 200 * (xyz[1] - xyz[2])];
  return [Math.round((lab[0] * 65535) / 100), Math.round(((lab[1] + 128) * 65535) / 255), Math.round(((lab[2] + 128) * 65535) / 255)].map((v) => Math.min(65535, Math.max(0, v)));
}

function framePosition(g: Volume, k: number): number[] {
  const d = g.direction;
  const z = k * g.spacing[2];
  return [0, 1, 2].map((r) => g.origin[r] + d[3 * r + 2] * z);
}

/** Encodes the labels of `mask` (values 1..255) listed in `segments` as a DICOM SEG Part 10 file. */
export function encodeSegmentation(mask: Volume, segments: SegmentToWrite[], options: SegWriteOptions = {}): Uint8Array {
  const [nx, ny, nz] = mask.dims;
  const perSlice = nx * ny;
  const src = options.source;
  if (src && src.sopInstanceUids.length !== nz) throw new Error(`the source series has ${src.sopInstanceUids.length} instances for ${nz} slices`);
  // frames: every (segment, slice) with at least one voxel; empty segments are left out
  const frames: { segment: number; label: number; k: number }[] = [];
  const written: SegmentToWrite[] = [];
  for (const s of segments) {
    if (!(s.label >= 1 && s.label <= 255)) throw new Error(`segment label ${s.label} is outside 1..255`);
    const before = frames.length;
    for (let k = 0; k < nz; k++) {
      const slice = mask.data.subarray(k * perSlice, (k + 1) * perSlice);
      if (slice.some((v) => v === s.label)) frames.push({ segment: written.length + 1, label: s.label, k });
    }
    if (frames.length > before) written.push(s);
  }
  if (frames.length === 0) throw new Error('the mask is empty: a DICOM SEG needs at least one segment with voxels');
  // the plane position dimension indexes the distinct slices present, in slice order, from 1
  const slicesPresent = [...new Set(frames.map((f) => f.k))].sort((a, b) => a - b);
  const positionIndex = new Map(slicesPresent.map((k, n) => [k, n + 1]));

  const bits = new Uint8Array(Math.ceil((frames.length * perSlice) / 8));
  frames.forEach((f, m) => {
    const base = f.k * perSlice;
    const offset = m * perSlice;
    for (let n = 0; n < perSlice; n++) {
      if (mask.data[base + n] !== f.label) continue;
      const bit = offset + n;
      bits[bit >> 3] |= 1 << (bit & 7);
    }
  });

  const now = dateParts(options.contentDateTime ?? new Date());
  const organisation = DicomMetaDictionary.uid();
  const d = mask.direction;
  const sourceRef = (k: number) =>
    src
      ? {
          DerivationImageSequence: [
            {
              SourceImageSequence: [
                {
                  ReferencedSOPClassUID: src.sopClassUid,
                  ReferencedSOPInstanceUID: src.sopInstanceUids[k],
                  PurposeOfReferenceCodeSequence: [{ CodeValue: '121322', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Source image for image processing operation' }],
                },
              ],
              DerivationCodeSequence: [{ CodeValue: '113076', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Segmentation' }],
            },
          ],
        }
      : {};
  const dataset: NaturalDataset = {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: SEGMENTATION_STORAGE,
    SOPInstanceUID: options.sopInstanceUid ?? DicomMetaDictionary.uid(),
    ImageType: ['DERIVED', 'PRIMARY'],
    ContentDate: now.date,
    ContentTime: now.time,
    InstanceCreationDate: now.date,
    InstanceCreationTime: now.time,
    Modality: 'SEG',
    Manufacturer: 'WebRadiomics',
    ManufacturerModelName: 'WebRadiomics ROI editor',
    DeviceSerialNumber: '0',
    SoftwareVersions: options.softwareVersion ?? '0',
    SeriesDescription: options.seriesDescription ?? 'ROI',
    SeriesInstanceUID: options.seriesInstanceUid ?? DicomMetaDictionary.uid(),
    SeriesNumber: options.seriesNumber ?? 300,
    InstanceNumber: 1,
    PatientName: src?.patientName ?? '',
    PatientID: src?.patientId ?? '',
    PatientBirthDate: src?.patientBirthDate ?? '',
    PatientSex: src?.patientSex ?? '',
    StudyInstanceUID: src?.studyInstanceUid ?? DicomMetaDictionary.uid(),
    StudyDate: src?.studyDate ?? now.date,
    StudyTime: src?.studyTime ?? now.time,
    StudyID: src?.studyId ?? '',
    AccessionNumber: src?.accessionNumber ?? '',
    ReferringPhysicianName: '',
    FrameOfReferenceUID: src?.frameOfReferenceUid ?? DicomMetaDictionary.uid(),
    PositionReferenceIndicator: '',
    ContentLabel: 'ROI',
    ContentDescription: 'Drawn in WebRadiomics',
    ContentCreatorName: '',
    SegmentationType: 'BINARY',
    LossyImageCompression: '00',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: ny,
    Columns: nx,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    NumberOfFrames: frames.length,
    DimensionOrganizationType: '3D',
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: organisation }],
    DimensionIndexSequence: [
      { DimensionOrganizationUID: organisation, DimensionIndexPointer: 0x0062000b, FunctionalGroupPointer: 0x0062000a, DimensionDescriptionLabel: 'ReferencedSegmentNumber' },
      { DimensionOrganizationUID: organisation, DimensionIndexPointer: 0x00200032, FunctionalGroupPointer: 0x00209113, DimensionDescriptionLabel: 'ImagePositionPatient' },
    ],
    SegmentSequence: written.map((s, n) => ({
      SegmentNumber: n + 1,
      SegmentLabel: s.name.slice(0, 64),
      ...(s.description ? { SegmentDescription: s.description.slice(0, 64) } : {}),
      SegmentAlgorithmType: 'MANUAL',
      SegmentedPropertyCategoryCodeSequence: [s.category ?? CODES.morphologicallyAltered],
      SegmentedPropertyTypeCodeSequence: [s.type ?? CODES.neoplasm],
      RecommendedDisplayCIELabValue: dicomLab(s.rgb ?? [255, 64, 64]),
    })),
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [{ ImageOrientationPatient: [d[0], d[3], d[6], d[1], d[4], d[7]].map(ds) }],
        PixelMeasuresSequence: [{ PixelSpacing: [ds(mask.spacing[1]), ds(mask.spacing[0])], SliceThickness: ds(mask.spacing[2]), SpacingBetweenSlices: ds(mask.spacing[2]) }],
      },
    ],
    PerFrameFunctionalGroupsSequence: frames.map((f) => ({
      FrameContentSequence: [{ DimensionIndexValues: [f.segment, positionIndex.get(f.k)!] }],
      PlanePositionSequence: [{ ImagePositionPatient: framePosition(mask, f.k).map(ds) }],
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: f.segment }],
      ...sourceRef(f.k),
    })),
    ...(src
      ? {
          ReferencedSeriesSequence: [
            {
              SeriesInstanceUID: src.seriesInstanceUid,
              ReferencedInstanceSequence: src.sopInstanceUids.map((uid) => ({ ReferencedSOPClassUID: src.sopClassUid, ReferencedSOPInstanceUID: uid })),
            },
          ],
        }
      : {}),
    PixelData: bits.buffer,
    _vrMap: { PixelData: 'OB' },
  };
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: SEGMENTATION_STORAGE,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_LE,
    ImplementationClassUID: '1.2.826.0.1.3680043.10.1.99',
    ImplementationVersionName: 'WEBRADIOMICS',
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(dict.write());
}

const SOURCE_TAGS = {
  study: '0020|000d',
  series: '0020|000e',
  frame: '0020|0052',
  sopClass: '0008|0016',
  sop: '0008|0018',
  position: '0020|0032',
  patientName: '0010|0010',
  patientId: '0010|0020',
  birthDate: '0010|0030',
  sex: '0010|0040',
  studyDate: '0008|0020',
  studyTime: '0008|0030',
  studyId: '0020|0010',
  accession: '0008|0050',
};

/**
 * The source reference for a volume decoded from `files` (one series, any order): each file is placed on slice
 * k = round(n · (IPP − origin) / spacing_z), n the volume's slice direction. Throws when a slice has no file.
 */
export function sourceSeriesFromFiles(volume: Volume, files: Uint8Array[]): SourceSeries {
  const nz = volume.dims[2];
  const uids: string[] = new Array(nz).fill('');
  let first: Map<string, string> | undefined;
  const normal = [volume.direction[2], volume.direction[5], volume.direction[8]];
  for (const bytes of files) {
    const tags = readTagsWithDcmjs(bytes, Object.values(SOURCE_TAGS));
    if (!tags) throw new Error('a file of the source series is not readable DICOM');
    first ??= tags;
    const ipp = (tags.get(SOURCE_TAGS.position) ?? '').split('\\').map(Number);
    const k = Math.round(((ipp[0] - volume.origin[0]) * normal[0] + (ipp[1] - volume.origin[1]) * normal[1] + (ipp[2] - volume.origin[2]) * normal[2]) / volume.spacing[2]);
    if (k >= 0 && k < nz) uids[k] = (tags.get(SOURCE_TAGS.sop) ?? '').trim();
  }
  const missing = uids.findIndex((u) => !u);
  if (!first || missing >= 0) throw new Error(`no source instance found for slice ${missing}`);
  const t = (tag: string) => (first!.get(tag) ?? '').trim() || undefined;
  return {
    studyInstanceUid: t(SOURCE_TAGS.study) ?? '',
    seriesInstanceUid: t(SOURCE_TAGS.series) ?? '',
    frameOfReferenceUid: t(SOURCE_TAGS.frame) ?? '',
    sopClassUid: t(SOURCE_TAGS.sopClass) ?? '',
    sopInstanceUids: uids,
    patientName: t(SOURCE_TAGS.patientName),
    patientId: t(SOURCE_TAGS.patientId),
    patientBirthDate: t(SOURCE_TAGS.birthDate),
    patientSex: t(SOURCE_TAGS.sex),
    studyDate: t(SOURCE_TAGS.studyDate),
    studyTime: t(SOURCE_TAGS.studyTime),
    studyId: t(SOURCE_TAGS.studyId),
    accessionNumber: t(SOURCE_TAGS.accession),
  };
}
