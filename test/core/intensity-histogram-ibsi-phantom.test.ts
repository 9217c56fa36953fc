import { describe, expect, it } from 'vitest';
import { discretise } from '../../src/core/discretise.js';
import { INTENSITY_HISTOGRAM_FEATURES, intensityHistogramFeatureRecords } from '../../src/core/features/intensity-histogram.js';
import { roiGreyLevels } from '../../src/core/features/roi-values.js';
import { loadPhantom } from '../helpers/phantom.js';
import { ibsiPhantomReference, sig3 } from '../helpers/refdata.js';

const byCode = (levels: ArrayLike<number>, ng?: number) =>
  Object.fromEntries(intensityHistogramFeatureRecords(levels, ng).map((r) => [r.ibsi_code, r.value]));

describe('intensity histogram on the IBSI 1 digital phantom', () => {
  it('matches every IBSI reference value to 3 significant digits (no discretisation: levels 1..6)', async () => {
    const { image, mask } = await loadPhantom();
    const levels = roiGreyLevels(discretise(image, mask, { kind: 'none' }));
    const refs = ibsiPhantomReference().filter((r) => r.family === 'intensity histogram');
    expect(refs.length).toBe(23);
    const records = intensityHistogramFeatureRecords(levels);
    expect(records.length).toBe(INTENSITY_HISTOGRAM_FEATURES.length);
    for (const ref of refs) {
      const rec = records.find((r) => r.ibsi_code === ref.ibsi_code);
      expect(rec, `${ref.feature} has no computed value`).toBeDefined();
      expect(rec!.name).toBe(ref.feature);
      expect(rec!.aggregation_code).toBe(ref.aggregation_code);
      expect(sig3(rec!.value), ref.feature).toBe(sig3(ref.reference_value));
    }
  });
});

describe('intensity histogram on hand-made levels', () => {
  it('breaks mode ties towards the mean, then downwards, and keeps empty bins in the gradient', () => {
    // counts 2, 0, 2 at levels 1..3, mean 2: both modes are 1 away -> the lower one
    expect(byCode([1, 1, 3, 3]).AMMC).toBe(1);
    // counts 2, 0, 2, 1: mean 2.4 -> level 3 is closer
    const f = byCode([1, 1, 3, 3, 4]);
    expect(f.AMMC).toBe(3);
    // H' = [n2 - n1, (n3 - n1)/2, (n4 - n2)/2, n4 - n3] = [-2, 0, 0.5, -1]
    expect(f['12CE']).toBe(0.5);
    expect(f['8E6O']).toBe(3);
    expect(f.VQB3).toBe(-2);
    expect(f.RHQZ).toBe(1);
    expect(f.TLU2).toBeCloseTo(-(2 * 0.4 * Math.log2(0.4) + 0.2 * Math.log2(0.2)), 12);
    expect(f.BJ5W).toBeCloseTo(0.16 + 0.16 + 0.04, 12);
  });

  it('handles a one-level ROI (gradient undefined) and an empty one without throwing', () => {
    const one = byCode([1]);
    expect(one.AMMC).toBe(1);
    expect(one.TLU2).toBe(0);
    expect(one.BJ5W).toBe(1);
    expect(one['88K1']).toBe(0);
    expect(one.C3I7).toBe(0);
    expect(one['12CE']).toBeNaN();
    expect(one.RHQZ).toBeNaN();
    // a constant ROI with ng given keeps the empty levels: counts 0, 2, 0 -> H' = [2, 0, -2]
    expect(byCode([2, 2], 3)['12CE']).toBe(2);
    for (const v of Object.values(byCode([]))) expect(v).toBeNaN();
    expect(() => byCode([0, 1])).toThrow(RangeError);
  });
});
