/**
 * GLDZM features (IBSI 1 section 3.9, family VMDZ). PyRadiomics has no GLDZM.
 *
 * Notation (level-count-stats.ts): d(i,j) = number of zones of grey level i at distance j from the ROI edge in
 * the merged matrix, N_s = sum d(i,j) zones, p(i,j) = d(i,j) / N_s, r_i = sum_j p(i,j), c_j = sum_i p(i,j),
 * N_v = ROI voxels of the merged slices.
 */
import type { ZoneCounts } from '../matrices/glszm.js';
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
import type { FeatureRecord, ZoneAggregation } from './types.js';
import { mergeMatrices, sumOver, zoneAggregationGroups, zoneFeatureRecords } from './zone-aggregate.js';

export const GLDZM_FEATURES: readonly MatrixFeature<LevelCountStats>[] = [
  /** Small distance emphasis: sum p(i,j) / j^2 */
  { name: 'Small distance emphasis', code: '0GBI', compute: (s) => emphasis(s, (_i, j) => 1 / (j * j)) },
  /** Large distance emphasis: sum j^2 p(i,j) */
  { name: 'Large distance emphasis', code: 'MB4I', compute: (s) => emphasis(s, (_i, j) => j * j) },
  /** Low grey level zone emphasis: sum p(i,j) / i^2 */
  { name: 'Low grey level zone emphasis', code: 'S1RA', compute: (s) => emphasis(s, (i) => 1 / (i * i)) },
  /** High grey level zone emphasis: sum i^2 p(i,j) */
  { name: 'High grey level zone emphasis', code: 'K26C', compute: (s) => emphasis(s, (i) => i * i) },
  /** Small distance low grey level emphasis: sum p(i,j) / (i^2 j^2) */
  { name: 'Small distance low grey level emphasis', code: 'RUVG', compute: (s) => emphasis(s, (i, j) => 1 / (i * i * j * j)) },
  /** Small distance high grey level emphasis: sum i^2 p(i,j) / j^2 */
  { name: 'Small distance high grey level emphasis', code: 'DKNJ', compute: (s) => emphasis(s, (i, j) => (i * i) / (j * j)) },
  /** Large distance low grey level emphasis: sum j^2 p(i,j) / i^2 */
  { name: 'Large distance low grey level emphasis', code: 'A7WM', compute: (s) => emphasis(s, (i, j) => (j * j) / (i * i)) },
  /** Large distance high grey level emphasis: sum i^2 j^2 p(i,j) */
  { name: 'Large distance high grey level emphasis', code: 'KLTH', compute: (s) => emphasis(s, (i, j) => i * i * j * j) },
  /** Grey level non-uniformity: sum_i (sum_j d(i,j))^2 / N_s */
  { name: 'Grey level non-uniformity', code: 'VFT7', compute: greyLevelNonUniformity },
  /** Normalised grey level non-uniformity: sum_i (sum_j d(i,j))^2 / N_s^2 */
  { name: 'Normalised grey level non-uniformity', code: '7HP3', compute: normalisedGreyLevelNonUniformity },
  /** Zone distance non-uniformity: sum_j (sum_i d(i,j))^2 / N_s */
  { name: 'Zone distance non-uniformity', code: 'V294', compute: columnNonUniformity },
  /** Normalised zone distance non-uniformity: sum_j (sum_i d(i,j))^2 / N_s^2 */
  { name: 'Normalised zone distance non-uniformity', code: 'IATH', compute: normalisedColumnNonUniformity },
  /** Zone percentage: N_s / N_v */
  { name: 'Zone percentage', code: 'VIWW', compute: percentage },
  /** Grey level variance: sum (i - mu)^2 p(i,j), mu = sum i p(i,j) */
  { name: 'Grey level variance', code: 'QK93', compute: greyLevelVariance },
  /** Zone distance variance: sum (j - mu)^2 p(i,j), mu = sum j p(i,j) */
  { name: 'Zone distance variance', code: '7WT1', compute: columnVariance },
  /** Zone distance entropy: -sum p(i,j) log2 p(i,j) */
  { name: 'Zone distance entropy', code: 'GBDU', compute: entropy },
];

/** GLDZM feature records for one aggregation method (8QNN, 62GR, KOBO). */
export function gldzmFeatureRecords(m: ZoneCounts, aggregation: ZoneAggregation): FeatureRecord[] {
  const groups = zoneAggregationGroups('GLDZM', aggregation, m.dimension, m.slices);
  const size = m.ng * m.nj;
  const merge = (g: number[]) => levelCountStats(mergeMatrices(m.counts, g, size), m.ng, m.nj, sumOver(m.voxels, g));
  return zoneFeatureRecords('GLDZM', aggregation, groups, merge, GLDZM_FEATURES);
}
