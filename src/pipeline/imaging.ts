/**
 * Main-thread helpers of the imaging page (ui/imaging): what a SEG or RTSTRUCT holds (segments / ROIs to choose
 * from, read from the header with dcmjs, no pixel decoding), the files of a series out of what the user picked
 * (folders and zips) for the SEG writer, and a viewer model from a decoded series and mask. Decoding itself runs
 * in the pipeline worker (pipeline-api.ts).
 */
import type { NaturalDataset } from 'dcmjs';
import dcmjs from '../io/dicom/dcmjs-quiet.js';
import type { Volume } from '../core/volume.js';
import type { DicomInput } from '../io/dicom/import-study.js';
import { parseRtstruct } from '../io/dicom/rtstruct.js';
import { expandZips } from '../io/dicom/zip-input.js';
import { voxelToWorld, worldToVoxel } from '../core/roi/coords.js';
import { pixelToVoxel, voxelToPixel, type Orientation } from '../core/roi/slice-layout.js';
import { createViewerModel, type ViewerModel } from './roi-editing.js';

/** One thing to choose in a mask file: a SEG segment (id = its number) or an RTSTRUCT ROI (id = its name). */
export interface MaskItem {
  id: string;
  name: string;
}

export interface MaskContents {
  kind: 'seg' | 'rtstruct';
  items: MaskItem[];
}

function list(value: unknown): NaturalDataset[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as NaturalDataset[];
}

function text(value: unknown): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v === null ? '' : String(v).trim();
}

/** The segments of a DICOM SEG (SegmentSequence, 0062,0002) or the ROIs of an RTSTRUCT; errors name the file. */
export function describeMaskFile(file: DicomInput): MaskContents {
  let data: NaturalDataset;
  try {
    const b = file.bytes;
    const dict = dcmjs.data.DicomMessage.readFile(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
    data = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict);
  } catch (e) {
    throw new Error(`${file.path}: not a readable DICOM file (${(e as Error).message})`);
  }
  const modality = text(data.Modality).toUpperCase();
  if (modality === 'RTSTRUCT') {
    return { kind: 'rtstruct', items: parseRtstruct(file.path, file.bytes).rois.map((r) => ({ id: r.name, name: r.name })) };
  }
  if (modality === 'SEG') {
    return {
      kind: 'seg',
      items: list(data.SegmentSequence).map((s) => {
        const n = text(s.SegmentNumber);
        return { id: n, name: text(s.SegmentLabel) || text(s.SegmentDescription) || `segment ${n}` };
      }),
    };
  }
  throw new Error(`${file.path}: a DICOM ${modality || 'object without modality'}, not a SEG or RTSTRUCT`);
}

/** The bytes of the files at `paths`, from picked files and zips (zip members by their path in the archive). */
export function filesAt(picked: DicomInput[], paths: string[]): Uint8Array[] {
  const wanted = new Set(paths);
  return expandZips(picked)
    .filter((f) => wanted.has(f.path))
    .map((f) => f.bytes);
}

/** A viewer model on the series with `mask` (0/1 or labels, on the series' grid) as its starting labels. */
export function viewerModelFor(image: Volume, mask: Volume | undefined, modality: string): ViewerModel {
  return createViewerModel(image, mask ? Uint8Array.from(mask.data as ArrayLike<number>) : undefined, modality);
}

/**
 * The slice of `to` at the patient position of slice `slice` of `from` (same orientation): the centre of that
 * slice taken to LPS, P = origin + D (spacing ⊙ index), then to `to`'s continuous index, Dᵀ (P − origin) ⊘ spacing,
 * rounded and clamped. Two series of one study (one frame of reference) then show the same anatomy side by side.
 */
export function linkedSlice(from: ViewerModel, to: ViewerModel, orientation: Orientation, slice: number): number {
  const l = from.layout(orientation);
  const centre = voxelToWorld(from.volume, pixelToVoxel(l, (l.width - 1) / 2, (l.height - 1) / 2, slice));
  const there = voxelToPixel(to.layout(orientation), worldToVoxel(to.volume, centre)).slice;
  return to.clampSlice(orientation, Math.round(there));
}
