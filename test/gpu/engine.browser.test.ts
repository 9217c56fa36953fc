/**
 * The GPU engine in Chromium's WebGPU (SwiftShader where there is no GPU), with the test bodies of the Node GPU
 * tests (cases.ts, twins.ts, compare.ts): each family and the case runner against the CPU twins.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { CaseRunner, type CaseImage } from '../../src/gpu/case-runner.js';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.js';
import { discretiseOnGpu } from '../../src/gpu/discretise.js';
import { discretise } from '../../src/core/discretise.js';
import { greyLevelsArbitrary, rawCaseArbitrary } from './cases.js';
import { firstMismatch } from './compare.js';
import { caseMismatch, REFERENCE_SETTINGS, SETTINGS_ARBITRARY, TEXTURE_TWINS, textureProperty, type TextureTwin } from './twins.js';

describe('GPU engine in Chromium (WebGPU)', () => {
  let gpu: GpuContext;
  before(async () => {
    const got = await acquireGpu(navigator.gpu);
    if (!got.ok) throw new Error(got.reason);
    gpu = got.gpu;
  });
  after(() => gpu?.device.destroy());

  for (const [name, twin] of Object.entries(TEXTURE_TWINS)) {
    it(`${name} equals its twin on random volumes`, async () => {
      const settings = SETTINGS_ARBITRARY[name as keyof typeof SETTINGS_ARBITRARY] as fc.Arbitrary<unknown>;
      await fc.assert(textureProperty(gpu, twin as TextureTwin<unknown>, settings, greyLevelsArbitrary(16, 40)), { numRuns: 8, seed: 20261208 });
    });
  }

  it('discretises random volumes of every value type like the twin', async () => {
    await fc.assert(
      fc.asyncProperty(rawCaseArbitrary(), async ({ image, mask, discretisation }) => {
        let expected;
        try {
          expected = discretise(image, mask, discretisation);
        } catch {
          return; // error parity is checked in Node
        }
        expect(firstMismatch(await discretiseOnGpu(gpu, image, mask, discretisation), expected)).to.equal(null);
      }),
      { numRuns: 20, seed: 20261209 },
    );
  });

  it('runs a case of every family in one submit, equal to the twins', async () => {
    const runner = new CaseRunner(gpu);
    const [grey] = fc.sample(greyLevelsArbitrary(16, 30), { numRuns: 1, seed: 3 });
    const images: CaseImage[] = [{ grey, families: { histogram: true, ...REFERENCE_SETTINGS } }];
    const [result] = await runner.run(images);
    expect(caseMismatch(images[0], result)).to.equal(null);
    runner.destroy();
  });
});
