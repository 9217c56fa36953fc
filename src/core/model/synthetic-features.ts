/**
 * Synthetic radiomic features for the demo cohort: PyRadiomics-style names for three MRI sequences (arterial phase
 * AP, portal venous phase PVP, T2-weighted T2), built from a few latent tumour traits so that the table behaves
 * like real radiomics: groups of strongly correlated features, most features pure noise with respect to response,
 * a handful carrying true signal, heterogeneous scales and skewed distributions, and a second reader whose repeat
 * segmentation reproduces most features well (ICC > 0.9) and a few badly.
 *
 * Model: patient i has latent traits u_ik ~ N(0, 1), k = 0..7; traits 0-2 drive response (see synthetic-cohort.ts).
 * Feature j loads on trait k_j with loading a_j in [0.75, 0.97] (or none, a_j = 0, for pure-noise features):
 *   s_ij = a_j u_ik + sqrt(1 - a_j^2) e_ij,   x_ij = location_j + scale_j g_j(s_ij)
 * with g_j the identity or exp(0.5 s) (right-skewed features). Reader 2: s'_ij = s_ij + tau_j e'_ij with tau_j = 0.15
 * for reproducible features and 1.2 for the few irreproducible ones.
 */
import type { Prng } from './prng.js';

const SEQUENCES = ['AP', 'PVP', 'T2'] as const;
const BASE_FEATURES = [
  'original_firstorder_Mean',
  'original_firstorder_Entropy',
  'original_firstorder_Skewness',
  'original_firstorder_Kurtosis',
  'original_firstorder_90Percentile',
  'original_glcm_Contrast',
  'original_glcm_Correlation',
  'original_glcm_JointEntropy',
  'original_glcm_Idmn',
  'original_glrlm_RunLengthNonUniformity',
  'original_glrlm_ShortRunEmphasis',
  'original_glszm_ZoneEntropy',
  'original_glszm_SmallAreaEmphasis',
  'original_gldm_DependenceVariance',
  'original_ngtdm_Busyness',
  'wavelet-LLH_firstorder_Mean',
  'wavelet-HLL_glcm_ClusterShade',
  'wavelet-LHH_glszm_GrayLevelVariance',
  'log-sigma-3-0-mm-3D_firstorder_Median',
  'log-sigma-3-0-mm-3D_glrlm_GrayLevelNonUniformity',
] as const;

export interface SyntheticFeatureSet {
  names: string[];
  /** values[i][j]: patient i, feature j (reader 1). */
  values: number[][];
  /** Same patients as re-segmented by reader 2. */
  repeat: number[][];
  /** Features that load on the response-driving traits 0-2. */
  informative: string[];
  /** Features with poor inter-reader reproducibility. */
  irreproducible: string[];
}

/** Traits u (patients x 8) must be drawn by the caller; features are generated from them with `prng`. */
export function syntheticFeatures(prng: Prng, traits: number[][]): SyntheticFeatureSet {
  const names: string[] = [];
  const specs: { trait: number; loading: number; location: number; scale: number; skew: boolean; tau: number }[] = [];
  const informative: string[] = [];
  const irreproducible: string[] = [];
  let j = 0;
  for (const seq of SEQUENCES) {
    for (const base of BASE_FEATURES) {
      const name = `${seq}_${base}`;
      names.push(name);
      // every 3rd feature is pure noise; the rest load on one of the 8 traits, cycling so that the informative
      // traits 0-2 are each carried by several correlated features spread over the sequences
      const noise = j % 3 === 2;
      const trait = noise ? -1 : (j * 5 + (seq === 'T2' ? 3 : 0)) % 8;
      const loading = noise ? 0 : 0.75 + 0.22 * prng.float();
      const tau = j % 17 === 5 ? 1.2 : 0.15;
      specs.push({ trait, loading, location: 10 ** (prng.float() * 4 - 1), scale: 10 ** (prng.float() * 3 - 1.5), skew: prng.float() < 0.4, tau });
      if (trait >= 0 && trait <= 2) informative.push(name);
      if (tau > 1) irreproducible.push(name);
      j++;
    }
  }
  const values: number[][] = [];
  const repeat: number[][] = [];
  for (const u of traits) {
    const row: number[] = [];
    const row2: number[] = [];
    for (const s of specs) {
      const e = prng.normal();
      const latent = s.trait < 0 ? e : s.loading * u[s.trait] + Math.sqrt(1 - s.loading * s.loading) * e;
      const latent2 = latent + s.tau * prng.normal();
      const g = (v: number) => (s.skew ? Math.exp(0.5 * v) : v);
      row.push(s.location + s.scale * g(latent));
      row2.push(s.location + s.scale * g(latent2));
    }
    values.push(row);
    repeat.push(row2);
  }
  return { names, values, repeat, informative, irreproducible };
}
