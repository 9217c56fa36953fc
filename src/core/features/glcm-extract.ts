/** GLCM feature records from count matrices, for one aggregation method. */
import type { GlcmCounts } from '../matrices/glcm.js';
import { aggregateFeatures, aggregationGroups, sumMatrices } from './aggregate.js';
import { GLCM_FEATURES, glcmStats } from './glcm.js';
import { AGGREGATION_CODES, aggregationDimension, type FeatureRecord, type TextureAggregation } from './types.js';

export function glcmFeatureRecords(m: GlcmCounts, aggregation: TextureAggregation): FeatureRecord[] {
  const dimension = m.slices === 1 && m.directions.length === 13 ? '3d' : '2d';
  if (aggregationDimension(aggregation) !== dimension) {
    throw new Error(`GLCM aggregation ${aggregation} needs ${aggregationDimension(aggregation)} matrices, got ${dimension}`);
  }
  const size = m.ng * m.ng;
  const groups = aggregationGroups(aggregation, m.directions.length, m.slices);
  const values = aggregateFeatures(groups, (g) => glcmStats(sumMatrices(m.counts, g, size), m.ng), GLCM_FEATURES);
  const { code, label } = AGGREGATION_CODES[aggregation];
  return GLCM_FEATURES.map((f, k) => ({
    name: f.name,
    family: 'GLCM',
    ibsi_code: f.code,
    aggregation_code: code,
    aggregation: label,
    value: values[k],
  }));
}
