import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../src/core/csv.js';
import {
  intensityAtVolumeFraction,
  intensityVolumeHistogram,
  intensityVolumeHistogramFeatureRecords,
  ivhArea,
  volumeAtIntensityFraction,
} from '../../src/core/features/intensity-volume-histogram.js';
import { roiIntensities } from '../../src/core/features/roi-values.js';
import { loadPhantom } from '../helpers/phantom.js';
import { sharedPath, sig3 } from '../helpers/refdata.js';

/** IVH rows share name and code (V10 and V90 are both BC2M): match on the CSV's table_feature label. */
function ivhReferenceRows() {
  const text = readFileSync(sharedPath('refdata/ibsi/ibsi1_digital_phantom_reference.csv'), 'utf8');
  return parseCsvRecords(text).filter((r) => r.family === 'intensity-volume histogram');
}

describe('intensity-volume histogram on the IBSI 1 digital phantom', () => {
  it('matches every IBSI reference value to 3 significant digits (no discretisation, G = [1, 6], w = 1)', async () => {
    const { image, mask } = await loadPhantom();
    const records = intensityVolumeHistogramFeatureRecords(roiIntensities(image, mask));
    const refs = ivhReferenceRows();
    expect(refs.length).toBe(6);
    for (const ref of refs) {
      const rec = records.find((r) => r.table_feature === ref.table_feature);
      expect(rec, `${ref.table_feature} has no computed value`).toBeDefined();
      expect(rec!.name).toBe(ref.feature);
      expect(rec!.ibsi_code).toBe(ref.ibsi_code);
      expect(rec!.aggregation_code).toBe(ref.aggregation_code);
      expect(sig3(rec!.value), ref.table_feature).toBe(sig3(Number(ref.reference_value)));
    }
  });

  it('reproduces the IVH table and area under the curve printed in the IBSI manual (section 3.5)', async () => {
    const { image, mask } = await loadPhantom();
    const ivh = intensityVolumeHistogram(roiIntensities(image, mask));
    expect(Array.from(ivh.intensity)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(ivh.intensityFraction, (g) => Number(g.toFixed(3)))).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(Array.from(ivh.volumeFraction, (v) => Number(v.toFixed(3)))).toEqual([1, 0.324, 0.324, 0.311, 0.095, 0.095]);
    // manual: "area under the IVH curve" for the digital phantom 0.32 (not in the reference CSV)
    expect(Number(ivhArea(ivh).toFixed(2))).toBe(0.32);
  });
});

describe('intensity-volume histogram on hand-made values', () => {
  it('uses bin centres for fixed bin size and levels for fixed bin number', () => {
    // values 0.05 .. 0.95, width 0.1 from 0: centres 0.05, ..., 0.95; G = [0.05, 0.95]
    const values = Array.from({ length: 10 }, (_, k) => 0.05 + 0.1 * k);
    const fbs = intensityVolumeHistogram(values, { kind: 'fixed-bin-size', width: 0.1, min: 0, max: 1 });
    expect(fbs.intensity.length).toBe(10);
    expect(fbs.intensity[3]).toBeCloseTo(0.35, 12);
    expect(fbs.volumeFraction[3]).toBeCloseTo(0.7, 12);
    expect(intensityAtVolumeFraction(fbs, 0.1)).toBeCloseTo(0.95, 12);
    const fbn = intensityVolumeHistogram([0, 1, 2, 3], { kind: 'fixed-bin-number', bins: 4 });
    expect(Array.from(fbn.intensity)).toEqual([1, 2, 3, 4]);
    expect(Array.from(fbn.volumeFraction)).toEqual([1, 0.75, 0.5, 0.25]);
    expect(volumeAtIntensityFraction(fbn, 0.5)).toBe(0.5); // gamma = 2/3 is the first >= 0.5
  });

  it('returns NaN for undefined intensity fractions of a constant ROI and AUC 0', () => {
    const rec = Object.fromEntries(intensityVolumeHistogramFeatureRecords([4, 4, 4]).map((r) => [r.table_feature, r.value]));
    expect(rec['volume fraction at 10% intensity']).toBeNaN();
    // no level has nu <= 10 %: the next level past the range, where nu is 0
    expect(rec['intensity at 10% volume']).toBe(5);
    expect(rec['area under the IVH curve']).toBe(0);
    for (const r of intensityVolumeHistogramFeatureRecords([])) expect(r.value).toBeNaN();
  });
});
