/**
 * PyRadiomics ngtdm class (radiomics/ngtdm.py), IBSI NGTDM (IPET) under PyRadiomics' conventions.
 *
 * Notation: n_i = ROI voxels of level i, counting voxels without any neighbour in the ROI (their s contribution is 0,
 * unlike IBSI, which leaves them out); s_i = sum |i - A| with A the mean level of the voxel's neighbours in the ROI;
 * N_vp = sum n_i; p_i = n_i / N_vp; N_gp = levels with p_i > 0; sums over levels with p_i > 0 only.
 * Degenerate cases return PyRadiomics' fixed values: Coarseness 1e6 when sum p_i s_i = 0, Contrast 0 when N_gp = 1,
 * Busyness 0 when sum |i p_i - j p_j| = 0, Strength 0 when sum s_i = 0.
 */
import type { NgtdmCounts } from '../../matrices/ngtdm.js';
import type { PyradiomicsFeature } from './common.js';

export interface NgtdmCoefficients {
  /** values i, p_i, s_i of the levels with n_i > 0 */
  levels: Float64Array;
  p: Float64Array;
  s: Float64Array;
  nvp: number;
}

/** Coefficients of one NGTDM (matrix 0 of `m`, counted with countIsolated). Null when the ROI is empty. */
export function ngtdmCoefficients(m: NgtdmCounts): NgtdmCoefficients | null {
  const width = m.maxW + 1;
  const n = new Float64Array(m.ng);
  const s = new Float64Array(m.ng);
  for (let i = 0; i < m.ng; i++) {
    for (let w = 0; w <= m.maxW; w++) {
      const e = i * width + w;
      n[i] += m.counts[e];
      if (w > 0) s[i] += m.absDiff[e] / w;
    }
  }
  let nvp = 0;
  const idx: number[] = [];
  for (let i = 0; i < m.ng; i++) {
    nvp += n[i];
    if (n[i] > 0) idx.push(i);
  }
  if (nvp === 0) return null;
  return {
    levels: Float64Array.from(idx, (i) => i + 1),
    p: Float64Array.from(idx, (i) => n[i] / nvp),
    s: Float64Array.from(idx, (i) => s[i]),
    nvp,
  };
}

function sumPs(c: NgtdmCoefficients): number {
  let acc = 0;
  for (let k = 0; k < c.p.length; k++) acc += c.p[k] * c.s[k];
  return acc;
}

function sumS(c: NgtdmCoefficients): number {
  let acc = 0;
  for (const v of c.s) acc += v;
  return acc;
}

export const NGTDM_PYRADIOMICS_FEATURES: readonly PyradiomicsFeature<NgtdmCoefficients>[] = [
  /** Busyness: sum p_i s_i / sum_ij |i p_i - j p_j| */
  {
    name: 'Busyness',
    ibsi: 'NQ30',
    compute: (c) => {
      let den = 0;
      for (let a = 0; a < c.p.length; a++) {
        for (let b = 0; b < c.p.length; b++) den += Math.abs(c.levels[a] * c.p[a] - c.levels[b] * c.p[b]);
      }
      return den === 0 ? 0 : sumPs(c) / den;
    },
  },
  /** Coarseness: 1 / sum p_i s_i */
  {
    name: 'Coarseness',
    ibsi: 'QCDE',
    compute: (c) => {
      const v = sumPs(c);
      return v === 0 ? 1e6 : 1 / v;
    },
  },
  /** Complexity: (1 / N_vp) sum_ij |i - j| (p_i s_i + p_j s_j) / (p_i + p_j) */
  {
    name: 'Complexity',
    ibsi: 'HDEZ',
    compute: (c) => {
      let acc = 0;
      for (let a = 0; a < c.p.length; a++) {
        for (let b = 0; b < c.p.length; b++) {
          acc += (Math.abs(c.levels[a] - c.levels[b]) * (c.p[a] * c.s[a] + c.p[b] * c.s[b])) / (c.p[a] + c.p[b]);
        }
      }
      return acc / c.nvp;
    },
  },
  /** Contrast: [sum_ij p_i p_j (i - j)^2 / (N_gp (N_gp - 1))] [sum s_i / N_vp] */
  {
    name: 'Contrast',
    ibsi: '65HE',
    compute: (c) => {
      const ngp = c.p.length;
      if (ngp * (ngp - 1) === 0) return 0;
      let acc = 0;
      for (let a = 0; a < ngp; a++) for (let b = 0; b < ngp; b++) acc += c.p[a] * c.p[b] * (c.levels[a] - c.levels[b]) ** 2;
      return ((acc * sumS(c)) / c.nvp) / (ngp * (ngp - 1));
    },
  },
  /** Strength: sum_ij (p_i + p_j)(i - j)^2 / sum s_i */
  {
    name: 'Strength',
    ibsi: '1X9X',
    compute: (c) => {
      const den = sumS(c);
      if (den === 0) return 0;
      let acc = 0;
      for (let a = 0; a < c.p.length; a++) {
        for (let b = 0; b < c.p.length; b++) acc += (c.p[a] + c.p[b]) * (c.levels[a] - c.levels[b]) ** 2;
      }
      return acc / den;
    },
  },
];
