/**
 * The GPU FFT (shaders/fft-axis.wgsl via src/gpu/fft-axis.ts) against the project's f64 FFT (src/core/fft/fft.ts):
 * random complex volumes, forward and inverse, power-of-two lengths (radix-2 in workgroup memory, up to 2048)
 * and other lengths (direct DFT), whole axes and cropped line sets, and the device-limit error.
 */
import { describe, expect, it } from 'vitest';
import { Fft, fft3d } from '../../src/core/fft/fft.js';
import type { Vec3 } from '../../src/core/volume.js';
import { GpuLimitError } from '../../src/gpu/device.js';
import { BufferPool } from '../../src/gpu/buffer-pool.js';
import { axisLines, FftAxisKernel, fftVolumeOnGpu } from '../../src/gpu/fft-axis.js';
import { bound, kernelFor } from '../../src/gpu/kernel.js';
import { submitAndRead } from '../../src/gpu/readback.js';
import { useNodeGpu } from './node-gpu-setup.js';

const node = useNodeGpu();

/** Deterministic pseudo-random values in [-1, 1), already representable in f32. */
function noise(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = Math.fround((s / 2 ** 32) * 2 - 1);
  }
  return out;
}

/** max |gpu - twin| over re and im, relative to the largest |twin| component. */
function relError(gpu: { re: Float64Array; im: Float64Array }, re: Float64Array, im: Float64Array): number {
  let worst = 0;
  let big = 0;
  for (let i = 0; i < re.length; i++) {
    big = Math.max(big, Math.abs(re[i]), Math.abs(im[i]));
    worst = Math.max(worst, Math.abs(gpu.re[i] - re[i]), Math.abs(gpu.im[i] - im[i]));
  }
  return worst / big;
}

describe('GPU FFT along axes vs the f64 FFT (Dawn)', () => {
  it('compiles every entry point cleanly', async () => {
    const gpu = node.gpu();
    gpu.device.pushErrorScope('validation');
    const k = kernelFor(gpu, FftAxisKernel);
    const saved = k.linePerInvocation;
    for (const linePerInvocation of [false, true]) {
      k.linePerInvocation = linePerInvocation;
      for (const inverse of [false, true]) k.pipelineFor(64, inverse);
    }
    k.linePerInvocation = saved;
    k.pipelineFor(20, false);
    expect((await gpu.device.popErrorScope())?.message ?? null).toBeNull();
    expect(await k.kernel.compilationMessages()).toEqual([]);
  });

  /** Runs `body` with the line-per-workgroup and then the line-per-invocation radix-2. */
  async function bothRadix2(body: (mode: string) => Promise<void>): Promise<void> {
    const k = kernelFor(node.gpu(), FftAxisKernel);
    const saved = k.linePerInvocation;
    try {
      for (const linePerInvocation of [false, true]) {
        k.linePerInvocation = linePerInvocation;
        await body(linePerInvocation ? 'line per invocation' : 'line per workgroup');
      }
    } finally {
      k.linePerInvocation = saved;
    }
  }

  const volumes: [string, Vec3][] = [
    ['power-of-two 16x8x32', [16, 8, 32]],
    ['odd 20x18x9 (direct DFT)', [20, 18, 9]],
    ['mixed 64x1x5', [64, 1, 5]],
  ];
  for (const [name, dims] of volumes) {
    it(`3D forward then inverse, ${name}`, async () => {
      const n = dims[0] * dims[1] * dims[2];
      const re = noise(n, 11);
      const im = noise(n, 12);
      const fr = Float64Array.from(re);
      const fi = Float64Array.from(im);
      fft3d(fr, fi, dims);
      await bothRadix2(async (mode) => {
        const fwd = await fftVolumeOnGpu(node.gpu(), re, im, dims, [0, 1, 2], false);
        expect(relError(fwd, fr, fi), `forward, ${mode}`).toBeLessThan(1e-6);
        const back = await fftVolumeOnGpu(node.gpu(), fr, fi, dims, [0, 1, 2], true);
        expect(relError(back, re, im), `inverse of the f64 spectrum, ${mode}`).toBeLessThan(1e-6);
      });
    });
  }

  for (const n of [2, 2048]) {
    it(`one axis of length ${n} (radix-2, several butterflies per invocation), forward and inverse`, async () => {
      const dims: Vec3 = [n, 3, 1];
      const re = noise(3 * n, n);
      const im = noise(3 * n, n + 1);
      for (const inverse of [false, true]) {
        const fr = Float64Array.from(re);
        const fi = Float64Array.from(im);
        const f = new Fft(n);
        for (let l = 0; l < 3; l++) f.transform(fr.subarray(l * n, (l + 1) * n), fi.subarray(l * n, (l + 1) * n), inverse);
        await bothRadix2(async (mode) => {
          const gpu = await fftVolumeOnGpu(node.gpu(), re, im, dims, [0], inverse);
          expect(relError(gpu, fr, fi), `${inverse ? 'inverse' : 'forward'}, ${mode}`).toBeLessThan(2e-6);
        });
      }
    });
  }

  it('a cropped line set (axisLines range) transforms only those lines', async () => {
    const dims: Vec3 = [8, 6, 3];
    const n = dims[0] * dims[1] * dims[2];
    const re = noise(n, 3);
    const im = noise(n, 4);
    const gpu = node.gpu();
    // lines along x whose y lies in [2, 5): the others keep their values
    const lines = axisLines(dims, 0, { axis: 1, start: 2, count: 3 });
    expect(lines).toEqual({ n: 8, stride: 1, offset: 16, counts: [3, 3], strides: [8, 48] });
    const pool = new BufferPool(gpu);
    try {
      const words = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) [words[2 * i], words[2 * i + 1]] = [re[i], im[i]];
      const data = bound(pool.upload('Test.fft', words, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC), words.byteLength);
      const encoder = gpu.device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      kernelFor(gpu, FftAxisKernel).encode(pass, pool, data, lines, false);
      pass.end();
      const [out] = await submitAndRead<[Float32Array]>(gpu, pool, encoder, [
        { reads: [{ buffer: data.buffer, bytes: n * 8 }], decode: ([w]) => new Float32Array(w.buffer, w.byteOffset, 2 * n).slice() },
      ]);
      const f = new Fft(8);
      for (let z = 0; z < 3; z++) {
        for (let y = 0; y < 6; y++) {
          const at = 8 * (y + 6 * z);
          const lr = re.slice(at, at + 8);
          const li = im.slice(at, at + 8);
          if (y >= 2 && y < 5) f.transform(lr, li);
          for (let x = 0; x < 8; x++) {
            expect(Math.abs(out[2 * (at + x)] - lr[x]), `x ${x} y ${y} z ${z}`).toBeLessThan(1e-5);
            expect(Math.abs(out[2 * (at + x) + 1] - li[x]), `x ${x} y ${y} z ${z}`).toBeLessThan(1e-5);
          }
        }
      }
    } finally {
      pool.destroy();
    }
  });

  it('refuses a line longer than the workgroup memory holds (GpuLimitError)', async () => {
    const gpu = node.gpu();
    const n = 2 * (gpu.limits.maxComputeWorkgroupStorageSize / 8);
    await expect(fftVolumeOnGpu(gpu, new Float64Array(n), new Float64Array(n), [n, 1, 1], [0], false)).rejects.toThrow(GpuLimitError);
  });
});
