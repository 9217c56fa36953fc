/**
 * The clinic page's drawn ROI (issue 8 step 2, "the ROI from a file or drawn"): a viewer model on the image of the
 * model's first sequence, starting from the mask file when one was given and lies on that image's grid, and the
 * edited labels turned back into a mask file for the run path. The component holds no numeric logic; this does.
 */
import { encodeNifti } from '../core/nifti-write.js';
import type { Volume } from '../core/volume.js';
import { createViewerModel, type ViewerModel } from './roi-editing.js';

/** The name the drawn mask carries through the run, so that the report shows the ROI came from drawing. */
export const DRAWN_ROI_NAME = 'drawn-roi.nii.gz';

/** The label drawn as the tumour; the mask file holds it as 1 (the PyRadiomics default label). */
export const ROI_LABEL = 1;

export interface DrawingStart {
  model: ViewerModel;
  /** why the mask file was not taken as the start (another grid), if it was not */
  note?: string;
}

/** Same voxel grid: dims equal, spacing within 1e-3 mm (a NIfTI header stores float32), origin within 1e-2 mm. */
function sameGrid(a: Volume, b: Volume): boolean {
  const close = (x: number[], y: number[], tol: number) => x.every((v, i) => Math.abs(v - y[i]) <= tol);
  return close(a.dims, b.dims, 0) && close(a.spacing, b.spacing, 1e-3) && close(a.origin, b.origin, 1e-2);
}

/**
 * A viewer model on `image` with `start` (a label map, e.g. the mask file) as its first labels when it lies on the
 * image's grid; otherwise the drawing starts empty and `note` says why.
 */
export function drawingModel(image: Volume, start?: Volume, startName = 'the mask file'): DrawingStart {
  if (!start) return { model: createViewerModel(image, undefined, 'MR') };
  if (!sameGrid(image, start)) {
    const d = (g: Volume) => `${g.dims.join(' x ')} voxels of ${g.spacing.map((s) => +s.toFixed(3)).join(' x ')} mm`;
    return { model: createViewerModel(image, undefined, 'MR'), note: `${startName} is not on the image's grid (${d(start)} against ${d(image)}); the drawing starts empty` };
  }
  const labels = new Uint8Array(start.data.length);
  for (let i = 0; i < labels.length; i++) labels[i] = start.data[i] > 0 && start.data[i] < 256 ? start.data[i] : 0;
  return { model: createViewerModel(image, labels, 'MR') };
}

export type DrawnRoi = { ok: true; name: string; bytes: Uint8Array; voxels: number } | { ok: false; problem: string };

/**
 * The drawn tumour as a NIfTI mask on the image's grid: 1 where the editor holds ROI_LABEL, 0 elsewhere (other
 * labels, e.g. a peritumoral ring, are left out). An empty ROI is refused.
 */
export function drawnRoi(model: ViewerModel, name = DRAWN_ROI_NAME): DrawnRoi {
  const labels = model.editor.labels;
  const mask = new Uint8Array(labels.length);
  let voxels = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === ROI_LABEL) {
      mask[i] = 1;
      voxels++;
    }
  }
  if (voxels === 0) return { ok: false, problem: `the drawn ROI is empty: draw the tumour with label ${ROI_LABEL} on the images (Brush), or choose a mask file` };
  const { dims, spacing, origin, direction } = model.volume;
  const bytes = encodeNifti({ dims, spacing, origin, direction, data: mask }, { description: 'WebRadiomics drawn ROI' });
  return { ok: true, name, bytes, voxels };
}
