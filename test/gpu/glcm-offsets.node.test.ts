/**
 * The texture kernels with neighbours given as offset lists, against their CPU twins, bit for bit: the GLCM kernel's
 * offsets form (PyRadiomics' GLCM: one matrix per offset, any distances, symmetric or not; twin
 * computeGlcmByOffsets) and the NGTDM / NGLDM kernels with explicit offsets (gapped distances such as [2], offsets
 * out of the plane, PyRadiomics' isolated voxels; twins computeNgtdm / computeNgldm).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GreyLevels } from '../../src/core/discretise.js';
import { computeGlcmByOffsets } from '../../src/core/matrices/glcm-offsets.js';
import { computeNgldm } from '../../src/core/matrices/ngldm.js';
import { computeNgtdm } from '../../src/core/matrices/ngtdm.js';
import { pyradiomicsOffsets } from '../../src/core/matrices/pyradiomics-angles.js';
import { glcmOffsetsOnGpu } from '../../src/gpu/glcm.js';
import { ngldmOnGpu } from '../../src/gpu/ngldm.js';
import { ngtdmOnGpu } from '../../src/gpu/ngtdm.js';
import { greyLevelsArbitrary } from './cases.js';
import { useNodeGpu } from './node-gpu-setup.js';
import { referenceCases } from './reference-cases.js';

const node = useNodeGpu();

/** 1 to 30 offsets with components in -3..3 (the zero offset and offsets past the grid included). */
const offsetsArbitrary = fc
  .array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 30 })
  .map((list) => Int32Array.from(list.flat()));

/** PyRadiomics' angle sets: distances, both signs or one, force2D axis or none. */
const anglesArbitrary = fc.record({
  distances: fc.constantFrom([1], [2], [1, 2], [3], [1, 3]),
  bidirectional: fc.boolean(),
  axis: fc.constantFrom(null, 0, 1, 2),
});

function anglesFor(grey: GreyLevels, a: { distances: readonly number[]; bidirectional: boolean; axis: number | null }): Int32Array {
  return pyradiomicsOffsets(grey.dims, a.distances, a.bidirectional, a.axis);
}

async function expectGlcm(grey: GreyLevels, offsets: Int32Array, symmetric: boolean): Promise<void> {
  const gpu = await glcmOffsetsOnGpu(node.gpu(), grey, { offsets, symmetric });
  const cpu = computeGlcmByOffsets(grey, offsets, symmetric);
  expect(gpu.length).toBe(cpu.length);
  expect(gpu).toEqual(cpu);
}

describe('GLCM kernel, offsets form (Dawn)', () => {
  it('equals computeGlcmByOffsets on the IBSI phantom and brain1: PyRadiomics distances [1, 2] and [2], symmetric and not', async () => {
    let nonEmpty = 0;
    for (const c of await referenceCases()) {
      for (const distances of [[1], [1, 2], [2]]) {
        for (const symmetric of [true, false]) {
          const offsets = pyradiomicsOffsets(c.grey.dims, distances, false, null);
          await expectGlcm(c.grey, offsets, symmetric);
          nonEmpty++;
        }
      }
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(6);
  });

  it('non-symmetric counts are one-sided: the matrix of +d is the transpose of that of -d', async () => {
    const [c] = await referenceCases();
    const offsets = Int32Array.from([2, 1, 0, -2, -1, 0]);
    const m = await glcmOffsetsOnGpu(node.gpu(), c.grey, { offsets, symmetric: false });
    const ng = c.grey.ng;
    let total = 0;
    let asymmetric = false;
    for (let i = 0; i < ng; i++) {
      for (let j = 0; j < ng; j++) {
        expect(m[i * ng + j]).toBe(m[ng * ng + j * ng + i]);
        if (m[i * ng + j] !== m[j * ng + i]) asymmetric = true;
        total += m[i * ng + j];
      }
    }
    expect(total).toBeGreaterThan(0);
    expect(asymmetric).toBe(true);
  });

  it('equals the twin on random volumes with random offset lists, symmetric and not', async () => {
    await fc.assert(
      fc.asyncProperty(greyLevelsArbitrary(12, 24), offsetsArbitrary, fc.boolean(), async (grey, offsets, symmetric) => expectGlcm(grey, offsets, symmetric)),
      { numRuns: 40, seed: 20261128 },
    );
  });

  it('equals the twin on random volumes with PyRadiomics angle sets', async () => {
    await fc.assert(
      fc.asyncProperty(greyLevelsArbitrary(12, 24), anglesArbitrary, fc.boolean(), async (grey, angles, symmetric) => expectGlcm(grey, anglesFor(grey, angles), symmetric)),
      { numRuns: 30, seed: 20261129 },
    );
  });
});

describe('NGTDM and NGLDM kernels with offset lists (Dawn)', () => {
  it('equal the twins on brain1 with PyRadiomics distances [2] (a shell, not a ball) and [1, 2] (countIsolated on)', async () => {
    const brain1 = (await referenceCases()).find((c) => /brain1/.test(c.name))!;
    expect(brain1).toBeDefined();
    for (const distances of [[2], [1, 2]]) {
      const offsets = pyradiomicsOffsets(brain1.grey.dims, distances, true, null);
      const ngtdm = { dimension: '3d' as const, distance: Math.max(...distances), offsets, countIsolated: true };
      expect(await ngtdmOnGpu(node.gpu(), brain1.grey, ngtdm)).toEqual(computeNgtdm(brain1.grey, ngtdm));
      const ngldm = { dimension: '3d' as const, distance: Math.max(...distances), offsets, alpha: 0 };
      expect(await ngldmOnGpu(node.gpu(), brain1.grey, ngldm)).toEqual(computeNgldm(brain1.grey, ngldm));
    }
  });

  it('equal the twins on random volumes with random offset lists, 2D and 3D matrices', async () => {
    await fc.assert(
      fc.asyncProperty(
        greyLevelsArbitrary(10, 20),
        offsetsArbitrary,
        fc.constantFrom('2d' as const, '3d' as const),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 }),
        async (grey, offsets, dimension, countIsolated, alpha) => {
          const ngtdm = { dimension, distance: 1, offsets, countIsolated };
          expect(await ngtdmOnGpu(node.gpu(), grey, ngtdm)).toEqual(computeNgtdm(grey, ngtdm));
          const ngldm = { dimension, distance: 1, offsets, alpha };
          expect(await ngldmOnGpu(node.gpu(), grey, ngldm)).toEqual(computeNgldm(grey, ngldm));
        },
      ),
      { numRuns: 30, seed: 20261130 },
    );
  });
});
