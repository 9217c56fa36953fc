/**
 * Browser-safe (no vitest, no Node APIs): the GPU filter of an IBSI 2 phase 1 row (parameters read as
 * test/helpers/ibsi2.ts reads them), the core filter that is its twin, and the GPU-vs-twin measure.
 */
import { applySeparable } from '../../src/core/filters/axis-pass.js';
import type { Pooling } from '../../src/core/filters/filter-volume.js';
import { laplacianOfGaussian } from '../../src/core/filters/laplacian-of-gaussian.js';
import { lawsFilter } from '../../src/core/filters/laws.js';
import { meanFilter } from '../../src/core/filters/mean.js';
import type { PaddingMode } from '../../src/core/filters/padding.js';
import { separableWavelet } from '../../src/core/filters/separable-wavelet.js';
import type { Volume } from '../../src/core/volume.js';
import type { SeparableFilter } from '../../src/gpu/filter-gpu.js';

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
