/**
 * PyRadiomics' per-offset GLCM counts (matrices/glcm-offsets.ts) against a direct count with bounds checks, on
 * seeded random grids that take each of its loops: the 13-offset loop (few voxels per matrix entry), the
 * interleaved 13-offset loop (many voxels per entry), and the general loop (two distances), symmetric or not.
 */
import { describe, expect, it } from 'vitest';
import type { GreyLevels } from '../../src/core/discretise.js';
import { computeGlcmByOffsets } from '../../src/core/matrices/glcm-offsets.js';
import { pyradiomicsOffsets } from '../../src/core/matrices/pyradiomics-angles.js';
import type { Vec3 } from '../../src/core/volume.js';

/** A grid of `dims` whose voxels are in the ROI with probability `fill`, levels 1..ng; xorshift32 seeded. */
function randomGrey(dims: Vec3, ng: number, fill: number, seed: number): GreyLevels {
  let state = seed;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const levels = new Uint32Array(dims[0] * dims[1] * dims[2]);
  let count = 0;
  for (let i = 0; i < levels.length; i++) {
    if (next() < fill) {
      levels[i] = 1 + Math.floor(next() * ng);
      count++;
    }
  }
  return { dims, spacing: [1, 1, 1], levels, ng, count };
}

/** counts[a][i][j]: ROI voxels of level i whose neighbour at offset a is an ROI voxel of level j (+ transpose). */
function directCounts(g: GreyLevels, offsets: Int32Array, symmetric: boolean): Uint32Array {
  const [nx, ny, nz] = g.dims;
  const ng = g.ng;
  const na = offsets.length / 3;
  const out = new Uint32Array(na * ng * ng);
  for (let a = 0; a < na; a++) {
    const [dx, dy, dz] = offsets.subarray(3 * a, 3 * a + 3);
    for (let z = 0; z < nz; z++) {
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          const i = g.levels[x + nx * (y + ny * z)];
          const x2 = x + dx;
          const y2 = y + dy;
          const z2 = z + dz;
          if (i === 0 || x2 < 0 || y2 < 0 || z2 < 0 || x2 >= nx || y2 >= ny || z2 >= nz) continue;
          const j = g.levels[x2 + nx * (y2 + ny * z2)];
          if (j === 0) continue;
          out[a * ng * ng + (i - 1) * ng + (j - 1)]++;
          if (symmetric) out[a * ng * ng + (j - 1) * ng + (i - 1)]++;
        }
      }
    }
  }
  return out;
}

describe('GLCM counts per PyRadiomics offset', () => {
  const cases: { name: string; dims: Vec3; ng: number; fill: number; distances: number[] }[] = [
    { name: 'few voxels per entry (13-offset loop)', dims: [9, 8, 7], ng: 12, fill: 0.6, distances: [1] },
    { name: 'many voxels per entry (interleaved loop)', dims: [16, 15, 14], ng: 5, fill: 0.8, distances: [1] },
    { name: 'two distances (general loop)', dims: [10, 9, 8], ng: 6, fill: 0.7, distances: [1, 2] },
  ];
  for (const c of cases) {
    for (const symmetric of [true, false]) {
      it(`${c.name}, ${symmetric ? 'symmetric' : 'one-sided'}: equal to the direct count`, () => {
        const grey = randomGrey(c.dims, c.ng, c.fill, 12345 + c.ng);
        const offsets = pyradiomicsOffsets(grey.dims, c.distances, false, null);
        const expected = directCounts(grey, offsets, symmetric);
        const got = computeGlcmByOffsets(grey, offsets, symmetric);
        expect(got.length).toBe(expected.length);
        expect(Array.from(got)).toEqual(Array.from(expected));
        // not trivially empty: every offset holds pairs
        for (let a = 0; a < offsets.length / 3; a++) expect(expected.subarray(a * c.ng * c.ng, (a + 1) * c.ng * c.ng).some((v) => v > 0)).toBe(true);
      });
    }
  }
});
