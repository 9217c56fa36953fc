/**
 * Runs a volume filter that encodes itself on the GPU (the Fourier-domain filters: gabor-gpu.ts,
 * simoncelli-gpu.ts): one upload, one command encoder, one submit, one read-back, inside error scopes, as
 * filterOnGpu (filter-gpu.ts) does for the separable filters. The voxels come back as f64 (from f32).
 */
import { withData } from '../core/filters/filter-volume.js';
import type { Volume } from '../core/volume.js';
import { BufferPool } from './buffer-pool.js';
import { voxelCount, type GpuVolume } from './convolve-axis.js';
import type { GpuContext } from './device.js';
import { uploadVolumeF32 } from './filter-gpu.js';
import { submitAndRead, withErrorScopes, type GpuCounters } from './readback.js';

export type EncodeVolumeFilter = (encoder: GPUCommandEncoder, pool: BufferPool, input: GpuVolume) => GpuVolume;

export async function runVolumeFilter(gpu: GpuContext, image: Volume, what: string, encode: EncodeVolumeFilter, counters?: GpuCounters): Promise<Volume> {
  const pool = new BufferPool(gpu);
  try {
    return await withErrorScopes(gpu, what, async () => {
      const encoder = gpu.device.createCommandEncoder({ label: `${what}.encoder` });
      const out = encode(encoder, pool, uploadVolumeF32(gpu, pool, image));
      const n = voxelCount(out.dims);
      const [data] = await submitAndRead<[Float64Array]>(
        gpu,
        pool,
        encoder,
        [{ reads: [{ buffer: out.data.buffer, bytes: n * 4 }], decode: ([w]) => Float64Array.from(new Float32Array(w.buffer, w.byteOffset, n)) }],
        counters,
      );
      return withData(image, data, out.dims);
    });
  } finally {
    pool.destroy();
  }
}
