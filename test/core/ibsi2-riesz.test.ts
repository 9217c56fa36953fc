/**
 * IBSI 2 Riesz tests 9.a, 9.b.1 and 10.b.1. Their parameters are UNKNOWN in the stored test table (the manual was
 * not available). The parameters below were identified by a search over the discrete choices (LoG sigma in
 * {1, 1.5, 2, 2.5, 3, 5} voxels, Simoncelli level 1-3, every Riesz order |l| <= 2 (3 for 10.b.1), real or imaginary
 * part): exactly one choice per map falls inside the tolerance, and it is the one used here. So these cases check
 * the implementation against the maps under inferred parameters, a weaker claim than the other IBSI 2 tests.
 * Tests 9.b.2, 10.a and 10.b.2 (structure-tensor aligned Riesz) have no consensus map and are not run.
 */
import { describe, expect, it } from 'vitest';
import type { Volume } from '../../src/core/volume.js';
import { laplacianOfGaussian } from '../../src/core/filters/laplacian-of-gaussian.js';
import { rieszTransform } from '../../src/core/filters/riesz.js';
import { simoncelliWavelet } from '../../src/core/filters/simoncelli.js';
import { compareToMap, ibsi2Test, loadImage } from '../helpers/ibsi2.js';

const log3mm = (v: Volume) =>
  laplacianOfGaussian(v, { sigmaMm: 3, truncationSigmas: 4, padding: 'zero', dimensionality: '3d' });

const CASES: { id: string; what: string; run: (v: Volume) => Volume }[] = [
  {
    id: '9.a',
    what: 'LoG sigma 3 mm (zero padding), first-order Riesz l = (1, 0, 0)',
    run: (v) => rieszTransform(log3mm(v), { order: [1, 0, 0], padding: 'zero', marginVoxels: 16 }),
  },
  {
    id: '9.b.1',
    what: 'LoG sigma 3 mm (zero padding), second-order Riesz l = (0, 2, 0)',
    run: (v) => rieszTransform(log3mm(v), { order: [0, 2, 0], padding: 'zero', marginVoxels: 16 }),
  },
  {
    id: '10.b.1',
    what: 'Simoncelli level 1 (periodic), second-order Riesz l = (0, 2, 0)',
    run: (v) =>
      rieszTransform(simoncelliWavelet(v, { level: 1, padding: 'periodic', dimensionality: '3d' }), {
        order: [0, 2, 0],
        padding: 'periodic',
        marginVoxels: 0,
      }),
  },
];

describe('IBSI 2 Riesz filters vs reference response maps (inferred parameters)', () => {
  for (const c of CASES) {
    it(`${c.id}: ${c.what}`, async () => {
      const t = ibsi2Test(c.id);
      const [image, reference] = await Promise.all([loadImage(t.phantomImage), loadImage(t.map!)]);
      const r = compareToMap(c.run(image), reference);
      if (process.env.IBSI2_REPORT) {
        console.log(`IBSI2 ${c.id} max|err| ${r.maxAbsError.toExponential(3)} tol ${t.tolerance.toExponential(3)} ratio ${(r.maxAbsError / t.tolerance).toFixed(4)}`);
      }
      expect(r.maxAbsError).toBeLessThanOrEqual(t.tolerance);
    });
  }
  it.todo('9.b.2, 10.a, 10.b.2 (structure-tensor aligned Riesz): not run because IBSI 2 phase 1 gives no consensus reference map for them');
});
