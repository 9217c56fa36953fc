/**
 * Wrapper of shaders/intensity-types.wgsl: PyRadiomics' square, squareroot, logarithm and exponential image types,
 * voxel-wise in f32 with the whole-image constants computed on the CPU (pyradiomicsIntensityConstants, f64).
 * Twins: src/core/filters/pyradiomics/intensity.ts.
 */
import intensityTypesWgsl from '../../shaders/intensity-types.wgsl?raw';
import { pyradiomicsIntensityConstants } from '../core/filters/pyradiomics/intensity.js';
import type { Volume } from '../core/volume.js';
import type { BufferPool } from './buffer-pool.js';
import { filterVoxelsPerInvocation, type GpuVolume } from './convolve-axis.js';
import type { GpuContext } from './device.js';
import { ComputeKernel, dispatch, type Bound } from './kernel.js';
import { checkVolume, sliceGroupsX } from './limits.js';

export type IntensityType = 'Square' | 'SquareRoot' | 'Logarithm' | 'Exponential';

const TYPE_CODE: Record<IntensityType, number> = { Square: 0, SquareRoot: 1, Logarithm: 2, Exponential: 3 };

/**
 * The shader's constant `c` for this type and image, or null where the twin's result is not finite for every voxel
 * (M = max |x| zero, infinite or NaN): the twin then runs.
 */
export function intensityTypeConstant(image: Volume, type: IntensityType): number | null {
  const { maxAbs: m, logScale } = pyradiomicsIntensityConstants(image);
  if (!(m > 0) || !Number.isFinite(m)) return null;
  switch (type) {
    case 'Square':
      return 1 / Math.sqrt(m);
    case 'SquareRoot':
      return Math.sqrt(m);
    case 'Logarithm':
      return Number.isFinite(logScale) ? logScale : null;
    case 'Exponential':
      return Math.log(m) / m;
  }
}

export class IntensityTypesKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, { label: 'IntensityTypes', code: intensityTypesWgsl, bindings: ['uniform', 'read', 'write'] });
  }

  /** Records dst = type(src) with the constant `c` (intensityTypeConstant) into `pass`. */
  encode(pass: GPUComputePassEncoder, pool: BufferPool, src: GpuVolume, dst: Bound, type: IntensityType, c: number): void {
    checkVolume(this.gpu, src.dims, 'the filtered volume');
    const [nx, ny, nz] = src.dims;
    const groupsX = sliceGroupsX(this.gpu, nx * ny, filterVoxelsPerInvocation(this.gpu));
    const params = this.kernel.params(pool, { dims: src.dims, groups_x: groupsX, c });
    dispatch(pass, this.kernel.pipeline('intensity_type', { TYPE: TYPE_CODE[type] }), this.kernel.bindGroup([params, src.data, dst]), groupsX, nz);
  }
}
