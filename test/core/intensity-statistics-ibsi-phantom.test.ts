import { describe, expect, it } from 'vitest';
import { INTENSITY_STATISTICS_FEATURES, intensityStatisticsFeatureRecords } from '../../src/core/features/intensity-statistics.js';
import { roiIntensities } from '../../src/core/features/roi-values.js';
import { loadPhantom } from '../helpers/phantom.js';
import { ibsiPhantomReference, sig3 } from '../helpers/refdata.js';

const byCode = (values: ArrayLike<number>) =>
  Object.fromEntries(intensityStatisticsFeatureRecords(values).map((r) => [r.ibsi_code, r.value]));

describe('intensity-based statistics on the IBSI 1 digital phantom', () => {
  it('matches every IBSI reference value to 3 significant digits', async () => {
    const { image, mask } = await loadPhantom();
    const values = roiIntensities(image, mask);
    expect(values.length).toBe(74);
    const refs = ibsiPhantomReference().filter((r) => r.family === 'intensity-based statistics');
    expect(refs.length).toBe(18);
    const records = intensityStatisticsFeatureRecords(values);
    expect(records.length).toBe(INTENSITY_STATISTICS_FEATURES.length);
    for (const ref of refs) {
      const rec = records.find((r) => r.ibsi_code === ref.ibsi_code);
      expect(rec, `${ref.feature} has no computed value`).toBeDefined();
      expect(rec!.name).toBe(ref.feature);
      expect(rec!.aggregation_code).toBe(ref.aggregation_code);
      expect(sig3(rec!.value), ref.feature).toBe(sig3(ref.reference_value));
    }
  });
});

describe('intensity-based statistics on hand-made values', () => {
  it('uses population moments, excess kurtosis and linear-interpolation percentiles', () => {
    const f = byCode([1, 2, 3, 4]);
    expect(f.Q4LE).toBe(2.5);
    expect(f.ECT3).toBe(1.25); // (2.25 + 0.25 + 0.25 + 2.25) / 4
    expect(f.KE2A).toBeCloseTo(0, 14);
    expect(f.IPH6).toBeCloseTo((2 * 2.25 ** 2 + 2 * 0.25 ** 2) / 4 / 1.25 ** 2 - 3, 12);
    expect(f.QG58).toBeCloseTo(1.3, 12); // h = 0.3 between 1 and 2
    expect(f.Y12H).toBe(2.5);
    expect(f.SALO).toBeCloseTo(3.25 - 1.75, 12);
    expect(f.N8CA).toBe(30);
    expect(f['5ZWQ']).toBeCloseTo(Math.sqrt(7.5), 12);
  });

  it('gives IBSI zeros for skewness and kurtosis of a constant ROI, NaN for undefined ratios', () => {
    const one = byCode([7]);
    expect(one.Q4LE).toBe(7);
    expect(one.ECT3).toBe(0);
    expect(one.KE2A).toBe(0);
    expect(one.IPH6).toBe(0);
    expect(one['1128']).toBe(0);
    expect(one['7TET']).toBe(0);
    const zeros = byCode([0, 0, 0]);
    expect(zeros['7TET']).toBeNaN();
    expect(zeros['9S40']).toBeNaN();
    for (const v of Object.values(byCode([]))) expect(v).toBeNaN();
  });
});
