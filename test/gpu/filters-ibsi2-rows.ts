/**
 * Browser-safe (no vitest, no Node APIs): the GPU filter of an IBSI 2 phase 1 row (parameters read as
 * test/helpers/ibsi2.ts reads them), the core filter that is its twin, and the GPU-vs-twin measure. Separable
 * filters (filter-gpu.ts) and the Fourier-domain ones (gabor-gpu.ts, simoncelli-gpu.ts).
 */
import { applySeparable } from '../../src/core/filters/axis-pass.js';
import type { Pooling } from '../../src/core/filters/filter-volume.js';
import { laplacianOfGaussian } from '../../src/core/filters/laplacian-of-gaussian.js';
import { lawsFilter } from '../../src/core/filters/laws.js';
import { meanFilter } from '../../src/core/filters/mean.js';
import type { PaddingMode } from '../../src/core/filters/padding.js';
import { separableWavelet } from '../../src/core/filters/separable-wavelet.js';
import { gaborFilter, type GaborFilterOptions } from '../../src/core/filters/gabor.js';
import { simoncelliWavelet, type SimoncelliOptions } from '../../src/core/filters/simoncelli.js';
import type { Volume } from '../../src/core/volume.js';
import type { GpuContext } from '../../src/gpu/device.js';
import { filterOnGpu, type SeparableFilter } from '../../src/gpu/filter-gpu.js';
import { gaborOnGpu } from '../../src/gpu/gabor-gpu.js';
import type { GpuCounters } from '../../src/gpu/readback.js';
import { simoncelliOnGpu } from '../../src/gpu/simoncelli-gpu.js';

/** What the runner needs of a phase1_tests.csv row. */
export interface FilterRow {
  filter: string;
  dimensionality: string;
  padding: string;
  params: Record<string, unknown>;
}

/** The GPU filter of an IBSI 2 row (same parameter reading as test/helpers/ibsi2.ts), null when not covered. */
export function gpuFilterForTest(t: FilterRow): SeparableFilter | null {
  const p = t.params;
  const padding = t.padding as PaddingMode;
  const dimensionality = t.dimensionality.toUpperCase().startsWith('2D') ? '2d' : '3d';
  const pooling = (p.pooling as Pooling | undefined) ?? 'max';
  switch (t.filter) {
    case 'mean':
      return { kind: 'mean', options: { supportVoxels: p.support_voxels as number, padding, dimensionality } };
    case 'laplacian_of_gaussian':
      return { kind: 'log', options: { sigmaMm: p.sigma_mm as number, truncationSigmas: p.truncation_sigmas as number, padding, dimensionality } };
    case 'laws':
      return {
        kind: 'laws',
        options: {
          kernel: p.kernel as string,
          padding,
          rotationInvariance: p.rotation_invariance ? { pooling } : null,
          energy: p.energy ? { distanceVoxels: p.energy_distance_delta_voxels as number } : null,
        },
      };
    case 'separable_wavelet':
      return {
        kind: 'wavelet',
        options: {
          wavelet: p.wavelet as string,
          subband: p.subband as string,
          level: p.level as number,
          decimated: p.decimated === true,
          padding,
          rotationInvariance: p.rotation_invariance ? { pooling } : null,
        },
      };
    default:
      return null;
  }
}

/** max |gpu - twin| / (max - min of the twin). */
export function relativeToRange(gpu: ArrayLike<number>, twin: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  let worst = 0;
  for (let i = 0; i < twin.length; i++) {
    lo = Math.min(lo, twin[i]);
    hi = Math.max(hi, twin[i]);
    const e = Math.abs(gpu[i] - twin[i]);
    worst = Number.isNaN(e) ? Infinity : Math.max(worst, e);
  }
  // a constant twin: only exact agreement is within any fraction of its (zero) range
  if (hi === lo) return worst === 0 ? 0 : Infinity;
  return worst / (hi - lo);
}

/** The core (f64) filter that `filter` runs on the GPU. */
export function twinOf(filter: SeparableFilter, image: Volume): Volume {
  switch (filter.kind) {
    case 'mean':
      return meanFilter(image, filter.options);
    case 'log':
      return laplacianOfGaussian(image, filter.options);
    case 'laws':
      return lawsFilter(image, filter.options);
    case 'wavelet':
      return separableWavelet(image, filter.options);
    case 'passes':
      return { ...image, data: applySeparable(Float64Array.from(image.data as ArrayLike<number>), image.dims, filter.chains, filter.padding) };
  }
}

/** The Fourier-domain filters (gabor-gpu.ts, simoncelli-gpu.ts) with their core filters' options. */
export type FftFilter = { kind: 'gabor'; options: GaborFilterOptions } | { kind: 'simoncelli'; options: SimoncelliOptions };

/** Any filter the GPU runs. */
export type GpuFilter = SeparableFilter | FftFilter;

/** "pi/3", "5*pi/4" or a number, in radians (as test/helpers/ibsi2.ts reads angles). */
function radians(v: unknown): number {
  if (typeof v === 'number') return v;
  const m = /^\s*(?:(\d+(?:\.\d+)?)\s*\*\s*)?pi\s*(?:\/\s*(\d+(?:\.\d+)?))?\s*$/.exec(String(v));
  if (!m) throw new Error(`cannot read angle ${String(v)}`);
  return (Number(m[1] ?? 1) * Math.PI) / Number(m[2] ?? 1);
}

/** The Fourier-domain GPU filter of an IBSI 2 row (Gabor 4.*, Simoncelli 8.*), null for any other row. */
export function gpuFftFilterForTest(t: FilterRow): FftFilter | null {
  const p = t.params;
  const padding = t.padding as PaddingMode;
  switch (t.filter) {
    case 'gabor':
      return {
        kind: 'gabor',
        options: {
          sigmaMm: p.sigma_mm as number,
          lambdaMm: p.lambda_mm as number,
          gamma: p.gamma as number,
          thetaRad: p.theta_rad === undefined ? 0 : radians(p.theta_rad),
          truncationSigmas: 4,
          response: 'modulus',
          padding,
          rotationInvariance: p.rotation_invariance
            ? { deltaThetaRad: radians(p.delta_theta_rad), pooling: (p.pooling as Pooling | undefined) ?? 'max' }
            : null,
          orthogonalPlanes: p.orthogonal_planes === true,
        },
      };
    case 'simoncelli_wavelet':
      return {
        kind: 'simoncelli',
        options: { level: p.level as number, padding, dimensionality: t.dimensionality.toUpperCase().startsWith('2D') ? '2d' : '3d' },
      };
    default:
      return null;
  }
}

/** The GPU filter of any covered row (separable or Fourier-domain), null when not covered. */
export function gpuAnyFilterForTest(t: FilterRow): GpuFilter | null {
  return gpuFilterForTest(t) ?? gpuFftFilterForTest(t);
}

/** Runs any GPU filter: one upload, one submit, one read-back. */
export function runOnGpu(gpu: GpuContext, image: Volume, filter: GpuFilter, counters?: GpuCounters): Promise<Volume> {
  switch (filter.kind) {
    case 'gabor':
      return gaborOnGpu(gpu, image, filter.options, counters);
    case 'simoncelli':
      return simoncelliOnGpu(gpu, image, filter.options, counters);
    default:
      return filterOnGpu(gpu, image, filter, counters);
  }
}

/** The core (f64) filter that any GPU filter runs. */
export function twinOfAny(filter: GpuFilter, image: Volume): Volume {
  switch (filter.kind) {
    case 'gabor':
      return gaborFilter(image, filter.options);
    case 'simoncelli':
      return simoncelliWavelet(image, filter.options);
    default:
      return twinOf(filter, image);
  }
}
