/**
 * The core pieces of the GPU filter stage (src/pipeline/gpu-prefilter.ts): pyradiomicsFilterRequests lists what the
 * plan asks of its filter provider (type, merged filter settings, image and intensity mask), and a plan started from
 * prepareExtraction's prepared case gives the same result as one that prepares the case itself.
 */
import { describe, expect, it } from 'vitest';
import { extractPyradiomics, planExtraction, prepareExtraction, computeMatricesCpu, type ImageFilterProvider } from '../../src/core/extract.js';
import { pyradiomicsFilterRequests } from '../../src/core/extract/pyradiomics.js';
import { pyradiomicsFilterProvider, pyradiomicsImageType } from '../../src/core/filters/pyradiomics/provider.js';
import { pyradiomicsDefaults } from '../../src/core/settings.js';
import type { Vec3, Volume } from '../../src/core/volume.js';

/** A small case: a box ROI of random integer intensities, optionally with a NaN voxel in the ROI (a warning). */
function smallCase(nan = false): { image: Volume; labels: Volume } {
  const dims: Vec3 = [9, 8, 6];
  const geometry = { dims, spacing: [1, 1, 2] as Vec3, origin: [0, 0, 0] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const n = dims[0] * dims[1] * dims[2];
  let x = 7;
  const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const image = Float64Array.from({ length: n }, () => Math.round(next() * 400) - 50);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const px = i % 9;
    const py = Math.floor(i / 9) % 8;
    const pz = Math.floor(i / 72);
    if (px > 1 && px < 7 && py > 1 && py < 6 && pz > 0 && pz < 5) labels[i] = 1;
  }
  if (nan) image[labels.indexOf(1) + 10] = NaN;
  return { image: { ...geometry, data: image }, labels: { ...geometry, data: labels } };
}

describe('prepared extraction and the filter requests', () => {
  it('pyradiomicsFilterRequests: every type but Original, in order, with the shared filter settings under each type\'s own', () => {
    const s = pyradiomicsDefaults();
    s.imageTypes = { Original: {}, LoG: { filter: { sigma: [2] } }, Wavelet: {}, Square: {} };
    s.filter = { sigma: [1, 3], wavelet: 'haar' };
    expect(pyradiomicsFilterRequests(s)).toEqual([
      { imageType: 'LoG', settings: { sigma: [2], wavelet: 'haar' } },
      { imageType: 'Wavelet', settings: { sigma: [1, 3], wavelet: 'haar' } },
      { imageType: 'Square', settings: { sigma: [1, 3], wavelet: 'haar' } },
    ]);
    expect(pyradiomicsImageType('Wavelet', { wavelet: 'haar' })).toEqual({ type: 'Wavelet', wavelet: 'haar', level: 1, startLevel: 0, excludedAxis: null });
    expect(() => pyradiomicsImageType('LBP2D', { lbp2DMethod: 'var' })).toThrow(/not supported/);
  });

  it('the provider is asked exactly what pyradiomicsFilterRequests lists, with the prepared image and intensity mask', () => {
    const { image, labels } = smallCase();
    const s = pyradiomicsDefaults();
    s.imageTypes = { Original: {}, LoG: {}, Wavelet: {} };
    s.filter = { sigma: [1] };
    // re-segmentation: the intensity mask is not the label mask
    s.resegmentation = { ...s.resegmentation, range: { lower: 0, upper: 300, mode: 'absolute' } };
    const pre = prepareExtraction(image, labels, s);
    expect(pre.prepared.intensityMask).not.toBe(pre.prepared.mask);
    const asked: unknown[] = [];
    const spy: ImageFilterProvider = (t, img, mask, f) => {
      asked.push({ t, f, sameImage: img === pre.prepared.image, sameMask: mask === pre.prepared.intensityMask });
      return pyradiomicsFilterProvider(t, img, mask, f);
    };
    planExtraction(image, labels, s, { filters: spy, prepared: pre });
    expect(asked).toEqual(pyradiomicsFilterRequests(s).map((r) => ({ t: r.imageType, f: r.settings, sameImage: true, sameMask: true })));
  });

  it('a plan from the prepared case equals a plan that prepares it, warnings included', () => {
    const same = (nan: boolean, imageTypes: ReturnType<typeof pyradiomicsDefaults>['imageTypes']) => {
      const { image, labels } = smallCase(nan);
      const s = pyradiomicsDefaults();
      s.imageTypes = imageTypes;
      const direct = extractPyradiomics(image, labels, s, { filters: pyradiomicsFilterProvider });
      const pre = prepareExtraction(image, labels, s);
      const plan = planExtraction(image, labels, s, { filters: pyradiomicsFilterProvider, prepared: pre });
      const result = plan.finish(computeMatricesCpu(plan.matrices));
      expect(result.warnings).toEqual(direct.warnings);
      expect(result.features.length).toBe(direct.features.length);
      result.features.forEach((f, i) => {
        expect(f.name).toBe(direct.features[i].name);
        expect(Object.is(f.value, direct.features[i].value), f.name).toBe(true);
      });
      return { pre, result };
    };
    // a NaN ROI voxel: left out of the intensity mask, said once by preparation
    const withNaN = same(true, { Original: {} });
    expect(withNaN.pre.warnings).toEqual(['1 ROI voxel(s) have no intensity (NaN) and were left out of the intensity mask']);
    expect(withNaN.result.warnings[0]).toBe(withNaN.pre.warnings[0]);
    // a derived image type
    const wavelet = same(false, { Original: {}, Wavelet: {} });
    expect(wavelet.result.features.some((f) => f.imageType === 'wavelet-HHH')).toBe(true);
    // the NaN spreads through a filter: refused the same way with and without the prepared case
    const { image, labels } = smallCase(true);
    const s = pyradiomicsDefaults();
    s.imageTypes = { Original: {}, Wavelet: {} };
    expect(() => extractPyradiomics(image, labels, s, { filters: pyradiomicsFilterProvider })).toThrow(/^wavelet-LLH: \d+ of 79 ROI voxels are NaN after filtering/);
    const plan = () => planExtraction(image, labels, s, { filters: pyradiomicsFilterProvider, prepared: prepareExtraction(image, labels, s) });
    expect(plan).toThrow(/^wavelet-LLH: \d+ of 79 ROI voxels are NaN after filtering/);
  });
});
