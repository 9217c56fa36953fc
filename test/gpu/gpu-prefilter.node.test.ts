/**
 * The GPU filter stage of extractCase (src/pipeline/gpu-prefilter.ts) on Dawn, with brain1 (its ROI box and a
 * margin) under PyRadiomics with Original + Wavelet + LoG (sigma 1 and 3 mm):
 *  (a) the records equal, bit for bit, the core plan run with a provider that returns volumes built here from a
 *      CPU-side copy of the GPU's ROI values: the only difference from the CPU path is the filter arithmetic;
 *  (b) against the all-CPU extraction (f64 filters) the differences per feature class stay within bounds that
 *      follow from f32 filtering (see there);
 *  (c) 2 submits and 2 read-backs, and the engine stats say how many image types ran on the GPU;
 *  (d) the filter stage reads back only the ROI values (mapAsync sizes counted).
 * Also: the backend rules (cpu, auto without a device, filterBackend), a device whose limits the filters do not
 * fit (CPU filters with the reason) and a device lost during the filters (re-acquired, rerun).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPyradiomics, prepareExtraction, type PyradiomicsRecord } from '../../src/core/extract.js';
import { pyradiomicsFilterRequests } from '../../src/core/extract/pyradiomics.js';
import { discretiseRoiPyradiomics } from '../../src/core/discretise-pyradiomics.js';
import { pyradiomicsImages } from '../../src/core/filters/pyradiomics/image-types.js';
import { pyradiomicsFilterProvider, pyradiomicsImageType } from '../../src/core/filters/pyradiomics/provider.js';
import { pyradiomicsDefaults, type ExtractionSettings } from '../../src/core/settings.js';
import type { Vec3, Volume } from '../../src/core/volume.js';
import { acquireGpu, type GpuAcquisition, type GpuContext } from '../../src/gpu/device.js';
import { nodeGpuInstance } from '../../src/gpu/node-gpu.js';
import { readImageFile } from '../../src/io/read-image-node.js';
import { BackendError, extractCase, type CaseInput, type CaseResult } from '../../src/pipeline/extract-case.js';
import { filterRoiOnGpu } from '../../src/pipeline/gpu-prefilter.js';
import { sharedPath } from '../helpers/refdata.js';
import { useNodeGpu } from './node-gpu-setup.js';

const node = useNodeGpu();
const noGpu = () => Promise.resolve<GpuAcquisition>({ ok: false, reason: 'no WebGPU adapter was found' });
const withGpu = (gpu: GpuContext) => () => Promise.resolve<GpuAcquisition>({ ok: true, gpu });

/** Counts queue submits and records the byte size of every mapAsync while `body` runs. */
async function counting<T>(gpu: GpuContext, body: () => Promise<T>): Promise<{ result: T; submits: number; mapBytes: number[] }> {
  const queue = gpu.device.queue;
  const submit = queue.submit;
  const mapAsync = GPUBuffer.prototype.mapAsync;
  const n = { submits: 0, mapBytes: [] as number[] };
  queue.submit = function (...args) {
    n.submits++;
    return submit.apply(this, args);
  };
  GPUBuffer.prototype.mapAsync = function (...args) {
    n.mapBytes.push(args[2] ?? this.size - (args[1] ?? 0));
    return mapAsync.apply(this, args);
  };
  try {
    return { result: await body(), ...n };
  } finally {
    queue.submit = submit;
    GPUBuffer.prototype.mapAsync = mapAsync;
  }
}

/** The case cropped to its ROI's bounding box plus `margin` voxels, origin moved with it. */
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

function filteredSettings(): ExtractionSettings {
  const s = pyradiomicsDefaults();
  s.imageTypes = { Original: {}, Wavelet: {}, LoG: {} };
  s.filter = { sigma: [1, 3] };
  return s;
}

/** First difference between two feature lists (names, order, values by Object.is), or null. */
function mismatch(a: { name: string; value: number }[], b: { name: string; value: number }[]): string | null {
  if (a.length !== b.length) return `${a.length} vs ${b.length} features`;
  for (let i = 0; i < a.length; i++) {
    if (a[i].name !== b[i].name) return `feature ${i}: ${a[i].name} vs ${b[i].name}`;
    if (!Object.is(a[i].value, b[i].value)) return `${a[i].name}: ${a[i].value} vs ${b[i].value}`;
  }
  return null;
}

describe('the GPU filter stage of extractCase (brain1, Original + Wavelet + LoG 1, 3 mm)', () => {
  let brain: CaseInput;
  let cpu: CaseResult;
  beforeAll(async () => {
    const read = (f: string) => readImageFile(sharedPath('refdata', 'pyradiomics', 'brain1', f));
    // the ROI's box and a margin: the CPU filters and SwiftShader stay quick
    brain = aroundRoi({ image: await read('brain1_image.nrrd'), mask: await read('brain1_label.nrrd'), imageName: 'brain1_image.nrrd', maskName: 'brain1_label.nrrd' }, 6);
    cpu = await extractCase(brain, { settings: filteredSettings(), backend: 'cpu' }, noGpu);
  });

  /**
   * (a), (c), (d) for one case: extractCase with backend 'gpu' against the core plan fed the GPU's ROI values
   * (read again here, put back on the grid by this test); returns the image types filtered on the GPU.
   */
  async function expectGpuFiltered(settings: ExtractionSettings): Promise<string[]> {
    const gpu = node.gpu();
    const { result, submits, mapBytes } = await counting(gpu, () => extractCase(brain, { settings, backend: 'gpu' }, withGpu(gpu)));
    expect(result.backend.kind).toBe('gpu');

    const { prepared } = prepareExtraction(brain.image, brain.mask, settings);
    const requests = pyradiomicsFilterRequests(settings);
    const run = await filterRoiOnGpu(gpu, prepared, requests);
    const mask = prepared.intensityMask.data;
    const voxels: number[] = [];
    for (let i = 0; i < mask.length; i++) if (mask[i]) voxels.push(i);
    expect(Array.from(run.voxels)).toEqual(voxels);
    const onGpu = [...run.images.keys()];
    for (const t of onGpu) {
      const f = requests.find((r) => r.imageType === t)!.settings;
      expect(run.images.get(t)!.map((d) => d.name)).toEqual(pyradiomicsImages(prepared.image, pyradiomicsImageType(t, f), prepared.intensityMask).map((d) => d.name));
    }
    const provider: typeof pyradiomicsFilterProvider = (t, image, m, f) => {
      const done = run.images.get(t);
      if (!done) return pyradiomicsFilterProvider(t, image, m, f);
      return done.map((d) => {
        const data = new Float64Array(image.data.length);
        voxels.forEach((v, k) => (data[v] = d.values[k]));
        return { name: d.name, image: { ...image, data } };
      });
    };
    const expected: PyradiomicsRecord[] = extractPyradiomics(brain.image, brain.mask, settings, { filters: provider }).features;
    expect(mismatch(result.features, expected)).toBeNull();

    // (c): one submit and read-back for the filters, one for the matrices; the stats say what ran where
    const derived = onGpu.reduce((k, t) => k + run.images.get(t)!.length, 0);
    expect(result.engine).toMatchObject({ submits: 2, readbacks: 2, gpuFilters: onGpu.length, cpuFilters: requests.length - onGpu.length, cpuMatrices: 0 });
    expect(submits).toBe(2);
    expect(mapBytes.length).toBe(2);
    const onCpu = requests.map((r) => r.imageType).filter((t) => !run.images.has(t));
    const many = onCpu.length > 1;
    expect(result.warnings.filter((w) => w.includes('not filtered on the GPU'))).toEqual(
      onCpu.length ? [`GPU: image type${many ? 's' : ''} ${onCpu.join(', ')} not filtered on the GPU (not implemented there); the CPU filtered ${many ? 'them' : 'it'}`] : [],
    );
    // (d): the filter stage's read-back is the ROI values of the derived images on the GPU, nothing more
    expect(mapBytes[0]).toBe(voxels.length * derived * 4);
    expect(run.readbackBytes).toBe(voxels.length * derived * 4);
    console.log(`GPU filter stage: ${onGpu.join(', ')} on the GPU (${derived} images), ${onCpu.join(', ') || 'nothing'} on the CPU; read-back ${mapBytes[0]} B for ${voxels.length} ROI voxels vs ${derived * prepared.image.data.length * 4} B of whole volumes`);
    return onGpu;
  }

  it('(a) equals the core plan fed a CPU copy of the GPU values; (c) 2 submits, 2 read-backs, filters counted; (d) only ROI values read back', async () => {
    const settings = filteredSettings();
    expect(pyradiomicsFilterRequests(settings).map((r) => r.imageType)).toEqual(['Wavelet', 'LoG']);
    expect(await expectGpuFiltered(settings)).toEqual(['Wavelet', 'LoG']);
  });

  it('every other image type: the GPU ones as in (a), the rest (LBP) filtered on the CPU with a warning naming them', async () => {
    const settings = pyradiomicsDefaults();
    settings.imageTypes = { Original: {}, Square: {}, SquareRoot: {}, Logarithm: {}, Exponential: {}, Gradient: {}, LBP2D: {}, LBP3D: {} };
    settings.featureClasses = { firstorder: null, glcm: null };
    const onGpu = await expectGpuFiltered(settings);
    expect(onGpu.length).toBeGreaterThan(0);
  });

  it('the GPU ROI values are the f64 CPU filters to f32 rounding', async () => {
    const settings = filteredSettings();
    settings.imageTypes = { ...settings.imageTypes, Square: {}, SquareRoot: {}, Logarithm: {}, Exponential: {}, Gradient: {} };
    const { prepared } = prepareExtraction(brain.image, brain.mask, settings);
    const requests = pyradiomicsFilterRequests(settings);
    const run = await filterRoiOnGpu(node.gpu(), prepared, requests);
    expect(run.images.size).toBeGreaterThanOrEqual(2);
    const rows: { image: string; maxAbsCpu: number; maxDiff: number; relative: number }[] = [];
    for (const [type, images] of run.images) {
      const f = requests.find((r) => r.imageType === type)!.settings;
      const twins = pyradiomicsImages(prepared.image, pyradiomicsImageType(type, f), prepared.intensityMask);
      expect(images.map((d) => d.name)).toEqual(twins.map((t) => t.name));
      images.forEach((d, k) => {
        const twin = twins[k].image.data;
        let scale = 0;
        let diff = 0;
        run.voxels.forEach((v, i) => {
          scale = Math.max(scale, Math.abs(twin[v]));
          diff = Math.max(diff, Math.abs(d.values[i] - twin[v]));
        });
        rows.push({ image: d.name, maxAbsCpu: scale, maxDiff: diff, relative: diff / scale });
      });
    }
    console.table(rows);
    for (const r of rows) {
      // f32 keeps 24 bits (2^-24 = 6e-8 per rounding). Wavelet bands: chains of 3-6 short FIR passes, a few tens of
      // roundings per voxel -> ~1e-6 of the band's largest value; the intensity types and the gradient: a few
      // roundings per voxel. LoG: recursive (IIR) Gaussians whose running state carries the rounding of every
      // earlier voxel of the line -> ~1e-5.
      const bound = r.image.startsWith('log') ? 2e-5 : 2e-6;
      expect(r.relative, `${r.image}: max |GPU - CPU| ${r.maxDiff} of max |CPU| ${r.maxAbsCpu}`).toBeLessThan(bound);
    }
  });

  it('types filtered in one submit (buffers handed from one type to the next) equal each type filtered alone', async () => {
    const settings = filteredSettings();
    const { prepared } = prepareExtraction(brain.image, brain.mask, settings);
    const requests = pyradiomicsFilterRequests(settings);
    const together = await filterRoiOnGpu(node.gpu(), prepared, requests);
    expect(together.images.size).toBeGreaterThan(0);
    for (const r of requests) {
      const alone = await filterRoiOnGpu(node.gpu(), prepared, [r]);
      const a = alone.images.get(r.imageType);
      const b = together.images.get(r.imageType);
      expect(a === undefined, r.imageType).toBe(b === undefined);
      if (!a || !b) continue;
      expect(b.map((d) => d.name)).toEqual(a.map((d) => d.name));
      a.forEach((d, k) => expect(Buffer.from(b[k].values.buffer, b[k].values.byteOffset, b[k].values.byteLength).equals(Buffer.from(d.values.buffer, d.values.byteOffset, d.values.byteLength)), d.name).toBe(true));
    }
  });

  it('(b) features from GPU filters vs the f64 CPU filters: within f32-rounding bounds per class', async () => {
    const gpu = node.gpu();
    const settings = filteredSettings();
    const r = await extractCase(brain, { settings, backend: 'gpu' }, withGpu(gpu));
    expect(r.engine!.gpuFilters).toBeGreaterThan(0);
    // per derived image: do the GPU's and the CPU's values give the same grey level to every ROI voxel (binWidth 25)?
    const { prepared } = prepareExtraction(brain.image, brain.mask, settings);
    const requests = pyradiomicsFilterRequests(settings);
    const run = await filterRoiOnGpu(gpu, prepared, requests);
    const n = run.voxels.length;
    const levels = (values: ArrayLike<number>) =>
      discretiseRoiPyradiomics({ dims: [n, 1, 1], spacing: [1, 1, 1], starts: Int32Array.of(0), lengths: Int32Array.of(n), values: Float64Array.from(values) }, { kind: 'fixed-bin-width', width: 25 }).roiLevels;
    const flipped = new Map<string, number>();
    for (const [type, images] of run.images) {
      const twins = pyradiomicsImages(prepared.image, pyradiomicsImageType(type, requests.find((q) => q.imageType === type)!.settings), prepared.intensityMask);
      images.forEach((d, k) => {
        const a = levels(d.values);
        const b = levels(Array.from(run.voxels, (v) => twins[k].image.data[v]));
        flipped.set(d.name, a.reduce((t, x, i) => t + (x !== b[i] ? 1 : 0), 0));
      });
    }
    console.log('ROI voxels whose grey level differs (GPU vs CPU filters):', Object.fromEntries(flipped));

    const byName = new Map(cpu.features.map((f) => [`${f.image_type}|${f.name}`, f.value]));
    const rel = new Map<string, number[]>();
    const worst = new Map<string, { d: number; name: string; gpu: number; cpu: number }>();
    let original = 0;
    for (const f of r.features) {
      const c = byName.get(`${f.image_type}|${f.name}`)!;
      // Original and shape do not go through the filters: identical
      if (f.image_type === 'original') {
        expect(Object.is(f.value, c), f.name).toBe(true);
        original++;
        continue;
      }
      expect(flipped.has(f.image_type), f.image_type).toBe(true);
      const d = Number.isNaN(f.value) && Number.isNaN(c) ? 0 : Math.abs(f.value - c) / Math.max(Math.abs(c), 1e-12);
      // texture features depend on the grey levels alone: with no voxel in another bin they are the same numbers
      if (f.family !== 'firstorder' && flipped.get(f.image_type) === 0) expect(Object.is(f.value, c), `${f.name}: ${f.value} vs ${c}`).toBe(true);
      const list = rel.get(f.family) ?? [];
      list.push(d);
      rel.set(f.family, list);
      if (d > (worst.get(f.family)?.d ?? -1)) worst.set(f.family, { d, name: f.name, gpu: f.value, cpu: c });
    }
    expect(original).toBeGreaterThan(0);
    const rows = [...rel].map(([family, d]) => {
      const sorted = [...d].sort((a, b) => a - b);
      const w = worst.get(family)!;
      return {
        family,
        features: d.length,
        exact: d.filter((x) => x === 0).length,
        within1e5: d.filter((x) => x <= 1e-5).length,
        within1e3: d.filter((x) => x <= 1e-3).length,
        median: sorted[Math.floor(sorted.length / 2)],
        max: sorted[sorted.length - 1],
        worst: `${w.name}: ${w.gpu} vs ${w.cpu}`,
      };
    });
    console.table(rows);
    // first order: the GPU values carry ~1e-6 of the band's largest value (previous test), which is ~1e-6 relative
    // for statistics of the band's size; statistics much smaller than the band's values (the median or mean of a
    // zero-mean detail band) carry the same absolute error and so a larger relative one: the bound is on the bulk,
    // with every one within 1e-3
    const firstorder = rel.get('firstorder')!;
    expect(firstorder.filter((x) => x <= 1e-5).length / firstorder.length).toBeGreaterThanOrEqual(0.95);
    expect(Math.max(...firstorder)).toBeLessThan(1e-3);
    // texture: a voxel whose filtered value lies within the f32 error of a bin edge may change bin (flipped above);
    // with thousands of ROI voxels a few flips move a feature by ~1e-4 relative or less
    for (const family of ['glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm']) {
      const d = rel.get(family)!;
      expect(d.filter((x) => x <= 1e-3).length / d.length, family).toBeGreaterThanOrEqual(0.95);
    }
  });

  it("backends: 'cpu' and filterBackend 'cpu' filter on the CPU; 'auto' without a device says why; 'gpu' without one throws", async () => {
    const settings = filteredSettings();
    expect(cpu.engine).toMatchObject({ submits: 0, readbacks: 0, gpuFilters: 0, cpuFilters: 2 });
    // GPU matrices on the CPU's f64 filtered images: the all-CPU values, one submit
    const matricesOnly = await extractCase(brain, { settings, backend: 'gpu', filterBackend: 'cpu' }, withGpu(node.gpu()));
    expect(mismatch(matricesOnly.features, cpu.features)).toBeNull();
    expect(matricesOnly.engine).toMatchObject({ submits: 1, readbacks: 1, gpuFilters: 0, cpuFilters: 2 });
    const auto = await extractCase(brain, { settings, backend: 'auto' }, noGpu);
    expect(auto.backend).toEqual({ kind: 'cpu', description: 'CPU (no WebGPU adapter was found)' });
    expect(mismatch(auto.features, cpu.features)).toBeNull();
    await expect(extractCase(brain, { settings, backend: 'gpu' }, noGpu)).rejects.toThrow(BackendError);
  });

  it('a device whose storage limit the filters do not fit: CPU filters with the reason, under gpu and auto', async () => {
    const gpu = node.gpu();
    // the ROI voxel list and its values fit, the f32 image volume does not
    const { prepared } = prepareExtraction(brain.image, brain.mask, filteredSettings());
    const limit = prepared.image.data.length * 4 - 4;
    const limits = new Proxy(gpu.limits, { get: (t, k) => (k === 'maxStorageBufferBindingSize' ? limit : Reflect.get(t, k)) });
    const tight: GpuContext = { ...gpu, limits };
    for (const backend of ['gpu', 'auto'] as const) {
      const r = await extractCase(brain, { settings: filteredSettings(), backend }, withGpu(tight));
      expect(r.engine).toMatchObject({ gpuFilters: 0, cpuFilters: 2 });
      expect(r.warnings[0]).toMatch(/^GPU: filters on the CPU: beyond this GPU's limits: the image needs/);
      // the CPU filtered every type: the all-CPU values
      expect(mismatch(r.features, cpu.features)).toBeNull();
    }
  });

  it('a device lost during the filters is acquired again once and the filters rerun', async () => {
    const instance = nodeGpuInstance();
    expect(instance).toBeDefined();
    const first = await acquireGpu(instance);
    const second = await acquireGpu(instance);
    if (!first.ok || !second.ok) throw new Error('no second device');
    const devices = [first, second];
    let calls = 0;
    const getGpu = () => Promise.resolve(devices[Math.min(calls++, 1)]);
    first.gpu.device.destroy();
    const settings = filteredSettings();
    settings.imageTypes = { Wavelet: {} };
    const r = await extractCase(brain, { settings, backend: 'auto' }, getGpu);
    expect(r.engine).toMatchObject({ gpuFilters: 1, cpuFilters: 0 });
    expect(r.warnings[0]).toMatch(/device was lost during the filters; it was re-acquired/);
    const same = await extractCase(brain, { settings, backend: 'gpu' }, () => Promise.resolve(second));
    expect(mismatch(r.features, same.features)).toBeNull();
    second.gpu.device.destroy();
  });
});
