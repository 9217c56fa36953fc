import { describe, expect, it } from 'vitest';
import { convexHull } from '../../src/core/mesh/convex-hull.js';
import { latticeLineExtremes } from '../../src/core/mesh/lattice-extremes.js';
import { isClosedOriented, meshArea, meshSignedVolume } from '../../src/core/mesh/mesh-measures.js';

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Largest signed distance of any point above any hull face (0 or below for a correct hull). */
function worstOutside(points: Float64Array, triangles: Uint32Array): number {
  let worst = -Infinity;
  for (let t = 0; t < triangles.length; t += 3) {
    const [a, b, c] = [3 * triangles[t], 3 * triangles[t + 1], 3 * triangles[t + 2]];
    const u = [points[b] - points[a], points[b + 1] - points[a + 1], points[b + 2] - points[a + 2]];
    const v = [points[c] - points[a], points[c + 1] - points[a + 1], points[c + 2] - points[a + 2]];
    const n = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
    const len = Math.hypot(n[0], n[1], n[2]);
    if (len === 0) continue;
    for (let i = 0; i < points.length; i += 3) {
      const d = (n[0] * (points[i] - points[a]) + n[1] * (points[i + 1] - points[a + 1]) + n[2] * (points[i + 2] - points[a + 2])) / len;
      worst = Math.max(worst, d);
    }
  }
  return worst;
}

describe('convex hull', () => {
  it('handles the massive coplanarity of lattice points (a 6 x 6 x 6 grid of points)', () => {
    const pts: number[] = [];
    for (let z = 0; z <= 5; z++) for (let y = 0; y <= 5; y++) for (let x = 0; x <= 5; x++) pts.push(x, y, z);
    const points = Float64Array.from(pts);
    const hull = convexHull(points);
    expect(isClosedOriented(hull.triangles, points.length / 3)).toBe(true);
    expect(meshSignedVolume(points, hull.triangles)).toBeCloseTo(125, 9);
    expect(meshArea(points, hull.triangles)).toBeCloseTo(150, 9);
    expect(worstOutside(points, hull.triangles)).toBeLessThan(1e-9);
    // the 8 corners are hull vertices; coplanar boundary points may be too, interior points never
    expect(hull.vertices.length).toBeGreaterThanOrEqual(8);
    for (const v of hull.vertices) {
      const onBoundary = [0, 1, 2].some((k) => points[3 * v + k] === 0 || points[3 * v + k] === 5);
      expect(onBoundary).toBe(true);
    }
  });

  it('encloses random points and agrees with the pre-filtered candidate set', () => {
    const rand = lcg(7);
    const points = Float64Array.from({ length: 3 * 3000 }, () => rand() * 10 - 5);
    const hull = convexHull(points);
    expect(isClosedOriented(hull.triangles, points.length / 3)).toBe(true);
    expect(worstOutside(points, hull.triangles)).toBeLessThan(1e-9);
    // a ball of lattice points: filtering to line extremes must not change the hull
    const lattice: number[] = [];
    for (let z = -8; z <= 8; z++) for (let y = -8; y <= 8; y++) for (let x = -8; x <= 8; x++) if (x * x + y * y + z * z <= 64) lattice.push(x, y, z);
    const lat = Int32Array.from(lattice);
    const ball = Float64Array.from(lattice);
    const candidates = latticeLineExtremes(lat);
    expect(candidates.length).toBeLessThan(lat.length / 3 / 2);
    const full = convexHull(ball);
    const filtered = convexHull(ball, candidates);
    expect(meshSignedVolume(ball, filtered.triangles)).toBeCloseTo(meshSignedVolume(ball, full.triangles), 9);
    expect(meshArea(ball, filtered.triangles)).toBeCloseTo(meshArea(ball, full.triangles), 9);
  });

  it('returns an empty hull for fewer than 4 points or coplanar input', () => {
    expect(convexHull(Float64Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0])).triangles.length).toBe(0);
    expect(convexHull(Float64Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 2, 3, 0])).triangles.length).toBe(0);
  });
});
