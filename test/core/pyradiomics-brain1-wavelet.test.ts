/**
 * PyRadiomics' default wavelet (coif1, level 1) of brain1 against PyWavelets' swtn called as PyRadiomics calls it
 * (test/fixtures/brain1-wavelet/generate.py): every band's sum, sum of squares, extremes and 399 voxels to 1e-9.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pyradiomicsWavelet } from '../../src/core/filters/pyradiomics/wavelet.js';
import type { Vec3, Volume } from '../../src/core/volume.js';
import { readImageFile } from '../../src/io/read-image-node.js';
import { sharedPath } from '../helpers/refdata.js';

interface Band {
  sum: number;
  sum_squares: number;
  min: number;
  max: number;
  values: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/brain1-wavelet/brain1-wavelet.json', import.meta.url), 'utf8')) as {
  crop_lower_xyz: Vec3;
  crop_dims_xyz: Vec3;
  positions: number[];
  bands: Record<string, Band>;
};

/** The ROI bounding box of label 1, padded by 5 voxels and clipped: PyRadiomics' crop before filtering. */
function cropToRoi(image: Volume, labels: Volume, pad: number): { lower: Vec3; cropped: Volume } {
  const [nx, ny, nz] = image.dims;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        if (labels.data[x + nx * (y + ny * z)] !== 1) continue;
        [x, y, z].forEach((v, k) => {
          lo[k] = Math.min(lo[k], v);
          hi[k] = Math.max(hi[k], v);
        });
      }
  const lower = lo.map((v) => Math.max(0, v - pad)) as Vec3;
  const upper = hi.map((v, k) => Math.min(image.dims[k] - 1, v + pad));
  const dims = upper.map((u, k) => u - lower[k] + 1) as Vec3;
  const data = new Float64Array(dims[0] * dims[1] * dims[2]);
  for (let z = 0; z < dims[2]; z++)
    for (let y = 0; y < dims[1]; y++)
      for (let x = 0; x < dims[0]; x++) {
        data[x + dims[0] * (y + dims[1] * z)] = image.data[x + lower[0] + nx * (y + lower[1] + ny * (z + lower[2]))];
      }
  return { lower, cropped: { ...image, dims, data } };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('PyRadiomics wavelet of brain1 vs PyWavelets swtn', () => {
  let bands: Map<string, Float64Array>;
  let lower: Vec3;
  let dims: Vec3;

  beforeAll(async () => {
    const image = await readImageFile(sharedPath('refdata/pyradiomics/brain1/brain1_image.nrrd'));
    const labels = await readImageFile(sharedPath('refdata/pyradiomics/brain1/brain1_label.nrrd'));
    const crop = cropToRoi(image, labels, 5);
    lower = crop.lower;
    dims = crop.cropped.dims;
    const out = pyradiomicsWavelet(crop.cropped, { wavelet: 'coif1', level: 1, startLevel: 0, excludedAxis: null });
    bands = new Map(out.map((b) => [b.name, Float64Array.from(b.image.data)]));
  });

  it('filters the same crop', () => {
    expect(lower).toEqual(fixture.crop_lower_xyz);
    expect(dims).toEqual(fixture.crop_dims_xyz);
  });

  it('produces the eight PyRadiomics sub-bands', () => {
    expect([...bands.keys()].sort()).toEqual(Object.keys(fixture.bands).sort());
  });

  for (const name of Object.keys(fixture.bands)) {
    it(`${name}: sums, extremes and sampled voxels within 1e-9`, () => {
      const ref = fixture.bands[name];
      const data = bands.get(name)!;
      let sum = 0;
      let squares = 0;
      let min = Infinity;
      let max = -Infinity;
      for (const v of data) {
        sum += v;
        squares += v * v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      // sums accumulate rounding over 77k voxels: compare relative to the sum of magnitudes
      expect(Math.abs(sum - ref.sum) / Math.max(1, squares ** 0.5 * data.length ** 0.5)).toBeLessThan(1e-9);
      expect(Math.abs(squares - ref.sum_squares) / ref.sum_squares).toBeLessThan(1e-9);
      expect(close(min, ref.min), `min ${min} vs ${ref.min}`).toBe(true);
      expect(close(max, ref.max), `max ${max} vs ${ref.max}`).toBe(true);
      fixture.positions.forEach((p, k) => {
        expect(close(data[p], ref.values[k]), `${name} voxel ${p}: ${data[p]} vs ${ref.values[k]}`).toBe(true);
      });
    });
  }
});
