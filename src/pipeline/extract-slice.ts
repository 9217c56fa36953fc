/**
 * The first slice through every stage: two decoded volumes -> ROI mask -> grey levels -> 3D GLCM over the
 * 13 directions (GPU kernel or its CPU twin) -> IBSI GLCM features, 3D averaged (ITBB) and 3D merged (IAZD).
 * Shared by the pipeline worker and the CLI; the caller supplies decoding and the GPU.
 */
import { discretise, DiscretisationError } from '../core/discretise.js';
import { glcmFeatureRecords } from '../core/features/glcm-extract.js';
import type { FeatureRecord } from '../core/features/types.js';
import { computeGlcm, type GlcmCounts, type GlcmSettings } from '../core/matrices/glcm.js';
import { countInside, geometryMismatch, maskFromLabels, type Volume } from '../core/volume.js';
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

  let grey;
  try {
    grey = discretise(image, mask, { kind: 'none' });
  } catch (e) {
    if (e instanceof DiscretisationError) throw new InputError(`${imageName}: ${e.message}`);
    throw e;
  }
  const warnings: string[] = [];
  if (grey.count < roiVoxels) warnings.push(`${imageName}: ${roiVoxels - grey.count} ROI voxels are NaN and were left out`);

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
  const features = [...glcmFeatureRecords(counts, '3d-averaged'), ...glcmFeatureRecords(counts, '3d-merged')];
  return { features, backend: used!, roiVoxels, greyLevels: grey.ng, warnings };
}
