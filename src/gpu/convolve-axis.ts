/**
 * Wrapper of shaders/convolve-axis.wgsl: the GPU twin of applyAxisPass (src/core/filters/axis-pass.ts), one 1D
 * pass of a separable filter along x, y or z of an f32 volume, with any taps (odd, even, dilated a trous) and the
 * IBSI 2 padding modes. Chains of passes ping-pong between two scratch buffers inside one compute pass, so a
 * whole separable filter is recorded into one command encoder and needs no read-back between passes.
 */
import convolveAxisWgsl from '../../shaders/convolve-axis.wgsl?raw';
import type { Axis, AxisPass } from '../core/filters/axis-pass.js';
import type { PaddingMode } from '../core/filters/padding.js';
import type { Vec3 } from '../core/volume.js';
import type { BufferPool } from './buffer-pool.js';
import type { GpuContext } from './device.js';
import { bound, ComputeKernel, dispatch, type Bound } from './kernel.js';
import { checkVolume, sliceGroupsX } from './limits.js';

/** An f32 volume on the GPU (x fastest, then y, then z). */
export interface GpuVolume {
  data: Bound;
  dims: Vec3;
}

/** The padding codes of convolve-axis.wgsl. */
export const PADDING_CODE: Record<PaddingMode, number> = { zero: 0, nearest: 1, periodic: 2, mirror: 3 };

export function voxelCount(dims: readonly number[]): number {
  return dims[0] * dims[1] * dims[2];
}

/** A pooled f32 volume buffer for `dims` (storage, copy source for the read-back). */
export function acquireVolume(pool: BufferPool, label: string, dims: Vec3): Bound {
  const bytes = voxelCount(dims) * 4;
  return bound(pool.acquire(label, bytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST), bytes);
}

/**
 * Voxels each invocation walks in the filter kernels (slice grid-stride). Software adapters (SwiftShader,
 * llvmpipe) pay per workgroup: 16 made 72 passes on 64^3 about 3x faster on SwiftShader than 1; hardware GPUs
 * want one voxel per invocation.
 */
export function filterVoxelsPerInvocation(gpu: GpuContext): number {
  return /swiftshader|llvmpipe|software/i.test(gpu.adapterName) ? 16 : 1;
}

export class ConvolveAxisKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, { label: 'ConvolveAxis', code: convolveAxisWgsl, bindings: ['uniform', 'read', 'read', 'write'] });
  }

  /** Records one pass src -> dst (distinct buffers of src.dims voxels) into `pass`. */
  encode(pass: GPUComputePassEncoder, pool: BufferPool, src: GpuVolume, dst: Bound, axis: Axis, p: AxisPass, padding: PaddingMode): void {
    const [nx, ny, nz] = src.dims;
    checkVolume(this.gpu, src.dims, 'the filtered volume');
    if (p.taps.length === 0) throw new RangeError('a convolution pass needs at least one tap');
    const taps = bound(pool.upload('ConvolveAxis.taps', Float32Array.from(p.taps), GPUBufferUsage.STORAGE), p.taps.length * 4);
    const groupsX = sliceGroupsX(this.gpu, nx * ny, filterVoxelsPerInvocation(this.gpu));
    const params = this.kernel.params(pool, {
      dims: [nx, ny, nz],
      groups_x: groupsX,
      axis,
      tap_count: p.taps.length,
      left: p.left,
      dilation: p.dilation,
      padding: PADDING_CODE[padding],
    });
    dispatch(pass, this.kernel.pipeline('convolve_axis'), this.kernel.bindGroup([params, taps, src.data, dst]), groupsX, nz);
  }

  /**
   * Records the passes of `chains` (axis 0 first, as applySeparable) reading `src` and alternating between the
   * two scratch buffers; returns the buffer that holds the result (`src` itself when there is no pass).
   */
  encodeChains(
    pass: GPUComputePassEncoder,
    pool: BufferPool,
    src: GpuVolume,
    chains: readonly (readonly AxisPass[])[],
    padding: PaddingMode,
    scratch: readonly [Bound, Bound],
  ): Bound {
    let cur = src.data;
    let next = 0;
    for (let a = 0; a < chains.length; a++) {
      for (const p of chains[a]) {
        const dst = scratch[next];
        this.encode(pass, pool, { data: cur, dims: src.dims }, dst, a as Axis, p, padding);
        cur = dst;
        next = 1 - next;
      }
    }
    return cur;
  }
}
