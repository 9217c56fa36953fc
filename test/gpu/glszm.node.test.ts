/** GLSZM kernel (shaders/glszm.wgsl) against its CPU twin, bit for bit. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adversarialZoneVolumes, greyLevelsArbitrary } from './cases.js';
import { useNodeGpu } from './node-gpu-setup.js';
import { referenceCases } from './reference-cases.js';
import { REFERENCE_SETTINGS, SETTINGS_ARBITRARY, TEXTURE_TWINS, textureMismatch, textureProperty } from './twins.js';

const node = useNodeGpu();
const twin = TEXTURE_TWINS.glszm;

describe('GLSZM kernel in Node (Dawn)', () => {
  it('equals the twin on the IBSI phantom and on brain1, 2D and 3D', async () => {
    for (const c of await referenceCases()) {
      for (const s of REFERENCE_SETTINGS.glszm) {
        expect(await textureMismatch(node.gpu(), twin, c.grey, s), `${c.name} ${JSON.stringify(s)}`).toBeNull();
      }
    }
  });

  it('equals the twin on random volumes of many sizes, shapes and grey-level counts', async () => {
    await fc.assert(textureProperty(node.gpu(), twin, SETTINGS_ARBITRARY.glszm, greyLevelsArbitrary(24, 64)), { numRuns: 40, seed: 20261203 });
  });

  it('assembles zones larger than the dense columns from the overflow list, on worst-case zone shapes', async () => {
    for (const grey of adversarialZoneVolumes()) {
      for (const dimension of ['2d', '3d'] as const) {
        for (const connectivity of dimension === '3d' ? ([6, 18, 26] as const) : ([4, 8] as const)) {
          for (const denseColumns of [undefined, 1, 5]) {
            const s = { dimension, connectivity, denseColumns };
            expect(await textureMismatch(node.gpu(), twin, grey, s), `${grey.dims} ${JSON.stringify(s)}`).toBeNull();
          }
        }
      }
    }
  });
});
