/**
 * IBSI 2 mean filter: the average over an M x M (x M) neighbourhood centred on the voxel,
 *   y(k) = 1/M^D sum_{|j_a| <= (M-1)/2} x(k + j),   D = 2 (per z-slice) or 3.
 * Separable: one box pass per axis.
 */
import type { Volume } from '../volume.js';
import { applySeparable, correlationPass, type AxisPass } from './axis-pass.js';
import { filterAxes, toFloat64, withData, type FilterDimensionality } from './filter-volume.js';
import type { PaddingMode } from './padding.js';

export interface MeanFilterOptions {
  /** M, odd number of voxels along each filtered axis */
  supportVoxels: number;
  padding: PaddingMode;
  dimensionality: FilterDimensionality;
}

/** The 1D box pass: M taps of 1/M centred on the output voxel. */
export function meanPass(supportVoxels: number): AxisPass {
  if (!Number.isInteger(supportVoxels) || supportVoxels < 1 || supportVoxels % 2 === 0) {
    throw new RangeError(`mean filter support must be an odd positive integer, got ${supportVoxels}`);
  }
  return correlationPass(new Float64Array(supportVoxels).fill(1 / supportVoxels), (supportVoxels - 1) / 2);
}

export function meanFilter(image: Volume, o: MeanFilterOptions): Volume {
  const pass = meanPass(o.supportVoxels);
  const chains: AxisPass[][] = [[], [], []];
  for (const a of filterAxes(o.dimensionality)) chains[a] = [pass];
  return withData(image, applySeparable(toFloat64(image), image.dims, chains, o.padding));
}
