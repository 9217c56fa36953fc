/**
 * GLCM features (IBSI 1 section 3.6, family code LFYI).
 *
 * Notation (per normalised matrix): p(i,j) = count(i,j) / sum of counts, grey levels i, j = 1..Ng;
 * marginals p_x(i) = sum_j p(i,j), p_y(j) = sum_i p(i,j); diagonal p_{x-y}(k) = sum_{|i-j|=k} p(i,j), k = 0..Ng-1;
 * cross-diagonal p_{x+y}(k) = sum_{i+j=k} p(i,j), k = 2..2Ng; mu_x = sum_i i p_x(i), sigma_x^2 = sum (i-mu_x)^2 p_x(i).
 * Logarithms are base 2. PyRadiomics uses the same definitions on matrices from which empty grey levels are
 * removed (affects only features using i, j values: none change when the removed rows are zero, except
 * those that use Ng explicitly: normalised inverse difference / moment).
 */

export interface GlcmStats {
  ng: number;
  p: Float64Array;
  px: Float64Array;
  py: Float64Array;
  pDiff: Float64Array;
  pSum: Float64Array;
  muX: number;
  muY: number;
  sigmaX: number;
  sigmaY: number;
}

/** Normalises a count matrix (ng x ng) and derives marginals. Returns null when the matrix is empty. */
export function glcmStats(counts: ArrayLike<number>, ng: number): GlcmStats | null {
  let total = 0;
  for (let k = 0; k < ng * ng; k++) total += counts[k];
  if (total === 0) return null;
  const p = new Float64Array(ng * ng);
  const px = new Float64Array(ng);
  const py = new Float64Array(ng);
  const pDiff = new Float64Array(ng);
  const pSum = new Float64Array(2 * ng + 1);
  for (let i = 0; i < ng; i++) {
    for (let j = 0; j < ng; j++) {
      const v = counts[i * ng + j] / total;
      p[i * ng + j] = v;
      px[i] += v;
      py[j] += v;
      pDiff[Math.abs(i - j)] += v;
      pSum[i + j + 2] += v;
    }
  }
  let muX = 0;
  let muY = 0;
  for (let i = 0; i < ng; i++) {
    muX += (i + 1) * px[i];
    muY += (i + 1) * py[i];
  }
  let varX = 0;
  let varY = 0;
  for (let i = 0; i < ng; i++) {
    varX += (i + 1 - muX) ** 2 * px[i];
    varY += (i + 1 - muY) ** 2 * py[i];
  }
  return { ng, p, px, py, pDiff, pSum, muX, muY, sigmaX: Math.sqrt(varX), sigmaY: Math.sqrt(varY) };
}

/** sum over i, j (1-based grey levels) of f(i, j) p(i, j) */
function sumP(s: GlcmStats, f: (i: number, j: number) => number): number {
  let acc = 0;
  const { ng, p } = s;
  for (let i = 0; i < ng; i++) {
    for (let j = 0; j < ng; j++) {
      const v = p[i * ng + j];
      if (v !== 0) acc += f(i + 1, j + 1) * v;
    }
  }
  return acc;
}

function entropy(values: Float64Array): number {
  let h = 0;
  for (const v of values) if (v > 0) h -= v * Math.log2(v);
  return h;
}

function differenceAverage(s: GlcmStats): number {
  let mu = 0;
  for (let k = 0; k < s.ng; k++) mu += k * s.pDiff[k];
  return mu;
}

function sumAverage(s: GlcmStats): number {
  let mu = 0;
  for (let k = 2; k <= 2 * s.ng; k++) mu += k * s.pSum[k];
  return mu;
}

export interface GlcmFeature {
  name: string;
  /** IBSI 4-character code */
  code: string;
  /** PyRadiomics feature name in its glcm class, where one exists */
  pyradiomics?: string;
  compute(s: GlcmStats): number;
}

export const GLCM_FEATURES: readonly GlcmFeature[] = [
  /** Joint maximum: max p(i,j) */
  { name: 'Joint maximum', code: 'GYBY', pyradiomics: 'MaximumProbability', compute: (s) => s.p.reduce((a, v) => (v > a ? v : a), 0) },
  /** Joint average: mu = sum i p(i,j) */
  { name: 'Joint average', code: '60VM', pyradiomics: 'JointAverage', compute: (s) => sumP(s, (i) => i) },
  /** Joint variance: sum (i - mu)^2 p(i,j) */
  {
    name: 'Joint variance',
    code: 'UR99',
    pyradiomics: 'SumSquares',
    compute: (s) => {
      const mu = sumP(s, (i) => i);
      return sumP(s, (i) => (i - mu) ** 2);
    },
  },
  /** Joint entropy: -sum p log2 p */
  { name: 'Joint entropy', code: 'TU9B', pyradiomics: 'JointEntropy', compute: (s) => entropy(s.p) },
  /** Difference average: mu_d = sum k p_{x-y}(k) */
  { name: 'Difference average', code: 'TF7R', pyradiomics: 'DifferenceAverage', compute: differenceAverage },
  /** Difference variance: sum (k - mu_d)^2 p_{x-y}(k) */
  {
    name: 'Difference variance',
    code: 'D3YU',
    pyradiomics: 'DifferenceVariance',
    compute: (s) => {
      const mu = differenceAverage(s);
      let v = 0;
      for (let k = 0; k < s.ng; k++) v += (k - mu) ** 2 * s.pDiff[k];
      return v;
    },
  },
  /** Difference entropy: -sum p_{x-y} log2 p_{x-y} */
  { name: 'Difference entropy', code: 'NTRS', pyradiomics: 'DifferenceEntropy', compute: (s) => entropy(s.pDiff) },
  /** Sum average: mu_s = sum k p_{x+y}(k) */
  { name: 'Sum average', code: 'ZGXS', pyradiomics: 'SumAverage', compute: sumAverage },
  /** Sum variance: sum (k - mu_s)^2 p_{x+y}(k) */
  {
    name: 'Sum variance',
    code: 'OEEB',
    compute: (s) => {
      const mu = sumAverage(s);
      let v = 0;
      for (let k = 2; k <= 2 * s.ng; k++) v += (k - mu) ** 2 * s.pSum[k];
      return v;
    },
  },
  /** Sum entropy: -sum p_{x+y} log2 p_{x+y} */
  { name: 'Sum entropy', code: 'P6QZ', pyradiomics: 'SumEntropy', compute: (s) => entropy(s.pSum) },
  /** Angular second moment (energy): sum p^2 */
  { name: 'Angular second moment', code: '8ZQL', pyradiomics: 'JointEnergy', compute: (s) => s.p.reduce((a, v) => a + v * v, 0) },
  /** Contrast: sum (i-j)^2 p */
  { name: 'Contrast', code: 'ACUI', pyradiomics: 'Contrast', compute: (s) => sumP(s, (i, j) => (i - j) ** 2) },
  /** Dissimilarity: sum |i-j| p */
  { name: 'Dissimilarity', code: '8S9J', compute: (s) => sumP(s, (i, j) => Math.abs(i - j)) },
  /** Inverse difference: sum p / (1 + |i-j|) */
  { name: 'Inverse difference', code: 'IB1Z', pyradiomics: 'Id', compute: (s) => sumP(s, (i, j) => 1 / (1 + Math.abs(i - j))) },
  /** Normalised inverse difference: sum p / (1 + |i-j| / Ng) */
  {
    name: 'Normalised inverse difference',
    code: 'NDRX',
    pyradiomics: 'Idn',
    compute: (s) => sumP(s, (i, j) => 1 / (1 + Math.abs(i - j) / s.ng)),
  },
  /** Inverse difference moment: sum p / (1 + (i-j)^2) */
  { name: 'Inverse difference moment', code: 'WF0Z', pyradiomics: 'Idm', compute: (s) => sumP(s, (i, j) => 1 / (1 + (i - j) ** 2)) },
  /** Normalised inverse difference moment: sum p / (1 + (i-j)^2 / Ng^2) */
  {
    name: 'Normalised inverse difference moment',
    code: '1QCO',
    pyradiomics: 'Idmn',
    compute: (s) => sumP(s, (i, j) => 1 / (1 + (i - j) ** 2 / s.ng ** 2)),
  },
  /** Inverse variance: sum_{i != j} p / (i-j)^2 */
  { name: 'Inverse variance', code: 'E8JP', pyradiomics: 'InverseVariance', compute: (s) => sumP(s, (i, j) => (i === j ? 0 : 1 / (i - j) ** 2)) },
  /** Correlation: sum (i - mu_x)(j - mu_y) p / (sigma_x sigma_y) */
  {
    name: 'Correlation',
    code: 'NI2N',
    pyradiomics: 'Correlation',
    compute: (s) => sumP(s, (i, j) => (i - s.muX) * (j - s.muY)) / (s.sigmaX * s.sigmaY),
  },
  /** Autocorrelation: sum i j p */
  { name: 'Autocorrelation', code: 'QWB0', pyradiomics: 'Autocorrelation', compute: (s) => sumP(s, (i, j) => i * j) },
  /** Cluster tendency: sum (i + j - mu_x - mu_y)^2 p */
  { name: 'Cluster tendency', code: 'DG8W', pyradiomics: 'ClusterTendency', compute: (s) => sumP(s, (i, j) => (i + j - s.muX - s.muY) ** 2) },
  /** Cluster shade: sum (i + j - mu_x - mu_y)^3 p */
  { name: 'Cluster shade', code: '7NFM', pyradiomics: 'ClusterShade', compute: (s) => sumP(s, (i, j) => (i + j - s.muX - s.muY) ** 3) },
  /** Cluster prominence: sum (i + j - mu_x - mu_y)^4 p */
  {
    name: 'Cluster prominence',
    code: 'AE86',
    pyradiomics: 'ClusterProminence',
    compute: (s) => sumP(s, (i, j) => (i + j - s.muX - s.muY) ** 4),
  },
  /** Information correlation 1: (HXY - HXY1) / HX, HXY1 = -sum p log2(p_x(i) p_y(j)) */
  {
    name: 'Information correlation 1',
    code: 'R8DG',
    pyradiomics: 'Imc1',
    compute: (s) => {
      const hxy = entropy(s.p);
      const hx = entropy(s.px);
      const hxy1 = -sumP(s, (i, j) => Math.log2(s.px[i - 1] * s.py[j - 1]));
      return (hxy - hxy1) / hx;
    },
  },
  /** Information correlation 2: sqrt(1 - exp(-2 (HXY2 - HXY))), HXY2 = -sum p_x p_y log2(p_x p_y) */
  {
    name: 'Information correlation 2',
    code: 'JN9H',
    pyradiomics: 'Imc2',
    compute: (s) => {
      const hxy = entropy(s.p);
      let hxy2 = 0;
      for (let i = 0; i < s.ng; i++) {
        for (let j = 0; j < s.ng; j++) {
          const q = s.px[i] * s.py[j];
          if (q > 0) hxy2 -= q * Math.log2(q);
        }
      }
      return Math.sqrt(1 - Math.exp(-2 * (hxy2 - hxy)));
    },
  },
];
