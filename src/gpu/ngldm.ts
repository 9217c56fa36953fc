/**
 * Wrapper of shaders/ngldm.wgsl: the NGLDM counts of computeNgldm (src/core/matrices/ngldm.ts), same layout.
 * Per-workgroup matrices in workgroup memory where ng * maxK fits (ng <= 151 in 3D at the default 16 KiB).
 * The neighbourhood reaches the shader as a list of offsets: the twin's explicit `offsets` (PyRadiomics' angles,
 * gapped distances included) or else its Chebyshev ball.
 */
import ngldmWgsl from '../../shaders/ngldm.wgsl?raw';
import type { GreyLevels } from '../core/discretise.js';
import { chebyshevOffsets } from '../core/matrices/neighbourhood.js';
import type { NgldmCounts, NgldmSettings } from '../core/matrices/ngldm.js';
import type { BufferPool } from './buffer-pool.js';
import { uncropNgldm } from './crop.js';
import type { GpuContext } from './device.js';
import { bound, ComputeKernel, dispatch, kernelFor, localHistogramConstants, voxelsPerInvocation, type Bound, type GreyShape } from './kernel.js';
import { checkIndexRange, checkStorageBytes, localHistogramSize, sliceGroupsX } from './limits.js';
import { runOnGreyLevels } from './one-shot.js';
import { neighbourOffsets } from './ngtdm.js';
import type { GpuOutput } from './readback.js';

export function planNgldm(gpu: GpuContext, grey: GreyShape, settings: NgldmSettings): { maxK: number; slices: number; words: number } {
  if (!(settings.alpha >= 0)) throw new Error(`NGLDM alpha must be >= 0, got ${settings.alpha}`);
  const maxK = (settings.offsets ?? chebyshevOffsets(settings.dimension, settings.distance)).length / 3 + 1;
  const slices = settings.dimension === '3d' ? 1 : grey.dims[2];
  const words = slices * grey.ng * maxK;
  checkIndexRange(words, 'the NGLDM');
  checkStorageBytes(gpu, words * 4, 'the NGLDM');
  checkStorageBytes(gpu, 16 * (maxK - 1), 'the NGLDM neighbour offsets');
  return { maxK, slices, words };
}

export class NgldmKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, { label: 'Ngldm', code: ngldmWgsl, bindings: ['uniform', 'read', 'read', 'write'] });
  }

  encode(encoder: GPUCommandEncoder, pool: BufferPool, levels: Bound, grey: GreyShape, settings: NgldmSettings): GpuOutput<NgldmCounts> {
    const { maxK, slices, words } = planNgldm(this.gpu, grey, settings);
    const [nx, ny, nz] = grey.dims;
    const counts = bound(pool.acquire('Ngldm.counts', words * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST), words * 4);
    encoder.clearBuffer(counts.buffer, 0, counts.size);
    const rows = neighbourOffsets(settings);
    const offsets = bound(pool.upload('Ngldm.offsets', rows, GPUBufferUsage.STORAGE), rows.byteLength);
    const local = localHistogramSize(this.gpu, grey.ng * maxK);
    const groupsX = sliceGroupsX(this.gpu, nx * ny, voxelsPerInvocation(local));
    const params = this.kernel.params(pool, {
      dims: [nx, ny, nz],
      groups_x: groupsX,
      ng: grey.ng,
      offset_count: maxK - 1,
      per_slice: settings.dimension === '3d' ? 0 : 1,
      // integer level differences: |i - j| <= alpha exactly when |i - j| <= floor(alpha)
      alpha: Math.min(Math.floor(settings.alpha), 0xffffffff),
      max_k: maxK,
    });
    const pass = encoder.beginComputePass({ label: 'Ngldm.pass' });
    dispatch(pass, this.kernel.pipeline('dependence_counts', localHistogramConstants(local)), this.kernel.bindGroup([params, levels, offsets, counts]), groupsX, nz);
    pass.end();
    const { dimension } = settings;
    return {
      reads: [{ buffer: counts.buffer, bytes: words * 4 }],
      decode: ([w]) => ({ dimension, counts: w.slice(), ng: grey.ng, maxK, slices }),
    };
  }
}

/** One submit, one read-back: the NGLDM of `grey`, equal to computeNgldm(grey, settings). */
export function ngldmOnGpu(gpu: GpuContext, grey: GreyLevels, settings: NgldmSettings): Promise<NgldmCounts> {
  return runOnGreyLevels(
    gpu,
    'Ngldm',
    grey,
    (encoder, pool, levels, shape) => kernelFor(gpu, NgldmKernel).encode(encoder, pool, levels, shape, settings),
    uncropNgldm,
  );
}
