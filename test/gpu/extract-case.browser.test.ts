/**
 * The full engine in Chromium's WebGPU (SwiftShader where there is no GPU): extractCase with backend 'gpu' equals
 * backend 'cpu' bit for bit, in one submit and one read-back, for the IBSI phantom (every aggregation) and for
 * random volumes under both profiles.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { ibsiDefaults, pyradiomicsDefaults, type ExtractionSettings } from '../../src/core/settings.js';
import type { Vec3, Volume } from '../../src/core/volume.js';
import { acquireGpu, type GpuAcquisition, type GpuContext } from '../../src/gpu/device.js';
import { extractCase, type CaseInput, type CaseResult } from '../../src/pipeline/extract-case.js';
import { loadPhantomInBrowser } from './browser-helpers.js';

function values(r: CaseResult): [string, string | null, number][] {
  return r.features.map((f) => [`${f.image_type} ${f.name}`, f.aggregation_code, f.value]);
}

/** Object.is on every value (NaN equals NaN, 0 and -0 differ), names and order included. */
function sameBits(a: CaseResult, b: CaseResult): string | null {
  const x = values(a);
  const y = values(b);
  if (x.length !== y.length) return `${x.length} vs ${y.length} features`;
  for (let i = 0; i < x.length; i++) {
    if (x[i][0] !== y[i][0] || x[i][1] !== y[i][1] || !Object.is(x[i][2], y[i][2])) return `${x[i].join(' ')} vs ${y[i].join(' ')}`;
  }
  return null;
}

describe('extractCase on the GPU in Chromium (WebGPU)', () => {
  let gpu: GpuContext;
  let getGpu: () => Promise<GpuAcquisition>;
  before(async () => {
    const got = await acquireGpu(navigator.gpu);
    if (!got.ok) throw new Error(got.reason);
    gpu = got.gpu;
    getGpu = () => Promise.resolve({ ok: true, gpu });
  });
  after(() => gpu?.device.destroy());

  async function expectSame(input: CaseInput, settings: ExtractionSettings): Promise<CaseResult> {
    const cpu = await extractCase(input, { settings, backend: 'cpu' }, getGpu);
    const onGpu = await extractCase(input, { settings, backend: 'gpu' }, getGpu);
    expect(onGpu.backend.kind).to.equal('gpu');
    expect(sameBits(onGpu, cpu)).to.equal(null);
    expect(onGpu.engine).to.include({ submits: 1, readbacks: 1, cpuMatrices: 0 });
    return onGpu;
  }

  it('IBSI phantom, ibsiDefaults: bit-identical, one submit, one read-back', async () => {
    const { image, mask } = await loadPhantomInBrowser();
    const r = await expectSame({ image, mask: { ...mask, data: mask.data }, imageName: 'phantom.nii.gz', maskName: 'mask.nii.gz' }, ibsiDefaults());
    expect(r.engine!.gpuMatrices).to.equal(12);
    expect(r.backend.description).to.equal(gpu.adapterName);
  });

  it('random volumes, IBSI and PyRadiomics profiles: bit-identical', async () => {
    const arbitrary = fc.record({
      dims: fc.tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 4 })),
      seed: fc.integer({ min: 1, max: 2 ** 30 }),
      levels: fc.integer({ min: 1, max: 10 }),
      ibsi: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ dims, seed, levels, ibsi }) => {
        const n = dims[0] * dims[1] * dims[2];
        let x = seed;
        const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
        const geometry = { dims: dims as Vec3, spacing: [1, 1, 1.5] as Vec3, origin: [0, 0, 0] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
        const image: Volume = { ...geometry, data: Float64Array.from({ length: n }, () => Math.floor(next() * levels) * 5) };
        const mask: Volume = { ...geometry, data: Uint8Array.from({ length: n }, (_, i) => (i < 2 || next() < 0.7 ? 1 : 0)) };
        const settings = ibsi ? ibsiDefaults() : pyradiomicsDefaults();
        settings.discretisation = (ibsi ? { kind: 'fixed-bin-count', bins: 6, convention: 'ibsi' } : { kind: 'fixed-bin-width', width: 5, convention: 'pyradiomics' }) as ExtractionSettings['discretisation'];
        await expectSame({ image, mask, imageName: 'random image', maskName: 'random mask' }, settings);
      }),
      { numRuns: 6, seed: 20261128 },
    );
  });
});
