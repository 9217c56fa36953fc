/**
 * The GPU separable filters (src/gpu/filter-gpu.ts: convolve-axis, combine-volumes, decimate WGSL) in Chromium's
 * WebGPU (SwiftShader where there is no GPU): IBSI 2 phase 1 rows of every covered filter kind against the core
 * twin (within 1e-5 of the twin's range) and the reference map (within the row's voxel tolerance), and the 1D
 * pass on every padding with a kernel longer than the image. The full list of rows runs in Node
 * (filters-ibsi2*.node.test.ts); SwiftShader in the browser is slower, so here one row per filter kind.
 */
import { expect } from 'chai';
import { correlationPass, convolutionPass } from '../../src/core/filters/axis-pass.js';
import { PADDING_MODES } from '../../src/core/filters/padding.js';
import type { Vec3, Volume } from '../../src/core/volume.js';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.js';
import { filterOnGpu } from '../../src/gpu/filter-gpu.js';
import { load, rows } from './ibsi2-browser-rows.js';
import { gpuFilterForTest, relativeToRange, twinOf } from './filters-ibsi2-rows.js';

/** one row per kind: 2D mean, 2D LoG, 2D Laws with rotation pooling and energy, db2 wavelet, haar level 2 pooled */
const ROWS = ['1.b.1', '2.c', '3.c.3', '5.a.1', '7.a.1'];

describe('GPU separable filters in Chromium (WebGPU)', () => {
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

  for (const id of ROWS) {
    it(`IBSI 2 ${id}: within 1e-5 of the twin's range and the row's tolerance of the reference map`, async () => {
      const row = (await rows()).find((r) => r.id === id)!;
      const filter = gpuFilterForTest(row);
      expect(filter, `${id} is covered`).to.not.equal(null);
      const [image, reference] = await Promise.all([load(row.image), load(row.map)]);
      const twin = twinOf(filter!, image);
      gpu!.device.pushErrorScope('validation');
      const out = await filterOnGpu(gpu!, image, filter!);
      expect(await gpu!.device.popErrorScope()).to.equal(null);
      expect(out.dims).to.deep.equal(reference.dims);
      expect(relativeToRange(out.data, twin.data), `${id} GPU vs twin`).to.be.at.most(1e-5);
      let worst = 0;
      for (let i = 0; i < reference.data.length; i++) worst = Math.max(worst, Math.abs(out.data[i] - reference.data[i]));
      expect(worst, `${id} GPU vs reference`).to.be.at.most(row.tolerance);
    });
  }

  it('1D passes on every padding: odd, even, dilated, and longer than the image, along each axis', async () => {
    const dims: Vec3 = [7, 5, 6];
    const n = dims[0] * dims[1] * dims[2];
    const data = Float64Array.from({ length: n }, (_, i) => Math.fround(Math.sin(i * 12.9898) * 100));
    const image: Volume = { dims, spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data };
    const passes = [
      correlationPass([0.25, 0.5, -0.75], 1),
      convolutionPass([-0.1294, 0.2241, 0.8365, 0.483], 2),
      convolutionPass([0.7071, -0.7071], 1, 4),
      correlationPass(Array.from({ length: 15 }, (_, j) => Math.cos(j)), 3),
    ];
    for (const padding of PADDING_MODES) {
      const chains = [[passes[0], passes[3]], [passes[1]], [passes[2], passes[3]]];
      const filter = { kind: 'passes' as const, chains, padding };
      const out = await filterOnGpu(gpu!, image, filter);
      expect(relativeToRange(out.data, twinOf(filter, image).data), padding).to.be.at.most(1e-5);
    }
  });
});
