/**
 * Wrapper of shaders/decimate.wgsl: keeps every step-th voxel along each axis (decimated wavelets). Twin:
 * decimatedWavelet (src/core/filters/separable-wavelet.ts).
 */
import decimateWgsl from '../../shaders/decimate.wgsl?raw';
import type { Vec3 } from '../core/volume.js';
import type { BufferPool } from './buffer-pool.js';
import { filterVoxelsPerInvocation, type GpuVolume } from './convolve-axis.js';
import type { GpuContext } from './device.js';
import { ComputeKernel, dispatch, type Bound } from './kernel.js';
import { sliceGroupsX } from './limits.js';

export class DecimateKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, { label: 'Decimate', code: decimateWgsl, bindings: ['uniform', 'read', 'write'] });
  }

  /** dst (grid `dims`) = src sampled at step * index. */
  decimate(pass: GPUComputePassEncoder, pool: BufferPool, src: GpuVolume, dst: Bound, dims: Vec3, step: Vec3): void {
    const groupsX = sliceGroupsX(this.gpu, dims[0] * dims[1], filterVoxelsPerInvocation(this.gpu));
    const params = this.kernel.params(pool, { dims, groups_x: groupsX, src_dims: src.dims, step });
    dispatch(pass, this.kernel.pipeline('decimate'), this.kernel.bindGroup([params, src.data, dst]), groupsX, dims[2]);
  }
}
