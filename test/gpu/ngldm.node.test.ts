/** NGLDM kernel (shaders/ngldm.wgsl) against its CPU twin, bit for bit. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greyLevelsArbitrary } from './cases.js';
import { useNodeGpu } from './node-gpu-setup.js';
import { referenceCases } from './reference-cases.js';
import { REFERENCE_SETTINGS, SETTINGS_ARBITRARY, TEXTURE_TWINS, textureMismatch, textureProperty } from './twins.js';

const node = useNodeGpu();
const twin = TEXTURE_TWINS.ngldm;

describe('NGLDM kernel in Node (Dawn)', () => {
  it('equals the twin on the IBSI phantom and on brain1, 2D and 3D', async () => {
    for (const c of await referenceCases()) {
      for (const s of REFERENCE_SETTINGS.ngldm) {
        expect(await textureMismatch(node.gpu(), twin, c.grey, s), `${c.name} ${JSON.stringify(s)}`).toBeNull();
      }
    }
  });

  it('equals the twin on random volumes of many sizes, shapes and grey-level counts', async () => {
    await fc.assert(textureProperty(node.gpu(), twin, SETTINGS_ARBITRARY.ngldm, greyLevelsArbitrary(24, 300)), { numRuns: 30, seed: 20261203 });
  });

  it('uses workgroup histograms for small ng and global atomics for large ng, with equal results', async () => {
    // ng * 27 fits 16 KiB of workgroup memory up to ng = 151 (3D)
    await fc.assert(textureProperty(node.gpu(), twin, SETTINGS_ARBITRARY.ngldm, greyLevelsArbitrary(20, 4)), { numRuns: 10, seed: 7 });
    await fc.assert(textureProperty(node.gpu(), twin, SETTINGS_ARBITRARY.ngldm, greyLevelsArbitrary(20, 3000)), { numRuns: 10, seed: 8 });
  });
});
