/**
 * GLRLM features (IBSI 1 section 3.7, family TP0I).
 *
 * Notation (level-count-stats.ts): r(i,j) = number of runs of grey level i and length j in the merged matrix,
 * N_s = sum r(i,j) runs, p(i,j) = r(i,j) / N_s, r_i = sum_j p(i,j), c_j = sum_i p(i,j),
 * N_v = sum_ij j r(i,j) = ROI voxels times the number of merged matrices (IBSI: in merged aggregation run
 * percentage divides by N_v summed over the merged directions). PyRadiomics (weightingNorm None) averages its
 * per-direction features, i.e. IBSI "averaged"; its run entropy adds eps inside the log.
 */
import type { GlrlmCounts } from '../matrices/glrlm.js';
import { aggregateFeatures, aggregationGroups, sumMatrices } from './aggregate.js';
import {
  columnNonUniformity,
  columnVariance,
  emphasis,
  entropy,
  greyLevelNonUniformity,
  greyLevelVariance,
  levelCountStats,
  normalisedColumnNonUniformity,
  normalisedGreyLevelNonUniformity,
  percentage,
  type LevelCountStats,
  type MatrixFeature,
} from './level-count-stats.js';
import { AGGREGATION_CODES, aggregationDimension, type FeatureRecord, type TextureAggregation } from './types.js';

export const GLRLM_FEATURES: readonly MatrixFeature<LevelCountStats>[] = [
  /** Short runs emphasis: sum p(i,j) / j^2 */
  { name: 'Short runs emphasis', code: '22OV', pyradiomics: 'ShortRunEmphasis', compute: (s) => emphasis(s, (_i, j) => 1 / (j * j)) },
  /** Long runs emphasis: sum j^2 p(i,j) */
  { name: 'Long runs emphasis', code: 'W4KF', pyradiomics: 'LongRunEmphasis', compute: (s) => emphasis(s, (_i, j) => j * j) },
  /** Low grey level run emphasis: sum p(i,j) / i^2 */
  {
    name: 'Low grey level run emphasis',
    code: 'V3SW',
    pyradiomics: 'LowGrayLevelRunEmphasis',
    compute: (s) => emphasis(s, (i) => 1 / (i * i)),
  },
  /** High grey level run emphasis: sum i^2 p(i,j) */
  {
    name: 'High grey level run emphasis',
    code: 'G3QZ',
    pyradiomics: 'HighGrayLevelRunEmphasis',
    compute: (s) => emphasis(s, (i) => i * i),
  },
  /** Short run low grey level emphasis: sum p(i,j) / (i^2 j^2) */
  {
    name: 'Short run low grey level emphasis',
    code: 'HTZT',
    pyradiomics: 'ShortRunLowGrayLevelEmphasis',
    compute: (s) => emphasis(s, (i, j) => 1 / (i * i * j * j)),
  },
  /** Short run high grey level emphasis: sum i^2 p(i,j) / j^2 */
  {
    name: 'Short run high grey level emphasis',
    code: 'GD3A',
    pyradiomics: 'ShortRunHighGrayLevelEmphasis',
    compute: (s) => emphasis(s, (i, j) => (i * i) / (j * j)),
  },
  /** Long run low grey level emphasis: sum j^2 p(i,j) / i^2 */
  {
    name: 'Long run low grey level emphasis',
    code: 'IVPO',
    pyradiomics: 'LongRunLowGrayLevelEmphasis',
    compute: (s) => emphasis(s, (i, j) => (j * j) / (i * i)),
  },
  /** Long run high grey level emphasis: sum i^2 j^2 p(i,j) */
  {
    name: 'Long run high grey level emphasis',
    code: '3KUM',
    pyradiomics: 'LongRunHighGrayLevelEmphasis',
    compute: (s) => emphasis(s, (i, j) => i * i * j * j),
  },
  /** Grey level non-uniformity: sum_i (sum_j r(i,j))^2 / N_s */
  { name: 'Grey level non-uniformity', code: 'R5YN', pyradiomics: 'GrayLevelNonUniformity', compute: greyLevelNonUniformity },
  /** Normalised grey level non-uniformity: sum_i (sum_j r(i,j))^2 / N_s^2 */
  {
    name: 'Normalised grey level non-uniformity',
    code: 'OVBL',
    pyradiomics: 'GrayLevelNonUniformityNormalized',
    compute: normalisedGreyLevelNonUniformity,
  },
  /** Run length non-uniformity: sum_j (sum_i r(i,j))^2 / N_s */
  { name: 'Run length non-uniformity', code: 'W92Y', pyradiomics: 'RunLengthNonUniformity', compute: columnNonUniformity },
  /** Normalised run length non-uniformity: sum_j (sum_i r(i,j))^2 / N_s^2 */
  {
    name: 'Normalised run length non-uniformity',
    code: 'IC23',
    pyradiomics: 'RunLengthNonUniformityNormalized',
    compute: normalisedColumnNonUniformity,
  },
  /** Run percentage: N_s / N_v */
  { name: 'Run percentage', code: '9ZK5', pyradiomics: 'RunPercentage', compute: percentage },
  /** Grey level variance: sum (i - mu)^2 p(i,j), mu = sum i p(i,j) */
  { name: 'Grey level variance', code: '8CE5', pyradiomics: 'GrayLevelVariance', compute: greyLevelVariance },
  /** Run length variance: sum (j - mu)^2 p(i,j), mu = sum j p(i,j) */
  { name: 'Run length variance', code: 'SXLW', pyradiomics: 'RunVariance', compute: columnVariance },
  /** Run entropy: -sum p(i,j) log2 p(i,j) */
  { name: 'Run entropy', code: 'HJ9O', pyradiomics: 'RunEntropy', compute: entropy },
];

/** GLRLM feature records for one aggregation method (the GLCM's six: BTW3, SUJT, JJUI, ZW7Z, ITBB, IAZD). */
export function glrlmFeatureRecords(m: GlrlmCounts, aggregation: TextureAggregation): FeatureRecord[] {
  if (aggregationDimension(aggregation) !== m.dimension) {
    throw new Error(`GLRLM aggregation ${aggregation} needs ${aggregationDimension(aggregation)} matrices, got ${m.dimension}`);
  }
  const size = m.ng * m.maxRun;
  const groups = aggregationGroups(aggregation, m.directions.length, m.slices);
  const merge = (g: number[]) => levelCountStats(sumMatrices(m.counts, g, size), m.ng, m.maxRun);
  const values = aggregateFeatures(groups, merge, GLRLM_FEATURES);
  const { code, label } = AGGREGATION_CODES[aggregation];
  return GLRLM_FEATURES.map((f, k) => ({
    name: f.name,
    family: 'GLRLM',
    ibsi_code: f.code,
    aggregation_code: code,
    aggregation: label,
    value: values[k],
  }));
}
