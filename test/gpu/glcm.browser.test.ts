import { expect } from 'chai';
import fc from 'fast-check';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.js';
import { glcmOnGpu } from '../../src/gpu/glcm.js';
import { computeGlcm } from '../../src/core/matrices/glcm.js';
import { discretise } from '../../src/core/discretise.js';
import { glcmFeatureRecords } from '../../src/core/features/glcm-extract.js';
import { greyLevelsArbitrary } from './cases.js';
import { ibsiReference, loadPhantomInBrowser, sig3 } from './browser-helpers.js';

describe('GLCM kernel in Chromium (WebGPU)', () => {
  let gpu: GpuContext | undefined;
  let reason = '';

  before(async () => {
    const got = await acquireGpu(navigator.gpu);
    if (got.ok) gpu = got.gpu;
    else reason = got.reason;
  });
  after(() => gpu?.device.destroy());

  it('has a WebGPU adapter (SwiftShader on machines without a GPU)', () => {
    // Skipping is allowed only where no adapter exists; here one must exist, so its absence fails.
    expect(reason).to.equal('');
    expect(gpu!.adapterName).to.be.a('string').and.not.empty;
  });

  it('equals the CPU twin on the IBSI phantom and reproduces ITBB / IAZD', async () => {
    const { image, mask } = await loadPhantomInBrowser();
    const grey = discretise(image, mask, { kind: 'none' });
    gpu!.device.pushErrorScope('validation');
    const onGpu = await glcmOnGpu(gpu!, grey, { dimension: '3d', distance: 1 });
    expect(await gpu!.device.popErrorScope()).to.equal(null);
    expect(Array.from(onGpu.counts)).to.deep.equal(Array.from(computeGlcm(grey, { dimension: '3d', distance: 1 }).counts));
    const refs = (await ibsiReference()).filter((r) => r.family === 'GLCM');
    let checked = 0;
    for (const aggregation of ['3d-averaged', '3d-merged'] as const) {
      for (const rec of glcmFeatureRecords(onGpu, aggregation)) {
        const ref = refs.find((r) => r.ibsi_code === rec.ibsi_code && r.aggregation_code === rec.aggregation_code)!;
        expect(sig3(rec.value), `${rec.name} ${rec.aggregation_code}`).to.equal(sig3(ref.reference_value));
        checked++;
      }
    }
    expect(checked).to.equal(50);
  });

  it('equals the CPU twin bit for bit on random volumes, 2D and 3D, distances 1-2', async () => {
    await fc.assert(
      fc.asyncProperty(greyLevelsArbitrary(16, 48), fc.constantFrom('2d' as const, '3d' as const), fc.integer({ min: 1, max: 2 }), async (grey, dimension, distance) => {
        const settings = { dimension, distance };
        const onGpu = await glcmOnGpu(gpu!, grey, settings);
        expect(Array.from(onGpu.counts)).to.deep.equal(Array.from(computeGlcm(grey, settings).counts));
      }),
      { numRuns: 25, seed: 20261128 },
    );
  });
});
