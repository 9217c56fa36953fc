/** Registers one vitest case per IBSI 2 test id of a filter that has a reference map. */
import { expect, it } from 'vitest';
import { compareToMap, filterForTest, ibsi2Tests, loadImage } from './ibsi2.js';

export function ibsi2MapTests(filter: string): void {
  const tests = ibsi2Tests().filter((t) => t.filter === filter && t.map !== null);
  if (tests.length === 0) throw new Error(`no IBSI 2 test with a map for filter ${filter}`);
  for (const t of tests) {
    it(`${t.id}: ${t.phantom}, ${t.dimensionality}, ${t.padding} padding, every voxel within ${t.tolerance.toPrecision(4)}`, async () => {
      const run = filterForTest(t);
      expect(run, `${t.id} has no filter mapping`).not.toBeNull();
      const [image, reference] = await Promise.all([loadImage(t.phantomImage), loadImage(t.map!)]);
      const out = run!(image);
      expect(out.dims).toEqual(reference.dims);
      const c = compareToMap(out, reference);
      const [nx, ny] = reference.dims;
      const at = [c.worstIndex % nx, Math.floor(c.worstIndex / nx) % ny, Math.floor(c.worstIndex / (nx * ny))];
      if (process.env.IBSI2_REPORT) {
        console.log(`IBSI2 ${t.id} max|err| ${c.maxAbsError.toExponential(3)} tol ${t.tolerance.toExponential(3)} ratio ${(c.maxAbsError / t.tolerance).toFixed(4)}`);
      }
      expect(
        c.maxAbsError,
        `${t.id}: worst voxel (${at.join(', ')}) computed ${c.computed} vs reference ${c.reference}`,
      ).toBeLessThanOrEqual(t.tolerance);
    });
  }
}
