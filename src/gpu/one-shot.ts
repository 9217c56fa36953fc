/**
 * One-shot runs of a single kernel (one submit, one read-back), for callers that need one matrix and for the
 * per-kernel tests; like a case, they crop to the ROI box. A whole case goes through case-runner.ts instead,
 * which shares the upload and the read-back.
 */
import type { GreyLevels } from '../core/discretise.js';
import { BufferPool } from './buffer-pool.js';
import type { GpuContext } from './device.js';
import { boundingBox, cropGreyLevels, type Crop } from './crop.js';
import { bound, type Bound, type GreyShape } from './kernel.js';
import { checkVolume } from './limits.js';
import { submitAndRead, withErrorScopes, type GpuOutput } from './readback.js';

/** Uploads grey levels (u32 per voxel) into a pooled storage buffer. */
export function uploadGreyLevels(gpu: GpuContext, pool: BufferPool, grey: GreyLevels): Bound {
  checkVolume(gpu, grey.dims);
  return bound(pool.upload('Levels.buffer', grey.levels, GPUBufferUsage.STORAGE), grey.levels.byteLength);
}

/**
 * Crops `grey` to its ROI box (crop.ts), uploads it, lets `record` encode one kernel on the cropped shape,
 * submits once, reads its output back once and maps it back to the full grid with `uncrop`.
 */
export async function runOnGreyLevels<T>(
  gpu: GpuContext,
  what: string,
  grey: GreyLevels,
  record: (encoder: GPUCommandEncoder, pool: BufferPool, levels: Bound, shape: GreyShape) => GpuOutput<T>,
  uncrop: (result: T, crop: Crop) => T,
): Promise<T> {
  const crop = boundingBox(grey.levels, grey.dims);
  const cropped = cropGreyLevels(grey, crop);
  const pool = new BufferPool(gpu);
  try {
    return await withErrorScopes(gpu, what, async () => {
      const encoder = gpu.device.createCommandEncoder({ label: `${what}.encoder` });
      const out = record(encoder, pool, uploadGreyLevels(gpu, pool, cropped), cropped);
      const [result] = await submitAndRead<[T]>(gpu, pool, encoder, [out]);
      return uncrop(result, crop);
    });
  } finally {
    pool.destroy();
  }
}
