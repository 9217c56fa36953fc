/**
 * GPU runner of the separable IBSI 2 filters: mean, Laplacian of Gaussian (a sum of separable terms), Laws
 * (rotation pooling, energy map) and separable wavelets (undecimated a trous or decimated, any level, rotation
 * pooling). The 1D passes come from the core filters' own definitions (meanPass, gaussianKernels, lawsChains,
 * undecimatedChain, waveletFilterBank, distinctRotatedChains), so the CPU filters are the twins; the GPU sums in
 * f32, the twins in f64.
 *
 * A filter is a plan: distinct separable filters, each run once (convolve-axis) and accumulated with each of its
 * signs (combine-volumes: sum, max or min; mean = sum then scale), then optionally |r| and the energy passes.
 * Everything is recorded into one command encoder and submitted once; `encodeFilter` leaves the result on the
 * GPU (for the matrix kernels), `filterOnGpu` reads it back as a Volume.
 */
import type { AxisPass } from '../core/filters/axis-pass.js';
import { convolutionPass, correlationPass } from '../core/filters/axis-pass.js';
import { filterAxes, withData, type Pooling } from '../core/filters/filter-volume.js';
import { gaussianKernels, type LogFilterOptions } from '../core/filters/laplacian-of-gaussian.js';
import { lawsChains, lawsEnergyChains, parseLawsName, type LawsFilterOptions } from '../core/filters/laws.js';
import { meanPass, type MeanFilterOptions } from '../core/filters/mean.js';
import type { PaddingMode } from '../core/filters/padding.js';
import { distinctRotatedChains, type AxisChains } from '../core/filters/separable-rotation.js';
import { undecimatedChain, type SeparableWaveletOptions } from '../core/filters/separable-wavelet.js';
import { waveletFilterBank } from '../core/filters/wavelet-banks.js';
import type { Vec3, Volume } from '../core/volume.js';
import { BufferPool } from './buffer-pool.js';
import { CombineVolumesKernel, type Combine } from './combine-volumes.js';
import { DecimateKernel } from './decimate.js';
import { acquireVolume, ConvolveAxisKernel, voxelCount, type GpuVolume } from './convolve-axis.js';
import type { GpuContext } from './device.js';
import { bound, kernelFor } from './kernel.js';
import { checkStorageBytes, checkVolume } from './limits.js';
import { submitAndRead, withErrorScopes, type GpuCounters } from './readback.js';

/** One of the separable filters, with the core filter's own options. */
export type SeparableFilter =
  | { kind: 'mean'; options: MeanFilterOptions }
  | { kind: 'log'; options: LogFilterOptions }
  | { kind: 'laws'; options: LawsFilterOptions }
  | { kind: 'wavelet'; options: SeparableWaveletOptions }
  /** any chains of 1D passes (applySeparable's twin), e.g. PyRadiomics' undecimated wavelet bands */
  | { kind: 'passes'; chains: AxisChains; padding: PaddingMode };

/** One stage on one grid: pool_k(sign_k r_k) over the distinct filters' responses r, then |.| + energy passes. */
export interface FilterStage {
  filters: { chains: AxisChains; signs: number[] }[];
  combine: Combine;
  /** mean pooling: the pooled sum is scaled by 1 / count */
  meanOver: number | null;
  energy: AxisChains | null;
  /** decimated wavelets: keep every step-th sample along each axis after the stage */
  decimate: Vec3 | null;
}

export interface FilterPlan {
  stages: FilterStage[];
  padding: PaddingMode;
}

function single(chains: AxisChains): FilterStage['filters'] {
  return [{ chains, signs: [1] }];
}

function pooledStage(chains: AxisChains, pooling: Pooling | null, energy: AxisChains | null): FilterStage {
  if (!pooling) return { filters: single(chains), combine: 'sum', meanOver: null, energy, decimate: null };
  const { filters, count } = distinctRotatedChains(chains);
  return { filters, combine: pooling === 'mean' ? 'sum' : pooling, meanOver: pooling === 'mean' ? count : null, energy, decimate: null };
}

/** The LoG as a sum of D separable terms G2 along one axis times G0 along the others (laplacian-of-gaussian.ts). */
function logStage(spacing: Vec3, o: LogFilterOptions): FilterStage {
  const p0: AxisPass[] = [];
  const p2: AxisPass[] = [];
  for (let a = 0; a < 3; a++) {
    const k = gaussianKernels(o.sigmaMm / spacing[a], o.truncationSigmas);
    p0.push(correlationPass(k.g0, k.radius));
    p2.push(correlationPass(k.g2, k.radius));
  }
  const axes = filterAxes(o.dimensionality);
  const filters = axes.map((d) => ({ chains: [0, 1, 2].map((a) => (axes.includes(a as 0 | 1 | 2) ? [a === d ? p2[a] : p0[a]] : [])), signs: [1] }));
  return { filters, combine: 'sum', meanOver: null, energy: null, decimate: null };
}

function waveletStages(o: SeparableWaveletOptions): FilterStage[] {
  const bands = o.subband.toUpperCase().split('') as ('L' | 'H')[];
  if (!/^[LH]{2,3}$/.test(o.subband.toUpperCase())) throw new RangeError(`sub-band must be 2 or 3 letters L/H (x, y, z order), got ${o.subband}`);
  if (!Number.isInteger(o.level) || o.level < 1) throw new RangeError(`wavelet level must be >= 1, got ${o.level}`);
  if (!o.decimated) {
    return [pooledStage(bands.map((b) => undecimatedChain(o.wavelet, b, o.level)), o.rotationInvariance?.pooling ?? null, null)];
  }
  if (o.rotationInvariance) throw new RangeError('rotation invariance is defined here for undecimated wavelets only');
  const { decLo, decHi } = waveletFilterBank(o.wavelet);
  const step = [0, 1, 2].map((a) => (a < bands.length ? 2 : 1)) as Vec3;
  const stages: FilterStage[] = [];
  for (let level = 1; level <= o.level; level++) {
    const chains = bands.map((b) => [convolutionPass(level < o.level || b === 'L' ? decLo : decHi, decLo.length / 2)]);
    stages.push({ filters: single(chains), combine: 'sum', meanOver: null, energy: null, decimate: step });
  }
  return stages;
}

/** The plan of `filter` for an image with this voxel spacing (mm). */
export function planFilter(filter: SeparableFilter, spacing: Vec3): FilterPlan {
  switch (filter.kind) {
    case 'mean': {
      const o = filter.options;
      const pass = meanPass(o.supportVoxels);
      const chains: AxisChains = [[], [], []];
      for (const a of filterAxes(o.dimensionality)) chains[a] = [pass];
      return { stages: [pooledStage(chains, null, null)], padding: o.padding };
    }
    case 'log':
      return { stages: [logStage(spacing, filter.options)], padding: filter.options.padding };
    case 'laws': {
      const o = filter.options;
      const d = parseLawsName(o.kernel).length as 2 | 3;
      const energy = o.energy ? lawsEnergyChains(d, o.energy.distanceVoxels) : null;
      return { stages: [pooledStage(lawsChains(o.kernel), o.rotationInvariance?.pooling ?? null, energy)], padding: o.padding };
    }
    case 'wavelet':
      return { stages: waveletStages(filter.options), padding: filter.options.padding };
    case 'passes':
      return { stages: [pooledStage(filter.chains, null, null)], padding: filter.padding };
  }
}

/** Output grid of a plan (decimation halves, rounding up, each decimated axis per stage). */
export function planOutputDims(plan: FilterPlan, dims: Vec3): Vec3 {
  let d = dims;
  for (const s of plan.stages) if (s.decimate) d = d.map((n, a) => Math.ceil(n / s.decimate![a])) as Vec3;
  return d;
}

/**
 * Records `plan` on `input` into `encoder` (one compute pass) and returns the response, an f32 volume that stays
 * on the GPU in a buffer of `pool` (never `input.data`). Scratch: three volumes of the input's size, plus one per
 * decimated level. Only the last stage may keep its grid (every earlier one decimates).
 */
export function encodeFilter(gpu: GpuContext, encoder: GPUCommandEncoder, pool: BufferPool, input: GpuVolume, plan: FilterPlan): GpuVolume {
  checkVolume(gpu, input.dims, 'the filtered volume');
  const conv = kernelFor(gpu, ConvolveAxisKernel);
  const comb = kernelFor(gpu, CombineVolumesKernel);
  const scratch = [acquireVolume(pool, 'Filter.pingA', input.dims), acquireVolume(pool, 'Filter.pingB', input.dims)] as const;
  const acc = acquireVolume(pool, 'Filter.acc', input.dims);
  let cur = input;
  const pass = encoder.beginComputePass({ label: 'Filter.pass' });
  plan.stages.forEach((stage, k) => {
    if (!stage.decimate && k !== plan.stages.length - 1) throw new RangeError('only the last stage of a filter plan may keep its grid');
    let first = true;
    for (const f of stage.filters) {
      const r = conv.encodeChains(pass, pool, cur, f.chains, plan.padding, scratch);
      for (const sign of f.signs) {
        comb.accumulate(pass, pool, { data: r, dims: cur.dims }, acc, stage.combine, sign, first);
        first = false;
      }
    }
    let out: GpuVolume = { data: acc, dims: cur.dims };
    if (stage.meanOver !== null) comb.scale(pass, pool, out, scratch[0], 1 / stage.meanOver);
    if (stage.energy) {
      comb.absolute(pass, pool, out, scratch[1]);
      out = { data: conv.encodeChains(pass, pool, { data: scratch[1], dims: cur.dims }, stage.energy, plan.padding, [scratch[0], acc]), dims: cur.dims };
    }
    if (stage.decimate) {
      const dims = cur.dims.map((n, a) => Math.ceil(n / stage.decimate![a])) as Vec3;
      const dst = acquireVolume(pool, 'Filter.level', dims);
      kernelFor(gpu, DecimateKernel).decimate(pass, pool, out, dst, dims, stage.decimate);
      out = { data: dst, dims };
    }
    cur = out;
  });
  pass.end();
  return cur;
}

/** Uploads the voxels as f32 (the GPU computes in f32). */
export function uploadVolumeF32(gpu: GpuContext, pool: BufferPool, image: Volume): GpuVolume {
  checkVolume(gpu, image.dims, 'the image');
  checkStorageBytes(gpu, voxelCount(image.dims) * 4, 'the image as f32');
  const data = Float32Array.from(image.data as ArrayLike<number>);
  return { data: bound(pool.upload('Filter.input', data, GPUBufferUsage.STORAGE), data.byteLength), dims: image.dims };
}

/** Runs `filter` on the GPU: one upload, one submit, one read-back. The voxels come back as f64 (from f32). */
export async function filterOnGpu(gpu: GpuContext, image: Volume, filter: SeparableFilter, counters?: GpuCounters): Promise<Volume> {
  const plan = planFilter(filter, image.spacing);
  const pool = new BufferPool(gpu);
  try {
    return await withErrorScopes(gpu, 'GPU filter', async () => {
      const encoder = gpu.device.createCommandEncoder({ label: 'Filter.encoder' });
      const out = encodeFilter(gpu, encoder, pool, uploadVolumeF32(gpu, pool, image), plan);
      const n = voxelCount(out.dims);
      const [data] = await submitAndRead<[Float64Array]>(
        gpu,
        pool,
        encoder,
        [{ reads: [{ buffer: out.data.buffer, bytes: n * 4 }], decode: ([w]) => Float64Array.from(new Float32Array(w.buffer, w.byteOffset, n)) }],
        counters,
      );
      const spacing = [...image.spacing] as Vec3;
      for (const s of plan.stages) if (s.decimate) for (let a = 0; a < 3; a++) spacing[a] *= s.decimate[a];
      return withData(image, data, out.dims, spacing);
    });
  } finally {
    pool.destroy();
  }
}
