import { beforeAll, describe, expect, it } from 'vitest';
import { discretise, type GreyLevels } from '../../src/core/discretise.js';
import { computeGlszm } from '../../src/core/matrices/glszm.js';
import { GLSZM_FEATURES, glszmFeatureRecords } from '../../src/core/features/glszm.js';
import { ZONE_AGGREGATION_CODES, zoneAggregationDimension, type ZoneAggregation } from '../../src/core/features/types.js';
import { loadPhantom } from '../helpers/phantom.js';
import { ibsiPhantomReference, sig3 } from '../helpers/refdata.js';

let grey: GreyLevels;
beforeAll(async () => {
  const { image, mask } = await loadPhantom();
  grey = discretise(image, mask, { kind: 'none' });
});

describe('GLSZM on the IBSI 1 digital phantom', () => {
  const aggregations = Object.keys(ZONE_AGGREGATION_CODES) as ZoneAggregation[];
  for (const aggregation of aggregations) {
    it(`matches every IBSI reference value to 3 significant digits (${aggregation})`, () => {
      const m = computeGlszm(grey, { dimension: zoneAggregationDimension(aggregation) });
      const records = glszmFeatureRecords(m, aggregation);
      const code = ZONE_AGGREGATION_CODES[aggregation].code;
      const refs = ibsiPhantomReference().filter((r) => r.family === 'GLSZM' && r.aggregation_code === code);
      expect(refs.length).toBe(16);
      expect(records.length).toBe(16);
      for (const ref of refs) {
        const rec = records.find((r) => r.ibsi_code === ref.ibsi_code);
        expect(rec, `${ref.feature} (${ref.ibsi_code}) has no computed value`).toBeDefined();
        expect(rec!.name).toBe(ref.feature);
        expect(rec!.family).toBe('GLSZM');
        expect(sig3(rec!.value), `${ref.feature} ${code}`).toBe(sig3(ref.reference_value));
      }
    });
  }

  it('lists every feature once, each with a reference value', () => {
    const refs = ibsiPhantomReference().filter((r) => r.family === 'GLSZM');
    expect(new Set(GLSZM_FEATURES.map((f) => f.code)).size).toBe(GLSZM_FEATURES.length);
    for (const f of GLSZM_FEATURES) expect(refs.some((r) => r.ibsi_code === f.code && r.feature === f.name)).toBe(true);
  });
});
