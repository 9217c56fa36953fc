import { describe, expect, it } from 'vitest';
import { Fft, fastLength, fft3d } from '../../src/core/fft/fft.js';

/** Reference O(n^2) DFT. */
function dft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const a = (-2 * Math.PI * ((j * k) % n)) / n;
      outRe[k] += re[j] * Math.cos(a) - im[j] * Math.sin(a);
      outIm[k] += re[j] * Math.sin(a) + im[j] * Math.cos(a);
    }
  }
  return [outRe, outIm];
}

describe('mixed-radix FFT', () => {
  it('matches the DFT and inverts for every length 1..64 (radices 2, 3, 4, 5 and larger primes)', () => {
    for (let n = 1; n <= 64; n++) {
      const re = Float64Array.from({ length: n }, (_, k) => Math.sin(1.3 * k) + (k % 3));
      const im = Float64Array.from({ length: n }, (_, k) => Math.cos(0.7 * k * k));
      const [wantRe, wantIm] = dft(re, im);
      const gotRe = re.slice();
      const gotIm = im.slice();
      const plan = new Fft(n);
      plan.transform(gotRe, gotIm);
      for (let k = 0; k < n; k++) {
        expect(Math.abs(gotRe[k] - wantRe[k]), `n=${n} k=${k}`).toBeLessThan(1e-10);
        expect(Math.abs(gotIm[k] - wantIm[k]), `n=${n} k=${k}`).toBeLessThan(1e-10);
      }
      plan.transform(gotRe, gotIm, true);
      for (let k = 0; k < n; k++) expect(Math.abs(gotRe[k] - re[k]) + Math.abs(gotIm[k] - im[k])).toBeLessThan(1e-12);
    }
  });

  it('transforms 3D grids axis by axis', () => {
    const dims: [number, number, number] = [6, 5, 3];
    const re = Float64Array.from({ length: 90 }, (_, i) => Math.sin(i));
    const im = new Float64Array(90);
    fft3d(re, im, dims);
    // X(kx, ky, kz) = sum x(x, y, z) exp(-2 pi i (kx x / 6 + ky y / 5 + kz z / 3)), spot-check a few bins
    for (const [kx, ky, kz] of [
      [0, 0, 0],
      [1, 2, 1],
      [5, 4, 2],
    ]) {
      let sr = 0;
      let si = 0;
      for (let z = 0; z < 3; z++) {
        for (let y = 0; y < 5; y++) {
          for (let x = 0; x < 6; x++) {
            const a = -2 * Math.PI * ((kx * x) / 6 + (ky * y) / 5 + (kz * z) / 3);
            sr += Math.sin(x + 6 * (y + 5 * z)) * Math.cos(a);
            si += Math.sin(x + 6 * (y + 5 * z)) * Math.sin(a);
          }
        }
      }
      const i = kx + 6 * (ky + 5 * kz);
      expect(re[i]).toBeCloseTo(sr, 10);
      expect(im[i]).toBeCloseTo(si, 10);
    }
  });

  it('picks 5-smooth lengths', () => {
    expect([1, 7, 11, 97, 145, 151].map(fastLength)).toEqual([1, 8, 12, 100, 150, 160]);
  });
});
