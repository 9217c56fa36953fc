/**
 * Wrapper of shaders/gradient-magnitude.wgsl: PyRadiomics' gradient image type (SimpleITK GradientMagnitude, central
 * differences, edge voxel repeated). Twin: pyradiomicsGradient (src/core/filters/pyradiomics/gradient.ts).
 */
import gradientMagnitudeWgsl from '../../shaders/gradient-magnitude.wgsl?raw';
import type { Vec3 } from '../core/volume.js';
import type { BufferPool } from './buffer-pool.js';
import { filterVoxelsPerInvocation, type GpuVolume } from './convolve-axis.js';
import type { GpuContext } from './device.js';
import { ComputeKernel, dispatch, type Bound } from './kernel.js';
import { checkVolume, sliceGroupsX } from './limits.js';

export class GradientMagnitudeKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, { label: 'GradientMagnitude', code: gradientMagnitudeWgsl, bindings: ['uniform', 'read', 'write'] });
  }

  /** Records dst = |grad src| into `pass`; the difference along axis a is scaled by 0.5 / spacing_a (or 0.5). */
  encode(pass: GPUComputePassEncoder, pool: BufferPool, src: GpuVolume, dst: Bound, spacing: Vec3, useImageSpacing: boolean): void {
    checkVolume(this.gpu, src.dims, 'the filtered volume');
    const [nx, ny, nz] = src.dims;
    const groupsX = sliceGroupsX(this.gpu, nx * ny, filterVoxelsPerInvocation(this.gpu));
    const c = spacing.map((s) => 0.5 * (useImageSpacing ? 1 / s : 1));
    const params = this.kernel.params(pool, { dims: src.dims, groups_x: groupsX, c });
    dispatch(pass, this.kernel.pipeline('gradient_magnitude'), this.kernel.bindGroup([params, src.data, dst]), groupsX, nz);
  }
}
