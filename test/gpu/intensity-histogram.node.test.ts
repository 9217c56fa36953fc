/** Intensity histogram kernel (shaders/intensity-histogram.wgsl) against intensityHistogram(), bit for bit. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GreyLevels } from '../../src/core/discretise.js';
import { intensityHistogram } from '../../src/core/features/intensity-histogram.js';
import { roiGreyLevels } from '../../src/core/features/roi-values.js';
import { intensityHistogramOnGpu } from '../../src/gpu/intensity-histogram.js';
import { greyLevelsArbitrary } from './cases.js';
import { firstMismatch } from './compare.js';
import { useNodeGpu } from './node-gpu-setup.js';
import { referenceCases } from './reference-cases.js';

const node = useNodeGpu();

async function mismatch(grey: GreyLevels): Promise<string | null> {
  return firstMismatch(await intensityHistogramOnGpu(node.gpu(), grey), intensityHistogram(roiGreyLevels(grey), grey.ng).counts);
}

describe('intensity histogram kernel in Node (Dawn)', () => {
  it('equals the twin on the IBSI phantom and on brain1', async () => {
    for (const c of await referenceCases()) expect(await mismatch(c.grey), c.name).toBeNull();
  });

  it('equals the twin with workgroup histograms (ng <= 4096) and with global atomics (larger ng)', async () => {
    for (const maxLevels of [64, 4096, 20000]) {
      await fc.assert(
        fc.asyncProperty(greyLevelsArbitrary(24, maxLevels), async (grey) => {
          expect(await mismatch(grey)).toBeNull();
        }),
        { numRuns: 12, seed: 20261204 + maxLevels },
      );
    }
  });
});
