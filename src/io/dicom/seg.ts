/**
 * DICOM SEG (PS3.3 A.51) through itk-wasm read-segmentation (dcmqi): a label image on the SEG's own grid, whose
 * labels are the segment numbers, and the dcmqi description of each segment (label, description).
 */
import type { Volume } from '../../core/volume.js';
import { ImageReadError } from '../image-format.js';
import { itkImageToVolume } from '../itk-to-volume.js';
import { DicomInputError } from './dicom-error.js';
import { firstLine, readSegImage, type PipelineRunner } from './pipeline-runner.js';

export interface SegmentInfo {
  /** the segment number, which is also its label value in the label image */
  number: number;
  label: string;
  description: string;
}

export interface DecodedSegmentation {
  labels: Volume;
  segments: SegmentInfo[];
}

interface DcmqiSegment {
  labelID?: number;
  SegmentLabel?: string;
  SegmentDescription?: string;
}

/** Lists the segments in dcmqi's JSON: segmentAttributes is a list of groups of non-overlapping segments. */
export function segmentsOf(meta: unknown): { segments: SegmentInfo[]; groups: number } {
  const groups = ((meta as { segmentAttributes?: DcmqiSegment[][] })?.segmentAttributes ?? []).filter((g) => Array.isArray(g));
  const segments = groups.flat().map((s, n) => ({
    number: Number(s.labelID ?? n + 1),
    label: String(s.SegmentLabel ?? '').trim(),
    description: String(s.SegmentDescription ?? '').trim(),
  }));
  return { segments, groups: groups.length };
}

export async function readSegmentation(run: PipelineRunner, name: string, bytes: Uint8Array): Promise<DecodedSegmentation> {
  const r = await readSegImage(run, bytes);
  if (!r.image) throw new DicomInputError(`${name}: the DICOM SEG could not be read (${firstLine(r.stderr) || `error ${r.returnValue}`})`);
  const { segments, groups } = segmentsOf(r.meta);
  if (groups > 1) {
    throw new DicomInputError(`${name}: the DICOM SEG holds overlapping segments (${groups} groups); overlapping segmentations are not supported yet`);
  }
  try {
    return { labels: itkImageToVolume(name, r.image), segments };
  } catch (e) {
    if (e instanceof ImageReadError) throw new DicomInputError(e.message);
    throw e;
  }
}

export function describeSegment(s: SegmentInfo): string {
  return `${s.number} "${s.label || s.description || 'unnamed'}"`;
}

/**
 * The segments chosen by number or by label (case-insensitive). Without a choice, the only segment; several
 * segments and no choice is an error that lists them.
 */
export function chooseSegments(name: string, segments: SegmentInfo[], choice?: (number | string)[]): SegmentInfo[] {
  const list = segments.map(describeSegment).join(', ');
  if (!choice || choice.length === 0) {
    if (segments.length === 1) return segments;
    throw new DicomInputError(`${name} holds ${segments.length} segments (${list}): choose one or several by number or label`);
  }
  return choice.map((c) => {
    const asNumber = typeof c === 'number' ? c : /^\d+$/.test(c.trim()) ? Number(c) : undefined;
    const found =
      asNumber !== undefined
        ? segments.find((s) => s.number === asNumber)
        : segments.find((s) => s.label.toLowerCase() === String(c).trim().toLowerCase());
    if (!found) throw new DicomInputError(`${name} has no segment ${typeof c === 'number' ? c : `"${c}"`} (segments: ${list})`);
    return found;
  });
}
