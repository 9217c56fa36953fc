import { describe, expect, it } from 'vitest';
import { rasteriseContours } from '../../src/core/mask/rasterise-contours.js';
import type { Geometry } from '../../src/core/volume.js';
import { IDENTITY, obliqueDirection, rectangleContour, voxelToLps } from '../helpers/dicom-synth.js';

const AXIAL: Geometry = { dims: [10, 8, 4], spacing: [0.7, 0.9, 2.5], origin: [-20, 15, 40], direction: IDENTITY };
const OBLIQUE: Geometry = { ...AXIAL, direction: obliqueDirection(25, -15) };

/** The voxels (i, j) set on slice k, as "i,j" strings. */
function voxels(data: Uint8Array, g: Geometry, k: number): string[] {
  const out: string[] = [];
  const [nx, ny] = g.dims;
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) if (data[i + nx * (j + ny * k)]) out.push(`${i},${j}`);
  return out;
}

function box(i0: number, i1: number, j0: number, j1: number): string[] {
  const out: string[] = [];
  for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) out.push(`${i},${j}`);
  return out;
}

function minus(a: string[], b: string[]): string[] {
  return a.filter((x) => !b.includes(x));
}

describe('rasteriseContours', () => {
  for (const [name, grid] of [
    ['an axial', AXIAL],
    ['an oblique', OBLIQUE],
  ] as const) {
    it(`fills the voxel centres inside a rectangle on ${name} grid, and only its slice`, () => {
      const r = rasteriseContours(grid, [{ points: rectangleContour(grid, 2, 1.5, 2.5, 4.5, 5.5) }]);
      expect(r.warnings).toEqual([]);
      expect(r.slices).toEqual([2]);
      expect(voxels(r.mask.data, grid, 2)).toEqual(box(2, 4, 3, 5));
      for (const k of [0, 1, 3]) expect(voxels(r.mask.data, grid, k)).toEqual([]);
      expect(r.mask.dims).toEqual(grid.dims);
      expect(r.mask.direction).toEqual(grid.direction);
    });
  }

  it('makes a contour inside another a hole with the even-odd rule, whatever the orientation', () => {
    for (const clockwise of [false, true]) {
      const r = rasteriseContours(AXIAL, [
        { points: rectangleContour(AXIAL, 1, 0.5, 0.5, 8.5, 6.5) },
        { points: rectangleContour(AXIAL, 1, 2.5, 2.5, 5.5, 4.5, clockwise) },
      ]);
      expect(voxels(r.mask.data, AXIAL, 1)).toEqual(minus(box(1, 8, 1, 6), box(3, 5, 3, 4)));
    }
  });

  it('with the non-zero rule, fills a same-direction inner contour and leaves an opposite one as a hole', () => {
    const outer = { points: rectangleContour(AXIAL, 1, 0.5, 0.5, 8.5, 6.5) };
    const same = rasteriseContours(AXIAL, [outer, { points: rectangleContour(AXIAL, 1, 2.5, 2.5, 5.5, 4.5) }], { fillRule: 'nonzero' });
    expect(voxels(same.mask.data, AXIAL, 1)).toEqual(box(1, 8, 1, 6));
    const opposite = rasteriseContours(AXIAL, [outer, { points: rectangleContour(AXIAL, 1, 2.5, 2.5, 5.5, 4.5, true) }], { fillRule: 'nonzero' });
    expect(voxels(opposite.mask.data, AXIAL, 1)).toEqual(minus(box(1, 8, 1, 6), box(3, 5, 3, 4)));
  });

  it('draws several islands on one slice and contours on several slices', () => {
    const r = rasteriseContours(AXIAL, [
      { points: rectangleContour(AXIAL, 0, 0.5, 0.5, 2.5, 2.5) },
      { points: rectangleContour(AXIAL, 0, 5.5, 4.5, 7.5, 6.5) },
      { points: rectangleContour(AXIAL, 3, 3.5, 3.5, 4.5, 4.5) },
    ]);
    expect(voxels(r.mask.data, AXIAL, 0)).toEqual([...box(1, 2, 1, 2), ...box(6, 7, 5, 6)].sort(byRow));
    expect(voxels(r.mask.data, AXIAL, 3)).toEqual(['4,4']);
    expect(r.slices).toEqual([0, 3]);
  });

  it('fills a triangle by voxel centres (half-open rule on shared edges)', () => {
    // Two triangles sharing the diagonal of a square: each voxel of the square belongs to exactly one of them.
    const grid = AXIAL;
    const a = [voxelToLps(grid, 0.5, 0.5, 1), voxelToLps(grid, 6.5, 0.5, 1), voxelToLps(grid, 6.5, 6.5, 1)].flat();
    const b = [voxelToLps(grid, 0.5, 0.5, 1), voxelToLps(grid, 6.5, 6.5, 1), voxelToLps(grid, 0.5, 6.5, 1)].flat();
    const ra = rasteriseContours(grid, [{ points: a }]).mask.data;
    const rb = rasteriseContours(grid, [{ points: b }]).mask.data;
    const both = voxels(ra, grid, 1).filter((v) => voxels(rb, grid, 1).includes(v));
    expect(both).toEqual([]);
    expect([...voxels(ra, grid, 1), ...voxels(rb, grid, 1)].sort(byRow)).toEqual(box(1, 6, 1, 6));
  });

  it('skips, with a warning each, contours off the slice planes, outside the slices or with too few points', () => {
    const tilted = [...voxelToLps(AXIAL, 1, 1, 1), ...voxelToLps(AXIAL, 4, 1, 1), ...voxelToLps(AXIAL, 4, 4, 2)];
    const r = rasteriseContours(
      AXIAL,
      [{ points: tilted }, { points: rectangleContour(AXIAL, 7, 1.5, 1.5, 3.5, 3.5) }, { points: voxelToLps(AXIAL, 1, 1, 1) }],
      { name: 'GTV' },
    );
    expect(r.warnings).toEqual([
      'GTV: contour 3 has 1 point(s): not a polygon, skipped',
      'GTV: contour 1 not parallel to the image slices: skipped',
      "GTV: contour 2 outside the image's slice range: skipped",
    ]);
    expect(r.mask.data.every((v) => v === 0)).toBe(true);
  });

  it('draws a contour lying between two slices on the nearest, with a warning', () => {
    const r = rasteriseContours(AXIAL, [{ points: rectangleContour(AXIAL, 1.4, 1.5, 1.5, 3.5, 3.5), label: 'z=43.5' }]);
    expect(r.warnings).toEqual(['z=43.5 between two image slices: drawn on the nearest']);
    expect(voxels(r.mask.data, AXIAL, 1)).toEqual(box(2, 3, 2, 3));
  });
});

function byRow(a: string, b: string): number {
  const [ai, aj] = a.split(',').map(Number);
  const [bi, bj] = b.split(',').map(Number);
  return aj - bj || ai - bi;
}
