/**
 * Wrapper of shaders/fft-planes.wgsl: the voxel-wise steps of the Fourier-domain filters around the plane FFTs
 * (fft-axis.ts). A plane stack is a complex buffer [pu, pv, slices] holding the image planes (u, v) at
 * consecutive coordinates along w, each extended by (ru, rv) with the padding mode and zero-filled to (pu, pv):
 *   embed    image -> stack (gabor.ts: the slice extended by R with paddedIndex, then zero-filled),
 *   multiply stack x spectrum (a kernel's or transfer function's spectrum, repeated every spectrumLength),
 *   pool     stack (kept region [r, r + n)) -> modulus / real / imaginary part, pooled into a real volume.
 * Unused bindings of an entry point get small placeholder buffers.
 */
import fftPlanesWgsl from '../../shaders/fft-planes.wgsl?raw';
import type { Axis } from '../core/filters/axis-pass.js';
import type { Pooling } from '../core/filters/filter-volume.js';
import type { PaddingMode } from '../core/filters/padding.js';
import type { Vec3 } from '../core/volume.js';
import type { BufferPool } from './buffer-pool.js';
import { filterVoxelsPerInvocation, PADDING_CODE, type GpuVolume } from './convolve-axis.js';
import type { GpuContext } from './device.js';
import { bound, ComputeKernel, dispatch, type Bound } from './kernel.js';
import { checkStorageBytes, checkWorkgroups, sliceGroupsX } from './limits.js';

/** How image planes map onto a plane stack. */
export interface PlaneGeometry {
  /** image axes (u, v) of a plane and w across planes */
  axes: [Axis, Axis, Axis];
  /** image dims (x, y, z) */
  dims: Vec3;
  /** extension on each side of u and v, voxels */
  radius: [number, number];
  /** padded plane size (pu >= nu + 2 ru, pv >= nv + 2 rv) */
  padded: [number, number];
  /** first image coordinate along w held by the stack, and how many planes it holds */
  sliceStart: number;
  slices: number;
}

/** Response of a complex filter output: modulus, real or imaginary part. */
export type ComplexResponse = 'modulus' | 'real' | 'imaginary';

const RESPONSE_CODE: Record<ComplexResponse, number> = { modulus: 0, real: 1, imaginary: 2 };
const POOL_CODE: Record<Pooling, number> = { mean: 0, max: 1, min: 2 };

/** Complex elements of a plane stack. */
export function stackElements(g: PlaneGeometry): number {
  return g.padded[0] * g.padded[1] * g.slices;
}

/** The stack's dims as a complex volume (for fft-axis.ts). */
export function stackDims(g: PlaneGeometry): Vec3 {
  return [g.padded[0], g.padded[1], g.slices];
}

/** A pooled complex buffer for a plane stack (checked against the storage limits). */
export function acquireStack(gpu: GpuContext, pool: BufferPool, label: string, g: PlaneGeometry): Bound {
  const bytes = stackElements(g) * 8;
  checkStorageBytes(gpu, bytes, 'a stack of padded planes');
  return bound(pool.acquire(label, bytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST), bytes);
}

export class FftPlanesKernel {
  readonly kernel: ComputeKernel;
  /** placeholders for the bindings an entry point does not use (one read-only, one per writable binding) */
  private readonly spare: Record<'read' | 'complexOut' | 'realOut', Bound>;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, {
      label: 'FftPlanes',
      code: fftPlanesWgsl,
      bindings: ['uniform', 'read', 'read', 'read', 'write', 'write'],
    });
    const make = (label: string): Bound => bound(gpu.device.createBuffer({ label: `FftPlanes.${label}`, size: 16, usage: GPUBufferUsage.STORAGE }), 16);
    this.spare = { read: make('spareRead'), complexOut: make('spareComplexOut'), realOut: make('spareRealOut') };
  }

  private params(pool: BufferPool, g: PlaneGeometry, groupsX: number, extra: Record<string, number>): Bound {
    const strides = [1, g.dims[0], g.dims[0] * g.dims[1]];
    return this.kernel.params(pool, {
      size: g.axes.map((a) => g.dims[a]),
      strides: g.axes.map((a) => strides[a]),
      padded: g.padded,
      radius: g.radius,
      groups_x: groupsX,
      slice_start: g.sliceStart,
      padding: 0,
      spectrum_offset: 0,
      spectrum_len: 1,
      weight: 1,
      first: 0,
      ...extra,
    });
  }

  private run(pass: GPUComputePassEncoder, entry: string, constants: Record<string, number>, bindings: Bound[], groupsX: number, slices: number): void {
    checkWorkgroups(this.gpu, slices, `a stack of ${slices} planes`);
    dispatch(pass, this.kernel.pipeline(entry, constants), this.kernel.bindGroup(bindings), groupsX, slices);
  }

  /** stack = the image planes of `g`, extended with `padding`, zero-filled. */
  embed(pass: GPUComputePassEncoder, pool: BufferPool, image: GpuVolume, stack: Bound, g: PlaneGeometry, padding: PaddingMode): void {
    const groupsX = sliceGroupsX(this.gpu, g.padded[0] * g.padded[1], filterVoxelsPerInvocation(this.gpu));
    const params = this.params(pool, g, groupsX, { padding: PADDING_CODE[padding] });
    const { read, realOut } = this.spare;
    this.run(pass, 'embed', {}, [params, image.data, read, read, stack, realOut], groupsX, g.slices);
  }

  /** dst = src x spectrum[offset + (element mod length)], complex, over the whole stack. */
  multiply(pass: GPUComputePassEncoder, pool: BufferPool, src: Bound, spectrum: Bound, offset: number, length: number, dst: Bound, g: PlaneGeometry): void {
    const groupsX = sliceGroupsX(this.gpu, g.padded[0] * g.padded[1], filterVoxelsPerInvocation(this.gpu));
    const params = this.params(pool, g, groupsX, { spectrum_offset: offset, spectrum_len: length });
    const { read, realOut } = this.spare;
    this.run(pass, 'multiply', {}, [params, read, src, spectrum, dst, realOut], groupsX, g.slices);
  }

  /** acc (an image-sized real volume) pools `response` of the stack's kept region with `weight` (mean pooling). */
  pool(
    pass: GPUComputePassEncoder,
    pool: BufferPool,
    stack: Bound,
    acc: Bound,
    g: PlaneGeometry,
    o: { response: ComplexResponse; pooling: Pooling; weight: number; first: boolean },
  ): void {
    const groupsX = sliceGroupsX(this.gpu, g.dims[g.axes[0]] * g.dims[g.axes[1]], filterVoxelsPerInvocation(this.gpu));
    const params = this.params(pool, g, groupsX, { weight: o.weight, first: o.first ? 1 : 0 });
    const { read, complexOut } = this.spare;
    const constants = { RESPONSE: RESPONSE_CODE[o.response], POOL: POOL_CODE[o.pooling] };
    this.run(pass, 'pool', constants, [params, read, stack, read, complexOut, acc], groupsX, g.slices);
  }
}
