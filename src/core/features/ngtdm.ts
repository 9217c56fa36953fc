/**
 * NGTDM features (IBSI 1 section 3.10, family IPET).
 *
 * Notation (per merged matrix, see matrices/ngtdm.ts): n_i = number of ROI voxels of grey level i with a valid
 * neighbourhood (at least one neighbour in the ROI), s_i = sum over them of |i - A| with A the mean grey level of
 * the neighbours in the ROI, N_vc = sum_i n_i, p_i = n_i / N_vc, N_gp = number of grey levels with p_i > 0.
 * Double sums run over grey levels i, j with p_i > 0 and p_j > 0. A feature whose denominator is 0 (a constant
 * ROI, a single grey level) is NaN; PyRadiomics instead returns 1e6 for such a coarseness and 0 for contrast,
 * busyness and strength.
 */
import { ngtdmSums, type NgtdmCounts } from '../matrices/ngtdm.js';
import { ratio, type MatrixFeature } from './level-count-stats.js';
import type { FeatureRecord, ZoneAggregation } from './types.js';
import { zoneAggregationGroups, zoneFeatureRecords } from './zone-aggregate.js';

export interface NgtdmStats {
  /** p_i of the grey levels present, ascending */
  p: Float64Array;
  /** s_i of the grey levels present */
  s: Float64Array;
  /** the grey levels present (1-based) */
  levels: Float64Array;
  /** N_vc */
  nvc: number;
}

/** Stats from n_i and s_i (index i - 1); null when no voxel has a valid neighbourhood. */
export function ngtdmStats(n: Float64Array, s: Float64Array): NgtdmStats | null {
  let nvc = 0;
  let ngp = 0;
  for (let i = 0; i < n.length; i++) {
    nvc += n[i];
    if (n[i] > 0) ngp++;
  }
  if (nvc === 0) return null;
  const p = new Float64Array(ngp);
  const sp = new Float64Array(ngp);
  const levels = new Float64Array(ngp);
  let k = 0;
  for (let i = 0; i < n.length; i++) {
    if (n[i] === 0) continue;
    p[k] = n[i] / nvc;
    sp[k] = s[i];
    levels[k] = i + 1;
    k++;
  }
  return { p, s: sp, levels, nvc };
}

/** sum_i p_i s_i */
function weightedS(st: NgtdmStats): number {
  let acc = 0;
  for (let k = 0; k < st.p.length; k++) acc += st.p[k] * st.s[k];
  return acc;
}

function sumS(st: NgtdmStats): number {
  let acc = 0;
  for (const v of st.s) acc += v;
  return acc;
}

/** sum over present levels (a, b) of f(a, b) */
function pairSum(st: NgtdmStats, f: (a: number, b: number) => number): number {
  let acc = 0;
  const m = st.p.length;
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) acc += f(a, b);
  return acc;
}

export const NGTDM_FEATURES: readonly MatrixFeature<NgtdmStats>[] = [
  /** Coarseness: 1 / sum_i p_i s_i */
  { name: 'Coarseness', code: 'QCDE', pyradiomics: 'Coarseness', compute: (st) => ratio(1, weightedS(st)) },
  /** Contrast: [sum_ij p_i p_j (i - j)^2 / (N_gp (N_gp - 1))] [sum_i s_i / N_vc] */
  {
    name: 'Contrast',
    code: '65HE',
    pyradiomics: 'Contrast',
    compute: (st) => {
      const ngp = st.p.length;
      const spread = pairSum(st, (a, b) => st.p[a] * st.p[b] * (st.levels[a] - st.levels[b]) ** 2);
      return ratio(spread, ngp * (ngp - 1)) * (sumS(st) / st.nvc);
    },
  },
  /** Busyness: sum_i p_i s_i / sum_ij |i p_i - j p_j| */
  {
    name: 'Busyness',
    code: 'NQ30',
    pyradiomics: 'Busyness',
    compute: (st) => ratio(weightedS(st), pairSum(st, (a, b) => Math.abs(st.levels[a] * st.p[a] - st.levels[b] * st.p[b]))),
  },
  /** Complexity: (1 / N_vc) sum_ij |i - j| (p_i s_i + p_j s_j) / (p_i + p_j) */
  {
    name: 'Complexity',
    code: 'HDEZ',
    pyradiomics: 'Complexity',
    compute: (st) =>
      pairSum(
        st,
        (a, b) => (Math.abs(st.levels[a] - st.levels[b]) * (st.p[a] * st.s[a] + st.p[b] * st.s[b])) / (st.p[a] + st.p[b]),
      ) / st.nvc,
  },
  /** Strength: sum_ij (p_i + p_j) (i - j)^2 / sum_i s_i */
  {
    name: 'Strength',
    code: '1X9X',
    pyradiomics: 'Strength',
    compute: (st) => ratio(pairSum(st, (a, b) => (st.p[a] + st.p[b]) * (st.levels[a] - st.levels[b]) ** 2), sumS(st)),
  },
];

/** NGTDM feature records for one aggregation method (8QNN, 62GR, KOBO). */
export function ngtdmFeatureRecords(m: NgtdmCounts, aggregation: ZoneAggregation): FeatureRecord[] {
  const groups = zoneAggregationGroups('NGTDM', aggregation, m.dimension, m.slices);
  const merge = (g: number[]) => {
    const { n, s } = ngtdmSums(m, g);
    return ngtdmStats(n, s);
  };
  return zoneFeatureRecords('NGTDM', aggregation, groups, merge, NGTDM_FEATURES);
}
