/** Building blocks of the convolutional filters: padding, the 1D pass, kernels, filter banks, rotations. */
import { describe, expect, it } from 'vitest';
import type { Vec3, Volume } from '../../src/core/volume.js';
import { applyAxisPass, convolutionPass, correlationPass, reversedPass } from '../../src/core/filters/axis-pass.js';
import { gaussianKernels, laplacianOfGaussian } from '../../src/core/filters/laplacian-of-gaussian.js';
import { lawsFilter, lawsKernel, parseLawsName } from '../../src/core/filters/laws.js';
import { meanFilter } from '../../src/core/filters/mean.js';
import { PADDING_MODES, paddedIndex, type PaddingMode } from '../../src/core/filters/padding.js';
import { rightAngleRotations } from '../../src/core/filters/rotations.js';
import { separableWavelet } from '../../src/core/filters/separable-wavelet.js';
import { simoncelliGrid, simoncelliWavelet } from '../../src/core/filters/simoncelli.js';
import { gaborFilter } from '../../src/core/filters/gabor.js';
import { WAVELET_NAMES, waveletFilterBank } from '../../src/core/filters/wavelet-banks.js';

function volume(dims: Vec3, data: ArrayLike<number>, spacing: Vec3 = [1, 1, 1]): Volume {
  return { dims, spacing, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data: Float64Array.from(data) };
}

describe('padding', () => {
  const ext = (mode: PaddingMode) => Array.from({ length: 11 }, (_, k) => paddedIndex(k - 4, 3, mode));
  it('extends [a b c] as numpy.pad constant / edge / wrap / symmetric', () => {
    expect(ext('zero')).toEqual([-1, -1, -1, -1, 0, 1, 2, -1, -1, -1, -1]);
    expect(ext('nearest')).toEqual([0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2]);
    expect(ext('periodic')).toEqual([2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0]);
    // ... c c b a | a b c | c b a a ...
    expect(ext('mirror')).toEqual([2, 2, 1, 0, 0, 1, 2, 2, 1, 0, 0]);
  });
});

describe('1D pass', () => {
  const line = volume([6, 1, 1], [1, 2, 3, 4, 5, 6]);
  it('convolution puts kernel index `origin` under the output sample', () => {
    const out = applyAxisPass(line.data as Float64Array, line.dims, 0, convolutionPass([1, 10, 100], 1), 'zero');
    // y[i] = x[i+1] + 10 x[i] + 100 x[i-1]
    expect(Array.from(out)).toEqual([12, 123, 234, 345, 456, 560]);
  });
  it('correlation with dilation reads x[i + d (j - centre)]', () => {
    const out = applyAxisPass(line.data as Float64Array, line.dims, 0, correlationPass([1, 0, 1], 1, 2), 'periodic');
    expect(Array.from(out)).toEqual([5 + 3, 6 + 4, 1 + 5, 2 + 6, 3 + 1, 4 + 2]);
  });
  it('reversedPass equals filtering the mirrored line, for every padding and an even kernel', () => {
    const x = Float64Array.from([3, -1, 4, 1, -5, 9, 2]);
    const p = convolutionPass([0.3, -1.2, 2.5, 0.7], 2, 2);
    const mirrored = Float64Array.from(x).reverse();
    for (const mode of PADDING_MODES) {
      const a = applyAxisPass(x, [7, 1, 1], 0, reversedPass(p), mode);
      const b = applyAxisPass(mirrored, [7, 1, 1], 0, p, mode).reverse();
      for (let i = 0; i < 7; i++) expect(a[i]).toBeCloseTo(b[i], 13);
    }
  });
  it('runs along y and z as along x', () => {
    const dims: Vec3 = [3, 4, 5];
    const data = Float64Array.from({ length: 60 }, (_, i) => Math.sin(i));
    const p = convolutionPass([1, 2, -1], 1);
    const alongZ = applyAxisPass(data, dims, 2, p, 'mirror');
    for (let x = 0; x < 3; x++)
      for (let y = 0; y < 4; y++) {
        const line = Float64Array.from({ length: 5 }, (_, z) => data[x + 3 * (y + 4 * z)]);
        const ref = applyAxisPass(line, [5, 1, 1], 0, p, 'mirror');
        for (let z = 0; z < 5; z++) expect(alongZ[x + 3 * (y + 4 * z)]).toBeCloseTo(ref[z], 14);
      }
  });
});

describe('kernels', () => {
  it('Laws 1D kernels have unit norm; L sums to its norm, E/S/W/R sum to 0', () => {
    for (const n of ['L3', 'E3', 'S3', 'L5', 'E5', 'S5', 'W5', 'R5']) {
      const k = lawsKernel(n);
      expect(k.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 15);
      if (n[0] !== 'L') expect(Math.abs(k.reduce((s, v) => s + v, 0))).toBeLessThan(1e-15);
    }
    expect(parseLawsName('e5l5s5')).toEqual(['E5', 'L5', 'S5']);
    expect(() => parseLawsName('E5X5')).toThrow();
  });

  it('LoG kernel: radius floor(4 sigma + 0.5), integrates to about 0', () => {
    expect(gaussianKernels(1.5, 4).radius).toBe(6);
    expect(gaussianKernels(2.5, 4).radius).toBe(10);
    // sum over the grid of the 3D kernel = 3 sum(G2) sum(G0)^2 ~ 0
    const { g0, g2 } = gaussianKernels(2.5, 4);
    const s0 = g0.reduce((a, b) => a + b, 0);
    const s2 = g2.reduce((a, b) => a + b, 0);
    expect(Math.abs(3 * s2 * s0 * s0)).toBeLessThan(1e-3); // sampled, not renormalised
  });

  for (const name of WAVELET_NAMES) {
    it(`${name}: orthonormal filter bank with sum rules and vanishing moments`, () => {
      const { decLo, decHi } = waveletFilterBank(name);
      const t = decLo.length;
      // PyWavelets' older tables (sym2, sym3, coif1) are exact to about 1e-12 only
      expect(decLo.reduce((s, v) => s + v, 0)).toBeCloseTo(Math.SQRT2, 11);
      expect(Math.abs(decHi.reduce((s, v) => s + v, 0))).toBeLessThan(1e-11);
      for (let shift = 0; shift < t; shift += 2) {
        let ll = 0;
        let lh = 0;
        for (let k = 0; k + shift < t; k++) {
          ll += decLo[k] * decLo[k + shift];
          lh += decLo[k] * decHi[k + shift];
        }
        expect(ll).toBeCloseTo(shift === 0 ? 1 : 0, 11);
        expect(Math.abs(lh)).toBeLessThan(1e-11);
      }
      // Daubechies-type banks: the highpass kills polynomials of degree < t / 2 (coif1: degree < 2)
      const moments = name === 'coif1' ? 2 : t / 2;
      for (let m = 0; m < moments; m++) {
        const mom = decHi.reduce((s, v, k) => s + v * k ** m, 0);
        expect(Math.abs(mom)).toBeLessThan(1e-11 * t ** m);
      }
    });
  }

  it('stored banks agree with the closed forms to 1e-11', () => {
    const s2 = Math.SQRT2;
    const r3 = Math.sqrt(3);
    const r7 = Math.sqrt(7);
    const r10 = Math.sqrt(10);
    const q = Math.sqrt(5 + 2 * r10);
    const db2 = [1 - r3, 3 - r3, 3 + r3, 1 + r3].map((v) => v / (4 * s2));
    const db3 = [1 + r10 + q, 5 + r10 + 3 * q, 10 - 2 * r10 + 2 * q, 10 - 2 * r10 - 2 * q, 5 + r10 - 3 * q, 1 + r10 - q]
      .map((v) => (v * s2) / 32)
      .reverse();
    const coif1 = [r7 - 3, 1 - r7, 14 - 2 * r7, 14 + 2 * r7, 5 + r7, 1 - r7].map((v) => v / (16 * s2));
    const closed: Record<string, number[]> = { haar: [1 / s2, 1 / s2], db2, sym2: db2, db3, sym3: db3, coif1 };
    for (const [name, want] of Object.entries(closed)) {
      const got = waveletFilterBank(name).decLo;
      want.forEach((v, k) => expect(Math.abs(got[k] - v), `${name}[${k}]`).toBeLessThan(1e-11));
    }
  });

  it('right-angle rotations: 24 in 3D, 4 in 2D, all distinct', () => {
    const r3 = rightAngleRotations(3);
    expect(r3.length).toBe(24);
    expect(new Set(r3.map((r) => JSON.stringify(r))).size).toBe(24);
    expect(rightAngleRotations(2).length).toBe(4);
  });
});

describe('filters on small volumes', () => {
  it('mean filter of a constant is the constant with nearest, mirror and periodic padding', () => {
    const v = volume([7, 6, 5], new Float64Array(210).fill(3));
    for (const padding of ['nearest', 'mirror', 'periodic'] as const) {
      for (const x of meanFilter(v, { supportVoxels: 5, padding, dimensionality: '3d' }).data) expect(x).toBeCloseTo(3, 14);
    }
  });

  it('LoG of a quadratic x^2 (voxel units) is 2 inside', () => {
    const dims: Vec3 = [40, 3, 3];
    const v = volume(dims, Array.from({ length: 360 }, (_, i) => (i % 40) ** 2));
    const out = laplacianOfGaussian(v, { sigmaMm: 1.2, truncationSigmas: 6, padding: 'nearest', dimensionality: '3d' });
    expect(out.data[20 + 40 * (1 + 3 * 1)]).toBeCloseTo(2, 4); // sampled kernel: 2 - 6e-6
  });

  it('rotation-invariant Laws with max pooling is at least the plain response', () => {
    const dims: Vec3 = [8, 8, 8];
    const v = volume(dims, Array.from({ length: 512 }, (_, i) => Math.cos(i * 0.37) * 10));
    const plain = lawsFilter(v, { kernel: 'E5L5S5', padding: 'mirror', rotationInvariance: null, energy: null }).data;
    const ri = lawsFilter(v, { kernel: 'E5L5S5', padding: 'mirror', rotationInvariance: { pooling: 'max' }, energy: null }).data;
    for (let i = 0; i < 512; i++) expect(ri[i]).toBeGreaterThanOrEqual(plain[i] - 1e-12);
  });

  it('undecimated wavelet: the 8 level-1 sub-bands sum to the image times 2^(3/2) shifted (haar, periodic)', () => {
    // haar: L + H = sqrt2 x[i] (dec_lo + dec_hi = [0, sqrt2] placed at origin 1), so the band sum is 2^1.5 x
    const dims: Vec3 = [6, 4, 4];
    const data = Array.from({ length: 96 }, (_, i) => (i * 7919) % 13);
    const v = volume(dims, data);
    const sum = new Float64Array(96);
    for (const b of ['LLL', 'LLH', 'LHL', 'LHH', 'HLL', 'HLH', 'HHL', 'HHH']) {
      const r = separableWavelet(v, { wavelet: 'haar', subband: b, level: 1, decimated: false, padding: 'periodic', rotationInvariance: null });
      r.data.forEach((x, i) => (sum[i] += x));
    }
    for (let i = 0; i < 96; i++) expect(sum[i]).toBeCloseTo(2 ** 1.5 * data[i], 12);
  });

  it('decimated wavelet halves the grid and doubles the spacing', () => {
    const v = volume([8, 6, 4], new Float64Array(192).fill(1), [1, 1, 2]);
    const out = separableWavelet(v, { wavelet: 'db2', subband: 'LLL', level: 1, decimated: true, padding: 'periodic', rotationInvariance: null });
    expect(out.dims).toEqual([4, 3, 2]);
    expect(out.spacing).toEqual([2, 2, 4]);
    for (const x of out.data) expect(x).toBeCloseTo(2 ** 1.5, 13);
  });

  it('Simoncelli grid is ifftshift(linspace(-1, 1, n)); the band-pass removes a constant', () => {
    expect(Array.from(simoncelliGrid(4))).toEqual([-1 + 4 / 3, 1, -1, -1 + 2 / 3]);
    const v = volume([9, 9, 9], new Float64Array(729).fill(5));
    for (const x of simoncelliWavelet(v, { level: 1, padding: 'periodic', dimensionality: '3d' }).data) expect(Math.abs(x)).toBeLessThan(1e-12);
  });

  it('Gabor modulus of a constant slice with periodic padding is the kernel sum, the same at every voxel', () => {
    const v = volume([16, 16, 2], new Float64Array(512).fill(1));
    const out = gaborFilter(v, {
      sigmaMm: 2, lambdaMm: 3, gamma: 1, thetaRad: 0, truncationSigmas: 3, response: 'modulus', padding: 'periodic',
      rotationInvariance: null, orthogonalPlanes: false,
    }).data;
    let re = 0;
    let im = 0;
    for (let j = -6; j <= 6; j++)
      for (let i = -6; i <= 6; i++) {
        const env = Math.exp(-(i * i + j * j) / 8);
        re += env * Math.cos((2 * Math.PI * i) / 3);
        im += env * Math.sin((2 * Math.PI * i) / 3);
      }
    for (const x of out) expect(x).toBeCloseTo(Math.hypot(re, im), 10);
  });
});
