/**
 * GPU separable filters (shaders/convolve-axis.wgsl, combine-volumes.wgsl, decimate.wgsl via src/gpu/filter-gpu.ts)
 * against their CPU twins (src/core/filters) and the IBSI 2 phase 1 reference response maps, the filters without
 * rotation invariance (the rotation-pooled ones: filters-ibsi2-rotations.node.test.ts); and the 1D pass itself
 * against applyAxisPass on every padding, axis, tap layout and a kernel longer than the image.
 */
import { describe, expect, it } from 'vitest';
import { applySeparable, convolutionPass, correlationPass, type AxisPass } from '../../src/core/filters/axis-pass.js';
import { PADDING_MODES } from '../../src/core/filters/padding.js';
import { separableWavelet } from '../../src/core/filters/separable-wavelet.js';
import type { Vec3, Volume } from '../../src/core/volume.js';
import { CombineVolumesKernel } from '../../src/gpu/combine-volumes.js';
import { DecimateKernel } from '../../src/gpu/decimate.js';
import { ConvolveAxisKernel } from '../../src/gpu/convolve-axis.js';
import { filterOnGpu } from '../../src/gpu/filter-gpu.js';
import { kernelFor } from '../../src/gpu/kernel.js';
import { coveredTests, gpuMapTests, relativeToRange } from './filters-ibsi2-suite.js';
import { useNodeGpu } from './node-gpu-setup.js';

const node = useNodeGpu();
const covered = coveredTests();

describe('GPU separable filters vs CPU twins and IBSI 2 phase 1 maps, no rotation invariance (Dawn)', () => {
  it('finds a WebGPU adapter and covers the separable IBSI 2 tests (mean, LoG, Laws, separable wavelets)', () => {
    expect(node.reason()).toBe('');
    expect(covered.map((t) => t.id)).toEqual([
      '1.a.1', '1.a.2', '1.a.3', '1.a.4', '1.b.1', '2.a', '2.b', '2.c',
      '3.a.1', '3.a.2', '3.a.3', '3.b.1', '3.b.2', '3.b.3', '3.c.1', '3.c.2', '3.c.3',
      '5.a.1', '5.a.2', '6.a.1', '6.a.2', '7.a.1', '7.a.2',
    ]);
  });

  it('compiles convolve-axis, combine-volumes and decimate cleanly and builds every pipeline', async () => {
    const gpu = node.gpu();
    gpu.device.pushErrorScope('validation');
    const conv = kernelFor(gpu, ConvolveAxisKernel).kernel;
    const comb = kernelFor(gpu, CombineVolumesKernel);
    conv.pipeline('convolve_axis');
    for (const POOL of [0, 1, 2]) comb.kernel.pipeline('accumulate', { POOL });
    comb.kernel.pipeline('scale');
    comb.kernel.pipeline('absolute');
    const dec = kernelFor(gpu, DecimateKernel).kernel;
    dec.pipeline('decimate');
    expect((await gpu.device.popErrorScope())?.message ?? null).toBeNull();
    for (const k of [conv, comb.kernel, dec]) expect(await k.compilationMessages(), k.label).toEqual([]);
  });

  gpuMapTests(covered.filter((t) => !t.params.rotation_invariance), () => node.gpu());
});

/** A deterministic pseudo-random volume (values in [-100, 100)). */
function noiseVolume(dims: Vec3, seed: number): Volume {
  const n = dims[0] * dims[1] * dims[2];
  const data = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = Math.fround((s / 2 ** 32) * 200 - 100);
  }
  return { dims, spacing: [1, 1.5, 2], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data };
}

describe('GPU 1D passes vs applyAxisPass: every padding, axis, tap count, dilation, kernels longer than the line', () => {
  const dims: Vec3 = [7, 5, 6];
  const image = noiseVolume(dims, 20261128);
  const passes: [string, AxisPass][] = [
    ['odd 3, centred', correlationPass([0.25, 0.5, -0.75], 1)],
    ['even 4, convolution (wavelet alignment)', convolutionPass([-0.1294, 0.2241, 0.8365, 0.483], 2)],
    ['even 2, dilation 4 (a trous)', convolutionPass([0.7071, -0.7071], 1, 4)],
    ['odd 15 > every line, off-centre', correlationPass(Array.from({ length: 15 }, (_, j) => Math.sin(j + 1)), 3)],
    ['odd 5, dilation 3, left < 0', { taps: Float64Array.from([1, -2, 3, -4, 5]), left: -2, dilation: 3 }],
  ];
  for (const padding of PADDING_MODES) {
    it(`${padding} padding`, async () => {
      for (const [name, p] of passes) {
        for (const axis of [0, 1, 2] as const) {
          const chains: AxisPass[][] = [[], [], []];
          chains[axis] = [p];
          const twin = applySeparable(Float64Array.from(image.data), dims, chains, padding);
          const gpu = await filterOnGpu(node.gpu(), image, { kind: 'passes', chains, padding });
          expect(relativeToRange(gpu.data, twin), `${name}, axis ${axis}`).toBeLessThanOrEqual(1e-5);
        }
      }
      // a chain of 5 passes over all axes in one submit (ping-pong)
      const chains = [[passes[0][1], passes[2][1]], [passes[1][1]], [passes[3][1], passes[4][1]]];
      const twin = applySeparable(Float64Array.from(image.data), dims, chains, padding);
      const gpu = await filterOnGpu(node.gpu(), image, { kind: 'passes', chains, padding });
      expect(relativeToRange(gpu.data, twin), 'chain').toBeLessThanOrEqual(1e-5);
    });
  }

  it('decimated wavelets (no IBSI 2 map): the twin grid, spacing and values, levels 1-2, 2D and 3D', async () => {
    const volume = noiseVolume([9, 8, 5], 7);
    for (const [subband, level] of [['HLH', 1], ['LLH', 2], ['HL', 2]] as const) {
      const options = { wavelet: 'db2', subband, level, decimated: true, padding: 'mirror' as const, rotationInvariance: null };
      const twin = separableWavelet(volume, options);
      const gpu = await filterOnGpu(node.gpu(), volume, { kind: 'wavelet', options });
      expect(gpu.dims, subband).toEqual(twin.dims);
      expect(gpu.spacing, subband).toEqual(twin.spacing);
      expect(relativeToRange(gpu.data, twin.data), `${subband} level ${level}`).toBeLessThanOrEqual(1e-5);
    }
  });
});
