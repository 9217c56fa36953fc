/** Empty, single-voxel and constant ROIs: undefined features are NaN, nothing throws, nothing is Infinity. */
import { describe, expect, it } from 'vitest';
import type { GreyLevels } from '../../src/core/discretise.js';
import { gldzmFeatureRecords } from '../../src/core/features/gldzm.js';
import { glrlmFeatureRecords } from '../../src/core/features/glrlm.js';
import { glszmFeatureRecords } from '../../src/core/features/glszm.js';
import { ngldmFeatureRecords } from '../../src/core/features/ngldm.js';
import { ngtdmFeatureRecords } from '../../src/core/features/ngtdm.js';
import { AGGREGATION_CODES, type FeatureRecord, type TextureAggregation, type ZoneAggregation } from '../../src/core/features/types.js';
import { computeGldzm } from '../../src/core/matrices/gldzm.js';
import { computeGlrlm } from '../../src/core/matrices/glrlm.js';
import { computeGlszm } from '../../src/core/matrices/glszm.js';
import { computeNgldm } from '../../src/core/matrices/ngldm.js';
import { computeNgtdm } from '../../src/core/matrices/ngtdm.js';
import { greyFromSlices } from '../helpers/grey-levels.js';

const ZONE_AGGREGATIONS: ZoneAggregation[] = ['2d', '2.5d', '3d'];
const dimOf = (a: ZoneAggregation) => (a === '3d' ? '3d' : '2d');

/** Every family's records for one grey-level volume, keyed "FAMILY/aggregation_code/name". */
function allRecords(grey: GreyLevels): Map<string, number> {
  const out: FeatureRecord[] = [];
  for (const a of Object.keys(AGGREGATION_CODES) as TextureAggregation[]) {
    out.push(...glrlmFeatureRecords(computeGlrlm(grey, { dimension: a.startsWith('3d') ? '3d' : '2d' }), a));
  }
  for (const a of ZONE_AGGREGATIONS) {
    const dimension = dimOf(a);
    out.push(...glszmFeatureRecords(computeGlszm(grey, { dimension }), a));
    out.push(...gldzmFeatureRecords(computeGldzm(grey, { dimension }), a));
    out.push(...ngtdmFeatureRecords(computeNgtdm(grey, { dimension, distance: 1 }), a));
    out.push(...ngldmFeatureRecords(computeNgldm(grey, { dimension, distance: 1, alpha: 0 }), a));
  }
  return new Map(out.map((r) => [`${r.family}/${r.aggregation_code}/${r.name}`, r.value]));
}

function expectNoInfinity(values: Map<string, number>): void {
  for (const [key, v] of values) expect(Number.isFinite(v) || Number.isNaN(v), `${key} = ${v}`).toBe(true);
}

describe('degenerate ROIs', () => {
  it('empty ROI: every feature of every family is NaN', () => {
    const values = allRecords(greyFromSlices([[[0, 0], [0, 0]]]));
    expect(values.size).toBe(6 * 16 + 3 * (16 + 16 + 5 + 17));
    for (const [key, v] of values) expect(v, key).toBeNaN();
  });

  it('single voxel: run, zone and dependence features are defined, NGTDM (no neighbour) is NaN', () => {
    const values = allRecords(greyFromSlices([[[0, 0, 0], [0, 2, 0]]], 2));
    expectNoInfinity(values);
    for (const [key, v] of values) {
      if (key.startsWith('NGTDM/')) expect(v, key).toBeNaN();
      else expect(Number.isFinite(v), key).toBe(true);
    }
    expect(values.get('GLRLM/IAZD/Run percentage')).toBe(1);
    expect(values.get('GLSZM/KOBO/Small zone emphasis')).toBe(1);
    expect(values.get('GLDZM/KOBO/Large distance emphasis')).toBe(1);
    expect(values.get('NGLDM/KOBO/Low dependence emphasis')).toBe(1);
    expect(values.get('GLSZM/KOBO/Zone size entropy')).toBe(0);
  });

  it('constant ROI: one zone, variances 0, NGTDM features with a zero denominator NaN', () => {
    const cube = Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => [1, 1, 1]));
    const values = allRecords(greyFromSlices(cube));
    expectNoInfinity(values);
    expect(values.get('GLSZM/KOBO/Zone percentage')).toBeCloseTo(1 / 27, 15);
    expect(values.get('GLSZM/KOBO/Large zone emphasis')).toBe(729);
    expect(values.get('GLSZM/KOBO/Grey level variance')).toBe(0);
    expect(values.get('GLDZM/KOBO/Small distance emphasis')).toBe(1);
    expect(values.get('NGLDM/KOBO/Grey level non-uniformity')).toBe(27);
    for (const f of ['Coarseness', 'Contrast', 'Busyness', 'Strength']) {
      for (const code of ['8QNN', '62GR', 'KOBO']) expect(values.get(`NGTDM/${code}/${f}`), `${f} ${code}`).toBeNaN();
    }
    expect(values.get('NGTDM/KOBO/Complexity')).toBe(0);
  });

  it('2D averaging leaves out slices without ROI voxels', () => {
    const slice = [
      [1, 2, 2],
      [1, 1, 2],
    ];
    const empty = slice.map((r) => r.map(() => 0));
    const one = allRecords(greyFromSlices([slice], 2));
    const padded = allRecords(greyFromSlices([empty, slice, empty], 2));
    for (const [key, v] of one) {
      if (key.includes('/8QNN/') || key.includes('/BTW3/') || key.includes('/SUJT/')) expect(padded.get(key), key).toBeCloseTo(v, 12);
    }
  });

  it('refuses matrices of the wrong dimension for an aggregation', () => {
    const grey = greyFromSlices([[[1, 2]]]);
    expect(() => glszmFeatureRecords(computeGlszm(grey, { dimension: '2d' }), '3d')).toThrow();
    expect(() => ngtdmFeatureRecords(computeNgtdm(grey, { dimension: '3d', distance: 1 }), '2.5d')).toThrow();
    expect(() => glrlmFeatureRecords(computeGlrlm(grey, { dimension: '3d' }), '2d-averaged')).toThrow();
  });
});
