import { beforeAll, describe, expect, it } from 'vitest';
import { discretise, type GreyLevels } from '../../src/core/discretise.js';
import { computeGlrlm } from '../../src/core/matrices/glrlm.js';
import { GLRLM_FEATURES, glrlmFeatureRecords } from '../../src/core/features/glrlm.js';
import { AGGREGATION_CODES, aggregationDimension, type TextureAggregation } from '../../src/core/features/types.js';
import { loadPhantom } from '../helpers/phantom.js';
import { ibsiPhantomReference, sig3 } from '../helpers/refdata.js';

let grey: GreyLevels;
beforeAll(async () => {
  const { image, mask } = await loadPhantom();
  grey = discretise(image, mask, { kind: 'none' });
});

describe('GLRLM on the IBSI 1 digital phantom', () => {
  const aggregations = Object.keys(AGGREGATION_CODES) as TextureAggregation[];
  for (const aggregation of aggregations) {
    it(`matches every IBSI reference value to 3 significant digits (${aggregation})`, () => {
      const counts = computeGlrlm(grey, { dimension: aggregationDimension(aggregation) });
      const records = glrlmFeatureRecords(counts, aggregation);
      const code = AGGREGATION_CODES[aggregation].code;
      const refs = ibsiPhantomReference().filter((r) => r.family === 'GLRLM' && r.aggregation_code === code);
      expect(refs.length).toBe(16);
      expect(records.length).toBe(16);
      for (const ref of refs) {
        const rec = records.find((r) => r.ibsi_code === ref.ibsi_code);
        expect(rec, `${ref.feature} (${ref.ibsi_code}) has no computed value`).toBeDefined();
        expect(rec!.name).toBe(ref.feature);
        expect(sig3(rec!.value), `${ref.feature} ${code}`).toBe(sig3(ref.reference_value));
      }
    });
  }

  it('lists every feature once, each with a reference value', () => {
    const refs = ibsiPhantomReference().filter((r) => r.family === 'GLRLM');
    expect(new Set(GLRLM_FEATURES.map((f) => f.code)).size).toBe(GLRLM_FEATURES.length);
    for (const f of GLRLM_FEATURES) expect(refs.some((r) => r.ibsi_code === f.code && r.feature === f.name)).toBe(true);
  });

  it('puts every ROI voxel in exactly one run per direction', () => {
    for (const dimension of ['2d', '3d'] as const) {
      const m = computeGlrlm(grey, { dimension });
      const size = m.ng * m.maxRun;
      let total = 0;
      for (let k = 0; k < m.counts.length; k++) total += m.counts[k] * ((k % m.maxRun) + 1);
      expect(total).toBe(74 * m.directions.length);
      expect(m.counts.length).toBe(size * m.directions.length * m.slices);
    }
  });
});
