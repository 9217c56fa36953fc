import { describe, expect, it } from 'vitest';
import { morphologyFeatureRecords } from '../../src/core/features/morphology.js';
import {
  centreOfMassShift,
  ellipsoidSurfaceArea,
  principalMoments,
  symmetricEigenvalues3,
} from '../../src/core/features/morphology-measures.js';
import { spatialAutocorrelation, spatialAutocorrelationDirect } from '../../src/core/features/spatial-autocorrelation.js';
import type { Mask, Vec3, Volume } from '../../src/core/volume.js';

function roi(dims: Vec3, spacing: Vec3, inside: (x: number, y: number, z: number) => boolean, value: (x: number) => number) {
  const n = dims[0] * dims[1] * dims[2];
  const geometry = { dims, spacing, origin: [0, 0, 0] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const mask: Mask = { ...geometry, data: new Uint8Array(n) };
  const image: Volume = { ...geometry, data: new Float64Array(n) };
  for (let z = 0, i = 0; z < dims[2]; z++) {
    for (let y = 0; y < dims[1]; y++) {
      for (let x = 0; x < dims[0]; x++, i++) {
        mask.data[i] = inside(x, y, z) ? 1 : 0;
        image.data[i] = value(x);
      }
    }
  }
  return { mask, image };
}

const byCode = (input: ReturnType<typeof roi>) =>
  Object.fromEntries(morphologyFeatureRecords(input).map((r) => [r.ibsi_code, r.value]));

describe('morphology on degenerate ROIs', () => {
  it('computes a one-voxel ROI without crashing; axis ratios and autocorrelation are NaN', () => {
    const f = byCode(roi([3, 3, 3], [2, 2, 2], (x, y, z) => x === 1 && y === 1 && z === 1, () => 5));
    expect(f.RNU0).toBeCloseTo(8 / 6, 12); // octahedron of a 2 mm voxel
    expect(f.YEKZ).toBe(8);
    expect(f.L0JK).toBeCloseTo(2, 12); // opposite octahedron vertices
    expect(f.TDIC).toBe(0);
    expect(f.Q3CK).toBeNaN();
    expect(f.N17B).toBeNaN();
    expect(f['6BDE']).toBeNaN();
    expect(f.RDD2).toBeNaN();
    expect(f.KLMA).toBe(0);
    expect(f['99N0']).toBeCloseTo((5 * 8) / 6, 12);
    expect(f.N365).toBeNaN();
    expect(f.NPT7).toBeNaN();
    expect(f.R3ER).toBeCloseTo(1, 12); // an octahedron is convex
  });

  it('gives NaN spatial autocorrelation for a constant ROI and NaN everything for an empty one', () => {
    const constant = byCode(roi([4, 3, 2], [1, 1, 1], () => true, () => 3));
    expect(constant.N365).toBeNaN();
    expect(constant.KLMA).toBeCloseTo(0, 12);
    expect(constant.RNU0).toBeGreaterThan(0);
    const empty = byCode(roi([2, 2, 2], [1, 1, 1], () => false, () => 1));
    expect(empty.YEKZ).toBe(0);
    for (const [code, v] of Object.entries(empty)) if (code !== 'YEKZ') expect(v, code).toBeNaN();
  });
});

describe('morphology measures', () => {
  it('computes Moran I = -1 and Geary C = 1 for two voxels of different intensity', () => {
    const r = spatialAutocorrelationDirect(Float64Array.from([0, 0, 0, 3, 4, 0]), Float64Array.from([1, 5]));
    expect(r.moranI).toBeCloseTo(-1, 12);
    expect(r.gearyC).toBeCloseTo(1, 12);
  });

  it('gets Moran I and Geary C from FFT correlation exactly as from all pairs (anisotropic grid, holes)', () => {
    const dims: Vec3 = [9, 7, 5];
    const spacing: Vec3 = [0.7, 1.1, 2.5];
    let seed = 3;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const mask = Uint8Array.from({ length: 315 }, () => (rand() < 0.6 ? 1 : 0));
    const image = Float64Array.from({ length: 315 }, (_, i) => Math.sin(i / 7) * 10 + rand());
    const direct = spatialAutocorrelation(image, mask, dims, spacing, 'direct');
    const fft = spatialAutocorrelation(image, mask, dims, spacing, 'fft');
    expect(Math.abs(fft.moranI / direct.moranI - 1)).toBeLessThan(1e-10);
    expect(Math.abs(fft.gearyC / direct.gearyC - 1)).toBeLessThan(1e-10);
    expect(spatialAutocorrelation(image, new Uint8Array(315), dims, spacing, 'fft').moranI).toBeNaN();
  });

  it('finds eigenvalues of a symmetric matrix and principal moments of a point set', () => {
    const ev = symmetricEigenvalues3([
      [2, 1, 0],
      [1, 2, 0],
      [0, 0, 5],
    ]).sort((a, b) => a - b);
    expect(ev[0]).toBeCloseTo(1, 12);
    expect(ev[1]).toBeCloseTo(3, 12);
    expect(ev[2]).toBeCloseTo(5, 12);
    // points (+-1, 0, 0), (0, +-2, 0): sum of squares 2 along x, 8 along y, none along z
    const pts = Float64Array.from([-1, 0, 0, 1, 0, 0, 0, -2, 0, 0, 2, 0]);
    expect(principalMoments(pts, 'population')).toEqual([2, 0.5, 0]);
    const sample = principalMoments(pts, 'sample');
    expect(sample[0]).toBeCloseTo(8 / 3, 12);
    expect(sample[1]).toBeCloseTo(2 / 3, 12);
  });

  it('evaluates IBSI\'s ellipsoid surface series: exact for a sphere, term by term otherwise', () => {
    expect(ellipsoidSurfaceArea(2, 2, 2)).toBeCloseTo(4 * Math.PI * 4, 12);
    // direct evaluation of 4 pi a b sum_{nu <= 20} (alpha beta)^nu / (1 - 4 nu^2) P_nu(x) with Legendre's recurrence
    const [a, b, c] = [5, 4, 3];
    const alpha = Math.sqrt(1 - (b * b) / (a * a));
    const beta = Math.sqrt(1 - (c * c) / (a * a));
    const x = (alpha * alpha + beta * beta) / (2 * alpha * beta);
    const p = [1, x];
    for (let n = 1; n < 20; n++) p.push(((2 * n + 1) * x * p[n] - n * p[n - 1]) / (n + 1));
    const series = p.reduce((sum, pn, nu) => sum + ((alpha * beta) ** nu / (1 - 4 * nu * nu)) * pn, 0);
    expect(ellipsoidSurfaceArea(a, b, c)).toBeCloseTo(4 * Math.PI * a * b * series, 9);
    // the printed series is not the exact area (a 3:2 prolate spheroid: 2 pi b^2 (1 + a asin(e) / (b e)) is 12 %
    // larger); the IBSI consensus (phantom area density 1.36) follows the series, so it is kept as printed
    const e = Math.sqrt(1 - 4 / 9);
    const exact = 2 * Math.PI * 4 * (1 + (3 / (2 * e)) * Math.asin(e));
    expect(ellipsoidSurfaceArea(3, 2, 2) / exact).toBeCloseTo(0.8768, 3);
    expect(ellipsoidSurfaceArea(0, 0, 0)).toBeNaN();
  });

  it('measures the centre of mass shift in mm', () => {
    const pts = Float64Array.from([0, 0, 0, 4, 0, 0]);
    expect(centreOfMassShift(pts, pts, Float64Array.from([1, 3]))).toBeCloseTo(1, 12);
    expect(centreOfMassShift(pts, pts, Float64Array.from([1, -1]))).toBeNaN();
  });
});
