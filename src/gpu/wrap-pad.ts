/**
 * Wrapper of shaders/wrap-pad.wgsl: dst = src read periodically on another grid. PyRadiomics' wavelet pads every
 * odd axis by one voxel that repeats voxel 0 (numpy.pad 'wrap') and crops the bands back afterwards; both are
 * this copy. Twins: wrapPad / crop in src/core/filters/pyradiomics/wavelet.ts.
 */
import wrapPadWgsl from '../../shaders/wrap-pad.wgsl?raw';
import type { Vec3 } from '../core/volume.js';
import type { BufferPool } from './buffer-pool.js';
import { filterVoxelsPerInvocation, type GpuVolume } from './convolve-axis.js';
import type { GpuContext } from './device.js';
import { ComputeKernel, dispatch, type Bound } from './kernel.js';
import { checkVolume, sliceGroupsX } from './limits.js';

export class WrapPadKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, { label: 'WrapPad', code: wrapPadWgsl, bindings: ['uniform', 'read', 'write'] });
  }

  /** Records dst (grid `dims`) = src[p mod src.dims] into `pass`. */
  encode(pass: GPUComputePassEncoder, pool: BufferPool, src: GpuVolume, dst: Bound, dims: Vec3): void {
    checkVolume(this.gpu, dims, 'the padded volume');
    const groupsX = sliceGroupsX(this.gpu, dims[0] * dims[1], filterVoxelsPerInvocation(this.gpu));
    const params = this.kernel.params(pool, { dims, groups_x: groupsX, src_dims: src.dims });
    dispatch(pass, this.kernel.pipeline('wrap_pad'), this.kernel.bindGroup([params, src.data, dst]), groupsX, dims[2]);
  }
}
