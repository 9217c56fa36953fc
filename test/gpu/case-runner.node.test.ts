/**
 * The case runner: a whole case (several images, every family, 2D and 3D) is one queue submit and one mapAsync,
 * every result equals its CPU twin, buffers are reused by the next case, and a case beyond the device's limits
 * throws GpuLimitError before anything is created on the GPU.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GreyLevels } from '../../src/core/discretise.js';
import { CaseRunner, type CaseFamilies, type CaseImage } from '../../src/gpu/case-runner.js';
import { GpuLimitError, type GpuContext } from '../../src/gpu/device.js';
import { greyLevelsArbitrary, rawCaseArbitrary } from './cases.js';
import { useNodeGpu } from './node-gpu-setup.js';
import { referenceCases } from './reference-cases.js';
import { caseMismatch, REFERENCE_SETTINGS, SETTINGS_ARBITRARY } from './twins.js';

const node = useNodeGpu();

const ALL_FAMILIES: CaseFamilies = { histogram: true, ...REFERENCE_SETTINGS };

/** Counts submits, mapAsync calls and created buffers while `body` runs. */
async function counting<T>(gpu: GpuContext, body: () => Promise<T>): Promise<{ result: T; submits: number; maps: number; buffers: number }> {
  const queue = gpu.device.queue;
  const submit = queue.submit;
  const createBuffer = gpu.device.createBuffer;
  const mapAsync = GPUBuffer.prototype.mapAsync;
  const n = { submits: 0, maps: 0, buffers: 0 };
  queue.submit = function (...args) {
    n.submits++;
    return submit.apply(this, args);
  };
  gpu.device.createBuffer = function (...args) {
    n.buffers++;
    return createBuffer.apply(this, args);
  };
  GPUBuffer.prototype.mapAsync = function (...args) {
    n.maps++;
    return mapAsync.apply(this, args);
  };
  try {
    return { result: await body(), ...n };
  } finally {
    queue.submit = submit;
    gpu.device.createBuffer = createBuffer;
    GPUBuffer.prototype.mapAsync = mapAsync;
  }
}

async function expectCase(runner: CaseRunner, images: CaseImage[]): Promise<{ submits: number; maps: number; buffers: number }> {
  const { result, ...counts } = await counting(node.gpu(), () => runner.run(images));
  expect(result.length).toBe(images.length);
  images.forEach((input, i) => expect(caseMismatch(input, result[i]), `image ${i}`).toBeNull());
  return counts;
}

/** A GpuContext whose limits are those of the device except `overrides`. */
function withLimits(gpu: GpuContext, overrides: Partial<Record<keyof GPUSupportedLimits, number>>): GpuContext {
  const limits = new Proxy(gpu.limits, { get: (t, k) => (k in overrides ? overrides[k as keyof typeof overrides] : Reflect.get(t, k)) });
  return { ...gpu, limits };
}

describe('case runner in Node (Dawn)', () => {
  it('runs the IBSI phantom and brain1, every family in 2D and 3D, in one submit and one read-back', async () => {
    const [phantom, brain1] = await referenceCases();
    const runner = new CaseRunner(node.gpu());
    const images: CaseImage[] = [
      { grey: phantom.grey, families: ALL_FAMILIES },
      { image: brain1.image, mask: brain1.mask, discretisation: brain1.discretisation, readLevels: true, families: { ...ALL_FAMILIES, intensities: true } },
      { image: phantom.image, mask: phantom.mask, discretisation: { kind: 'fixed-bin-number', bins: 3 }, families: { intensities: true, glrlm: REFERENCE_SETTINGS.glrlm } },
    ];
    const first = await expectCase(runner, images);
    expect(first.submits).toBe(1);
    expect(first.maps).toBe(1);
    // the same case again reuses every pooled buffer
    const second = await expectCase(runner, images);
    expect([second.submits, second.maps, second.buffers]).toEqual([1, 1, 0]);
    runner.destroy();
  });

  it('equals the twins on random cases of 1-3 images, cropped to the ROI box or not', async () => {
    const families: fc.Arbitrary<CaseFamilies> = fc.record(
      {
        histogram: fc.boolean(),
        glcm: fc.array(SETTINGS_ARBITRARY.glcm, { maxLength: 2 }),
        glrlm: fc.array(SETTINGS_ARBITRARY.glrlm, { maxLength: 2 }),
        glszm: fc.array(SETTINGS_ARBITRARY.glszm, { maxLength: 2 }),
        gldzm: fc.array(SETTINGS_ARBITRARY.gldzm, { maxLength: 2 }),
        ngtdm: fc.array(SETTINGS_ARBITRARY.ngtdm, { maxLength: 2 }),
        ngldm: fc.array(SETTINGS_ARBITRARY.ngldm, { maxLength: 2 }),
      },
      { requiredKeys: [] },
    );
    const image: fc.Arbitrary<CaseImage> = fc.oneof(
      fc.record({ grey: greyLevelsArbitrary(16, 40) as fc.Arbitrary<GreyLevels>, families }),
      fc.tuple(rawCaseArbitrary(12), families, fc.boolean(), fc.boolean()).map(([c, f, intensities, readLevels]) => ({ ...c, families: { ...f, intensities }, readLevels })),
    );
    const cropped = new CaseRunner(node.gpu());
    const whole = new CaseRunner(node.gpu(), { crop: false });
    await fc.assert(
      fc.asyncProperty(fc.array(image, { minLength: 1, maxLength: 3 }), fc.boolean(), async (images, crop) => {
        const { submits, maps } = await expectCase(crop ? cropped : whole, images);
        expect([submits, maps]).toEqual([1, 1]);
      }),
      { numRuns: 25, seed: 20261207 },
    );
    cropped.destroy();
    whole.destroy();
  });

  it('throws GpuLimitError before creating anything when a case exceeds the limits, and keeps the device usable', async () => {
    const [phantom, brain1] = await referenceCases();
    const small = new CaseRunner(withLimits(node.gpu(), { maxStorageBufferBindingSize: 4096, maxBufferSize: 4096 }), { crop: false });
    const big: CaseImage[] = [{ image: brain1.image, mask: brain1.mask, discretisation: brain1.discretisation, families: ALL_FAMILIES }];
    const failed = await counting(node.gpu(), () => small.run(big).then(() => 'ran', (e: Error) => e));
    expect(failed.result).toBeInstanceOf(GpuLimitError);
    expect(String(failed.result)).toMatch(/MiB, above this GPU's 0\.0 MiB storage buffer limit/);
    expect([failed.submits, failed.buffers]).toEqual([0, 0]);
    // a GLCM of 4096 grey levels needs 13 x 64 MiB: beyond the default 128 MiB binding
    const many: GreyLevels = { ...phantom.grey, ng: 4096 };
    const runner = new CaseRunner(withLimits(node.gpu(), { maxStorageBufferBindingSize: 2 ** 27 }));
    await expect(runner.run([{ grey: many, families: { glcm: [{ dimension: '3d', distance: 1 }] } }])).rejects.toThrow(GpuLimitError);
    expect(() => runner.check([{ grey: many, families: { glrlm: [{ dimension: '3d' }] } }])).not.toThrow();
    // the device still works
    expect((await expectCase(runner, [{ grey: phantom.grey, families: ALL_FAMILIES }])).submits).toBe(1);
    small.destroy();
    runner.destroy();
  });

  it('queues concurrent cases on one runner', async () => {
    const [phantom] = await referenceCases();
    const runner = new CaseRunner(node.gpu());
    const images: CaseImage[] = [{ grey: phantom.grey, families: ALL_FAMILIES }];
    const results = await Promise.all([runner.run(images), runner.run(images), runner.run(images)]);
    for (const r of results) expect(caseMismatch(images[0], r[0])).toBeNull();
    runner.destroy();
  });
});
