/**
 * Shared pieces of the PyRadiomics profile (features/pyradiomics/*): PyRadiomics' epsilon, its entropy with epsilon
 * inside the logarithm, NaN-skipping means over angles, and the registry entry type of a PyRadiomics feature.
 */

/** numpy.spacing(1): the epsilon PyRadiomics adds inside logarithms and to some denominators */
export const EPS = 2.220446049250313e-16;

/** -sum p log2(p + eps) over the given probabilities (PyRadiomics' entropies; p = 0 terms add nothing) */
export function entropyEps(p: ArrayLike<number>): number {
  let h = 0;
  for (let k = 0; k < p.length; k++) {
    const v = p[k];
    if (v !== 0) h -= v * Math.log2(v + EPS);
  }
  return h;
}

/** numpy.nanmean: mean of the non-NaN values, NaN when there is none */
export function nanMean(values: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (Number.isNaN(v)) continue;
    sum += v;
    n++;
  }
  return n ? sum / n : NaN;
}

/** One feature of a PyRadiomics class, computed from that class's coefficients S. */
export interface PyradiomicsFeature<S> {
  /** PyRadiomics feature name (getXFeatureValue without get/FeatureValue), e.g. 'JointEntropy' */
  name: string;
  /** IBSI code of the same quantity, where one exists */
  ibsi?: string;
  /** deprecated in PyRadiomics: computed only when named explicitly (not in the class's default set) */
  deprecated?: boolean;
  compute(s: S): number;
}

/** Feature names PyRadiomics still accepts but never computes (they raise DeprecationWarning), with the reason. */
export const PYRADIOMICS_REMOVED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  glcm: {
    Dissimilarity: 'equal to DifferenceAverage',
    Homogeneity1: 'equal to Id',
    Homogeneity2: 'equal to Idm',
    SumVariance: 'equal to ClusterTendency',
  },
  gldm: {
    GrayLevelNonUniformityNormalized: 'equal to firstorder Uniformity',
    DependencePercentage: 'always 1',
  },
};

/** The features of a class to compute: the named ones, or the non-deprecated ones when `names` is null. */
export function selectFeatures<F extends { name: string; deprecated?: boolean }>(
  cls: string,
  all: readonly F[],
  names: readonly string[] | null,
): F[] {
  if (names === null || names.length === 0) return all.filter((f) => !f.deprecated);
  return names.map((n) => {
    const f = all.find((x) => x.name === n);
    if (!f) throw new Error(`featureClass ${cls}: unknown feature ${n}`);
    return f;
  });
}
