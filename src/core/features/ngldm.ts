/**
 * NGLDM features (IBSI 1 section 3.11, family REK0).
 *
 * Notation (level-count-stats.ts): s(i,j) = number of ROI voxels of grey level i with dependence count j (centre
 * included, so j >= 1) in the merged matrix, N_s = sum s(i,j), p(i,j) = s(i,j) / N_s, r_i = sum_j p(i,j),
 * c_j = sum_i p(i,j), N_v = ROI voxels (= N_s, every voxel has one dependence count, so the dependence count
 * percentage is 1). PyRadiomics' GLDM with gldm_a = alpha gives the same matrix (it also counts the centre).
 */
import type { NgldmCounts } from '../matrices/ngldm.js';
import {
  columnNonUniformity,
  columnVariance,
  emphasis,
  energy,
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
import type { FeatureRecord, ZoneAggregation } from './types.js';
import { mergeMatrices, zoneAggregationGroups, zoneFeatureRecords } from './zone-aggregate.js';

export const NGLDM_FEATURES: readonly MatrixFeature<LevelCountStats>[] = [
  /** Low dependence emphasis: sum p(i,j) / j^2 */
  {
    name: 'Low dependence emphasis',
    code: 'SODN',
    pyradiomics: 'SmallDependenceEmphasis',
    compute: (s) => emphasis(s, (_i, j) => 1 / (j * j)),
  },
  /** High dependence emphasis: sum j^2 p(i,j) */
  {
    name: 'High dependence emphasis',
    code: 'IMOQ',
    pyradiomics: 'LargeDependenceEmphasis',
    compute: (s) => emphasis(s, (_i, j) => j * j),
  },
  /** Low grey level count emphasis: sum p(i,j) / i^2 */
  {
    name: 'Low grey level count emphasis',
    code: 'TL9H',
    pyradiomics: 'LowGrayLevelEmphasis',
    compute: (s) => emphasis(s, (i) => 1 / (i * i)),
  },
  /** High grey level count emphasis: sum i^2 p(i,j) */
  {
    name: 'High grey level count emphasis',
    code: 'OAE7',
    pyradiomics: 'HighGrayLevelEmphasis',
    compute: (s) => emphasis(s, (i) => i * i),
  },
  /** Low dependence low grey level emphasis: sum p(i,j) / (i^2 j^2) */
  {
    name: 'Low dependence low grey level emphasis',
    code: 'EQ3F',
    pyradiomics: 'SmallDependenceLowGrayLevelEmphasis',
    compute: (s) => emphasis(s, (i, j) => 1 / (i * i * j * j)),
  },
  /** Low dependence high grey level emphasis: sum i^2 p(i,j) / j^2 */
  {
    name: 'Low dependence high grey level emphasis',
    code: 'JA6D',
    pyradiomics: 'SmallDependenceHighGrayLevelEmphasis',
    compute: (s) => emphasis(s, (i, j) => (i * i) / (j * j)),
  },
  /** High dependence low grey level emphasis: sum j^2 p(i,j) / i^2 */
  {
    name: 'High dependence low grey level emphasis',
    code: 'NBZI',
    pyradiomics: 'LargeDependenceLowGrayLevelEmphasis',
    compute: (s) => emphasis(s, (i, j) => (j * j) / (i * i)),
  },
  /** High dependence high grey level emphasis: sum i^2 j^2 p(i,j) */
  {
    name: 'High dependence high grey level emphasis',
    code: '9QMG',
    pyradiomics: 'LargeDependenceHighGrayLevelEmphasis',
    compute: (s) => emphasis(s, (i, j) => i * i * j * j),
  },
  /** Grey level non-uniformity: sum_i (sum_j s(i,j))^2 / N_s */
  { name: 'Grey level non-uniformity', code: 'FP8K', pyradiomics: 'GrayLevelNonUniformity', compute: greyLevelNonUniformity },
  /** Normalised grey level non-uniformity: sum_i (sum_j s(i,j))^2 / N_s^2 */
  { name: 'Normalised grey level non-uniformity', code: '5SPA', compute: normalisedGreyLevelNonUniformity },
  /** Dependence count non-uniformity: sum_j (sum_i s(i,j))^2 / N_s */
  { name: 'Dependence count non-uniformity', code: 'Z87G', pyradiomics: 'DependenceNonUniformity', compute: columnNonUniformity },
  /** Normalised dependence count non-uniformity: sum_j (sum_i s(i,j))^2 / N_s^2 */
  {
    name: 'Normalised dependence count non-uniformity',
    code: 'OKJI',
    pyradiomics: 'DependenceNonUniformityNormalized',
    compute: normalisedColumnNonUniformity,
  },
  /** Dependence count percentage: N_s / N_v (1 when every ROI voxel is counted, as here) */
  { name: 'Dependence count percentage', code: '6XV8', compute: percentage },
  /** Grey level variance: sum (i - mu)^2 p(i,j), mu = sum i p(i,j) */
  { name: 'Grey level variance', code: '1PFV', pyradiomics: 'GrayLevelVariance', compute: greyLevelVariance },
  /** Dependence count variance: sum (j - mu)^2 p(i,j), mu = sum j p(i,j) */
  { name: 'Dependence count variance', code: 'DNX2', pyradiomics: 'DependenceVariance', compute: columnVariance },
  /** Dependence count entropy: -sum p(i,j) log2 p(i,j) */
  { name: 'Dependence count entropy', code: 'FCBV', pyradiomics: 'DependenceEntropy', compute: entropy },
  /** Dependence count energy: sum p(i,j)^2 */
  { name: 'Dependence count energy', code: 'CAS9', compute: energy },
];

/** NGLDM feature records for one aggregation method (8QNN, 62GR, KOBO). */
export function ngldmFeatureRecords(m: NgldmCounts, aggregation: ZoneAggregation): FeatureRecord[] {
  const groups = zoneAggregationGroups('NGLDM', aggregation, m.dimension, m.slices);
  const size = m.ng * m.maxK;
  // N_v = N_s: every ROI voxel of the merged slices has exactly one entry
  const merge = (g: number[]) => {
    const counts = mergeMatrices(m.counts, g, size);
    let voxels = 0;
    for (let k = 0; k < size; k++) voxels += counts[k];
    return levelCountStats(counts, m.ng, m.maxK, voxels);
  };
  return zoneFeatureRecords('NGLDM', aggregation, groups, merge, NGLDM_FEATURES);
}
