/**
 * A region of interest for an image, from a DICOM SEG (chosen segments), an RTSTRUCT (chosen ROIs, rasterised onto
 * the image grid) or a NIfTI/NRRD label map (chosen labels), as a 0/1 mask on the image's grid. A mask on another
 * grid is resampled (nearest neighbour) with a warning; a mask that misses the image is an error.
 */
import { objectKind, TAG, tagText } from '../../core/dicom/file-record.js';
import { alignMaskToImage, MaskAlignmentError } from '../../core/mask/align-mask.js';
import { rasteriseContours, type FillRule } from '../../core/mask/rasterise-contours.js';
import { labelsPresent, selectLabels } from '../../core/mask/select-labels.js';
import { countInside, type Geometry, type Volume } from '../../core/volume.js';
import { detectImageFormat, ImageReadError } from '../image-format.js';
import { DicomInputError } from './dicom-error.js';
import type { DicomInput } from './import-study.js';
import { readTagsWithDcmjs } from './dcmjs-tags.js';
import { scanPart10 } from './part10-scan.js';
import { readTags, type PipelineRunner } from './pipeline-runner.js';
import { chooseRois, parseRtstruct } from './rtstruct.js';
import { chooseSegments, describeSegment, readSegmentation } from './seg.js';

export type MaskKind = 'seg' | 'rtstruct' | 'label-map';

export interface MaskChoice {
  /** DICOM SEG: segment numbers or labels */
  segments?: (number | string)[];
  /** RTSTRUCT: ROI names (or numbers) */
  rois?: string[];
  /** RTSTRUCT: how contours fill; even-odd (default) makes a contour inside another a hole */
  fillRule?: FillRule;
  /** label map: labels; default every non-zero label */
  labels?: number[];
}

export interface ImageTarget {
  geometry: Geometry;
  /** for messages */
  name: string;
  /** the image's FrameOfReferenceUID, when it is DICOM */
  frameOfReferenceUid?: string;
}

export interface LoadedMask {
  /** 0/1 on the image grid */
  mask: Volume;
  kind: MaskKind;
  /** what was chosen, e.g. 'segment 1 "tumour"' */
  description: string;
  warnings: string[];
  voxels: number;
}

export interface MaskDecoders {
  run: PipelineRunner;
  /** NIfTI / NRRD decoding (browser or Node reader) */
  decodeLabelMap: (name: string, bytes: Uint8Array) => Promise<Volume>;
}

function isLabelMapFile(name: string, bytes: Uint8Array): boolean {
  try {
    detectImageFormat(name, bytes);
    return true;
  } catch (e) {
    if (!(e instanceof ImageReadError)) throw e;
    // A .nii/.nrrd name with wrong content is still meant as a label map: let the reader name the problem.
    return /\.(nii|nii\.gz|nrrd|nhdr)$/i.test(name);
  }
}

/** 'seg' | 'rtstruct' | 'label-map', or an error naming what the file is instead. */
export async function maskKind(run: PipelineRunner, file: DicomInput): Promise<MaskKind> {
  if (isLabelMapFile(file.path, file.bytes)) return 'label-map';
  const scan = scanPart10(file.bytes);
  const wanted = [TAG.SOPClassUID, TAG.Modality, TAG.Rows];
  const read = await readTags(run, file.bytes, wanted);
  const error = read.error;
  // read-dicom-tags rejects files without pixel data, such as RTSTRUCT: dcmjs reads their header.
  const tags = read.tags ?? (scan.preamble ? readTagsWithDcmjs(file.bytes, wanted) : undefined);
  if (!tags) {
    throw new DicomInputError(`${file.path}: not a DICOM SEG, RTSTRUCT, NIfTI or NRRD file${scan.preamble ? ` (${error})` : ''}`);
  }
  const modality = tagText(tags, TAG.Modality).toUpperCase();
  const kind = objectKind(tagText(tags, TAG.SOPClassUID) || scan.mediaStorageSopClassUid || '', modality, scan.pixelData !== undefined, Number(tagText(tags, TAG.Rows) || 0));
  if (kind === 'seg' || kind === 'rtstruct') return kind;
  throw new DicomInputError(`${file.path}: a DICOM ${kind === 'image' ? 'image' : kind} (modality ${modality || 'missing'}), not a SEG or RTSTRUCT mask`);
}

/** The chosen ROIs of an RTSTRUCT, rasterised on the image grid (their union). */
function rtstructMask(file: DicomInput, image: ImageTarget, choice: MaskChoice): LoadedMask {
  const name = file.path;
  const warnings: string[] = [];
  const rois = chooseRois(name, parseRtstruct(name, file.bytes), choice.rois);
  const { dims, spacing, origin, direction } = image.geometry;
  const union = new Uint8Array(dims[0] * dims[1] * dims[2]);
  let voxels = 0;
  for (const roi of rois) {
    if (image.frameOfReferenceUid && roi.frameOfReferenceUid && roi.frameOfReferenceUid !== image.frameOfReferenceUid) {
      warnings.push(`${name}: ROI "${roi.name}" was drawn in another frame of reference (${roi.frameOfReferenceUid}) than ${image.name} (${image.frameOfReferenceUid})`);
    }
    if (roi.skipped.length) warnings.push(`${name}: ROI "${roi.name}": ${roi.skipped.join(', ')} left out (only closed planar contours fill a region)`);
    const r = rasteriseContours(image.geometry, roi.contours, { fillRule: choice.fillRule, name: `${name}: ROI "${roi.name}"` });
    warnings.push(...r.warnings);
    let inside = 0;
    for (let n = 0; n < union.length; n++) {
      if (!r.mask.data[n]) continue;
      inside++;
      if (!union[n]) voxels++;
      union[n] = 1;
    }
    if (inside === 0) {
      const why = r.slices.length === 0 ? 'none of its contours lies on a slice of the image' : 'no voxel centre lies inside its contours';
      throw new DicomInputError(`${name}: ROI "${roi.name}" does not overlap ${image.name}: ${why}`);
    }
  }
  const mask: Volume = { dims: [...dims], spacing: [...spacing], origin: [...origin], direction: [...direction], data: union };
  return { mask, kind: 'rtstruct', description: `ROI ${rois.map((r) => `"${r.name}"`).join(' + ')}`, warnings, voxels };
}

export async function loadMask(decoders: MaskDecoders, file: DicomInput, image: ImageTarget, choice: MaskChoice = {}): Promise<LoadedMask> {
  const kind = await maskKind(decoders.run, file);
  if (kind === 'rtstruct') return rtstructMask(file, image, choice);
  const name = file.path;
  let labels: Volume;
  let description: string;
  if (kind === 'seg') {
    const seg = await readSegmentation(decoders.run, name, file.bytes);
    const chosen = chooseSegments(name, seg.segments, choice.segments);
    labels = selectLabels(seg.labels, chosen.map((s) => s.number));
    description = `segment ${chosen.map(describeSegment).join(' + ')}`;
  } else {
    let volume: Volume;
    try {
      volume = await decoders.decodeLabelMap(name, file.bytes);
    } catch (e) {
      if (e instanceof ImageReadError) throw new DicomInputError(e.message);
      throw e;
    }
    const present = labelsPresent(volume);
    for (const l of choice.labels ?? []) {
      if (!present.includes(l)) throw new DicomInputError(`${name} has no voxel with label ${l} (labels present: ${present.join(', ') || 'none'})`);
    }
    labels = selectLabels(volume, choice.labels);
    description = choice.labels?.length ? `label ${choice.labels.join(' + ')}` : 'every non-zero label';
  }
  let aligned;
  try {
    aligned = alignMaskToImage(image.geometry, labels, { image: image.name, mask: name });
  } catch (e) {
    if (e instanceof MaskAlignmentError) throw new DicomInputError(e.message);
    throw e;
  }
  const mask = aligned.mask;
  return { mask, kind, description, warnings: aligned.warnings, voxels: countInside({ ...mask, data: mask.data as Uint8Array }) };
}
