/**
 * Feature registry: every feature the engine computes, once, with its IBSI family and code and, where PyRadiomics
 * computes the same quantity, its PyRadiomics class and name. Built from the families' own feature lists (the
 * IBSI modules' *_FEATURES and the PyRadiomics modules' *_PYRADIOMICS_FEATURES), joined on the IBSI code, so the
 * registry cannot drift from what is computed. test/core/feature-registry.test.ts checks it against the IBSI phantom
 * reference and the PyRadiomics brain1 baseline from both sides.
 */
import type { PyradiomicsClass } from '../settings.js';
import { GLCM_FEATURES } from './glcm.js';
import { GLDZM_FEATURES } from './gldzm.js';
import { GLRLM_FEATURES } from './glrlm.js';
import { GLSZM_FEATURES } from './glszm.js';
import { INTENSITY_HISTOGRAM_FEATURES } from './intensity-histogram.js';
import { INTENSITY_STATISTICS_FEATURES } from './intensity-statistics.js';
import { INTENSITY_VOLUME_HISTOGRAM_FEATURES } from './intensity-volume-histogram.js';
import { LOCAL_INTENSITY_FEATURES } from './local-intensity.js';
import { MORPHOLOGY_FEATURES } from './morphology.js';
import { NGLDM_FEATURES } from './ngldm.js';
import { NGTDM_FEATURES } from './ngtdm.js';
import type { PyradiomicsFeature } from './pyradiomics/common.js';
import { FIRSTORDER_FEATURES } from './pyradiomics/firstorder.js';
import { GLCM_PYRADIOMICS_FEATURES } from './pyradiomics/glcm.js';
import { GLDM_PYRADIOMICS_FEATURES, GLRLM_PYRADIOMICS_FEATURES, GLSZM_PYRADIOMICS_FEATURES } from './pyradiomics/level-count.js';
import { NGTDM_PYRADIOMICS_FEATURES } from './pyradiomics/ngtdm.js';
import { SHAPE_PYRADIOMICS_FEATURES } from './pyradiomics/shape.js';
import { SHAPE2D_PYRADIOMICS_FEATURES } from './pyradiomics/shape2d.js';
import type { FeatureInfo } from './types.js';

/** How the PyRadiomics value relates to the IBSI one. */
export type PyradiomicsRelation = 'same' | 'ibsi + 3' | 'same when voxelArrayShift = 0';

export interface RegisteredFeature {
  /** IBSI feature name as IBSI prints it; the PyRadiomics name for PyRadiomics-only features */
  name: string;
  /** IBSI family name (as in the reference CSV); 'PyRadiomics <class>' for PyRadiomics-only features */
  family: string;
  ibsi_code?: string;
  pyradiomics?: { class: PyradiomicsClass; feature: string; deprecated: boolean; relation: PyradiomicsRelation };
  /** why a registered IBSI feature has no digital-phantom reference value */
  noPhantomReference?: string;
}

const IBSI_FAMILIES: [string, readonly FeatureInfo[], PyradiomicsClass | null][] = [
  ['morphology', MORPHOLOGY_FEATURES, 'shape'],
  ['local intensity', LOCAL_INTENSITY_FEATURES, null],
  ['intensity-based statistics', INTENSITY_STATISTICS_FEATURES, 'firstorder'],
  ['intensity histogram', INTENSITY_HISTOGRAM_FEATURES, 'firstorder'],
  ['intensity-volume histogram', INTENSITY_VOLUME_HISTOGRAM_FEATURES, null],
  ['GLCM', GLCM_FEATURES, 'glcm'],
  ['GLRLM', GLRLM_FEATURES, 'glrlm'],
  ['GLSZM', GLSZM_FEATURES, 'glszm'],
  ['GLDZM', GLDZM_FEATURES, null],
  ['NGTDM', NGTDM_FEATURES, 'ngtdm'],
  ['NGLDM', NGLDM_FEATURES, 'gldm'],
];

export const PYRADIOMICS_FEATURE_LISTS: Readonly<Record<PyradiomicsClass, readonly PyradiomicsFeature<never>[]>> = {
  shape: SHAPE_PYRADIOMICS_FEATURES,
  shape2D: SHAPE2D_PYRADIOMICS_FEATURES,
  firstorder: FIRSTORDER_FEATURES,
  glcm: GLCM_PYRADIOMICS_FEATURES,
  glrlm: GLRLM_PYRADIOMICS_FEATURES,
  glszm: GLSZM_PYRADIOMICS_FEATURES,
  gldm: GLDM_PYRADIOMICS_FEATURES,
  ngtdm: NGTDM_PYRADIOMICS_FEATURES,
};

const NO_REFERENCE: Record<string, string> = {
  '9CMM': 'the IBSI manual prints the phantom value (0.32) in its text but not in the reference table',
};

function relation(cls: PyradiomicsClass, feature: string): PyradiomicsRelation {
  if (cls === 'firstorder' && feature === 'Kurtosis') return 'ibsi + 3';
  if (cls === 'firstorder' && (feature === 'Energy' || feature === 'RootMeanSquared')) return 'same when voxelArrayShift = 0';
  return 'same';
}

function build(): RegisteredFeature[] {
  const out: RegisteredFeature[] = [];
  const claimed = new Set<string>();
  for (const [family, list, cls] of IBSI_FAMILIES) {
    for (const f of list) {
      const entry: RegisteredFeature = { name: f.name, family, ibsi_code: f.code };
      if (cls) {
        const py = PYRADIOMICS_FEATURE_LISTS[cls].find((p) => p.ibsi === f.code);
        if (py) {
          entry.pyradiomics = { class: cls, feature: py.name, deprecated: py.deprecated === true, relation: relation(cls, py.name) };
          claimed.add(`${cls}/${py.name}`);
        }
      }
      if (NO_REFERENCE[f.code]) entry.noPhantomReference = NO_REFERENCE[f.code];
      out.push(entry);
    }
  }
  for (const [cls, list] of Object.entries(PYRADIOMICS_FEATURE_LISTS) as [PyradiomicsClass, readonly PyradiomicsFeature<never>[]][]) {
    for (const f of list) {
      if (claimed.has(`${cls}/${f.name}`)) continue;
      if (f.ibsi) throw new Error(`registry: PyRadiomics ${cls}/${f.name} names IBSI code ${f.ibsi}, which no IBSI family lists`);
      out.push({ name: f.name, family: `PyRadiomics ${cls}`, pyradiomics: { class: cls, feature: f.name, deprecated: f.deprecated === true, relation: 'same' } });
    }
  }
  return out;
}

export const FEATURE_REGISTRY: readonly RegisteredFeature[] = build();

/** Every feature name of a PyRadiomics class the engine computes (deprecated ones included). */
export function pyradiomicsFeatureNames(cls: PyradiomicsClass): string[] {
  return PYRADIOMICS_FEATURE_LISTS[cls].map((f) => f.name);
}

/** The registry entry of an IBSI feature, by family and code. */
export function ibsiFeature(family: string, code: string): RegisteredFeature | undefined {
  return FEATURE_REGISTRY.find((f) => f.family === family && f.ibsi_code === code);
}
