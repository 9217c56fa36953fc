/**
 * The GPU Fourier-domain filters (gabor-gpu.ts, simoncelli-gpu.ts over fft-axis.wgsl and fft-planes.wgsl) in
 * Chromium's WebGPU (SwiftShader where there is no GPU): one Gabor row (4.b.1, mirror padding) and one Simoncelli
 * row (8.a.2) against the core twin (within 1e-5 of the twin's range) and the IBSI 2 reference map (within the
 * row's voxel tolerance), and the FFT itself (both the workgroup and the line-per-invocation radix-2, and the
 * direct DFT) against the f64 FFT. Every Gabor / Simoncelli row runs in Node (filters-ibsi2-fft.node.test.ts).
 */
import { expect } from 'chai';
import { fft3d } from '../../src/core/fft/fft.js';
import type { Vec3 } from '../../src/core/volume.js';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.js';
import { FftAxisKernel, fftVolumeOnGpu } from '../../src/gpu/fft-axis.js';
import { kernelFor } from '../../src/gpu/kernel.js';
import type { GpuCounters } from '../../src/gpu/readback.js';
import { load, rows } from './ibsi2-browser-rows.js';
import { gpuFftFilterForTest, relativeToRange, runOnGpu, twinOfAny } from './filters-ibsi2-rows.js';

const ROWS = ['4.b.1', '8.a.2'];

describe('GPU Gabor and Simoncelli in Chromium (WebGPU)', () => {
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
      const filter = gpuFftFilterForTest(row);
      expect(filter, `${id} is covered`).to.not.equal(null);
      const [image, reference] = await Promise.all([load(row.image), load(row.map)]);
      const twin = twinOfAny(filter!, image);
      const counters: GpuCounters = { submits: 0, readbacks: 0 };
      gpu!.device.pushErrorScope('validation');
      const out = await runOnGpu(gpu!, image, filter!, counters);
      expect(await gpu!.device.popErrorScope()).to.equal(null);
      expect(counters).to.deep.equal({ submits: 1, readbacks: 1 });
      expect(out.dims).to.deep.equal(reference.dims);
      expect(relativeToRange(out.data, twin.data), `${id} GPU vs twin`).to.be.at.most(1e-5);
      let worst = 0;
      for (let i = 0; i < reference.data.length; i++) worst = Math.max(worst, Math.abs(out.data[i] - reference.data[i]));
      expect(worst, `${id} GPU vs reference`).to.be.at.most(row.tolerance);
    });
  }

  it('FFT along every axis vs the f64 FFT: radix-2 per workgroup and per invocation, direct DFT, forward and inverse', async () => {
    const kernel = kernelFor(gpu!, FftAxisKernel);
    const saved = kernel.linePerInvocation;
    try {
      for (const [dims, linePerInvocation] of [
        [[32, 16, 8], false],
        [[32, 16, 8], true],
        [[12, 7, 5], false],
      ] as [Vec3, boolean][]) {
        kernel.linePerInvocation = linePerInvocation;
        const n = dims[0] * dims[1] * dims[2];
        const re = Float64Array.from({ length: n }, (_, i) => Math.fround(Math.sin(i * 12.9898)));
        const im = Float64Array.from({ length: n }, (_, i) => Math.fround(Math.cos(i * 78.233)));
        const fr = Float64Array.from(re);
        const fi = Float64Array.from(im);
        fft3d(fr, fi, dims);
        const fwd = await fftVolumeOnGpu(gpu!, re, im, dims, [0, 1, 2], false);
        const back = await fftVolumeOnGpu(gpu!, fr, fi, dims, [0, 1, 2], true);
        let big = 0;
        let errF = 0;
        let errB = 0;
        for (let i = 0; i < n; i++) {
          big = Math.max(big, Math.abs(fr[i]), Math.abs(fi[i]));
          errF = Math.max(errF, Math.abs(fwd.re[i] - fr[i]), Math.abs(fwd.im[i] - fi[i]));
          errB = Math.max(errB, Math.abs(back.re[i] - re[i]), Math.abs(back.im[i] - im[i]));
        }
        const name = `${dims.join('x')}${linePerInvocation ? ' per invocation' : ''}`;
        expect(errF / big, `${name} forward`).to.be.below(1e-6);
        expect(errB, `${name} inverse`).to.be.below(1e-6);
      }
    } finally {
      kernel.linePerInvocation = saved;
    }
  });
});
