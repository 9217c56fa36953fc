/** GLRLM kernel (shaders/glrlm.wgsl) against its CPU twin, bit for bit. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greyLevelsArbitrary } from './cases.js';
import { useNodeGpu } from './node-gpu-setup.js';
import { referenceCases } from './reference-cases.js';
import { REFERENCE_SETTINGS, SETTINGS_ARBITRARY, TEXTURE_TWINS, textureMismatch, textureProperty } from './twins.js';

const node = useNodeGpu();
const twin = TEXTURE_TWINS.glrlm;

describe('GLRLM kernel in Node (Dawn)', () => {
  it('equals the twin on the IBSI phantom and on brain1, 2D and 3D', async () => {
    for (const c of await referenceCases()) {
      for (const s of REFERENCE_SETTINGS.glrlm) {
        expect(await textureMismatch(node.gpu(), twin, c.grey, s), `${c.name} ${JSON.stringify(s)}`).toBeNull();
      }
    }
  });

  it('equals the twin on random volumes of many sizes, shapes and grey-level counts', async () => {
    await fc.assert(textureProperty(node.gpu(), twin, SETTINGS_ARBITRARY.glrlm, greyLevelsArbitrary(24, 64)), { numRuns: 30, seed: 20261203 });
  });
});
