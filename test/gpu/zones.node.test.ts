/**
 * Zone labelling (shaders/zones.wgsl) read back directly: the roots are exactly the first voxels of the twin's
 * zones (forEachZone visits zones in the order of their smallest voxel index) and carry the twin's zone sizes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GreyLevels } from '../../src/core/discretise.js';
import type { TextureDimension } from '../../src/core/directions.js';
import type { Connectivity } from '../../src/core/matrices/neighbourhood.js';
import { forEachZone } from '../../src/core/matrices/zones.js';
import { BufferPool } from '../../src/gpu/buffer-pool.js';
import { kernelFor } from '../../src/gpu/kernel.js';
import { uploadGreyLevels } from '../../src/gpu/one-shot.js';
import { submitAndRead } from '../../src/gpu/readback.js';
import { ZonesKernel } from '../../src/gpu/zones.js';
import { adversarialZoneVolumes, greyLevelsArbitrary } from './cases.js';
import { useNodeGpu } from './node-gpu-setup.js';

const node = useNodeGpu();

async function zoneMismatch(grey: GreyLevels, dimension: TextureDimension, connectivity: Connectivity): Promise<string | null> {
  const gpu = node.gpu();
  const pool = new BufferPool(gpu);
  const encoder = gpu.device.createCommandEncoder({ label: 'ZonesTest.encoder' });
  const zones = kernelFor(gpu, ZonesKernel).encode(encoder, pool, uploadGreyLevels(gpu, pool, grey), grey, dimension, connectivity);
  const out = { reads: [zones.labels, zones.sizes].map((b) => ({ buffer: b.buffer, bytes: b.size })), decode: (w: readonly Uint32Array[]) => w.map((a) => a.slice()) };
  const [[labels, sizes]] = await submitAndRead<[Uint32Array[]]>(gpu, pool, encoder, [out]);
  pool.destroy();

  const [nx, ny] = grey.dims;
  const expected = new Map<number, number>();
  // forEachZone reports zones in seed order; rebuild the seeds by replaying its scan over unvisited voxels
  const seeds: number[] = [];
  for (let v = 0; v < grey.levels.length; v++) if (grey.levels[v] && labels[v] === v) seeds.push(v);
  let k = 0;
  let failure: string | null = null;
  forEachZone(grey, dimension, connectivity, null, (slice, level, size) => {
    const seed = seeds[k++];
    if (failure || seed === undefined) return;
    if (grey.levels[seed] !== level || sizes[seed] !== size || (dimension === '2d' && Math.floor(seed / (nx * ny)) !== slice)) {
      failure = `zone ${k}: GPU root ${seed} (level ${grey.levels[seed]}, size ${sizes[seed]}) vs twin level ${level}, size ${size}`;
    }
    expected.set(seed, size);
  });
  if (failure) return failure;
  if (k !== seeds.length) return `${seeds.length} GPU zones vs ${k} twin zones`;
  for (let v = 0; v < grey.levels.length; v++) {
    if (grey.levels[v] && grey.levels[labels[v]] !== grey.levels[v]) return `voxel ${v} labelled with a root of another level`;
  }
  return null;
}

describe('zone labelling kernel in Node (Dawn)', () => {
  it('finds the twin zones on worst-case shapes, for every connectivity', async () => {
    for (const grey of adversarialZoneVolumes()) {
      for (const [dimension, connectivity] of [['3d', 26], ['3d', 18], ['3d', 6], ['2d', 8], ['2d', 4]] as const) {
        expect(await zoneMismatch(grey, dimension, connectivity), `${grey.dims} ${dimension} ${connectivity}`).toBeNull();
      }
    }
  });

  it('finds the twin zones on random volumes', async () => {
    const settings = fc.constantFrom(['3d', 26], ['3d', 18], ['3d', 6], ['2d', 8], ['2d', 4]) as fc.Arbitrary<[TextureDimension, Connectivity]>;
    await fc.assert(
      fc.asyncProperty(greyLevelsArbitrary(24, 6), settings, async (grey, [dimension, connectivity]) => {
        expect(await zoneMismatch(grey, dimension, connectivity)).toBeNull();
      }),
      { numRuns: 30, seed: 20261206 },
    );
  });
});
