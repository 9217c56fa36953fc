/**
 * GLSZM features (IBSI 1 section 3.8, family 9SAK).
 *
 * Notation (level-count-stats.ts): s(i,j) = number of zones of grey level i and size j in the merged matrix,
 * N_s = sum s(i,j) zones, p(i,j) = s(i,j) / N_s, r_i = sum_j p(i,j), c_j = sum_i p(i,j), N_v = ROI voxels of the
 * merged slices. PyRadiomics uses the same formulas (its zone entropy adds eps inside the log).
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

export const GLSZM_FEATURES: readonly MatrixFeature<LevelCountStats>[] = [
  /** Small zone emphasis: sum p(i,j) / j^2 */
  { name: 'Small zone emphasis', code: '5QRC', pyradiomics: 'SmallAreaEmphasis', compute: (s) => emphasis(s, (_i, j) => 1 / (j * j)) },
  /** Large zone emphasis: sum j^2 p(i,j) */
  { name: 'Large zone emphasis', code: '48P8', pyradiomics: 'LargeAreaEmphasis', compute: (s) => emphasis(s, (_i, j) => j * j) },
  /** Low grey level zone emphasis: sum p(i,j) / i^2 */
  {
    name: 'Low grey level zone emphasis',
    code: 'XMSY',
    pyradiomics: 'LowGrayLevelZoneEmphasis',
    compute: (s) => emphasis(s, (i) => 1 / (i * i)),
  },
  /** High grey level zone emphasis: sum i^2 p(i,j) */
  {
    name: 'High grey level zone emphasis',
    code: '5GN9',
    pyradiomics: 'HighGrayLevelZoneEmphasis',
    compute: (s) => emphasis(s, (i) => i * i),
  },
  /** Small zone low grey level emphasis: sum p(i,j) / (i^2 j^2) */
  {
    name: 'Small zone low grey level emphasis',
    code: '5RAI',
    pyradiomics: 'SmallAreaLowGrayLevelEmphasis',
    compute: (s) => emphasis(s, (i, j) => 1 / (i * i * j * j)),
  },
  /** Small zone high grey level emphasis: sum i^2 p(i,j) / j^2 */
  {
    name: 'Small zone high grey level emphasis',
    code: 'HW1V',
    pyradiomics: 'SmallAreaHighGrayLevelEmphasis',
    compute: (s) => emphasis(s, (i, j) => (i * i) / (j * j)),
  },
  /** Large zone low grey level emphasis: sum j^2 p(i,j) / i^2 */
  {
    name: 'Large zone low grey level emphasis',
    code: 'YH51',
    pyradiomics: 'LargeAreaLowGrayLevelEmphasis',
    compute: (s) => emphasis(s, (i, j) => (j * j) / (i * i)),
  },
  /** Large zone high grey level emphasis: sum i^2 j^2 p(i,j) */
  {
    name: 'Large zone high grey level emphasis',
    code: 'J17V',
    pyradiomics: 'LargeAreaHighGrayLevelEmphasis',
    compute: (s) => emphasis(s, (i, j) => i * i * j * j),
  },
  /** Grey level non-uniformity: sum_i (sum_j s(i,j))^2 / N_s */
  { name: 'Grey level non-uniformity', code: 'JNSA', pyradiomics: 'GrayLevelNonUniformity', compute: greyLevelNonUniformity },
  /** Normalised grey level non-uniformity: sum_i (sum_j s(i,j))^2 / N_s^2 */
  {
    name: 'Normalised grey level non-uniformity',
    code: 'Y1RO',
    pyradiomics: 'GrayLevelNonUniformityNormalized',
    compute: normalisedGreyLevelNonUniformity,
  },
  /** Zone size non-uniformity: sum_j (sum_i s(i,j))^2 / N_s */
  { name: 'Zone size non-uniformity', code: '4JP3', pyradiomics: 'SizeZoneNonUniformity', compute: columnNonUniformity },
  /** Normalised zone size non-uniformity: sum_j (sum_i s(i,j))^2 / N_s^2 */
  {
    name: 'Normalised zone size non-uniformity',
    code: 'VB3A',
    pyradiomics: 'SizeZoneNonUniformityNormalized',
    compute: normalisedColumnNonUniformity,
  },
  /** Zone percentage: N_s / N_v */
  { name: 'Zone percentage', code: 'P30P', pyradiomics: 'ZonePercentage', compute: percentage },
  /** Grey level variance: sum (i - mu)^2 p(i,j), mu = sum i p(i,j) */
  { name: 'Grey level variance', code: 'BYLV', pyradiomics: 'GrayLevelVariance', compute: greyLevelVariance },
  /** Zone size variance: sum (j - mu)^2 p(i,j), mu = sum j p(i,j) */
  { name: 'Zone size variance', code: '3NSA', pyradiomics: 'ZoneVariance', compute: columnVariance },
  /** Zone size entropy: -sum p(i,j) log2 p(i,j) */
  { name: 'Zone size entropy', code: 'GU8N', pyradiomics: 'ZoneEntropy', compute: entropy },
];

/** GLSZM feature records for one aggregation method (8QNN, 62GR, KOBO). */
export function glszmFeatureRecords(m: ZoneCounts, aggregation: ZoneAggregation): FeatureRecord[] {
  const groups = zoneAggregationGroups('GLSZM', aggregation, m.dimension, m.slices);
  const size = m.ng * m.nj;
  const merge = (g: number[]) => levelCountStats(mergeMatrices(m.counts, g, size), m.ng, m.nj, sumOver(m.voxels, g));
  return zoneFeatureRecords('GLSZM', aggregation, groups, merge, GLSZM_FEATURES);
}
