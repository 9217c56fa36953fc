/** NGTDM kernel (shaders/ngtdm.wgsl) against its CPU twin, bit for bit. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greyLevelsArbitrary } from './cases.js';
import { useNodeGpu } from './node-gpu-setup.js';
import { referenceCases } from './reference-cases.js';
import { REFERENCE_SETTINGS, SETTINGS_ARBITRARY, TEXTURE_TWINS, textureMismatch, textureProperty } from './twins.js';

const node = useNodeGpu();
const twin = TEXTURE_TWINS.ngtdm;

describe('NGTDM kernel in Node (Dawn)', () => {
  it('equals the twin on the IBSI phantom and on brain1, 2D and 3D', async () => {
    for (const c of await referenceCases()) {
      for (const s of REFERENCE_SETTINGS.ngtdm) {
        expect(await textureMismatch(node.gpu(), twin, c.grey, s), `${c.name} ${JSON.stringify(s)}`).toBeNull();
      }
    }
  });

  it('equals the twin on random volumes of many sizes, shapes and grey-level counts', async () => {
    await fc.assert(textureProperty(node.gpu(), twin, SETTINGS_ARBITRARY.ngtdm, greyLevelsArbitrary(24, 200)), { numRuns: 30, seed: 20261203 });
  });

  it('carries |iW - S| sums past 2^32 exactly (u64 on the GPU)', async () => {
    // 3D checkerboard of levels 1 and 2000: every interior voxel adds 27986 to one entry; ~364k voxels each
    const n = 90;
    const levels = new Uint32Array(n * n * n);
    for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) levels[x + n * (y + n * z)] = (x + y + z) % 2 ? 2000 : 1;
    const grey = { dims: [n, n, n] as [number, number, number], spacing: [1, 1, 1] as [number, number, number], levels, ng: 2000, count: n * n * n };
    const settings = { dimension: '3d' as const, distance: 1 };
    const cpu = twin.cpu(grey, settings) as { absDiff: Float64Array };
    expect(Math.max(...cpu.absDiff)).toBeGreaterThan(2 ** 32);
    expect(await textureMismatch(node.gpu(), twin, grey, settings)).toBeNull();
  });
});
