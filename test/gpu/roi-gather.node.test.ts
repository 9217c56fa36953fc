/**
 * shaders/roi-gather.wgsl (src/gpu/roi-gather.ts): the words of f32 volumes at a voxel list, in the list's order,
 * packed volume after volume, bit for bit (NaN payloads and -0 included); and roiVoxelList from a mask or its runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mask, Vec3 } from '../../src/core/volume.js';
import { BufferPool } from '../../src/gpu/buffer-pool.js';
import { bound, kernelFor } from '../../src/gpu/kernel.js';
import { submitAndRead } from '../../src/gpu/readback.js';
import { RoiGatherKernel, roiVoxelList } from '../../src/gpu/roi-gather.js';
import { useNodeGpu } from './node-gpu-setup.js';

const node = useNodeGpu();

describe('ROI gather (Dawn)', () => {
  it('roiVoxelList: the mask voxels ascending, the same from the mask and from its x-runs', () => {
    const dims: Vec3 = [5, 3, 2];
    const data = Uint8Array.from({ length: 30 }, (_, i) => (i % 7 < 3 ? 1 : 0));
    const mask: Mask = { dims, spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data };
    const runs: number[] = [];
    for (let y = 0; y < 6; y++) {
      for (let x = 0; x < 5; x++) {
        const i = x + 5 * y;
        if (data[i] && (x === 0 || !data[i - 1])) runs.push(i);
        if (data[i] && (x === 4 || !data[i + 1])) runs.push(i + 1);
      }
    }
    const expected = [...data.keys()].filter((i) => data[i]);
    expect(Array.from(roiVoxelList(mask))).toEqual(expected);
    expect(Array.from(roiVoxelList(mask, Int32Array.from(runs)))).toEqual(expected);
  });

  it('gathers every listed voxel of several volumes into one buffer, bit for bit', async () => {
    const gpu = node.gpu();
    await fc.assert(
      fc.asyncProperty(
        fc.record({ nx: fc.integer({ min: 1, max: 40 }), ny: fc.integer({ min: 1, max: 9 }), nz: fc.integer({ min: 1, max: 5 }), volumes: fc.integer({ min: 1, max: 3 }), seed: fc.integer() }),
        async ({ nx, ny, nz, volumes, seed }) => {
          const n = nx * ny * nz;
          let x = seed >>> 0 || 1;
          const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
          const words = Array.from({ length: volumes }, () => Uint32Array.from({ length: n }, () => (next() * 2 ** 32) >>> 0));
          // special words: a NaN with a payload, -0
          words[0][0] = 0x7fc01234;
          if (n > 1) words[0][1] = 0x80000000;
          const list = Uint32Array.from([...Array(n).keys()].filter(() => next() < 0.6));
          const pool = new BufferPool(gpu);
          try {
            const kernel = kernelFor(gpu, RoiGatherKernel);
            const encoder = gpu.device.createCommandEncoder();
            const voxels = kernel.uploadVoxels(pool, list);
            const bytes = Math.max(4, list.length * volumes * 4);
            const out = bound(pool.acquire('test.gathered', bytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC), bytes);
            const pass = encoder.beginComputePass();
            words.forEach((w, k) => {
              const data = bound(pool.upload('test.volume', w, GPUBufferUsage.STORAGE), w.byteLength);
              kernel.encode(pass, pool, { data, dims: [nx, ny, nz] }, voxels, list.length, out, k * list.length);
            });
            pass.end();
            const [got] = await submitAndRead<[Uint32Array]>(gpu, pool, encoder, [{ reads: [{ buffer: out.buffer, bytes: list.length * volumes * 4 }], decode: ([w]) => w.slice() }]);
            const expected = new Uint32Array(list.length * volumes);
            words.forEach((w, k) => list.forEach((v, i) => (expected[k * list.length + i] = w[v])));
            expect(got).toEqual(expected);
          } finally {
            pool.destroy();
          }
        },
      ),
      { numRuns: 25, seed: 20261128 },
    );
  });
});
