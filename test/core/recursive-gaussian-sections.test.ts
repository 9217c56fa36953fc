/**
 * The parallel form of the recursive Gaussian (recursive-gaussian-sections.ts, what the GPU runs for wide filters)
 * is the same filter as the twin's direct form (recursiveGaussianLine): every order, sigmas from 0.3 to 50 voxels,
 * a line with an offset and edges that differ, both boundaries.
 */
import { describe, expect, it } from 'vitest';
import { recursiveGaussianSections, recursiveGaussianSectionsLine } from '../../src/core/filters/pyradiomics/recursive-gaussian-sections.js';
import { recursiveGaussianCoefficients, recursiveGaussianLine, recursiveGaussianPoles } from '../../src/core/filters/pyradiomics/recursive-gaussian.js';

function line(n: number): Float64Array {
  const x = new Float64Array(n);
  let s = 12345;
  let walk = 800;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    walk += (s / 2 ** 32 - 0.5) * 100;
    x[i] = walk;
  }
  return x;
}

describe('recursive Gaussian as complex first-order sections', () => {
  it('has the direct form poles: 1 + d1 u + ... + d4 u^4 = prod (1 - p u)', () => {
    for (const s of [0.5, 2, 10]) {
      const c = recursiveGaussianCoefficients(s, 1, 0, true);
      const [p1, p2] = recursiveGaussianPoles(s, 1);
      // (1 - 2 Re p u + |p|^2 u^2) for each pair, multiplied out
      const q1 = [1, -2 * p1[0], p1[0] ** 2 + p1[1] ** 2];
      const q2 = [1, -2 * p2[0], p2[0] ** 2 + p2[1] ** 2];
      const prod = [0, 0, 0, 0, 0];
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) prod[i + j] += q1[i] * q2[j];
      for (let k = 0; k < 4; k++) expect(prod[k + 1]).toBeCloseTo(c.d[k], 12);
    }
  });

  for (const order of [0, 1, 2] as const) {
    it(`order ${order}: equals recursiveGaussianLine within 1e-9 of the response range`, () => {
      for (const sigma of [0.3, 1, 2, 5, 10, 20, 50]) {
        const x = line(90);
        const c = recursiveGaussianCoefficients(sigma * 0.8, 0.8, order, true);
        const direct = new Float64Array(x.length);
        recursiveGaussianLine(x, direct, new Float64Array(x.length), x.length, c);
        const parallel = new Float64Array(x.length);
        recursiveGaussianSectionsLine(x, parallel, x.length, recursiveGaussianSections(sigma * 0.8, 0.8, c));
        const range = Math.max(...direct) - Math.min(...direct);
        const worst = Math.max(...direct.map((v, i) => Math.abs(v - parallel[i])));
        expect(worst / range, `sigma ${sigma} voxels`).toBeLessThan(1e-9);
      }
    });
  }
});
