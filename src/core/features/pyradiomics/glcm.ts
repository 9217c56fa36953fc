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
import { symmetricEigenvaluesInPlace } from './eigenvalues.js';

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
  // one zero-filled buffer for the six arrays (a typed array's own buffer costs more than filling it, here)
  const buffer = new Float64Array(m * m + 3 * m + 3 * ng + 1);
  const p = buffer.subarray(0, m * m);
  const px = buffer.subarray(m * m, m * m + m);
  const py = buffer.subarray(m * m + m, m * m + 2 * m);
  const levels = buffer.subarray(m * m + 2 * m, m * m + 3 * m);
  const pSum = buffer.subarray(m * m + 3 * m, m * m + 3 * m + 2 * ng + 1);
  const pDiff = buffer.subarray(m * m + 3 * m + 2 * ng + 1);
  levels.set(present);
  // HXY = entropyEps(p), summed here in the same order. The term p log2(p + eps) depends on the count only: computed
  // once per distinct count (below TERM_CAP; counts repeat, and a symmetric GLCM holds each one twice)
  const generation = nextTermGeneration();
  const stamp = TERM_STAMP;
  const memo = TERM_VALUE;
  let hxy = 0;
  let ux = 0;
  let uy = 0;
  for (let a = 0; a < m; a++) {
    const row = (present[a] - 1) * ng;
    const i = present[a];
    let rowSum = 0;
    for (let b = 0; b < m; b++) {
      const j = present[b];
      const count = counts[row + j - 1];
      // an empty entry adds exactly +0 to every sum below (all start at +0): skipped; p is zero-filled
      if (count === 0) continue;
      const v = count / total;
      p[a * m + b] = v;
      rowSum += v;
      py[b] += v;
      ux += levels[a] * v;
      uy += levels[b] * v;
      pSum[i + j] += v;
      pDiff[i > j ? i - j : j - i] += v;
      let t: number;
      // (weighted matrices, weightingNorm, hold fractional counts: computed directly)
      if (count < TERM_CAP && (count | 0) === count) {
        if (stamp[count] === generation) t = memo[count];
        else {
          t = v * Math.log2(v + EPS);
          memo[count] = t;
          stamp[count] = generation;
        }
      } else t = v * Math.log2(v + EPS);
      hxy -= t;
    }
    px[a] = rowSum;
  }
  return { ng, m, levels, p, px, py, ux, uy, pSum, pDiff, hxy };
}

/** glcmCoefficients' memo of entropy terms by count: valid where TERM_STAMP[count] is the current generation. */
const TERM_CAP = 8192;
const TERM_STAMP = new Int32Array(TERM_CAP);
const TERM_VALUE = new Float64Array(TERM_CAP);
let termGeneration = 0;

function nextTermGeneration(): number {
  if (termGeneration === 0x7fffffff) {
    TERM_STAMP.fill(0);
    termGeneration = 0;
  }
  return ++termGeneration;
}

/*
 * The sums over p(i,j) below are written out per feature (no callback per matrix entry); each keeps the order of
 * the additions and the form of the term, so that every value is the same to the last bit.
 */

/**
 * sum_ij p(i,j) (i + j - mu_x - mu_y)^e for e = 2, 3 and 4, in one pass (three sums, each in the usual order) and
 * once per angle. The base depends on i + j only (an exact integer), so the powers (Math.pow, slow beyond e = 2)
 * are taken once per sum k = i + j, 2..2N_g, and looked up.
 */
const CLUSTER = new WeakMap<GlcmCoefficients, [number, number, number]>();

function clusterMoment(c: GlcmCoefficients, e: 2 | 3 | 4): number {
  let sums = CLUSTER.get(c);
  if (!sums) {
    const { m, p, levels, ux, uy, ng, pSum } = c;
    const p2 = scratch(3, 2 * ng + 1);
    const p3 = scratch(4, 2 * ng + 1);
    const p4 = scratch(5, 2 * ng + 1);
    // only the sums k = i + j of non-zero p(i,j) are read, i.e. those with p_{x+y}(k) > 0
    for (let k = 2; k <= 2 * ng; k++) {
      if (pSum[k] === 0) continue;
      p2[k] = (k - ux - uy) ** 2;
      p3[k] = (k - ux - uy) ** 3;
      p4[k] = (k - ux - uy) ** 4;
    }
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    for (let a = 0; a < m; a++) {
      const i = levels[a];
      for (let b = 0; b < m; b++) {
        const v = p[a * m + b];
        if (v === 0) continue;
        const k = i + levels[b];
        s2 += v * p2[k];
        s3 += v * p3[k];
        s4 += v * p4[k];
      }
    }
    sums = [s2, s3, s4];
    CLUSTER.set(c, sums);
  }
  return sums[e - 2];
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

/**
 * sigma_x^2 = sum_ij p(i,j) (i - mu_x)^2 (SumSquares), sigma_y^2 = sum_ij p(i,j) (j - mu_y)^2 and the covariance
 * sum_ij p(i,j) (i - mu_x)(j - mu_y), in one pass (three sums, each in the usual order), once per angle.
 */
const MOMENTS = new WeakMap<GlcmCoefficients, [number, number, number]>();

function moments(c: GlcmCoefficients): [number, number, number] {
  let out = MOMENTS.get(c);
  if (out) return out;
  const { m, p, levels, ux, uy } = c;
  let vx = 0;
  let vy = 0;
  let cov = 0;
  for (let a = 0; a < m; a++) {
    const i = levels[a];
    for (let b = 0; b < m; b++) {
      const v = p[a * m + b];
      if (v === 0) continue;
      vx += v * (i - ux) ** 2;
      vy += v * (levels[b] - uy) ** 2;
      cov += v * ((i - ux) * (levels[b] - uy));
    }
  }
  out = [vx, vy, cov];
  MOMENTS.set(c, out);
  return out;
}

const varianceX = (c: GlcmCoefficients): number => moments(c)[0];

function diffSum(c: GlcmCoefficients, f: (k: number) => number, from = 0): number {
  let acc = 0;
  for (let k = from; k < c.ng; k++) acc += c.pDiff[k] * f(k);
  return acc;
}

const differenceAverage = (c: GlcmCoefficients) => diffSum(c, (k) => k);

/**
 * HXY1 = -sum p(i,j) log2(q(i,j) + eps) and HXY2 = -sum q(i,j) log2(q(i,j) + eps), q(i,j) = p_x(i) p_y(j) over the
 * present levels, shared by Imc1 and Imc2 and computed once per angle (on first use), each sum in index order. With
 * a symmetric matrix p_x = p_y, so q(j,i) = q(i,j) and the logarithms below the diagonal are the transposed ones.
 */
const MUTUAL = new WeakMap<GlcmCoefficients, [number, number]>();

function mutualEntropies(c: GlcmCoefficients): [number, number] {
  let t = MUTUAL.get(c);
  if (t) return t;
  const { m, p, px, py } = c;
  let symmetric = true;
  for (let a = 0; a < m; a++) if (px[a] !== py[a]) symmetric = false;
  const log = scratch(2, m * m);
  let hxy1 = 0;
  let hxy2 = 0;
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      const e = a * m + b;
      const q = px[a] * py[b];
      const l = symmetric && b < a ? log[b * m + a] : Math.log2(q + EPS);
      log[e] = l;
      const v = p[e];
      if (v !== 0) hxy1 -= v * l;
      if (q !== 0) hxy2 -= q * l;
    }
  }
  t = [hxy1, hxy2];
  MUTUAL.set(c, t);
  return t;
}

/** HX, HY and HXY1 = -sum p(i,j) log2(p_x(i) p_y(j) + eps) */
function imc1(c: GlcmCoefficients): number {
  const hx = entropyEps(c.px);
  const hy = entropyEps(c.py);
  const hxy1 = mutualEntropies(c)[0];
  const div = Math.max(hx, hy);
  return div === 0 ? 0 : (c.hxy - hxy1) / div;
}

/** sqrt(1 - exp(-2 (HXY2 - HXY))), HXY2 = -sum p_x p_y log2(p_x p_y + eps); 0 when HXY2 = HXY, NaN when < */
function imc2(c: GlcmCoefficients): number {
  const hxy2 = mutualEntropies(c)[1];
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
  // with p_x = p_y (a symmetric GLCM), a(k,i) = a(i,k) wherever p(k,i) = p(i,k): taken from the row above
  let equalMarginals = true;
  for (let i = 0; i < m; i++) if (px[i] !== py[i]) equalMarginals = false;
  const a = scratch(0, m * m);
  for (let i = 0, e = 0; i < m; i++) {
    for (let k = 0; k < m; k++, e++) {
      if (p[e] === 0) {
        a[e] = 0;
        continue;
      }
      if (equalMarginals && k < i && p[k * m + i] === p[e]) {
        a[e] = a[k * m + i];
        continue;
      }
      const d = Math.sqrt(px[i] * py[k]);
      a[e] = d === 0 ? 0 : p[e] / d;
    }
  }
  // S = A A^T; four rows j at a time share the reads of row i (each sum still adds its terms in k order). A is >= 0
  // and often half empty: a term with a(i,k) = 0 adds exactly +0, so only the non-zero k of row i are visited
  const s = scratch(1, m * m);
  if (COLUMNS.length < m) COLUMNS = new Int32Array(m);
  const cols = COLUMNS;
  for (let i = 0; i < m; i++) {
    const ri = i * m;
    let nk = 0;
    for (let k = 0; k < m; k++) if (a[ri + k] !== 0) cols[nk++] = k;
    let j = 0;
    for (; j + 3 <= i; j += 4) {
      const r0 = j * m;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < nk; t++) {
        const k = cols[t];
        const x = a[ri + k];
        s0 += x * a[r0 + k];
        s1 += x * a[r0 + m + k];
        s2 += x * a[r0 + 2 * m + k];
        s3 += x * a[r0 + 3 * m + k];
      }
      s[ri + j] = s[r0 + i] = s0;
      s[ri + j + 1] = s[r0 + m + i] = s1;
      s[ri + j + 2] = s[r0 + 2 * m + i] = s2;
      s[ri + j + 3] = s[r0 + 3 * m + i] = s3;
    }
    for (; j <= i; j++) {
      let acc = 0;
      for (let t = 0; t < nk; t++) acc += a[ri + cols[t]] * a[j * m + cols[t]];
      s[ri + j] = acc;
      s[j * m + i] = acc;
    }
  }
  const ev = symmetricEigenvaluesInPlace(s, m);
  return Math.sqrt(ev[m - 2]);
}

/**
 * Work arrays, kept between calls (13 angles per image; fresh typed arrays cost more than their use here): every
 * entry read is written first, in the same call. 0, 1: mcc; 2: logarithms (mutualEntropies); 3-5: cluster powers.
 * Matrices over 2^16 entries get their own array, so that a huge N_g is not retained.
 */
const SCRATCH: Float64Array[] = Array.from({ length: 6 }, () => new Float64Array(0));
/** mcc: the non-zero columns of a row of A */
let COLUMNS = new Int32Array(0);

function scratch(k: number, n: number): Float64Array {
  if (n > 0x10000) return new Float64Array(n);
  if (SCRATCH[k].length < n) SCRATCH[k] = new Float64Array(n);
  return SCRATCH[k].subarray(0, n);
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
      const [vx, vy, cov] = moments(c);
      const sx = Math.sqrt(vx);
      const sy = Math.sqrt(vy);
      if (sx * sy === 0) return 1;
      return cov / (sx * sy + EPS);
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
