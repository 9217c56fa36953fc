/**
 * PyRadiomics image types on the GPU (src/gpu/pyradiomics-gpu.ts) against their CPU twins (pyradiomicsImages):
 * brain1 cropped to its ROI box + 5 voxels (the extraction's prepared image), a small odd-sized random volume
 * (negative values too) and, for the wavelet, an even-sized one (no padding).
 * Every derived image, every voxel: |GPU - twin| <= 1e-5 of the twin's range; names and order equal. The worst
 * error per type is printed (PYRADIOMICS_GPU_REPORT=1).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pyradiomicsImages, type PyradiomicsImageType } from '../../src/core/filters/pyradiomics/image-types.js';
import { boundingBox } from '../../src/core/preprocess/geometry.js';
import { cropVolume, padBox } from '../../src/core/preprocess/crop.js';
import type { Mask, Vec3, Volume } from '../../src/core/volume.js';
import { GradientMagnitudeKernel } from '../../src/gpu/gradient-magnitude.js';
import { IntensityTypesKernel } from '../../src/gpu/intensity-types.js';
import { kernelFor } from '../../src/gpu/kernel.js';
import { pyradiomicsImagesOnGpu } from '../../src/gpu/pyradiomics-gpu.js';
import type { GpuCounters } from '../../src/gpu/readback.js';
import { RecursiveGaussianKernel } from '../../src/gpu/recursive-gaussian.js';
import { WrapPadKernel } from '../../src/gpu/wrap-pad.js';
import { readImageFile } from '../../src/io/read-image-node.js';
import { sharedPath } from '../helpers/refdata.js';
import { useNodeGpu } from './node-gpu-setup.js';
import { maxErrorOverRange, noiseVolume } from './pyradiomics-filters-cases.js';

const node = useNodeGpu();

/** brain1 and its label-1 ROI, cropped to the ROI box padded by 5 voxels (as the extraction prepares them). */
async function brain1(): Promise<{ image: Volume; mask: Mask }> {
  const image = await readImageFile(sharedPath('refdata/pyradiomics/brain1/brain1_image.nrrd'));
  const labels = await readImageFile(sharedPath('refdata/pyradiomics/brain1/brain1_label.nrrd'));
  const roi = Uint8Array.from(labels.data as ArrayLike<number>, (v) => (v === 1 ? 1 : 0));
  const box = padBox(boundingBox(roi, image.dims)!, 5, image.dims);
  return { image: cropVolume(image, box), mask: cropVolume({ ...labels, data: roi }, box) as Mask };
}

const TYPES: [string, PyradiomicsImageType][] = [
  ['Original', { type: 'Original' }],
  ['Square', { type: 'Square' }],
  ['SquareRoot', { type: 'SquareRoot' }],
  ['Logarithm', { type: 'Logarithm' }],
  ['Exponential', { type: 'Exponential' }],
  ['Gradient (image spacing)', { type: 'Gradient', useImageSpacing: true }],
  ['Gradient (voxels)', { type: 'Gradient', useImageSpacing: false }],
  // direct and parallel forms (below / from 2 voxels); 0 and 100 mm are skipped as PyRadiomics skips them
  [
    'LoG sigma 0.5 .. 20 mm',
    { type: 'LoG', sigmas: [0.5, 1, 3, 6, 20, 0, 100].map((sigmaMm) => ({ sigmaMm, writtenAsInteger: sigmaMm === 3 })) },
  ],
  ['Wavelet coif1 level 1', { type: 'Wavelet', wavelet: 'coif1', level: 1, startLevel: 0, excludedAxis: null }],
  ['Wavelet haar level 2 start_level 1', { type: 'Wavelet', wavelet: 'haar', level: 2, startLevel: 1, excludedAxis: null }],
  ['Wavelet db2 without z (force2D)', { type: 'Wavelet', wavelet: 'db2', level: 1, startLevel: 0, excludedAxis: 2 }],
];

const worst = new Map<string, number>();

function checkCase(label: string, image: () => Volume, mask: () => Mask | undefined, only?: PyradiomicsImageType['type']): void {
  for (const [name, t] of TYPES.filter(([, t]) => !only || t.type === only)) {
    it(`${label}: ${name}, every image within 1e-5 of the twin's range`, async () => {
      const twin = pyradiomicsImages(image(), t, mask());
      const counters: GpuCounters = { submits: 0, readbacks: 0 };
      const gpu = await pyradiomicsImagesOnGpu(node.gpu(), image(), t, mask(), counters);
      expect(gpu).not.toBeNull();
      expect(twin.length).toBeGreaterThan(0);
      expect(counters).toEqual({ submits: 1, readbacks: 1 });
      expect(gpu!.map((g) => g.name)).toEqual(twin.map((g) => g.name));
      for (let i = 0; i < twin.length; i++) {
        expect(gpu![i].image.dims).toEqual(twin[i].image.dims);
        const rel = maxErrorOverRange(gpu![i].image.data, twin[i].image.data);
        worst.set(name, Math.max(worst.get(name) ?? 0, rel));
        expect(rel, `${label} ${twin[i].name}`).toBeLessThanOrEqual(1e-5);
      }
    });
  }
}

describe('PyRadiomics image types on the GPU vs the CPU twins (Dawn)', () => {
  it('finds a WebGPU adapter and compiles the kernels cleanly', async () => {
    expect(node.reason()).toBe('');
    const gpu = node.gpu();
    gpu.device.pushErrorScope('validation');
    const wrap = kernelFor(gpu, WrapPadKernel).kernel;
    wrap.pipeline('wrap_pad');
    const it = kernelFor(gpu, IntensityTypesKernel).kernel;
    for (const TYPE of [0, 1, 2, 3]) it.pipeline('intensity_type', { TYPE });
    const gm = kernelFor(gpu, GradientMagnitudeKernel).kernel;
    gm.pipeline('gradient_magnitude');
    const rg = kernelFor(gpu, RecursiveGaussianKernel).kernel;
    rg.pipeline('recursive_gaussian_direct');
    rg.pipeline('recursive_gaussian_sections');
    expect((await gpu.device.popErrorScope())?.message ?? null).toBeNull();
    for (const k of [wrap, rg, it, gm]) expect(await k.compilationMessages(), k.label).toEqual([]);
  });

  describe('brain1, ROI box + 5', () => {
    let b: { image: Volume; mask: Mask };
    beforeAll(async () => {
      b = await brain1();
    });
    checkCase('brain1', () => b.image, () => b.mask);
  });

  it('brain1: LoG yields the sigmas PyRadiomics runs, with its names (3 written as an integer)', async () => {
    const b = await brain1();
    const out = await pyradiomicsImagesOnGpu(node.gpu(), b.image, TYPES.find(([, t]) => t.type === 'LoG')![1]);
    expect(out!.map((o) => o.name)).toEqual(['log-sigma-0-5-mm-3D', 'log-sigma-1-0-mm-3D', 'log-sigma-3-mm-3D', 'log-sigma-6-0-mm-3D', 'log-sigma-20-0-mm-3D']);
  });

  describe('random volume 9 x 7 x 11 (odd sizes), spacing 1 x 1.5 x 2', () => {
    const dims: Vec3 = [9, 7, 11];
    const image = noiseVolume(dims, 20261128);
    const mask: Mask = { ...image, data: Uint8Array.from(image.data as Float64Array, (v, i) => (v > -50 || i === 0 ? 1 : 0)) };
    checkCase('random', () => image, () => mask);
  });

  describe('random volume 8 x 6 x 10 (even sizes: the wavelet needs no padding)', () => {
    const image = noiseVolume([8, 6, 10], 4242);
    checkCase('random even', () => image, () => undefined, 'Wavelet');
  });

  it('returns null for LBP2D, LBP3D and the voxel-wise types of an all-zero image (the twins run)', async () => {
    const image = noiseVolume([6, 5, 4], 7);
    const mask: Mask = { ...image, data: new Uint8Array(image.data.length).fill(1) };
    const g = node.gpu();
    expect(await pyradiomicsImagesOnGpu(g, image, { type: 'LBP2D', radius: 1, samples: 8, method: 'uniform', force2Ddimension: 0 })).toBeNull();
    expect(await pyradiomicsImagesOnGpu(g, image, { type: 'LBP3D', levels: 2, icosphereRadius: 1, icosphereSubdivision: 1 }, mask)).toBeNull();
    const zero = { ...image, data: new Float64Array(image.data.length) };
    for (const type of ['Square', 'SquareRoot', 'Logarithm', 'Exponential'] as const) expect(await pyradiomicsImagesOnGpu(g, zero, { type })).toBeNull();
  });

  it('yields no LoG image where PyRadiomics yields none (an axis under 4 voxels)', async () => {
    const image = noiseVolume([6, 5, 3], 9);
    const t: PyradiomicsImageType = { type: 'LoG', sigmas: [{ sigmaMm: 1 }] };
    expect(pyradiomicsImages(image, t)).toEqual([]);
    expect(await pyradiomicsImagesOnGpu(node.gpu(), image, t)).toEqual([]);
  });

  it('reports the worst error per type', () => {
    const lines = [...worst].map(([t, e]) => `PYRADIOMICS-GPU ${t}: worst |GPU - twin| / range ${e.toExponential(3)}`);
    if (process.env.PYRADIOMICS_GPU_REPORT) console.log(lines.join('\n'));
    expect(worst.size).toBe(TYPES.length);
  });
});
