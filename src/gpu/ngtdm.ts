/**
 * Wrapper of shaders/ngtdm.wgsl: the integer NGTDM sums of computeNgtdm (src/core/matrices/ngtdm.ts), same
 * layout: counts (u32) and absDiff (u64 on the GPU, exact in the twin's Float64Array below 2^53).
 * Per-workgroup matrices where 2 * ng * (maxW + 1) words fit in workgroup memory (ng <= 75 in 3D at 16 KiB);
 * there each workgroup walks few enough voxels that its u32 absDiff sums cannot wrap.
 * The neighbourhood reaches the shader as a list of offsets: the twin's explicit `offsets` (PyRadiomics' angles,
 * gapped distances included) or else its Chebyshev ball; `countIsolated` is the twin's column W = 0.
 */
import ngtdmWgsl from '../../shaders/ngtdm.wgsl?raw';
import type { GreyLevels } from '../core/discretise.js';
import { chebyshevOffsets } from '../core/matrices/neighbourhood.js';
import type { NgtdmCounts, NgtdmSettings } from '../core/matrices/ngtdm.js';
import type { BufferPool } from './buffer-pool.js';
import { uncropNgtdm } from './crop.js';
import { GpuLimitError, type GpuContext } from './device.js';
import { bound, ComputeKernel, dispatch, kernelFor, localHistogramConstants, voxelsPerInvocation, type Bound, type GreyShape } from './kernel.js';
import { checkIndexRange, checkStorageBytes, localHistogramSize, sliceGroupsX, WORKGROUP_SIZE } from './limits.js';
import { runOnGreyLevels } from './one-shot.js';
import type { GpuOutput } from './readback.js';

/** The neighbour offsets of `settings` as (dx, dy, dz, 0) rows for the shader. */
export function neighbourOffsets(settings: { dimension: NgtdmSettings['dimension']; distance: number; offsets?: Int32Array }): Int32Array {
  const offsets = settings.offsets ?? chebyshevOffsets(settings.dimension, settings.distance);
  const n = offsets.length / 3;
  const rows = new Int32Array(4 * Math.max(1, n));
  for (let k = 0; k < n; k++) rows.set(offsets.subarray(3 * k, 3 * k + 3), 4 * k);
  return rows;
}

export function planNgtdm(gpu: GpuContext, grey: GreyShape, settings: NgtdmSettings): { maxW: number; slices: number; entries: number } {
  const maxW = (settings.offsets ?? chebyshevOffsets(settings.dimension, settings.distance)).length / 3;
  // i W and S are summed in u32 on the GPU
  if (grey.ng * maxW >= 2 ** 32) throw new GpuLimitError(`NGTDM with ${grey.ng} grey levels and ${maxW} neighbours overflows u32 sums`);
  const slices = settings.dimension === '3d' ? 1 : grey.dims[2];
  const entries = slices * grey.ng * (maxW + 1);
  checkIndexRange(2 * entries, 'the NGTDM');
  checkStorageBytes(gpu, 8 * entries, 'the NGTDM absolute differences');
  checkStorageBytes(gpu, 16 * maxW, 'the NGTDM neighbour offsets');
  return { maxW, slices, entries };
}

export class NgtdmKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, { label: 'Ngtdm', code: ngtdmWgsl, bindings: ['uniform', 'read', 'read', 'write', 'write'] });
  }

  encode(encoder: GPUCommandEncoder, pool: BufferPool, levels: Bound, grey: GreyShape, settings: NgtdmSettings): GpuOutput<NgtdmCounts> {
    const { maxW, slices, entries } = planNgtdm(this.gpu, grey, settings);
    const [nx, ny, nz] = grey.dims;
    const width = maxW + 1;
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const counts = bound(pool.acquire('Ngtdm.counts', entries * 4, usage), entries * 4);
    const absDiff = bound(pool.acquire('Ngtdm.absDiff', entries * 8, usage), entries * 8);
    encoder.clearBuffer(counts.buffer, 0, counts.size);
    encoder.clearBuffer(absDiff.buffer, 0, absDiff.size);
    const rows = neighbourOffsets(settings);
    const offsets = bound(pool.upload('Ngtdm.offsets', rows, GPUBufferUsage.STORAGE), rows.byteLength);

    const matrixWords = grey.ng * width;
    let local = localHistogramSize(this.gpu, 2 * matrixWords);
    let groupsX = sliceGroupsX(this.gpu, nx * ny, voxelsPerInvocation(local));
    if (local > 0) {
      // a workgroup's local |iW - S| sum must stay below 2^32: each voxel adds at most maxW (ng - 1)
      const maxVoxels = Math.floor(0xffffffff / (maxW * Math.max(1, grey.ng - 1)));
      const perInvocation = Math.floor(maxVoxels / WORKGROUP_SIZE);
      const needed = perInvocation >= 1 ? Math.ceil(nx * ny / (perInvocation * WORKGROUP_SIZE)) : Infinity;
      if (needed > this.gpu.limits.maxComputeWorkgroupsPerDimension) local = 0;
      groupsX = local > 0 ? Math.max(groupsX, needed) : sliceGroupsX(this.gpu, nx * ny);
    }
    const params = this.kernel.params(pool, {
      dims: [nx, ny, nz],
      groups_x: groupsX,
      ng: grey.ng,
      offset_count: maxW,
      per_slice: settings.dimension === '3d' ? 0 : 1,
      width,
      count_isolated: settings.countIsolated === true ? 1 : 0,
    });
    const pass = encoder.beginComputePass({ label: 'Ngtdm.pass' });
    dispatch(pass, this.kernel.pipeline('tone_differences', localHistogramConstants(local)), this.kernel.bindGroup([params, levels, offsets, counts, absDiff]), groupsX, nz);
    pass.end();
    const { dimension } = settings;
    return {
      reads: [
        { buffer: counts.buffer, bytes: entries * 4 },
        { buffer: absDiff.buffer, bytes: entries * 8 },
      ],
      decode: ([c, a]) => {
        const sums = new Float64Array(entries);
        for (let e = 0; e < entries; e++) sums[e] = a[2 * e] + a[2 * e + 1] * 2 ** 32;
        return { dimension, counts: c.slice(), absDiff: sums, ng: grey.ng, maxW, slices };
      },
    };
  }
}

/** One submit, one read-back: the NGTDM sums of `grey`, equal to computeNgtdm(grey, settings). */
export function ngtdmOnGpu(gpu: GpuContext, grey: GreyLevels, settings: NgtdmSettings): Promise<NgtdmCounts> {
  return runOnGreyLevels(
    gpu,
    'Ngtdm',
    grey,
    (encoder, pool, levels, shape) => kernelFor(gpu, NgtdmKernel).encode(encoder, pool, levels, shape, settings),
    uncropNgtdm,
  );
}
