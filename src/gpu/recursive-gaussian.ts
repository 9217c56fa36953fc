/**
 * Wrapper of shaders/recursive-gaussian.wgsl: ITK's recursive Gaussian (Deriche IIR) along one axis, one invocation
 * per line, and SimpleITK's LaplacianRecursiveGaussian built from it. Twins: recursiveGaussianAxis
 * (src/core/filters/pyradiomics/recursive-gaussian.ts) and laplacianRecursiveGaussian (log.ts). Coefficients are
 * the core's own (recursiveGaussianCoefficients, and for wide filters their parallel form
 * recursiveGaussianSections), computed in f64 and uploaded as f32.
 *
 * Form per pass, for f32 accuracy (measured against the f64 twin on 80-sample lines, error / range, orders 0
 * and 2): the direct form stays within 1e-6 up to sigma = 2 voxels but loses its DC gain beyond (1e-4 at 10
 * voxels, 1e-2 at 40: its coefficients sum to prod (1 - p)); the parallel form stays within 1e-6 from
 * 0.3 voxels up to 50 but is ill-conditioned below (poles near 0, huge residues). Sigma < 2 voxels runs direct.
 */
import recursiveGaussianWgsl from '../../shaders/recursive-gaussian.wgsl?raw';
import type { Axis } from '../core/filters/axis-pass.js';
import { recursiveGaussianCoefficients, type GaussianOrder } from '../core/filters/pyradiomics/recursive-gaussian.js';
import { recursiveGaussianSections } from '../core/filters/pyradiomics/recursive-gaussian-sections.js';
import type { Vec3 } from '../core/volume.js';
import type { BufferPool } from './buffer-pool.js';
import { CombineVolumesKernel } from './combine-volumes.js';
import { acquireVolume, voxelCount, type GpuVolume } from './convolve-axis.js';
import type { GpuContext } from './device.js';
import { ComputeKernel, dispatch, kernelFor, type Bound } from './kernel.js';
import { checkVolume, strideGroups } from './limits.js';

/** Sigma (voxels) from which a pass runs the parallel form instead of the direct one. */
export const SECTIONS_FROM_SIGMA_VOXELS = 2;

function sum4(v: readonly number[]): number {
  return v[0] + v[1] + v[2] + v[3];
}

/** One pass of SimpleITK's recursive Gaussian (NormalizeAcrossScale on): sigma in mm on an axis of this spacing. */
export interface RecursiveGaussianPass {
  sigmaMm: number;
  spacing: number;
  order: GaussianOrder;
}

export class RecursiveGaussianKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, { label: 'RecursiveGaussian', code: recursiveGaussianWgsl, bindings: ['uniform', 'read', 'write'] });
  }

  /** Records one pass src -> dst (distinct buffers of src.dims voxels) along `axis` (>= 4 voxels) into `pass`. */
  encode(pass: GPUComputePassEncoder, pool: BufferPool, src: GpuVolume, dst: Bound, axis: Axis, p: RecursiveGaussianPass): void {
    checkVolume(this.gpu, src.dims, 'the filtered volume');
    const n = src.dims[axis];
    if (n < 4) throw new RangeError(`the recursive Gaussian needs at least 4 voxels along axis ${axis}, found ${n}`);
    const c = recursiveGaussianCoefficients(p.sigmaMm, p.spacing, p.order, true);
    const sd = 1 + sum4(c.d);
    const sections = p.sigmaMm / Math.abs(p.spacing) >= SECTIONS_FROM_SIGMA_VOXELS;
    const s = sections ? recursiveGaussianSections(p.sigmaMm, p.spacing, c) : null;
    const groupsX = strideGroups(this.gpu, voxelCount(src.dims) / n);
    const params = this.kernel.params(pool, {
      dims: src.dims,
      groups_x: groupsX,
      axis,
      n: c.n,
      d: c.d,
      m: c.m,
      steady_m: sum4(c.m) / sd,
      dc: (sum4(c.n) + sum4(c.m)) / sd,
      poles: s ? s.poles.flat() : [0, 0, 0, 0],
      causal: s ? s.causal.flat() : [0, 0, 0, 0],
      anticausal: s ? s.anticausal.flat() : [0, 0, 0, 0],
      anticausal_steady: s ? s.anticausalSteady.flat() : [0, 0, 0, 0],
    });
    const entry = sections ? 'recursive_gaussian_sections' : 'recursive_gaussian_direct';
    dispatch(pass, this.kernel.pipeline(entry), this.kernel.bindGroup([params, src.data, dst]), groupsX);
  }
}

/**
 * Scratch of encodeLaplacianRecursiveGaussian: two volumes of the input's size, shareable by every sigma recorded
 * into the same compute pass (dispatches in a pass run in order).
 */
export function acquireLogScratch(pool: BufferPool, dims: Vec3): [Bound, Bound] {
  return [acquireVolume(pool, 'LaplacianRecursiveGaussian.pingA', dims), acquireVolume(pool, 'LaplacianRecursiveGaussian.pingB', dims)];
}

/**
 * Records SimpleITK's LaplacianRecursiveGaussian (NormalizeAcrossScale on) of `input` into `pass`, as log.ts:
 *   out = sum_d (R2_d, then R0_e for e != d, increasing e) (x) / spacing_d^2
 * every pass, the terms and the sum in f32 (SimpleITK's float32 pipeline; the twin filters lines in f64). Axes of
 * length 1 beyond y are left out, as in the twin. Returns the response in a new `pool` buffer.
 */
export function encodeLaplacianRecursiveGaussian(
  gpu: GpuContext,
  pass: GPUComputePassEncoder,
  pool: BufferPool,
  input: GpuVolume,
  spacing: Vec3,
  sigmaMm: number,
  scratch: [Bound, Bound],
): Bound {
  const rg = kernelFor(gpu, RecursiveGaussianKernel);
  const comb = kernelFor(gpu, CombineVolumesKernel);
  const dims = input.dims;
  const out = acquireVolume(pool, 'LaplacianRecursiveGaussian.out', dims);
  const axes = ([0, 1, 2] as Axis[]).filter((a) => dims[a] > 1 || a < 2);
  axes.forEach((d, k) => {
    rg.encode(pass, pool, input, scratch[0], d, { sigmaMm, spacing: spacing[d], order: 2 });
    let cur = 0;
    for (const e of axes) {
      if (e === d) continue;
      rg.encode(pass, pool, { data: scratch[cur], dims }, scratch[1 - cur], e, { sigmaMm, spacing: spacing[e], order: 0 });
      cur = 1 - cur;
    }
    comb.accumulate(pass, pool, { data: scratch[cur], dims }, out, 'sum', 1 / (spacing[d] * spacing[d]), k === 0);
  });
  return out;
}
