import { describe, expect, it } from 'vitest';
import { marchingCubes } from '../../src/core/mesh/marching-cubes.js';
import { marchingCubesTable } from '../../src/core/mesh/marching-cubes-table.js';
import { convexHull } from '../../src/core/mesh/convex-hull.js';
import { boundingBoxExtents, isClosedOriented, meshArea, meshSignedVolume } from '../../src/core/mesh/mesh-measures.js';
import type { Vec3 } from '../../src/core/volume.js';

const volumeOf = (m: ReturnType<typeof marchingCubes>) => meshSignedVolume(m.vertices, m.triangles);
const areaOf = (m: ReturnType<typeof marchingCubes>) => meshArea(m.vertices, m.triangles);
const closed = (m: ReturnType<typeof marchingCubes>) => isClosedOriented(m.triangles, m.vertices.length / 3);

/** Deterministic pseudo-random binary mask. */
function randomMask(n: number, seed: number, density: number): Uint8Array {
  let s = seed;
  return Uint8Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 < density ? 1 : 0;
  });
}

describe('marching cubes on hand-made masks', () => {
  it('turns one voxel into the octahedron through its face centres', () => {
    const spacing: Vec3 = [1, 2, 3];
    const m = marchingCubes(Uint8Array.from([1]), [1, 1, 1], spacing);
    expect(m.vertices.length / 3).toBe(6);
    expect(m.triangles.length / 3).toBe(8);
    expect(closed(m)).toBe(true);
    // octahedron with semi-axes s/2: V = sx sy sz / 6, A = sqrt((sy sz)^2 + (sx sz)^2 + (sx sy)^2)
    expect(volumeOf(m)).toBeCloseTo(6 / 6, 12);
    expect(areaOf(m)).toBeCloseTo(Math.sqrt(36 + 9 + 4), 12);
    expect(boundingBoxExtents(m.vertices)).toEqual([1, 2, 3]);
  });

  it('gives a 1 x 1 x n rod a diamond cross-section capped by half-octahedra', () => {
    for (const n of [2, 5]) {
      const m = marchingCubes(new Uint8Array(n).fill(1), [n, 1, 1], [1, 1, 1]);
      expect(closed(m)).toBe(true);
      // prism: diamond of area 1/2 over length n - 1, plus two caps of 1/12 each
      expect(volumeOf(m)).toBeCloseTo(0.5 * (n - 1) + 1 / 6, 12);
      // 4 strips of width sqrt(1/2); the caps are 8 octahedron faces of sqrt(3)/8 each
      expect(areaOf(m)).toBeCloseTo(4 * Math.SQRT1_2 * (n - 1) + Math.sqrt(3), 12);
    }
  });

  it('makes a 2 x 2 x 2 block convex: the mesh equals the convex hull of its vertices', () => {
    const m = marchingCubes(new Uint8Array(8).fill(1), [2, 2, 2], [1, 1, 1]);
    expect(closed(m)).toBe(true);
    const hull = convexHull(m.vertices);
    expect(volumeOf(m)).toBeCloseTo(meshSignedVolume(m.vertices, hull.triangles), 12);
    expect(areaOf(m)).toBeCloseTo(meshArea(m.vertices, hull.triangles), 12);
    // the cube [-1/2, 3/2]^3 (volume 8) chamfered: 12 edge prisms (cross-section 1/8, length 1) and 8 corners
    // (corner box 1/8 minus the kept simplex 1/48): 8 - 12/8 - 8 * 5/48 = 17/3
    expect(volumeOf(m)).toBeCloseTo(17 / 3, 12);
  });

  it('closes the surface where the ROI touches the image border (padding)', () => {
    const m = marchingCubes(new Uint8Array(27).fill(1), [3, 3, 3], [1, 1, 1]);
    expect(closed(m)).toBe(true);
    expect(volumeOf(m)).toBeGreaterThan(0);
    expect(marchingCubes(new Uint8Array(8), [2, 2, 2], [1, 1, 1]).triangles.length).toBe(0);
  });

  for (const ambiguity of ['separate', 'join'] as const) {
    it(`is closed and outward-oriented for every cube case and random masks (${ambiguity})`, () => {
      const table = marchingCubesTable(ambiguity);
      expect(table.offsets[256]).toBe(table.edges.length);
      for (let c = 1; c < 255; c++) {
        const mask = Uint8Array.from({ length: 8 }, (_, n) => (c >> n) & 1);
        const m = marchingCubes(mask, [2, 2, 2], [1, 1, 1], { ambiguity });
        expect(closed(m), `case ${c}`).toBe(true);
        expect(volumeOf(m), `case ${c}`).toBeGreaterThan(0);
      }
      for (let seed = 1; seed <= 40; seed++) {
        const m = marchingCubes(randomMask(6 * 5 * 4, seed, 0.5), [6, 5, 4], [0.7, 1, 1.3], { ambiguity });
        if (m.triangles.length) expect(closed(m), `seed ${seed}`).toBe(true);
      }
    });
  }

  it('joins diagonal neighbours through the shared face only with ambiguity "join"', () => {
    // two voxels touching along an edge (face-diagonal neighbours in one slice)
    const mask = Uint8Array.from([0, 1, 1, 0]);
    const separate = marchingCubes(mask, [2, 2, 1], [1, 1, 1], { ambiguity: 'separate' });
    const join = marchingCubes(mask, [2, 2, 1], [1, 1, 1], { ambiguity: 'join' });
    expect(volumeOf(separate)).toBeCloseTo(2 / 6, 12); // two separate octahedra
    expect(volumeOf(join)).toBeGreaterThan(2 / 6);
  });
});
