/**
 * Cross-check of GLRLM, GLSZM, NGTDM and NGLDM (PyRadiomics' GLDM) against PyRadiomics' brain1 baseline, for the
 * features with a PyRadiomics equivalent. PyRadiomics default (3D, weightingNorm None) = IBSI 3D averaged
 * (GLRLM) / 3D (the others); force2D = IBSI 2.5D direction-merged (GLRLM) / 2.5D merged (the others).
 * PyRadiomics drops empty grey levels but keeps the others' indices, which changes none of these features.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../src/core/csv.js';
import { discretise, type GreyLevels } from '../../src/core/discretise.js';
import { glrlmFeatureRecords, GLRLM_FEATURES } from '../../src/core/features/glrlm.js';
import { glszmFeatureRecords, GLSZM_FEATURES } from '../../src/core/features/glszm.js';
import type { MatrixFeature } from '../../src/core/features/level-count-stats.js';
import { ngldmFeatureRecords, NGLDM_FEATURES } from '../../src/core/features/ngldm.js';
import { ngtdmFeatureRecords, NGTDM_FEATURES } from '../../src/core/features/ngtdm.js';
import type { FeatureRecord } from '../../src/core/features/types.js';
import { computeGlrlm } from '../../src/core/matrices/glrlm.js';
import { computeGlszm } from '../../src/core/matrices/glszm.js';
import { computeNgldm } from '../../src/core/matrices/ngldm.js';
import { computeNgtdm } from '../../src/core/matrices/ngtdm.js';
import { maskFromLabels } from '../../src/core/volume.js';
import { readImageFile } from '../../src/io/read-image-node.js';
import { sharedPath } from '../helpers/refdata.js';

const dir = (f: string) => sharedPath('refdata/pyradiomics/brain1', f);
let grey: GreyLevels;
let baseline: Record<string, string>[];
beforeAll(async () => {
  const image = await readImageFile(dir('brain1_image.nrrd'));
  const mask = maskFromLabels(await readImageFile(dir('brain1_label.nrrd')), 1);
  grey = discretise(image, mask, { kind: 'fixed-bin-size', width: 25, convention: 'pyradiomics' });
  baseline = parseCsvRecords(readFileSync(dir('baseline_brain1.csv'), 'utf8'));
});

function expectBaseline(test: string, cls: string, features: readonly MatrixFeature<never>[], records: FeatureRecord[]): number {
  let checked = 0;
  for (const f of features) {
    if (!f.pyradiomics) continue;
    const row = baseline.find((r) => r.test === test && r.feature === `original_${cls}_${f.pyradiomics}`);
    expect(row, `${test} ${cls} ${f.pyradiomics} has no baseline value`).toBeDefined();
    const ref = Number(row!.value);
    const value = records.find((r) => r.ibsi_code === f.code)!.value;
    expect(Math.abs(value - ref), `${test} ${cls} ${f.pyradiomics}: ${value} vs ${ref}`).toBeLessThanOrEqual(1e-9 * Math.abs(ref));
    checked++;
  }
  return checked;
}

describe('texture families against the PyRadiomics brain1 baseline', () => {
  it('3D (test brain1)', () => {
    let n = 0;
    n += expectBaseline('brain1', 'glrlm', GLRLM_FEATURES, glrlmFeatureRecords(computeGlrlm(grey, { dimension: '3d' }), '3d-averaged'));
    n += expectBaseline('brain1', 'glszm', GLSZM_FEATURES, glszmFeatureRecords(computeGlszm(grey, { dimension: '3d' }), '3d'));
    n += expectBaseline('brain1', 'ngtdm', NGTDM_FEATURES, ngtdmFeatureRecords(computeNgtdm(grey, { dimension: '3d', distance: 1 }), '3d'));
    const ngldm = computeNgldm(grey, { dimension: '3d', distance: 1, alpha: 0 });
    n += expectBaseline('brain1', 'gldm', NGLDM_FEATURES, ngldmFeatureRecords(ngldm, '3d'));
    expect(n).toBe(16 + 16 + 5 + 14);
  });

  it('force2D (test brain1_2d)', () => {
    let n = 0;
    const glrlm = computeGlrlm(grey, { dimension: '2d' });
    n += expectBaseline('brain1_2d', 'glrlm', GLRLM_FEATURES, glrlmFeatureRecords(glrlm, '2.5d-direction-merged'));
    n += expectBaseline('brain1_2d', 'glszm', GLSZM_FEATURES, glszmFeatureRecords(computeGlszm(grey, { dimension: '2d' }), '2.5d'));
    n += expectBaseline('brain1_2d', 'ngtdm', NGTDM_FEATURES, ngtdmFeatureRecords(computeNgtdm(grey, { dimension: '2d', distance: 1 }), '2.5d'));
    const ngldm = computeNgldm(grey, { dimension: '2d', distance: 1, alpha: 0 });
    n += expectBaseline('brain1_2d', 'gldm', NGLDM_FEATURES, ngldmFeatureRecords(ngldm, '2.5d'));
    expect(n).toBe(16 + 16 + 5 + 14);
  });
});
