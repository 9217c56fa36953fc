/**
 * PyRadiomics image types on the GPU (src/gpu/pyradiomics-gpu.ts: recursive-gaussian, convolve-axis, wrap-pad,
 * gradient-magnitude WGSL) in Chromium's WebGPU (SwiftShader where there is no GPU), against the CPU twins
 * (pyradiomicsImages) on a small odd-sized random volume: every voxel within 1e-5 of the twin's range, names and
 * order equal. One LoG sigma whose passes use both forms of the recursive Gaussian (2.5 voxels along x: parallel
 * form; 1.7 and 1.25 along y and z: direct form), the wavelet bands, and the gradient. The full set runs in Node
 * (pyradiomics-filters.node.test.ts).
 */
import { expect } from 'chai';
import { pyradiomicsImages, type PyradiomicsImageType } from '../../src/core/filters/pyradiomics/image-types.js';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.js';
import { pyradiomicsImagesOnGpu } from '../../src/gpu/pyradiomics-gpu.js';
import { maxErrorOverRange, noiseVolume } from './pyradiomics-filters-cases.js';

describe('PyRadiomics image types on the GPU in Chromium (WebGPU)', () => {
  let gpu: GpuContext | undefined;
  let reason = '';

  before(async () => {
    const got = await acquireGpu(navigator.gpu);
    if (got.ok) gpu = got.gpu;
    else reason = got.reason;
  });
  after(() => gpu?.device.destroy());

  it('has a WebGPU adapter (SwiftShader on machines without a GPU)', () => {
    expect(reason).to.equal('');
  });

  const image = noiseVolume([9, 7, 11], 20261128);
  const types: [string, PyradiomicsImageType, string[]][] = [
    ['LoG sigma 2.5 mm', { type: 'LoG', sigmas: [{ sigmaMm: 2.5 }] }, ['log-sigma-2-5-mm-3D']],
    [
      'Wavelet coif1',
      { type: 'Wavelet', wavelet: 'coif1', level: 1, startLevel: 0, excludedAxis: null },
      ['LLH', 'LHL', 'LHH', 'HLL', 'HLH', 'HHL', 'HHH', 'LLL'].map((b) => `wavelet-${b}`),
    ],
    ['Gradient', { type: 'Gradient', useImageSpacing: true }, ['gradient']],
  ];
  for (const [label, t, names] of types) {
    it(`${label}: every image within 1e-5 of the twin's range`, async () => {
      const twin = pyradiomicsImages(image, t);
      const out = await pyradiomicsImagesOnGpu(gpu!, image, t);
      expect(out).to.not.equal(null);
      expect(out!.map((o) => o.name)).to.deep.equal(names);
      expect(twin.map((o) => o.name)).to.deep.equal(names);
      for (let i = 0; i < twin.length; i++) {
        const rel = maxErrorOverRange(out![i].image.data, twin[i].image.data);
        expect(rel, twin[i].name).to.be.at.most(1e-5);
      }
    });
  }
});
