/** Random grey-level volumes for GPU-vs-twin property tests (shared by the Node and browser GPU tests). */
import fc from 'fast-check';
import type { GreyLevels } from '../../src/core/discretise.js';

export function greyLevelsArbitrary(maxSide = 24, maxLevels = 64): fc.Arbitrary<GreyLevels> {
  return fc
    .record({
      nx: fc.integer({ min: 1, max: maxSide }),
      ny: fc.integer({ min: 1, max: maxSide }),
      nz: fc.integer({ min: 1, max: Math.max(1, maxSide / 2) }),
      ng: fc.integer({ min: 1, max: maxLevels }),
      roiFraction: fc.double({ min: 0.05, max: 1, noNaN: true }),
      seed: fc.integer(),
    })
    .map(({ nx, ny, nz, ng, roiFraction, seed }) => {
      const n = nx * ny * nz;
      const levels = new Uint32Array(n);
      let state = seed >>> 0 || 1;
      const next = () => {
        // xorshift32: deterministic per seed, so failures reproduce
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return (state >>> 0) / 4294967296;
      };
      let count = 0;
      for (let i = 0; i < n; i++) {
        if (next() < roiFraction) {
          levels[i] = 1 + Math.floor(next() * ng);
          count++;
        }
      }
      return { dims: [nx, ny, nz], spacing: [1, 1, 1], levels, ng, count } as GreyLevels;
    });
}
