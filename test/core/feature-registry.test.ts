/**
 * The feature registry against both reference sets, from both sides: every IBSI phantom reference value has a
 * registered feature and every registered IBSI feature has a reference value (or a stated reason); every name in
 * the PyRadiomics brain1 baseline is registered and every registered, non-deprecated PyRadiomics feature of the
 * baseline's classes has a baseline value.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../src/core/csv.js';
import { FEATURE_REGISTRY, pyradiomicsFeatureNames } from '../../src/core/features/registry.js';
import { ibsiPhantomReference, sharedPath } from '../helpers/refdata.js';

const baseline = parseCsvRecords(readFileSync(sharedPath('refdata/pyradiomics/brain1/baseline_brain1.csv'), 'utf8'));
const mapping = parseCsvRecords(readFileSync(sharedPath('refdata/pyradiomics/pyradiomics_ibsi_feature_mapping.csv'), 'utf8'));
/** PyRadiomics classes without baseline values, and why. */
const NO_BASELINE: Record<string, string> = {
  shape2D: 'the baseline holds no shape2D values (its settings column used a 2D mask that is not shipped)',
};

describe('feature registry', () => {
  it('lists every feature once', () => {
    const ibsiKeys = FEATURE_REGISTRY.filter((f) => f.ibsi_code).map((f) => `${f.family}/${f.ibsi_code}`);
    expect(new Set(ibsiKeys).size).toBe(ibsiKeys.length);
    const pyKeys = FEATURE_REGISTRY.filter((f) => f.pyradiomics).map((f) => `${f.pyradiomics!.class}/${f.pyradiomics!.feature}`);
    expect(new Set(pyKeys).size).toBe(pyKeys.length);
    for (const f of FEATURE_REGISTRY) expect(f.ibsi_code !== undefined || f.pyradiomics !== undefined, f.name).toBe(true);
  });

  it('has a registered feature for every IBSI phantom reference value', () => {
    const refs = ibsiPhantomReference();
    expect(refs.length).toBe(482);
    for (const r of refs) {
      const f = FEATURE_REGISTRY.find((e) => e.family === r.family && e.ibsi_code === r.ibsi_code);
      expect(f, `${r.family} ${r.feature} (${r.ibsi_code}) is not registered`).toBeDefined();
      expect(f!.name).toBe(r.feature);
    }
  });

  it('has an IBSI phantom reference value for every registered IBSI feature (or says why not)', () => {
    const refs = ibsiPhantomReference();
    for (const f of FEATURE_REGISTRY.filter((e) => e.ibsi_code)) {
      const has = refs.some((r) => r.family === f.family && r.ibsi_code === f.ibsi_code);
      expect(has || f.noPhantomReference !== undefined, `${f.family} ${f.name} (${f.ibsi_code}) has no reference value`).toBe(true);
      expect(has && f.noPhantomReference !== undefined, `${f.name}: has a reference value but claims none`).toBe(false);
    }
  });

  it('registers every PyRadiomics feature of the brain1 baseline', () => {
    for (const r of baseline) {
      const [, cls, ...rest] = r.feature.split('_');
      const feature = rest.join('_');
      expect(cls).toBe(r.feature_class);
      const f = FEATURE_REGISTRY.find((e) => e.pyradiomics?.class === cls && e.pyradiomics.feature === feature);
      expect(f, `${r.feature} is not registered`).toBeDefined();
      expect(f!.pyradiomics!.deprecated, `${r.feature} is in the baseline but registered as deprecated`).toBe(false);
    }
  });

  it('has a brain1 baseline value for every registered PyRadiomics feature (deprecated ones excepted)', () => {
    const names = new Set(baseline.map((r) => r.feature));
    for (const f of FEATURE_REGISTRY.filter((e) => e.pyradiomics)) {
      const { class: cls, feature, deprecated } = f.pyradiomics!;
      if (NO_BASELINE[cls]) continue;
      const has = names.has(`original_${cls}_${feature}`);
      expect(has || deprecated, `${cls} ${feature} has no baseline value`).toBe(true);
      expect(has && deprecated, `${cls} ${feature}: baseline value for a feature PyRadiomics only computes on request`).toBe(false);
    }
    expect(pyradiomicsFeatureNames('shape2D').length).toBe(10);
  });

  it('agrees with the PyRadiomics-to-IBSI mapping of refdata', () => {
    for (const m of mapping) {
      if (!m.ibsi_code) continue;
      const f = FEATURE_REGISTRY.find((e) => e.ibsi_code === m.ibsi_code && e.family === m.ibsi_family);
      expect(f, `${m.pyradiomics_class} ${m.pyradiomics_feature} -> ${m.ibsi_code}`).toBeDefined();
      // IBSI sum variance (OEEB) equals ClusterTendency, which the registry attaches to cluster tendency (DG8W)
      if (m.ibsi_code === 'OEEB') continue;
      expect(f!.pyradiomics?.feature, m.ibsi_code).toBe(m.pyradiomics_feature);
      expect(f!.pyradiomics?.class).toBe(m.pyradiomics_class);
    }
  });
});
