/**
 * Wrapper of shaders/intensity-histogram.wgsl: n_i of grey levels 1..ng, the `counts` of intensityHistogram()
 * (src/core/features/intensity-histogram.ts). A per-workgroup histogram in workgroup memory where ng fits the
 * device's workgroup storage (4096 levels at the default 16 KiB), global atomics beyond.
 */
import histogramWgsl from '../../shaders/intensity-histogram.wgsl?raw';
import type { GreyLevels } from '../core/discretise.js';
import type { BufferPool } from './buffer-pool.js';
import type { GpuContext } from './device.js';
import { bound, ComputeKernel, dispatch, kernelFor, localHistogramConstants, voxelsPerInvocation, type Bound, type GreyShape } from './kernel.js';
import { checkStorageBytes, localHistogramSize, sliceGroupsX } from './limits.js';
import { runOnGreyLevels } from './one-shot.js';
import type { GpuOutput } from './readback.js';

export function checkIntensityHistogram(gpu: GpuContext, grey: GreyShape): void {
  checkStorageBytes(gpu, grey.ng * 4, 'the intensity histogram');
}

export class IntensityHistogramKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, { label: 'IntensityHistogram', code: histogramWgsl, bindings: ['uniform', 'read', 'write'] });
  }

  /** Records the histogram of `levels` (1..ng, 0 outside); the output decodes to n_i at index i - 1. */
  encode(encoder: GPUCommandEncoder, pool: BufferPool, levels: Bound, grey: GreyShape): GpuOutput<Float64Array> {
    checkIntensityHistogram(this.gpu, grey);
    const [nx, ny, nz] = grey.dims;
    const bytes = grey.ng * 4;
    const counts = bound(pool.acquire('IntensityHistogram.counts', bytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST), bytes);
    encoder.clearBuffer(counts.buffer, 0, counts.size);
    const local = localHistogramSize(this.gpu, grey.ng);
    const groupsX = sliceGroupsX(this.gpu, nx * ny, voxelsPerInvocation(local));
    const params = this.kernel.params(pool, { dims: [nx, ny, nz], groups_x: groupsX, ng: grey.ng });
    const pass = encoder.beginComputePass({ label: 'IntensityHistogram.pass' });
    dispatch(pass, this.kernel.pipeline('histogram', localHistogramConstants(local)), this.kernel.bindGroup([params, levels, counts]), groupsX, nz);
    pass.end();
    return { reads: [{ buffer: counts.buffer, bytes }], decode: ([w]) => Float64Array.from(w) };
  }
}

/** One submit, one read-back: n_i of `grey` (as the twin's Float64Array). */
export function intensityHistogramOnGpu(gpu: GpuContext, grey: GreyLevels): Promise<Float64Array> {
  return runOnGreyLevels(
    gpu,
    'IntensityHistogram',
    grey,
    (encoder, pool, levels, shape) => kernelFor(gpu, IntensityHistogramKernel).encode(encoder, pool, levels, shape),
    (counts) => counts,
  );
}
