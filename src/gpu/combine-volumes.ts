/**
 * Wrapper of shaders/combine-volumes.wgsl: the voxel-wise steps between convolution passes (pooling of rotated
 * responses, sums of separable terms, |x| of the Laws energy map). Twins: poolInto / finishPool (filter-volume.ts),
 * lawsEnergy (laws.ts). The decimation of decimated wavelets is decimate.ts.
 */
import combineWgsl from '../../shaders/combine-volumes.wgsl?raw';
import type { BufferPool } from './buffer-pool.js';
import { filterVoxelsPerInvocation, type GpuVolume } from './convolve-axis.js';
import type { GpuContext } from './device.js';
import { ComputeKernel, dispatch, type Bound } from './kernel.js';
import { sliceGroupsX } from './limits.js';

/** How responses combine: sum (also the first half of mean), max or min. */
export type Combine = 'sum' | 'max' | 'min';

const POOL_CODE: Record<Combine, number> = { sum: 0, max: 1, min: 2 };

export class CombineVolumesKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, { label: 'CombineVolumes', code: combineWgsl, bindings: ['uniform', 'read', 'write'] });
  }

  private run(pass: GPUComputePassEncoder, pool: BufferPool, entry: string, constants: Record<string, number>, src: GpuVolume, acc: Bound, values: { sign?: number; first?: boolean; factor?: number }): void {
    const [nx, ny, nz] = src.dims;
    const groupsX = sliceGroupsX(this.gpu, nx * ny, filterVoxelsPerInvocation(this.gpu));
    const params = this.kernel.params(pool, { dims: src.dims, groups_x: groupsX, sign: values.sign ?? 1, first: values.first ? 1 : 0, factor: values.factor ?? 1 });
    dispatch(pass, this.kernel.pipeline(entry, constants), this.kernel.bindGroup([params, src.data, acc]), groupsX, nz);
  }

  /** acc = sign src (first), else acc (+ | max | min) sign src. */
  accumulate(pass: GPUComputePassEncoder, pool: BufferPool, src: GpuVolume, acc: Bound, combine: Combine, sign: number, first: boolean): void {
    this.run(pass, pool, 'accumulate', { POOL: POOL_CODE[combine] }, src, acc, { sign, first });
  }

  /** acc = factor acc (acc is bound as `src` too in the layout, so a dummy read buffer is passed: `spare`). */
  scale(pass: GPUComputePassEncoder, pool: BufferPool, acc: GpuVolume, spare: Bound, factor: number): void {
    this.run(pass, pool, 'scale', {}, { data: spare, dims: acc.dims }, acc.data, { factor });
  }

  /** dst = |src|. */
  absolute(pass: GPUComputePassEncoder, pool: BufferPool, src: GpuVolume, dst: Bound): void {
    this.run(pass, pool, 'absolute', {}, src, dst, {});
  }
}
