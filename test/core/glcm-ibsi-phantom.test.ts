import { beforeAll, describe, expect, it } from 'vitest';
import { discretise, type GreyLevels } from '../../src/core/discretise.js';
import { computeGlcm } from '../../src/core/matrices/glcm.js';
import { glcmFeatureRecords } from '../../src/core/features/glcm-extract.js';
import { AGGREGATION_CODES, aggregationDimension, type TextureAggregation } from '../../src/core/features/types.js';
import { loadPhantom } from '../helpers/phantom.js';
import { ibsiPhantomReference, sig3 } from '../helpers/refdata.js';

let grey: GreyLevels;
beforeAll(async () => {
  const { image, mask } = await loadPhantom();
  grey = discretise(image, mask, { kind: 'none' });
});

describe('GLCM on the IBSI 1 digital phantom', () => {
  it('has 74 ROI voxels and Ng = 6', () => {
    expect(grey.count).toBe(74);
    expect(grey.ng).toBe(6);
  });

  const aggregations = Object.keys(AGGREGATION_CODES) as TextureAggregation[];
  for (const aggregation of aggregations) {
    it(`matches every IBSI reference value to 3 significant digits (${aggregation})`, () => {
      const counts = computeGlcm(grey, { dimension: aggregationDimension(aggregation), distance: 1 });
      const records = glcmFeatureRecords(counts, aggregation);
      const code = AGGREGATION_CODES[aggregation].code;
      const refs = ibsiPhantomReference().filter((r) => r.family === 'GLCM' && r.aggregation_code === code);
      expect(refs.length).toBe(25);
      expect(records.length).toBe(25);
      for (const ref of refs) {
        const rec = records.find((r) => r.ibsi_code === ref.ibsi_code);
        expect(rec, `${ref.feature} (${ref.ibsi_code}) has no computed value`).toBeDefined();
        expect(sig3(rec!.value), `${ref.feature} ${code}`).toBe(sig3(ref.reference_value));
      }
    });
  }

  it('counts each neighbour pair twice (symmetric), matrices sum to twice the pair count', () => {
    const m = computeGlcm(grey, { dimension: '3d', distance: 1 });
    const ng2 = m.ng * m.ng;
    for (let d = 0; d < 13; d++) {
      const mat = m.counts.subarray(d * ng2, (d + 1) * ng2);
      for (let i = 0; i < m.ng; i++) for (let j = 0; j < m.ng; j++) expect(mat[i * m.ng + j]).toBe(mat[j * m.ng + i]);
      expect(mat.reduce((a, v) => a + v, 0) % 2).toBe(0);
    }
  });
});
