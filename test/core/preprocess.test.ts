/** Preprocessing: normalisation, re-segmentation, cropping, interpolators and resampling grids. */
import { beforeAll, describe, expect, it } from 'vitest';
import { cropVolume, padBox } from '../../src/core/preprocess/crop.js';
import { boundingBox } from '../../src/core/preprocess/geometry.js';
import { bsplineInterpolator } from '../../src/core/preprocess/bspline.js';
import { linearInterpolator, nearestInterpolator, roundHalfUp } from '../../src/core/preprocess/interpolate.js';
import { normaliseImage } from '../../src/core/preprocess/normalise.js';
import { ibsiGrid, pyradiomicsGrid, resampleVolume } from '../../src/core/preprocess/resample.js';
import { resegmentMask } from '../../src/core/preprocess/resegment.js';
import { maskFromLabels, type Geometry, type Mask, type Vec3, type Volume } from '../../src/core/volume.js';
import { readImageFile } from '../../src/io/read-image-node.js';
import { sharedPath } from '../helpers/refdata.js';

function grid(dims: Vec3, f: (x: number, y: number, z: number) => number, spacing: Vec3 = [1, 1, 1]): Volume {
  const data = new Float64Array(dims[0] * dims[1] * dims[2]);
  for (let z = 0, i = 0; z < dims[2]; z++) for (let y = 0; y < dims[1]; y++) for (let x = 0; x < dims[0]; x++, i++) data[i] = f(x, y, z);
  return { dims, spacing, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data };
}

describe('normalisation (PyRadiomics / SimpleITK Normalize)', () => {
  it('centres on the image mean and divides by the sample standard deviation, then scales', () => {
    const img = grid([4, 1, 1], (x) => [1, 2, 3, 10][x]);
    const out = normaliseImage(img, { enabled: true, scale: 100, removeOutliers: null });
    const sd = Math.sqrt(((1 - 4) ** 2 + (2 - 4) ** 2 + (3 - 4) ** 2 + 36) / 3);
    expect(out.data[3]).toBeCloseTo((100 * 6) / sd, 12);
    expect(Array.from(out.data).reduce((a, v) => a + v, 0)).toBeCloseTo(0, 10);
  });

  it('clips to +-removeOutliers before scaling', () => {
    const img = grid([5, 1, 1], (x) => (x === 4 ? 100 : x));
    const out = normaliseImage(img, { enabled: true, scale: 2, removeOutliers: 1 });
    expect(out.data[4]).toBe(2);
    expect(Math.min(...out.data)).toBeGreaterThanOrEqual(-2);
  });
});

describe('re-segmentation', () => {
  const img = grid([6, 1, 1], (x) => [0, 10, 20, 30, 40, NaN][x]);
  const mask: Mask = { ...img, data: Uint8Array.from([1, 1, 1, 1, 1, 1]) };
  it('keeps an inclusive absolute range, drops NaN', () => {
    const r = resegmentMask(img, mask, { range: { lower: 10, upper: 30, mode: 'absolute' }, sigma: null, applyToShape: false });
    expect(Array.from(r.data)).toEqual([0, 1, 1, 1, 0, 0]);
  });
  it('scales relative thresholds by the ROI maximum', () => {
    const r = resegmentMask(img, mask, { range: { lower: 0.5, upper: null, mode: 'relative' }, sigma: null, applyToShape: false });
    expect(Array.from(r.data)).toEqual([0, 0, 1, 1, 1, 0]);
  });
  it('filters outliers with the population standard deviation', () => {
    // values 0..40: mean 20, population sd sqrt(200) = 14.14; 1 sd keeps 10, 20, 30
    const r = resegmentMask(img, mask, { range: null, sigma: { lower: -1, upper: 1 }, applyToShape: false });
    expect(Array.from(r.data)).toEqual([0, 1, 1, 1, 0, 0]);
  });
});

describe('cropping', () => {
  it('crops to the bounding box with padding within the image, moving the origin', () => {
    const img = { ...grid([5, 5, 5], (x, y, z) => x + 10 * y + 100 * z), origin: [10, 20, 30] as Vec3, spacing: [2, 2, 2] as Vec3 };
    const box = padBox({ lo: [1, 1, 1], hi: [1, 2, 4] }, 1, img.dims);
    expect(box).toEqual({ lo: [0, 0, 0], hi: [2, 3, 4] });
    const c = cropVolume(img, { lo: [1, 1, 1], hi: [2, 2, 2] });
    expect(c.dims).toEqual([2, 2, 2]);
    expect(c.origin).toEqual([12, 22, 32]);
    expect(Array.from(c.data)).toEqual([111, 112, 121, 122, 211, 212, 221, 222]);
  });
});

describe('interpolators (ITK semantics)', () => {
  it('rounds half up for nearest neighbour', () => {
    expect([0.5, 1.5, -0.5, 2.4999999, -1.5].map(roundHalfUp)).toEqual([1, 2, 0, 2, -1]);
    const img = grid([3, 1, 1], (x) => 10 * x);
    expect(nearestInterpolator(img)(1.5, 0, 0)).toBe(20);
  });

  it('linear interpolation is exact for linear functions and clamps at the upper edge', () => {
    const f = (x: number, y: number, z: number) => 1 + 2 * x - 3 * y + 0.5 * z;
    const lin = linearInterpolator(grid([4, 4, 4], f));
    expect(lin(1.25, 2.5, 0.75)).toBeCloseTo(f(1.25, 2.5, 0.75), 12);
    expect(lin(3.4, 0, 0)).toBe(f(3, 0, 0));
  });

  it('cubic B-spline interpolation passes through the samples', () => {
    const img = grid([9, 7, 5], (x, y, z) => Math.sin(x) * 50 + y * y - 3 * z);
    const b = bsplineInterpolator(img, [0, 0, 0], [8, 6, 4]);
    for (const [x, y, z] of [[0, 0, 0], [4, 3, 2], [8, 6, 4], [1, 5, 3]]) {
      expect(b.evaluate(x, y, z)).toBeCloseTo(img.data[x + 9 * (y + 7 * z)], 8);
    }
    // between samples it follows a smooth function closely
    expect(b.evaluate(4.5, 3, 2)).toBeCloseTo(Math.sin(4.5) * 50 + 9 - 6, 0);
  });

  it('casts to the input voxel type as SimpleITK does (truncation toward zero)', () => {
    const img: Volume = { ...grid([3, 1, 1], () => 0), data: Int16Array.from([0, 5, -6]) };
    const target: Geometry = { dims: [2, 1, 1], spacing: [1, 1, 1], origin: [0.5, 0, 0], direction: img.direction };
    const cast = resampleVolume(img, target, { interpolator: 'linear', outside: 'default', rounding: 'input-type' });
    expect(cast.data).toBeInstanceOf(Int16Array);
    expect(Array.from(cast.data)).toEqual([2, 0]); // 2.5 -> 2, -0.5 -> 0
    const kept = resampleVolume(img, target, { interpolator: 'linear', outside: 'default', rounding: 'none' });
    expect(Array.from(kept.data)).toEqual([2.5, -0.5]);
    const rounded = resampleVolume(img, target, { interpolator: 'linear', outside: 'default', rounding: 'round' });
    expect(Array.from(rounded.data)).toEqual([3, -0]);
  });

  it('gives 0 outside the input (SimpleITK default) or the nearest edge value (clamp)', () => {
    const img = grid([3, 1, 1], (x) => 10 + x);
    const target: Geometry = { dims: [2, 1, 1], spacing: [1, 1, 1], origin: [-1, 0, 0], direction: img.direction };
    expect(Array.from(resampleVolume(img, target, { interpolator: 'linear', outside: 'default', rounding: 'none' }).data)).toEqual([0, 10]);
    expect(Array.from(resampleVolume(img, target, { interpolator: 'linear', outside: 'clamp', rounding: 'none' }).data)).toEqual([10, 10]);
  });
});

describe('resampling grids', () => {
  let labels: Volume;
  beforeAll(async () => {
    labels = await readImageFile(sharedPath('refdata/pyradiomics/brain1/brain1_label.nrrd'));
  });

  it("PyRadiomics' grid for brain1 at 2 mm: ROI bounding box plus 5 voxels, anchored at the first voxel corner", () => {
    const mask = maskFromLabels(labels, 1);
    const { lo, hi } = boundingBox(mask.data, mask.dims)!;
    const { spacing, grid: g } = pyradiomicsGrid(mask, lo, hi, [2, 2, 2], 5);
    expect(spacing).toEqual([2, 2, 2]);
    expect(g.dims).toEqual([30, 39, 34]);
    expect(g.origin[0]).toBeCloseTo(17, 9);
    expect(g.origin[1]).toBeCloseTo(45, 9);
    expect(g.origin[2]).toBeCloseTo(-22.25, 9);
    expect(g.direction).toEqual(mask.direction);
  });

  it('PyRadiomics keeps the spacing along axes where the ROI is one voxel thick and where 0 is given', () => {
    const g: Geometry = { dims: [10, 10, 10], spacing: [1, 1, 3], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
    expect(pyradiomicsGrid(g, [2, 2, 4], [6, 6, 4], [2, 2, 2], 0).spacing).toEqual([2, 2, 3]);
    expect(pyradiomicsGrid(g, [2, 2, 3], [6, 6, 4], [0, 2, 1], 0).spacing).toEqual([1, 2, 1]);
  });

  it("IBSI's grid keeps the grid centre and rounds the voxel count up", () => {
    const g: Geometry = { dims: [5, 4, 4], spacing: [2, 2, 2], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
    const r = ibsiGrid(g, [3, 3, 3]);
    expect(r.dims).toEqual([4, 3, 3]);
    for (let k = 0; k < 3; k++) {
      const oldCentre = g.origin[k] + ((g.dims[k] - 1) * g.spacing[k]) / 2;
      const newCentre = r.origin[k] + ((r.dims[k] - 1) * r.spacing[k]) / 2;
      expect(newCentre).toBeCloseTo(oldCentre, 12);
    }
  });

  it('resampling onto the input grid reproduces the input for every interpolator', () => {
    const img = grid([6, 5, 4], (x, y, z) => x * x + 2 * y - z + 0.25);
    for (const interpolator of ['nearest', 'linear', 'bspline'] as const) {
      const out = resampleVolume(img, img, { interpolator, outside: 'default', rounding: 'none' });
      for (let i = 0; i < img.data.length; i++) expect(out.data[i]).toBeCloseTo(img.data[i], 8);
    }
  });
});
