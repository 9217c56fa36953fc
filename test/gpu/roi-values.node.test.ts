/**
 * ROI intensities from the GPU (value histogram for integer images, compacted value list otherwise) against
 * sortedCopy(roiIntensities()): the same sorted values, hence bit-identical intensity statistics.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intensityStatisticsFeatureRecords, sortedCopy } from '../../src/core/features/intensity-statistics.js';
import { roiIntensities } from '../../src/core/features/roi-values.js';
import { roiIntensitiesOnGpu } from '../../src/gpu/roi-values.js';
import { rawCaseArbitrary, type RawCase } from './cases.js';
import { firstMismatch } from './compare.js';
import { useNodeGpu } from './node-gpu-setup.js';
import { referenceCases } from './reference-cases.js';

const node = useNodeGpu();

async function check({ image, mask }: Pick<RawCase, 'image' | 'mask'>): Promise<string> {
  const got = await roiIntensitiesOnGpu(node.gpu(), image, mask);
  const m = firstMismatch(got.sorted, sortedCopy(roiIntensities(image, mask)), 'sorted');
  if (m) throw new Error(m);
  return got.method;
}

describe('ROI intensity reductions in Node (Dawn)', () => {
  it('give the sorted intensities of the IBSI phantom and brain1 (value histograms), hence the same statistics', async () => {
    for (const c of await referenceCases()) {
      expect(await check(c), c.name).toBe('value-histogram');
      const { sorted } = await roiIntensitiesOnGpu(node.gpu(), c.image, c.mask);
      expect(firstMismatch(intensityStatisticsFeatureRecords(sorted), intensityStatisticsFeatureRecords(roiIntensities(c.image, c.mask)))).toBeNull();
    }
  });

  it('give the sorted intensities of random volumes of every value type, through both reductions', async () => {
    const methods = new Set<string>();
    await fc.assert(
      fc.asyncProperty(rawCaseArbitrary(), async (c) => {
        methods.add(await check(c));
      }),
      { numRuns: 50, seed: 20261205 },
    );
    expect([...methods].sort()).toEqual(['value-histogram', 'value-list']);
  });
});
