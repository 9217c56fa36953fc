/**
 * The first slice through every stage: two decoded volumes -> ROI mask -> grey levels -> 3D GLCM over the
 * 13 directions (GPU kernel or its CPU twin) -> IBSI GLCM features, 3D averaged (ITBB) and 3D merged (IAZD).
 * Shared by the pipeline worker and the CLI; the caller supplies decoding and the GPU.
 */
import { discretise, DiscretisationError } from '../core/discretise.js';
import { glcmFeatureRecords } from '../core/features/glcm-extract.js';
import type { FeatureRecord } from '../core/features/types.js';
import { computeGlcm, type GlcmCounts, type GlcmSettings } from '../core/matrices/glcm.js';
import { countInside, geometryMismatch, maskFromLabels, type Mask, type Volume } from '../core/volume.js';
import { GpuLimitError, type GpuAcquisition } from '../gpu/device.js';
import { glcmOnGpu } from '../gpu/glcm.js';

export type BackendChoice = 'auto' | 'gpu' | 'cpu';

export interface BackendUsed {
  kind: 'gpu' | 'cpu';
  /** GPU adapter description, or why the CPU ran */
  description: string;
}

export interface SliceInput {
  image: Volume;
  mask: Volume;
  imageName: string;
  maskName: string;
  /** mask label to use; undefined = every non-zero voxel */
  label?: number;
}

export interface ExtractionResult {
  features: FeatureRecord[];
  backend: BackendUsed;
  roiVoxels: number;
  greyLevels: number;
  warnings: string[];
}

/** A problem with the user's input, with the file(s) named. Shown as is; exit code 2 in the CLI. */
export class InputError extends Error {
  override name = 'InputError';
}

/** The GPU was forced but cannot run. */
export class BackendError extends Error {
  override name = 'BackendError';
}

const GLCM_3D: GlcmSettings = { dimension: '3d', distance: 1 };

/**
 * Most grey levels without discretisation: the GLCM holds 13 x Ng^2 counts (Ng = 1024: 54 MB; the GPU's default
 * 128 MiB storage binding holds Ng up to about 1500). Beyond it an image needs discretising, not a bigger matrix.
 */
export const MAX_GREY_LEVELS = 1024;

/** Refuses ROIs whose intensities no matrix can be sized by: all NaN, or grey levels beyond MAX_GREY_LEVELS. */
function checkRoiIntensities({ image, imageName }: SliceInput, mask: Mask, roiVoxels: number): void {
  let nan = 0;
  let max = -Infinity;
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    const v = image.data[i];
    if (Number.isNaN(v)) nan++;
    else if (v > max) max = v;
  }
  if (nan === roiVoxels) throw new InputError(`${imageName}: every ROI voxel is NaN (${roiVoxels} voxels)`);
  if (max > MAX_GREY_LEVELS) {
    throw new InputError(`${imageName}: the ROI has grey levels up to ${max}; without discretisation at most ${MAX_GREY_LEVELS} are supported`);
  }
}

export async function extractSlice(
  input: SliceInput,
  backend: BackendChoice,
  getGpu: () => Promise<GpuAcquisition>,
): Promise<ExtractionResult> {
  const { image, imageName, maskName } = input;
  const mismatch = geometryMismatch(image, input.mask);
  if (mismatch) throw new InputError(`${maskName} does not lie on the grid of ${imageName}: ${mismatch}`);
  const mask = maskFromLabels(input.mask, input.label);
  const roiVoxels = countInside(mask);
  const which = input.label === undefined ? 'no non-zero voxel' : `no voxel with label ${input.label}`;
  if (roiVoxels === 0) throw new InputError(`${maskName}: the mask is empty (${which})`);
  checkRoiIntensities(input, mask, roiVoxels);

  let grey;
  try {
    grey = discretise(image, mask, { kind: 'none' });
  } catch (e) {
    if (e instanceof DiscretisationError) throw new InputError(`${imageName}: ${e.message}`);
    throw e;
  }
  const warnings: string[] = [];
  if (grey.count < roiVoxels) warnings.push(`${imageName}: ${roiVoxels - grey.count} ROI voxels are NaN and were left out`);
  if (image.dims[2] === 1) {
    warnings.push(`${imageName}: a single slice (2D image); the 3D texture features use only the 4 in-plane of the 13 directions`);
  }

  let counts: GlcmCounts | undefined;
  let used: BackendUsed;
  if (backend === 'cpu') {
    used = { kind: 'cpu', description: 'CPU (selected)' };
  } else {
    const got = await getGpu();
    if (got.ok) {
      try {
        counts = await glcmOnGpu(got.gpu, grey, GLCM_3D);
        used = { kind: 'gpu', description: got.gpu.adapterName };
      } catch (e) {
        if (backend === 'gpu' || !(e instanceof GpuLimitError)) throw e instanceof GpuLimitError ? new BackendError(e.message) : e;
        used = { kind: 'cpu', description: `CPU (${e.message})` };
      }
    } else {
      if (backend === 'gpu') throw new BackendError(`the GPU backend was requested but ${got.reason}`);
      used = { kind: 'cpu', description: `CPU (${got.reason})` };
    }
  }
  counts ??= computeGlcm(grey, GLCM_3D);
  if (!counts.counts.some((c) => c > 0)) {
    const roi = grey.count === 1 ? 'the ROI has 1 voxel' : `no two of the ${grey.count} ROI voxels are neighbours`;
    throw new InputError(`${maskName}: ${roi}; texture features need at least 2 neighbouring voxels`);
  }
  const features = [...glcmFeatureRecords(counts, '3d-averaged'), ...glcmFeatureRecords(counts, '3d-merged')];
  return { features, backend: used!, roiVoxels, greyLevels: grey.ng, warnings };
}
