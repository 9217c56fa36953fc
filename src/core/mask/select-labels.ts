/** Choosing labels of a label image (a NIfTI/NRRD label map, a DICOM SEG's segments) as one binary mask. */
import type { Mask, Volume } from '../volume.js';

/** The distinct non-zero labels of a label image, ascending. */
export function labelsPresent(labels: Volume): number[] {
  const seen = new Set<number>();
  const d = labels.data;
  for (let n = 0; n < d.length; n++) if (d[n] !== 0) seen.add(d[n]);
  return [...seen].sort((a, b) => a - b);
}

/** 1 where the label is one of `chosen` (every non-zero label when `chosen` is undefined), 0 elsewhere. */
export function selectLabels(labels: Volume, chosen?: number[]): Mask {
  const d = labels.data;
  const out = new Uint8Array(d.length);
  const set = chosen ? new Set(chosen) : undefined;
  for (let n = 0; n < d.length; n++) {
    const v = d[n];
    if (v !== 0 && (!set || set.has(v))) out[n] = 1;
  }
  return { dims: [...labels.dims], spacing: [...labels.spacing], origin: [...labels.origin], direction: [...labels.direction], data: out };
}
