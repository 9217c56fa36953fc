/**
 * PyRadiomics glrlm, glszm and gldm classes. Their formulas are the IBSI ones of level-count-stats.ts (GLRLM TP0I,
 * GLSZM 9SAK, NGLDM REK0) on PyRadiomics' matrices, with two differences: entropies add eps inside the logarithm,
 * and the grey-level index i is the level's value after empty levels are dropped (the same sums, as empty rows
 * add nothing). The feature lists are derived from the IBSI families' registries (their `pyradiomics` names).
 */
import { GLRLM_FEATURES } from '../glrlm.js';
import { GLSZM_FEATURES } from '../glszm.js';
import type { LevelCountStats, MatrixFeature } from '../level-count-stats.js';
import { NGLDM_FEATURES } from '../ngldm.js';
import { entropyEps, type PyradiomicsFeature } from './common.js';

/** The PyRadiomics features of an IBSI family, alphabetical, entropy with eps. */
function fromIbsi(features: readonly MatrixFeature<LevelCountStats>[], entropyName: string): PyradiomicsFeature<LevelCountStats>[] {
  return features
    .filter((f) => f.pyradiomics !== undefined)
    .map((f) => ({
      name: f.pyradiomics!,
      ibsi: f.code,
      compute: f.pyradiomics === entropyName ? (s: LevelCountStats) => entropyEps(s.p) : f.compute,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** GLRLM (16 features); RunPercentage = N_r / N_p with N_p = sum_ij j P(i,j) of the (weighted) matrix. */
export const GLRLM_PYRADIOMICS_FEATURES = fromIbsi(GLRLM_FEATURES, 'RunEntropy');
/** GLSZM (16 features); ZonePercentage = N_z / N_p, N_p = ROI voxels. */
export const GLSZM_PYRADIOMICS_FEATURES = fromIbsi(GLSZM_FEATURES, 'ZoneEntropy');
/** GLDM (14 features): dependence j = 1 + number of neighbours with |i - level| <= gldm_a. */
export const GLDM_PYRADIOMICS_FEATURES = fromIbsi(NGLDM_FEATURES, 'DependenceEntropy');
