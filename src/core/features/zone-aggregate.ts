/**
 * Aggregation of the per-slice / per-volume matrices of GLSZM, GLDZM, NGTDM and NGLDM (IBSI 1 section 3.1.1):
 * '2d' (8QNN) evaluates each slice matrix and averages the features over slices that hold ROI voxels;
 * '2.5d' (62GR) sums the slice matrices into one; '3d' (KOBO) uses the single 3D matrix.
 */
import type { TextureDimension } from '../directions.js';
import { aggregateFeatures, sumMatrices } from './aggregate.js';
import { ZONE_AGGREGATION_CODES, zoneAggregationDimension, type FeatureRecord, type ZoneAggregation } from './types.js';

/** Groups of matrix indices (slices) whose matrices are summed before one feature evaluation. */
export function zoneAggregationGroups(
  family: string,
  aggregation: ZoneAggregation,
  dimension: TextureDimension,
  slices: number,
): number[][] {
  const needed = zoneAggregationDimension(aggregation);
  if (needed !== dimension) throw new Error(`${family} aggregation ${aggregation} needs ${needed} matrices, got ${dimension}`);
  const all = Array.from({ length: slices }, (_, s) => s);
  return aggregation === '2d' ? all.map((s) => [s]) : [all];
}

/** Evaluates `features` per group (merge returns null for an empty group) and labels the results. */
export function zoneFeatureRecords<S>(
  family: string,
  aggregation: ZoneAggregation,
  groups: number[][],
  merge: (group: number[]) => S | null,
  features: readonly { name: string; code: string; compute(s: S): number }[],
): FeatureRecord[] {
  const values = aggregateFeatures(groups, merge, features);
  const { code, label } = ZONE_AGGREGATION_CODES[aggregation];
  return features.map((f, k) => ({
    name: f.name,
    family,
    ibsi_code: f.code,
    aggregation_code: code,
    aggregation: label,
    value: values[k],
  }));
}

/** Sums one entry per matrix over a group (e.g. N_v of the slices). */
export function sumOver(values: ArrayLike<number>, group: readonly number[]): number {
  let acc = 0;
  for (const g of group) acc += values[g];
  return acc;
}

/**
 * The sum of the matrices of `group` (each `size` entries). A one-matrix group (3D, or one slice in 2D) is
 * returned as a view without copying: zone matrices can be wide (Nj = the largest zone).
 */
export function mergeMatrices(counts: Uint32Array, group: readonly number[], size: number): ArrayLike<number> {
  if (group.length === 1) return counts.subarray(group[0] * size, (group[0] + 1) * size);
  return sumMatrices(counts, [...group], size);
}
