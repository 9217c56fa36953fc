/**
 * The full engine on the GPU: extractCase with backend 'gpu' gives the same feature values, bit for bit, as
 * backend 'cpu' (every texture matrix from WGSL, one submit and one read-back per case), for the IBSI phantom with
 * every aggregation and at distance 2, brain1 under PyRadiomics (original, force2D, LoG + wavelet filtered on the CPU, distances [1, 2]
 * and [2], symmetricalGLCM false: no matrix on the CPU), and random volumes; a device with
 * tiny limits runs in chunks or on the CPU and says so; a device lost during a case is replaced and the case rerun.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ibsiDefaults, pyradiomicsDefaults, pyradiomicsMatrixAggregation, type ExtractionSettings } from '../../src/core/settings.js';
import type { Vec3, Volume } from '../../src/core/volume.js';
import { acquireGpu, type GpuAcquisition, type GpuContext } from '../../src/gpu/device.js';
import { nodeGpuInstance } from '../../src/gpu/node-gpu.js';
import { readImageFile } from '../../src/io/read-image-node.js';
import { BackendError, extractCase, type CaseInput, type CaseResult } from '../../src/pipeline/extract-case.js';
import { sharedPath } from '../helpers/refdata.js';
import { useNodeGpu } from './node-gpu-setup.js';

const node = useNodeGpu();

const noGpu = () => Promise.resolve<GpuAcquisition>({ ok: false, reason: 'not asked' });

/** Counts queue submits and mapAsync calls while `body` runs (independently of the runner's own counters). */
async function counting<T>(gpu: GpuContext, body: () => Promise<T>): Promise<{ result: T; submits: number; maps: number }> {
  const queue = gpu.device.queue;
  const submit = queue.submit;
  const mapAsync = GPUBuffer.prototype.mapAsync;
  const n = { submits: 0, maps: 0 };
  queue.submit = function (...args) {
    n.submits++;
    return submit.apply(this, args);
  };
  GPUBuffer.prototype.mapAsync = function (...args) {
    n.maps++;
    return mapAsync.apply(this, args);
  };
  try {
    return { result: await body(), ...n };
  } finally {
    queue.submit = submit;
    GPUBuffer.prototype.mapAsync = mapAsync;
  }
}

/** First difference between two results' features (names, order, values compared with Object.is), or null. */
function featureMismatch(a: CaseResult, b: CaseResult): string | null {
  if (a.features.length !== b.features.length) return `${a.features.length} vs ${b.features.length} features`;
  for (let i = 0; i < a.features.length; i++) {
    const x = a.features[i];
    const y = b.features[i];
    if (x.name !== y.name || x.image_type !== y.image_type || x.aggregation_code !== y.aggregation_code) return `feature ${i}: ${x.name} vs ${y.name}`;
    if (!Object.is(x.value, y.value)) return `${x.image_type} ${x.name} ${x.aggregation_code ?? ''}: ${x.value} vs ${y.value}`;
  }
  return null;
}

/** Runs a case on the CPU and on the GPU; expects the same values and one submit and one read-back on the GPU. */
async function expectSameOnGpu(input: CaseInput, settings: ExtractionSettings, gpu: GpuContext = node.gpu(), filterBackend?: 'cpu'): Promise<CaseResult> {
  const cpu = await extractCase(input, { settings, backend: 'cpu' }, noGpu);
  expect(cpu.backend).toEqual({ kind: 'cpu', description: 'CPU (selected)' });
  expect(cpu.engine!.submits).toBe(0);
  const options = { settings, backend: 'gpu' as const, ...(filterBackend ? { filterBackend } : {}) };
  const { result, submits, maps } = await counting(node.gpu(), () => extractCase(input, options, () => Promise.resolve({ ok: true, gpu })));
  expect(result.backend.kind).toBe('gpu');
  expect(featureMismatch(result, cpu)).toBeNull();
  expect(result.features.length).toBeGreaterThan(0);
  const texture = result.features.filter((f) => /glcm|glrlm|glszm|gldzm|gldm|ngtdm|ngldm/i.test(f.family));
  expect(texture.length).toBeGreaterThan(0);
  // the same warnings, besides the GPU's own notes (matrices on the CPU, chunks)
  expect(result.warnings.filter((w) => !w.startsWith('GPU: '))).toEqual(cpu.warnings);
  return Object.assign(result, { counted: { submits, maps } });
}

function pyradiomics(texture: Partial<ExtractionSettings['texture']> = {}): ExtractionSettings {
  const s = pyradiomicsDefaults();
  Object.assign(s.texture, texture);
  s.texture.matrixAggregations = [pyradiomicsMatrixAggregation(s.texture)];
  s.texture.zoneAggregations = [s.texture.force2D ? '2.5d' : '3d'];
  return s;
}

/** A GpuContext over the test device whose limits are the device's except `overrides` (a fresh runner). */
function withLimits(gpu: GpuContext, overrides: Partial<Record<keyof GPUSupportedLimits, number>>): GpuContext {
  const limits = new Proxy(gpu.limits, { get: (t, k) => (k in overrides ? overrides[k as keyof typeof overrides] : Reflect.get(t, k)) });
  return { ...gpu, limits };
}

/** The case cropped to its ROI's bounding box (non-zero labels) plus `margin` voxels, origin moved with it. */
function aroundRoi(c: CaseInput, margin: number): CaseInput {
  const [nx, ny, nz] = c.mask.dims;
  const lo = [nx, ny, nz];
  const hi = [-1, -1, -1];
  for (let z = 0, v = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, v++) {
        if (!c.mask.data[v]) continue;
        [x, y, z].forEach((p, k) => {
          lo[k] = Math.min(lo[k], p);
          hi[k] = Math.max(hi[k], p);
        });
      }
    }
  }
  const start = lo.map((l) => Math.max(0, l - margin));
  const dims = hi.map((h, k) => Math.min(c.mask.dims[k] - 1, h + margin) - start[k] + 1) as Vec3;
  const crop = (v: Volume): Volume => {
    const data = new (v.data.constructor as new (n: number) => typeof v.data)(dims[0] * dims[1] * dims[2]);
    for (let z = 0, o = 0; z < dims[2]; z++) {
      for (let y = 0; y < dims[1]; y++) {
        for (let x = 0; x < dims[0]; x++, o++) data[o] = v.data[start[0] + x + nx * (start[1] + y + ny * (start[2] + z))];
      }
    }
    const d = v.direction;
    const origin = [0, 1, 2].map((r) => v.origin[r] + [0, 1, 2].reduce((sum, k) => sum + d[3 * r + k] * start[k] * v.spacing[k], 0)) as Vec3;
    return { ...v, dims, origin, data };
  };
  return { ...c, image: crop(c.image), mask: crop(c.mask) };
}

describe('extractCase on the GPU (Dawn) equals the CPU', () => {
  let phantom: CaseInput;
  let brain1: CaseInput;
  beforeAll(async () => {
    const read = (...p: string[]) => readImageFile(sharedPath('refdata', ...p));
    phantom = {
      image: await read('ibsi/digital_phantom/nifti/image/phantom.nii.gz'),
      mask: await read('ibsi/digital_phantom/nifti/mask/mask.nii.gz'),
      imageName: 'phantom.nii.gz',
      maskName: 'mask.nii.gz',
    };
    brain1 = {
      image: await read('pyradiomics/brain1/brain1_image.nrrd'),
      mask: await read('pyradiomics/brain1/brain1_label.nrrd'),
      imageName: 'brain1_image.nrrd',
      maskName: 'brain1_label.nrrd',
    };
  });

  it('IBSI phantom, ibsiDefaults (every family, every aggregation): bit-identical, 1 submit, 1 read-back', async () => {
    const r = await expectSameOnGpu(phantom, ibsiDefaults());
    expect(r.engine).toMatchObject({ submits: 1, readbacks: 1, cpuMatrices: 0 });
    // 2D and 3D matrices of each of the 6 families (2.5D and the merged aggregations share them)
    expect(r.engine!.gpuMatrices).toBe(6 * 2);
    expect((r as CaseResult & { counted: object }).counted).toEqual({ submits: 1, maps: 1 });
    expect(r.backend.description).toBe(node.gpu().adapterName);
  });

  it('brain1, pyradiomicsDefaults and force2D (across z and y): bit-identical, 1 submit, 1 read-back, no matrix on the CPU', async () => {
    for (const settings of [pyradiomicsDefaults(), pyradiomics({ force2D: true }), pyradiomics({ force2D: true, force2Ddimension: 1 })]) {
      const r = await expectSameOnGpu(brain1, settings);
      expect(r.engine).toMatchObject({ submits: 1, readbacks: 1, gpuMatrices: 5, cpuMatrices: 0 });
      expect((r as CaseResult & { counted: object }).counted).toEqual({ submits: 1, maps: 1 });
    }
    // distances 1 and 2 across y: the GLCM's offsets of norm 1 and 2, the NGTDM / GLDM radius-2 ball, all on the GPU
    const r = await expectSameOnGpu(brain1, pyradiomics({ force2D: true, force2Ddimension: 1, distances: [1, 2] }));
    expect(r.engine).toMatchObject({ submits: 1, readbacks: 1, gpuMatrices: 5, cpuMatrices: 0 });
    expect(r.backend.description).toBe(node.gpu().adapterName);
  });

  it('brain1 with LoG and wavelet image types filtered on the CPU: every image in the one submit, bit-identical', async () => {
    const settings = pyradiomicsDefaults();
    settings.imageTypes = { Original: {}, LoG: {}, Wavelet: {} };
    settings.filter = { sigma: [2] };
    // the ROI's box and a margin, so that the filters (run twice here, on the CPU) stay quick; the filters on the
    // GPU (f32, so not bit-identical to the f64 CPU filters) are tested in gpu-prefilter.node.test.ts
    const r = await expectSameOnGpu(aroundRoi(brain1, 6), settings, node.gpu(), 'cpu');
    expect(new Set(r.features.map((f) => f.image_type)).size).toBe(1 + 1 + 8);
    expect(r.engine).toMatchObject({ submits: 1, readbacks: 1, gpuMatrices: 10 * 5, cpuMatrices: 0 });
  });

  it('brain1 (ROI box + margin), PyRadiomics distances [1, 2], [2], symmetricalGLCM false: every matrix on the GPU, bit-identical', async () => {
    const around = aroundRoi(brain1, 3);
    const cases: Partial<ExtractionSettings['texture']>[] = [
      { distances: [1, 2] },
      { distances: [2] },
      { symmetricalGLCM: false },
      { symmetricalGLCM: false, distances: [1, 2] },
      { symmetricalGLCM: false, distances: [2], force2D: true },
      { distances: [2], force2D: true, force2Ddimension: 0 },
    ];
    for (const texture of cases) {
      const r = await expectSameOnGpu(around, pyradiomics(texture));
      expect(r.engine, JSON.stringify(texture)).toMatchObject({ submits: 1, readbacks: 1, gpuMatrices: 5, cpuMatrices: 0 });
      expect(r.backend.description).toBe(node.gpu().adapterName);
      expect(r.warnings.filter((w) => w.startsWith('GPU: '))).toEqual([]);
    }
  });

  it('IBSI phantom at distance 2 (GLCM, NGTDM, NGLDM): every matrix on the GPU, bit-identical', async () => {
    const settings = ibsiDefaults();
    settings.texture.distances = [2];
    const r = await expectSameOnGpu(phantom, settings);
    expect(r.engine).toMatchObject({ submits: 1, readbacks: 1, gpuMatrices: 6 * 2, cpuMatrices: 0 });
    // distance 2 reaches other neighbours than distance 1: the GLCM features differ
    const d1 = await extractCase(phantom, { settings: ibsiDefaults(), backend: 'cpu' }, noGpu);
    const glcm = (c: CaseResult) => c.features.filter((f) => f.family === 'GLCM').map((f) => f.value);
    expect(glcm(r)).not.toEqual(glcm(d1));
  });

  it('random volumes, both profiles: bit-identical', async () => {
    const arbitrary = fc.record({
      dims: fc.tuple(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 2, max: 7 }), fc.integer({ min: 1, max: 4 })),
      seed: fc.integer({ min: 1, max: 2 ** 30 }),
      levels: fc.integer({ min: 1, max: 12 }),
      fraction: fc.double({ min: 0.3, max: 1, noNaN: true }),
      ibsi: fc.boolean(),
      texture: fc.constantFrom<Partial<ExtractionSettings['texture']>>(
        {},
        { force2D: true },
        { force2D: true, force2Ddimension: 1 },
        { force2D: true, force2Ddimension: 2, distances: [1, 2] },
        { distances: [2] },
        { gldmAlpha: 1, weightingNorm: 'manhattan' },
        { symmetricalGLCM: false, distances: [1, 3] },
        { symmetricalGLCM: false, force2D: true, distances: [2] },
      ),
    });
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ dims, seed, levels, fraction, ibsi, texture }) => {
        const n = dims[0] * dims[1] * dims[2];
        let x = seed;
        const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
        const geometry = { dims: dims as Vec3, spacing: [1, 1, 2] as Vec3, origin: [0, 0, 0] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
        const image: Volume = { ...geometry, data: Float64Array.from({ length: n }, () => Math.floor(next() * levels) * 10) };
        const mask: Volume = { ...geometry, data: Uint8Array.from({ length: n }, (_, i) => (i < 2 || next() < fraction ? 1 : 0)) };
        // IBSI: every aggregation at distance 1 or 2 and coarseness 0 or 1; PyRadiomics: its angle settings
        const settings = ibsi ? ibsiDefaults() : pyradiomics(texture);
        if (ibsi) Object.assign(settings.texture, { distances: [Math.max(...(texture.distances ?? [1]))], gldmAlpha: texture.gldmAlpha ?? 0 });
        settings.minimumROIDimensions = 1;
        if (ibsi) settings.discretisation = { kind: 'fixed-bin-count', bins: 8, convention: 'ibsi' } as ExtractionSettings['discretisation'];
        else settings.discretisation = { kind: 'fixed-bin-width', width: 10, convention: 'pyradiomics' } as ExtractionSettings['discretisation'];
        const input = { image, mask, imageName: 'random image', maskName: 'random mask' };
        const r = await expectSameOnGpu(input, settings);
        expect(r.engine).toMatchObject({ submits: 1, readbacks: 1, cpuMatrices: 0 });
        expect(r.engine!.gpuMatrices).toBeGreaterThan(0);
      }),
      { numRuns: 16, seed: 20261128 },
    );
  });
});

describe('extractCase on a GPU that the case does not fit, or that is lost', () => {
  let phantom: CaseInput;
  beforeAll(async () => {
    const read = (...p: string[]) => readImageFile(sharedPath('refdata', ...p));
    phantom = {
      image: await read('ibsi/digital_phantom/nifti/image/phantom.nii.gz'),
      mask: await read('ibsi/digital_phantom/nifti/mask/mask.nii.gz'),
      imageName: 'phantom.nii.gz',
      maskName: 'mask.nii.gz',
    };
  });

  it('storage bindings of 2 KiB: the matrices that fit run on the GPU in one submit, the rest on the CPU, with the reason', async () => {
    // the phantom's 2D GLCMs (4 slices x 4 directions x 6^2 u32) need more than 2 KiB
    const tiny = withLimits(node.gpu(), { maxStorageBufferBindingSize: 2048 });
    const r = await expectSameOnGpu(phantom, ibsiDefaults(), tiny);
    expect(r.engine).toMatchObject({ submits: 1, readbacks: 1 });
    expect(r.engine!.cpuMatrices).toBeGreaterThan(0);
    expect(r.engine!.gpuMatrices).toBeGreaterThan(0);
    expect(r.engine!.gpuMatrices + r.engine!.cpuMatrices).toBe(12);
    expect(r.backend.description).toMatch(/matrices on the CPU \(glcm: beyond this GPU's limits: the GLCM count matrices needs .* storage buffer limit/);
    expect(r.warnings.some((w) => /^GPU: \d+ of 12 texture matrices were computed on the CPU/.test(w))).toBe(true);
  });

  it('buffers of 2 KiB: the one read-back does not fit either, so the case runs in several submits', async () => {
    const tiny = withLimits(node.gpu(), { maxStorageBufferBindingSize: 2048, maxBufferSize: 2048 });
    const r = await expectSameOnGpu(phantom, ibsiDefaults(), tiny);
    expect(r.engine!.submits).toBeGreaterThan(1);
    expect(r.engine!.readbacks).toBe(r.engine!.submits);
    expect(r.warnings).toContain(`GPU: the case did not fit this GPU in one submit and ran in ${r.engine!.submits} parts`);
  });

  it('storage buffers of 16 bytes: nothing fits, the CPU runs it all and says why; never an error, even when forced', async () => {
    const tiny = withLimits(node.gpu(), { maxStorageBufferBindingSize: 16, maxBufferSize: 16 });
    const cpu = await extractCase(phantom, { settings: ibsiDefaults(), backend: 'cpu' }, noGpu);
    const r = await extractCase(phantom, { settings: ibsiDefaults(), backend: 'gpu' }, () => Promise.resolve({ ok: true, gpu: tiny }));
    expect(featureMismatch(r, cpu)).toBeNull();
    expect(r.backend.kind).toBe('cpu');
    expect(r.backend.description).toMatch(/^CPU \(12 of 12 matrices on the CPU \(glcm: beyond this GPU's limits: the grey-level volume needs/);
    expect(r.engine).toMatchObject({ submits: 0, readbacks: 0, gpuMatrices: 0, cpuMatrices: 12 });
  });

  it('no device: auto runs the CPU with the reason, gpu throws BackendError', async () => {
    const none = () => Promise.resolve<GpuAcquisition>({ ok: false, reason: 'no WebGPU adapter was found' });
    const r = await extractCase(phantom, { settings: ibsiDefaults(), backend: 'auto' }, none);
    expect(r.backend).toEqual({ kind: 'cpu', description: 'CPU (no WebGPU adapter was found)' });
    await expect(extractCase(phantom, { settings: ibsiDefaults(), backend: 'gpu' }, none)).rejects.toThrow(BackendError);
  });

  it('a device lost during the case is acquired again once and the case rerun on the new one', async () => {
    const instance = nodeGpuInstance();
    expect(instance).toBeDefined();
    const first = await acquireGpu(instance);
    const second = await acquireGpu(instance);
    if (!first.ok || !second.ok) throw new Error('no second device');
    const devices = [first, second];
    let calls = 0;
    const getGpu = () => Promise.resolve(devices[Math.min(calls++, 1)]);
    // the first device is lost before its case reads back
    first.gpu.device.destroy();
    const cpu = await extractCase(phantom, { settings: ibsiDefaults(), backend: 'cpu' }, noGpu);
    const r = await extractCase(phantom, { settings: ibsiDefaults(), backend: 'auto' }, getGpu);
    expect(calls).toBe(2);
    expect(featureMismatch(r, cpu)).toBeNull();
    expect(r.backend.kind).toBe('gpu');
    expect(r.engine).toMatchObject({ submits: 1, readbacks: 1 });
    expect(r.warnings[0]).toMatch(/device was lost .* re-acquired/);
    // lost again: auto falls back to the CPU with the reason
    second.gpu.device.destroy();
    const again = await extractCase(phantom, { settings: ibsiDefaults(), backend: 'auto' }, () => Promise.resolve(second));
    expect(again.backend.kind).toBe('cpu');
    expect(again.backend.description).toMatch(/device was lost/);
    expect(featureMismatch(again, cpu)).toBeNull();
  });
});
