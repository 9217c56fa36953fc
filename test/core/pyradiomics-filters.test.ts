/**
 * PyRadiomics image types. Wavelet and LBP2D against outputs of PyWavelets / scikit-image called exactly as
 * PyRadiomics calls them (test/fixtures/pyradiomics-filters/generate.py); the voxel-wise types, gradient and LoG
 * against closed forms.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Vec3, Volume } from '../../src/core/volume.js';
import { pyradiomicsGradient } from '../../src/core/filters/pyradiomics/gradient.js';
import {
  pyradiomicsExponential,
  pyradiomicsLogarithm,
  pyradiomicsSquare,
  pyradiomicsSquareRoot,
} from '../../src/core/filters/pyradiomics/intensity.js';
import { pyradiomicsLbp2d } from '../../src/core/filters/pyradiomics/lbp2d.js';
import { icosphereVertices, pyradiomicsLbp3d } from '../../src/core/filters/pyradiomics/lbp3d.js';
import { laplacianRecursiveGaussian, pyradiomicsLoG } from '../../src/core/filters/pyradiomics/log.js';
import { logImageTypeName, pythonNumberText } from '../../src/core/filters/pyradiomics/names.js';
import {
  recursiveGaussianAxis,
  recursiveGaussianCoefficients,
} from '../../src/core/filters/pyradiomics/recursive-gaussian.js';
import { pyradiomicsWavelet } from '../../src/core/filters/pyradiomics/wavelet.js';

interface Fixture {
  dims_xyz: Vec3;
  image: number[];
  cases: (
    | { kind: 'wavelet'; wavelet: string; level: number; start_level: number; images: { name: string; data: number[] }[] }
    | { kind: 'lbp2d'; samples: number; radius: number; method: 'uniform'; data: number[] }
    | { kind: 'lbp3d'; levels: number; mask: number[]; images: { name: string; data: number[] }[] }
  )[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/pyradiomics-filters/pyradiomics-filters.json', import.meta.url), 'utf8'),
) as Fixture;

function volume(dims: Vec3, data: ArrayLike<number>, spacing: Vec3 = [1, 1, 1]): Volume {
  return { dims, spacing, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data: Float64Array.from(data) };
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m / Math.max(scale, 1e-300);
}

const image = volume(fixture.dims_xyz, fixture.image, [0.7, 0.8, 2.5]);

describe('PyRadiomics wavelet (pywt.swtn as _swt3 calls it)', () => {
  for (const c of fixture.cases) {
    if (c.kind !== 'wavelet') continue;
    it(`${c.wavelet} level ${c.level} start_level ${c.start_level}: names, order and every voxel`, () => {
      const out = pyradiomicsWavelet(image, { wavelet: c.wavelet, level: c.level, startLevel: c.start_level, excludedAxis: null });
      expect(out.map((o) => o.name)).toEqual(c.images.map((i) => i.name));
      for (let k = 0; k < out.length; k++) {
        expect(maxRelDiff(out[k].image.data, c.images[k].data), out[k].name).toBeLessThan(1e-13);
      }
    });
  }

  it('names eight level-1 bands wavelet-LLH .. wavelet-HHH then wavelet-LLL', () => {
    const out = pyradiomicsWavelet(image, { wavelet: 'coif1', level: 1, startLevel: 0, excludedAxis: null });
    expect(out.map((o) => o.name)).toEqual([
      'wavelet-LLH', 'wavelet-LHL', 'wavelet-LHH', 'wavelet-HLL', 'wavelet-HLH', 'wavelet-HHL', 'wavelet-HHH', 'wavelet-LLL',
    ]);
  });

  it('letters run x, y, z: a ramp along x has energy only in bands with H first', () => {
    const dims: Vec3 = [8, 6, 4];
    const ramp = volume(dims, Array.from({ length: 192 }, (_, i) => (i % 8) ** 2));
    const out = pyradiomicsWavelet(ramp, { wavelet: 'haar', level: 1, startLevel: 0, excludedAxis: null });
    for (const o of out) {
      const energy = Array.from(o.image.data).reduce((s, v) => s + v * v, 0);
      if (o.name === 'wavelet-HLL' || o.name === 'wavelet-LLL') expect(energy).toBeGreaterThan(1);
      else expect(energy, o.name).toBeLessThan(1e-20);
    }
  });
});

describe('PyRadiomics LBP2D (skimage local_binary_pattern per z slice)', () => {
  for (const c of fixture.cases) {
    if (c.kind !== 'lbp2d') continue;
    it(`P = ${c.samples}, R = ${c.radius}, ${c.method}: every voxel`, () => {
      const out = pyradiomicsLbp2d(image, { samples: c.samples, radius: c.radius, method: c.method, force2Ddimension: 0 });
      expect(Array.from(out.data)).toEqual(c.data);
    });
  }
});

describe('PyRadiomics LBP3D (spherical harmonics on the icosphere, scipy cubic spline samples)', () => {
  it('has 42 icosphere vertices on the sphere, each with 5 or 6 nearest neighbours', () => {
    const v = icosphereVertices(1);
    expect(v.length).toBe(42);
    for (const p of v) expect(Math.hypot(p[0], p[1], p[2])).toBeCloseTo(1, 14);
  });
  for (const c of fixture.cases) {
    if (c.kind !== 'lbp3d') continue;
    it(`levels ${c.levels}: lbp-3D-m1, lbp-3D-m2 and lbp-3D-k on every ROI voxel`, () => {
      const mask = { ...image, data: Uint8Array.from(c.mask) };
      const out = pyradiomicsLbp3d(image, mask, { levels: c.levels, icosphereRadius: 1, icosphereSubdivision: 1 });
      expect(out.map((o) => o.name)).toEqual(c.images.map((i) => i.name));
      for (let k = 0; k < out.length; k++) {
        const got = out[k].image.data;
        const want = c.images[k].data;
        for (let i = 0; i < want.length; i++) {
          if (!c.mask[i]) continue;
          expect(Math.abs(got[i] - want[i]), `${out[k].name} voxel ${i}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(want[i])));
        }
      }
    });
  }
});

describe('PyRadiomics voxel-wise image types', () => {
  const x = volume([5, 1, 1], [-4, -1, 0, 2, 9]);
  it('square: (x / sqrt(max|x|))^2', () => {
    expect(Array.from(pyradiomicsSquare(x).data)).toEqual([16 / 9, 1 / 9, 0, 4 / 9, 9].map((v, i) => (i === 4 ? 9 : v)));
  });
  it('squareroot: sign(x) sqrt(|x| max|x|)', () => {
    const out = Array.from(pyradiomicsSquareRoot(x).data);
    expect(out).toEqual([-6, -3, 0, Math.sqrt(18), 9]);
  });
  it('logarithm: sign(x) log(|x| + 1), rescaled to max|x|', () => {
    const k = 9 / Math.log(10);
    const out = pyradiomicsLogarithm(x).data;
    const expected = [-Math.log(5) * k, -Math.log(2) * k, 0, Math.log(3) * k, 9];
    expected.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 13));
  });
  it('exponential: exp(x log(max|x|) / max|x|), so max|x| maps to max|x|', () => {
    const out = pyradiomicsExponential(x).data;
    expect(out[4]).toBeCloseTo(9, 12);
    expect(out[2]).toBe(1);
    expect(out[0]).toBeCloseTo(9 ** (-4 / 9), 13);
  });
});

describe('PyRadiomics gradient (SimpleITK GradientMagnitude)', () => {
  it('is |grad| in intensity per mm inside, one-sided halves at the edges', () => {
    const dims: Vec3 = [6, 5, 4];
    const f = Array.from({ length: 120 }, (_, i) => 3 * (i % 6) + 2 * (Math.floor(i / 6) % 5));
    const out = pyradiomicsGradient(volume(dims, f, [0.5, 2, 1]), true, false).data;
    // interior voxel: d/dx = 3 / 0.5 = 6, d/dy = 2 / 2 = 1
    expect(out[2 + 6 * (2 + 5 * 1)]).toBeCloseTo(Math.hypot(6, 1), 13);
    // x = 0: (f(1) - f(0)) / 2 / 0.5 = 3
    expect(out[0 + 6 * (2 + 5 * 1)]).toBeCloseTo(Math.hypot(3, 1), 13);
    const noSpacing = pyradiomicsGradient(volume(dims, f, [0.5, 2, 1]), false, false).data;
    expect(pyradiomicsGradient(volume(dims, f, [0.5, 2, 1]), true, true).data[2 + 6 * (2 + 5 * 1)]).toBe(Math.fround(Math.hypot(6, 1)));
    expect(noSpacing[2 + 6 * (2 + 5 * 1)]).toBeCloseTo(Math.hypot(3, 2), 13);
  });
});

describe('PyRadiomics LoG (SimpleITK LaplacianRecursiveGaussian, normalised across scale)', () => {
  it('names: str(float) with dots as dashes', () => {
    expect(logImageTypeName(3)).toBe('log-sigma-3-0-mm-3D');
    expect(logImageTypeName(0.5)).toBe('log-sigma-0-5-mm-3D');
    expect(logImageTypeName(3, true)).toBe('log-sigma-3-mm-3D');
    expect(pythonNumberText(1e-7)).toBe('1e-07');
  });

  it('order-0 recursive Gaussian: unit DC gain (a constant line stays constant)', () => {
    const dims: Vec3 = [40, 1, 1];
    const c = recursiveGaussianCoefficients(2, 1, 0, true);
    const out = recursiveGaussianAxis(new Float64Array(40).fill(7), dims, 0, c);
    for (const v of out) expect(v).toBeCloseTo(7, 9);
  });

  it('order-0 impulse response approximates the sampled Gaussian to 1 % of its peak', () => {
    const n = 101;
    const sigma = 4;
    const x = new Float64Array(n);
    x[50] = 1;
    const out = recursiveGaussianAxis(x, [n, 1, 1], 0, recursiveGaussianCoefficients(sigma, 1, 0, false));
    const peak = 1 / (Math.sqrt(2 * Math.PI) * sigma);
    for (let i = 0; i < n; i++) {
      const g = peak * Math.exp(-((i - 50) ** 2) / (2 * sigma * sigma));
      expect(Math.abs(out[i] - g)).toBeLessThan(0.01 * peak);
    }
  });

  it('gives sigma^2 * Laplacian (mm^-2) of a quadratic image away from the edges, for anisotropic spacing', () => {
    const dims: Vec3 = [48, 40, 36];
    const spacing: Vec3 = [0.8, 1.0, 1.5];
    const data = new Float64Array(48 * 40 * 36);
    for (let z = 0; z < 36; z++)
      for (let y = 0; y < 40; y++)
        for (let x = 0; x < 48; x++) {
          const [u, v, w] = [x * spacing[0], y * spacing[1], z * spacing[2]];
          data[x + 48 * (y + 40 * z)] = 0.5 * u * u + 2 * v * v - w * w + 3 * u * v;
        }
    const sigma = 1.5;
    const out = laplacianRecursiveGaussian(volume(dims, data, spacing), { sigmaMm: sigma, normalizeAcrossScale: true, float32Pipeline: false }).data;
    // Laplacian = 1 + 4 - 2 = 3
    expect(out[24 + 48 * (20 + 40 * 18)]).toBeCloseTo(sigma * sigma * 3, 4); // edge leakage of the IIR, ~1e-6 here
    const raw = laplacianRecursiveGaussian(volume(dims, data, spacing), { sigmaMm: sigma, normalizeAcrossScale: false, float32Pipeline: true }).data;
    expect(raw[24 + 48 * (20 + 40 * 18)]).toBeCloseTo(3, 4);
  });

  it('skips sigmas PyRadiomics skips (image smaller than ceil(sigma / spacing) + 1, or any axis < 4)', () => {
    const v = volume([6, 6, 6], new Float64Array(216), [1, 1, 1]);
    expect(pyradiomicsLoG(v, [{ sigmaMm: 1 }, { sigmaMm: 5 }, { sigmaMm: 6 }]).map((o) => o.name)).toEqual([
      'log-sigma-1-0-mm-3D',
      'log-sigma-5-0-mm-3D',
    ]);
    expect(pyradiomicsLoG(volume([6, 6, 3], new Float64Array(108)), [{ sigmaMm: 1 }])).toEqual([]);
  });
});
