/**
 * Building blocks of the PyRadiomics profile on hand-made inputs: angles, bin edges and numpy.digitize, the
 * eigenvalue solver behind MCC, marching squares (shape2D), the GLRLM single-line-angle rule and NGTDM's isolated
 * voxels.
 */
import { describe, expect, it } from 'vitest';
import { digitize, discretisePyradiomics, pyradiomicsBinEdges } from '../../src/core/discretise-pyradiomics.js';
import { extractPyradiomics } from '../../src/core/extract.js';
import { symmetricEigenvalues } from '../../src/core/features/pyradiomics/eigenvalues.js';
import { GLCM_PYRADIOMICS_FEATURES, glcmCoefficients } from '../../src/core/features/pyradiomics/glcm.js';
import { GLRLM_PYRADIOMICS_FEATURES } from '../../src/core/features/pyradiomics/level-count.js';
import { NGTDM_PYRADIOMICS_FEATURES } from '../../src/core/features/pyradiomics/ngtdm.js';
import { glrlmPyradiomics, ngtdmPyradiomics } from '../../src/core/features/pyradiomics/texture-classes.js';
import { pyradiomicsOffsets } from '../../src/core/matrices/pyradiomics-angles.js';
import { marchingSquares } from '../../src/core/mesh/marching-squares.js';
import { pyradiomicsDefaults } from '../../src/core/settings.js';
import type { Vec3, Volume } from '../../src/core/volume.js';
import { greyFromSlices } from '../helpers/grey-levels.js';

describe("PyRadiomics' angles", () => {
  it('counts 13 / 26 offsets at distance 1, 49 more at distance 2, and the in-plane subset with force2D', () => {
    const size: Vec3 = [9, 9, 9];
    expect(pyradiomicsOffsets(size, [1], false, null).length / 3).toBe(13);
    expect(pyradiomicsOffsets(size, [1], true, null).length / 3).toBe(26);
    expect(pyradiomicsOffsets(size, [2], false, null).length / 3).toBe(49);
    expect(pyradiomicsOffsets(size, [1, 2], false, null).length / 3).toBe(62);
    expect(pyradiomicsOffsets(size, [1], false, 2).length / 3).toBe(4);
    expect(pyradiomicsOffsets(size, [1], true, 0).length / 3).toBe(8);
  });

  it('starts with (dz, dy, dx) = (1, 1, 1), keeps the first non-zero component positive, drops moves beyond the box', () => {
    const o = pyradiomicsOffsets([9, 9, 9], [1], false, null);
    expect(Array.from(o.subarray(0, 3))).toEqual([1, 1, 1]);
    for (let k = 0; k < o.length; k += 3) {
      const first = [o[k + 2], o[k + 1], o[k]].find((v) => v !== 0)!;
      expect(first).toBe(1);
    }
    expect(pyradiomicsOffsets([5, 5, 1], [1], false, null).length / 3).toBe(4);
  });
});

describe('PyRadiomics bin edges and numpy.digitize', () => {
  it("matches PyRadiomics' documented example (54..166, width 25)", () => {
    expect(Array.from(pyradiomicsBinEdges(54, 166, { kind: 'fixed-bin-width', width: 25 }))).toEqual([50, 75, 100, 125, 150, 175, 200]);
    const edges = pyradiomicsBinEdges(54, 166, { kind: 'fixed-bin-width', width: 25 });
    expect([54, 74.9, 75, 166].map((x) => digitize(x, edges))).toEqual([1, 1, 2, 5]);
  });

  it('anchors negative values at multiples of the width (Python modulo)', () => {
    expect(Array.from(pyradiomicsBinEdges(-7, 3, { kind: 'fixed-bin-width', width: 5 }))).toEqual([-10, -5, 0, 5, 10]);
  });

  it('spaces bin-count edges as numpy.histogram and puts the maximum in the top bin', () => {
    const edges = pyradiomicsBinEdges(0, 10, { kind: 'fixed-bin-count', bins: 4 });
    expect(Array.from(edges)).toEqual([0, 2.5, 5, 7.5, 11]);
    expect([0, 2.5, 9.99, 10].map((x) => digitize(x, edges))).toEqual([1, 2, 4, 4]);
    expect(Array.from(pyradiomicsBinEdges(3, 3, { kind: 'fixed-bin-count', bins: 2 }))).toEqual([2.5, 3, 4.5]);
  });

  it('equals floor(x / W) - floor(min / W) + 1 on integer data', () => {
    const data = Float64Array.from({ length: 60 }, (_, k) => ((k * 37) % 101) - 20);
    const geometry = { dims: [60, 1, 1] as Vec3, spacing: [1, 1, 1] as Vec3, origin: [0, 0, 0] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
    const g = discretisePyradiomics({ ...geometry, data }, { ...geometry, data: new Uint8Array(60).fill(1) }, { kind: 'fixed-bin-width', width: 7 });
    const min = Math.min(...data);
    data.forEach((x, i) => expect(g.levels[i]).toBe(Math.floor(x / 7) - Math.floor(min / 7) + 1));
  });
});

describe('eigenvalues and MCC', () => {
  it('finds the eigenvalues of a symmetric tridiagonal matrix', () => {
    const n = 7;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
    }
    const expected = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1))).sort((x, y) => x - y);
    symmetricEigenvalues(a, n).forEach((v, k) => expect(v).toBeCloseTo(expected[k], 12));
  });

  it('gives MCC = sqrt of the second eigenvalue of Q(i,j) = sum_k p(i,k) p(j,k) / (p_x(i) p_y(k))', () => {
    const counts = [8, 2, 1, 2, 6, 3, 1, 3, 4];
    const mcc = GLCM_PYRADIOMICS_FEATURES.find((f) => f.name === 'MCC')!;
    const c = glcmCoefficients(counts, 3, Int32Array.from([1, 2, 3]))!;
    // Q directly (not symmetric), its characteristic polynomial's roots from the trace and the 2x2 minors
    const { p, px, py } = c;
    const q = (i: number, j: number) => [0, 1, 2].reduce((s, k) => s + (p[i * 3 + k] * p[j * 3 + k]) / (px[i] * py[k]), 0);
    const Q = [0, 1, 2].map((i) => [0, 1, 2].map((j) => q(i, j)));
    const tr = Q[0][0] + Q[1][1] + Q[2][2];
    const minors = Q[0][0] * Q[1][1] - Q[0][1] * Q[1][0] + Q[0][0] * Q[2][2] - Q[0][2] * Q[2][0] + Q[1][1] * Q[2][2] - Q[1][2] * Q[2][1];
    // the largest eigenvalue is 1; the other two solve x^2 - (tr - 1) x + (minors - (tr - 1)) = 0
    const b = tr - 1;
    const cc = minors - b;
    const second = (b + Math.sqrt(b * b - 4 * cc)) / 2;
    expect(mcc.compute(c)).toBeCloseTo(Math.sqrt(second), 12);
    expect(mcc.compute(glcmCoefficients([5], 1, Int32Array.from([1]))!)).toBe(1);
  });
});

describe('marching squares (shape2D outline)', () => {
  it('outlines one pixel as a diamond and a 3x3 block as a square with cut corners', () => {
    const one = marchingSquares([1], 1, 1, [1, 1]);
    expect(one.area).toBeCloseTo(0.5, 14);
    expect(one.perimeter).toBeCloseTo(4 * Math.SQRT1_2, 14);
    expect(one.lattice.length / 2).toBe(4);
    const block = marchingSquares(new Array(9).fill(1), 3, 3, [2, 1]);
    expect(block.area).toBeCloseTo((9 - 4 * 0.125) * 2, 12);
    expect(block.perimeter).toBeCloseTo(2 * 2 * 2 + 2 * 2 + 4 * Math.hypot(1, 0.5), 12);
  });

  it('cuts off each corner of an ambiguous square separately', () => {
    const diagonal = marchingSquares([1, 0, 0, 1], 2, 2, [1, 1]);
    expect(diagonal.area).toBeCloseTo(1, 14);
  });

  it('gives shape2D features for a single-slice ROI with force2D', () => {
    const dims: Vec3 = [6, 5, 3];
    const n = dims[0] * dims[1] * dims[2];
    const geometry = { dims, spacing: [0.5, 0.5, 3] as Vec3, origin: [0, 0, 0] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
    const labels: Volume = { ...geometry, data: new Uint8Array(n) };
    for (let y = 1; y < 4; y++) for (let x = 1; x < 5; x++) labels.data[x + 6 * (y + 5 * 1)] = 1;
    const image: Volume = { ...geometry, data: Float64Array.from({ length: n }, (_, k) => (k * 13) % 17) };
    const s = pyradiomicsDefaults();
    s.texture = { ...s.texture, force2D: true, matrixAggregations: ['2.5d-direction-merged'], zoneAggregations: ['2.5d'] };
    s.featureClasses = { shape2D: null };
    const v = new Map(extractPyradiomics(image, labels, s).features.map((f) => [f.feature, f.value]));
    expect(v.get('PixelSurface')).toBeCloseTo(12 * 0.25, 14);
    expect(v.get('MeshSurface')).toBeCloseTo((12 - 0.5) * 0.25, 12);
    expect(v.get('MaximumDiameter')).toBeCloseTo(Math.hypot(3 * 0.5 + 0.5, 2 * 0.5), 12);
    expect(v.get('MajorAxisLength')! > v.get('MinorAxisLength')!).toBe(true);
  });
});

describe('PyRadiomics texture conventions', () => {
  it('drops GLRLM angles along which no line holds two ROI voxels (a single slice gives the force2D result)', () => {
    const slice = [
      [1, 2, 2, 0],
      [1, 1, 3, 3],
      [0, 2, 3, 1],
    ];
    const grey = greyFromSlices([slice], 3);
    const d3 = glrlmPyradiomics(grey, pyradiomicsDefaults().texture, GLRLM_PYRADIOMICS_FEATURES);
    const t2 = { ...pyradiomicsDefaults().texture, force2D: true };
    const d2 = glrlmPyradiomics(grey, t2, GLRLM_PYRADIOMICS_FEATURES);
    d3.forEach((f, k) => expect(f.value, f.name).toBeCloseTo(d2[k].value, 14));
  });

  it('counts NGTDM voxels without neighbours (s = 0), so two isolated voxels give Coarseness 1e6', () => {
    const grey = greyFromSlices([[[1, 0, 2]]], 2);
    const v = new Map(ngtdmPyradiomics(grey, pyradiomicsDefaults().texture, NGTDM_PYRADIOMICS_FEATURES).map((f) => [f.name, f.value]));
    expect(v.get('Coarseness')).toBe(1e6);
    expect(v.get('Strength')).toBe(0);
  });

  it('takes force2Ddimension as the numpy axis: dimension 2 (x) on a transposed volume equals dimension 0 (z)', () => {
    const dims: Vec3 = [7, 6, 5];
    const n = dims[0] * dims[1] * dims[2];
    const value = (x: number, y: number, z: number) => ((x * 31 + y * 17 + z * 7) % 23) * 10;
    const inRoi = (x: number, y: number, z: number) => Math.hypot(x - 3, y - 2.5, z - 2) < 2.6;
    const make = (d: Vec3, spacing: Vec3, f: (a: number, b: number, c: number) => number): Volume => {
      const data = new Float64Array(n);
      for (let c = 0, i = 0; c < d[2]; c++) for (let b = 0; b < d[1]; b++) for (let a = 0; a < d[0]; a++, i++) data[i] = f(a, b, c);
      return { dims: d, spacing, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data };
    };
    const spacing: Vec3 = [0.8, 0.9, 2];
    const image = make(dims, spacing, value);
    const labels = make(dims, spacing, (x, y, z) => (inRoi(x, y, z) ? 1 : 0));
    // swap x and z
    const tDims: Vec3 = [dims[2], dims[1], dims[0]];
    const tSpacing: Vec3 = [spacing[2], spacing[1], spacing[0]];
    const tImage = make(tDims, tSpacing, (z, y, x) => value(x, y, z));
    const tLabels = make(tDims, tSpacing, (z, y, x) => (inRoi(x, y, z) ? 1 : 0));
    const settings = (dimension: 0 | 2) => {
      const s = pyradiomicsDefaults();
      s.texture = { ...s.texture, force2D: true, force2Ddimension: dimension, matrixAggregations: ['2.5d-direction-merged'], zoneAggregations: ['2.5d'] };
      s.featureClasses = { firstorder: null, glcm: null, glrlm: null, glszm: null, gldm: null, ngtdm: null };
      return s;
    };
    const a = extractPyradiomics(image, labels, settings(0)).features;
    const b = new Map(extractPyradiomics(tImage, tLabels, settings(2)).features.map((f) => [f.name, f.value]));
    expect(a.length).toBe(18 + 24 + 16 + 16 + 14 + 5);
    for (const f of a) expect(b.get(f.name), f.name).toBeCloseTo(f.value, 10);
  });
});
