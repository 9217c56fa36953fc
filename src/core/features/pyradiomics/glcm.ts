/**
 * PyRadiomics glcm class (radiomics/glcm.py) on per-angle co-occurrence matrices (IBSI GLCM, LFYI).
 *
 * Notation (per angle): p(i,j) = P(i,j) / sum P over the grey levels present in the ROI (PyRadiomics drops empty
 * levels, keeping the others' values i, j); p_x(i) = sum_j p(i,j), p_y(j) = sum_i p(i,j); mu_x = sum i p(i,j),
 * mu_y = sum j p(i,j); p_{x+y}(k), k = 2..2N_g and p_{x-y}(k), k = 0..N_g-1; N_g = highest grey level present;
 * eps = numpy.spacing(1); HXY = -sum p log2(p + eps). Features are computed per angle and averaged over angles
 * (numpy.nanmean), or once on the weighted sum of the angle matrices when weightingNorm is set.
 */
import { EPS, entropyEps, type PyradiomicsFeature } from './common.js';
import { symmetricEigenvalues } from './eigenvalues.js';

export interface GlcmCoefficients {
  /** N_g (highest grey level) */
  ng: number;
  /** number of grey levels present in the ROI (the matrix size after PyRadiomics drops empty levels) */
  m: number;
  /** grey level values of the present levels */
  levels: Float64Array;
  /** m x m normalised matrix */
  p: Float64Array;
  px: Float64Array;
  py: Float64Array;
  ux: number;
  uy: number;
  /** p_{x+y}(k) at index k (0..2N_g) */
  pSum: Float64Array;
  /** p_{x-y}(k) at index k (0..N_g-1) */
  pDiff: Float64Array;
  hxy: number;
}

/**
 * Coefficients of one angle's matrix `counts` (ng x ng, entry (i-1) ng + (j-1)), restricted to the ROI's grey
 * levels `present` (1-based). Null when the matrix is empty (PyRadiomics deletes such angles).
 */
export function glcmCoefficients(counts: ArrayLike<number>, ng: number, present: Int32Array): GlcmCoefficients | null {
  const m = present.length;
  let total = 0;
  for (let a = 0; a < m; a++) {
    const row = (present[a] - 1) * ng;
    for (let b = 0; b < m; b++) total += counts[row + present[b] - 1];
  }
  if (total === 0) return null;
  const p = new Float64Array(m * m);
  const px = new Float64Array(m);
  const py = new Float64Array(m);
  const pSum = new Float64Array(2 * ng + 1);
  const pDiff = new Float64Array(ng);
  const levels = Float64Array.from(present);
  let ux = 0;
  let uy = 0;
  for (let a = 0; a < m; a++) {
    const row = (present[a] - 1) * ng;
    for (let b = 0; b < m; b++) {
      const v = counts[row + present[b] - 1] / total;
      p[a * m + b] = v;
      px[a] += v;
      py[b] += v;
      ux += levels[a] * v;
      uy += levels[b] * v;
      pSum[present[a] + present[b]] += v;
      pDiff[Math.abs(present[a] - present[b])] += v;
    }
  }
  return { ng, m, levels, p, px, py, ux, uy, pSum, pDiff, hxy: entropyEps(p) };
}

/*
 * The sums over p(i,j) below are written out per feature (no callback per matrix entry); each keeps the order of
 * the additions and the form of the term, so that every value is the same to the last bit.
 */

/** sum_ij p(i,j) (i + j - mu_x - mu_y)^e, e = 2, 3 or 4 */
function clusterMoment(c: GlcmCoefficients, e: 2 | 3 | 4): number {
  const { m, p, levels, ux, uy } = c;
  let acc = 0;
  for (let a = 0; a < m; a++) {
    const i = levels[a];
    for (let b = 0; b < m; b++) {
      const v = p[a * m + b];
      if (v === 0) continue;
      const j = levels[b];
      if (e === 2) acc += v * (i + j - ux - uy) ** 2;
      else if (e === 3) acc += v * (i + j - ux - uy) ** 3;
      else acc += v * (i + j - ux - uy) ** 4;
    }
  }
  return acc;
}

/** sum_ij p(i,j) i j */
function autocorrelation(c: GlcmCoefficients): number {
  const { m, p, levels } = c;
  let acc = 0;
  for (let a = 0; a < m; a++) {
    const i = levels[a];
    for (let b = 0; b < m; b++) {
      const v = p[a * m + b];
      if (v !== 0) acc += v * (i * levels[b]);
    }
  }
  return acc;
}

/** sum_ij p(i,j) (i - j)^2 */
function contrast(c: GlcmCoefficients): number {
  const { m, p, levels } = c;
  let acc = 0;
  for (let a = 0; a < m; a++) {
    const i = levels[a];
    for (let b = 0; b < m; b++) {
      const v = p[a * m + b];
      if (v !== 0) acc += v * (i - levels[b]) ** 2;
    }
  }
  return acc;
}

/** sum_ij p(i,j) (i - mu_x)^2 (SumSquares, sigma_x^2) */
function varianceX(c: GlcmCoefficients): number {
  const { m, p, levels, ux } = c;
  let acc = 0;
  for (let a = 0; a < m; a++) {
    const i = levels[a];
    for (let b = 0; b < m; b++) {
      const v = p[a * m + b];
      if (v !== 0) acc += v * (i - ux) ** 2;
    }
  }
  return acc;
}

/** sum_ij p(i,j) (j - mu_y)^2 (sigma_y^2) */
function varianceY(c: GlcmCoefficients): number {
  const { m, p, levels, uy } = c;
  let acc = 0;
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      const v = p[a * m + b];
      if (v !== 0) acc += v * (levels[b] - uy) ** 2;
    }
  }
  return acc;
}

/** sum_ij p(i,j) (i - mu_x)(j - mu_y) */
function covariance(c: GlcmCoefficients): number {
  const { m, p, levels, ux, uy } = c;
  let acc = 0;
  for (let a = 0; a < m; a++) {
    const i = levels[a];
    for (let b = 0; b < m; b++) {
      const v = p[a * m + b];
      if (v !== 0) acc += v * ((i - ux) * (levels[b] - uy));
    }
  }
  return acc;
}

function diffSum(c: GlcmCoefficients, f: (k: number) => number, from = 0): number {
  let acc = 0;
  for (let k = from; k < c.ng; k++) acc += c.pDiff[k] * f(k);
  return acc;
}

const differenceAverage = (c: GlcmCoefficients) => diffSum(c, (k) => k);

/** HX, HY and HXY1 = -sum p(i,j) log2(p_x(i) p_y(j) + eps) */
function imc1(c: GlcmCoefficients): number {
  const hx = entropyEps(c.px);
  const hy = entropyEps(c.py);
  let hxy1 = 0;
  for (let a = 0; a < c.m; a++) {
    for (let b = 0; b < c.m; b++) {
      const v = c.p[a * c.m + b];
      if (v !== 0) hxy1 -= v * Math.log2(c.px[a] * c.py[b] + EPS);
    }
  }
  const div = Math.max(hx, hy);
  return div === 0 ? 0 : (c.hxy - hxy1) / div;
}

/** sqrt(1 - exp(-2 (HXY2 - HXY))), HXY2 = -sum p_x p_y log2(p_x p_y + eps); 0 when HXY2 = HXY, NaN when < */
function imc2(c: GlcmCoefficients): number {
  let hxy2 = 0;
  for (let a = 0; a < c.m; a++) {
    for (let b = 0; b < c.m; b++) {
      const q = c.px[a] * c.py[b];
      if (q !== 0) hxy2 -= q * Math.log2(q + EPS);
    }
  }
  if (hxy2 === c.hxy) return 0;
  return Math.sqrt(1 - Math.exp(-2 * (hxy2 - c.hxy)));
}

/**
 * Maximal correlation coefficient: sqrt of the second largest eigenvalue of Q(i,j) = sum_k p(i,k) p(j,k) /
 * (p_x(i) p_y(k)). Q = D^-1/2 S D^1/2 with D = diag(p_x) and the symmetric S = A A^T, A(i,k) = p(i,k) /
 * sqrt(p_x(i) p_y(k)), so Q's eigenvalues are S's: real and >= 0 (up to round-off; a negative one gives NaN, as
 * numpy's sqrt does, and is skipped by the angle average). One grey level (flat region): 1.
 */
function mcc(c: GlcmCoefficients): number {
  const { m, p, px, py } = c;
  if (m < 2) return 1;
  const a = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const d = Math.sqrt(px[i] * py[k]);
      a[i * m + k] = d === 0 ? 0 : p[i * m + k] / d;
    }
  }
  const s = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let acc = 0;
      for (let k = 0; k < m; k++) acc += a[i * m + k] * a[j * m + k];
      s[i * m + j] = acc;
      s[j * m + i] = acc;
    }
  }
  const ev = symmetricEigenvalues(s, m);
  return Math.sqrt(ev[m - 2]);
}

/** Alphabetical, as PyRadiomics reports them. */
export const GLCM_PYRADIOMICS_FEATURES: readonly PyradiomicsFeature<GlcmCoefficients>[] = [
  /** sum p(i,j) i j */
  { name: 'Autocorrelation', ibsi: 'QWB0', compute: autocorrelation },
  /** sum (i + j - mu_x - mu_y)^4 p */
  { name: 'ClusterProminence', ibsi: 'AE86', compute: (c) => clusterMoment(c, 4) },
  /** sum (i + j - mu_x - mu_y)^3 p */
  { name: 'ClusterShade', ibsi: '7NFM', compute: (c) => clusterMoment(c, 3) },
  /** sum (i + j - mu_x - mu_y)^2 p (= IBSI sum variance OEEB) */
  { name: 'ClusterTendency', ibsi: 'DG8W', compute: (c) => clusterMoment(c, 2) },
  /** sum (i - j)^2 p */
  { name: 'Contrast', ibsi: 'ACUI', compute: contrast },
  /** sum p (i - mu_x)(j - mu_y) / (sigma_x sigma_y + eps); 1 when sigma_x sigma_y = 0 */
  {
    name: 'Correlation',
    ibsi: 'NI2N',
    compute: (c) => {
      const sx = Math.sqrt(varianceX(c));
      const sy = Math.sqrt(varianceY(c));
      if (sx * sy === 0) return 1;
      return covariance(c) / (sx * sy + EPS);
    },
  },
  /** sum k p_{x-y}(k) */
  { name: 'DifferenceAverage', ibsi: 'TF7R', compute: differenceAverage },
  /** -sum p_{x-y} log2(p_{x-y} + eps) */
  { name: 'DifferenceEntropy', ibsi: 'NTRS', compute: (c) => entropyEps(c.pDiff) },
  /** sum (k - DA)^2 p_{x-y}(k) */
  {
    name: 'DifferenceVariance',
    ibsi: 'D3YU',
    compute: (c) => {
      const da = differenceAverage(c);
      return diffSum(c, (k) => (k - da) ** 2);
    },
  },
  /** sum p_{x-y}(k) / (1 + k) */
  { name: 'Id', ibsi: 'IB1Z', compute: (c) => diffSum(c, (k) => 1 / (1 + k)) },
  /** sum p_{x-y}(k) / (1 + k^2) */
  { name: 'Idm', ibsi: 'WF0Z', compute: (c) => diffSum(c, (k) => 1 / (1 + k ** 2)) },
  /** sum p_{x-y}(k) / (1 + k^2 / N_g^2) */
  { name: 'Idmn', ibsi: '1QCO', compute: (c) => diffSum(c, (k) => 1 / (1 + k ** 2 / c.ng ** 2)) },
  /** sum p_{x-y}(k) / (1 + k / N_g) */
  { name: 'Idn', ibsi: 'NDRX', compute: (c) => diffSum(c, (k) => 1 / (1 + k / c.ng)) },
  /** (HXY - HXY1) / max(HX, HY); 0 when both entropies are 0 */
  { name: 'Imc1', ibsi: 'R8DG', compute: imc1 },
  /** sqrt(1 - e^(-2 (HXY2 - HXY))) */
  { name: 'Imc2', ibsi: 'JN9H', compute: imc2 },
  /** sum_{k>=1} p_{x-y}(k) / k^2 */
  { name: 'InverseVariance', ibsi: 'E8JP', compute: (c) => diffSum(c, (k) => 1 / k ** 2, 1) },
  /** mu_x */
  { name: 'JointAverage', ibsi: '60VM', compute: (c) => c.ux },
  /** sum p^2 */
  {
    name: 'JointEnergy',
    ibsi: '8ZQL',
    compute: (c) => {
      let acc = 0;
      for (let k = 0; k < c.p.length; k++) acc += c.p[k] * c.p[k];
      return acc;
    },
  },
  /** HXY */
  { name: 'JointEntropy', ibsi: 'TU9B', compute: (c) => c.hxy },
  /** maximal correlation coefficient (no IBSI equivalent) */
  { name: 'MCC', compute: mcc },
  /** max p(i,j) */
  {
    name: 'MaximumProbability',
    ibsi: 'GYBY',
    compute: (c) => {
      let max = 0;
      for (let k = 0; k < c.p.length; k++) if (c.p[k] > max) max = c.p[k];
      return max;
    },
  },
  /** sum k p_{x+y}(k) */
  {
    name: 'SumAverage',
    ibsi: 'ZGXS',
    compute: (c) => {
      let acc = 0;
      for (let k = 2; k <= 2 * c.ng; k++) acc += k * c.pSum[k];
      return acc;
    },
  },
  /** -sum p_{x+y} log2(p_{x+y} + eps) */
  { name: 'SumEntropy', ibsi: 'P6QZ', compute: (c) => entropyEps(c.pSum) },
  /** sum (i - mu_x)^2 p (IBSI joint variance) */
  { name: 'SumSquares', ibsi: 'UR99', compute: varianceX },
];
