import { describe, expect, it } from 'vitest';
import { alignMaskToImage, isShiftedGrid, MaskAlignmentError, resampleNearest } from '../../src/core/mask/align-mask.js';
import { indexToLps, lpsToIndexMap, applyIndexMap } from '../../src/core/mask/grid-transform.js';
import type { Geometry, Volume } from '../../src/core/volume.js';
import { IDENTITY, obliqueDirection } from '../helpers/dicom-synth.js';

const IMAGE: Geometry = { dims: [6, 5, 4], spacing: [1, 1, 2], origin: [10, -5, 20], direction: IDENTITY };

function labelVolume(g: Geometry, value: (i: number, j: number, k: number) => number): Volume {
  const [nx, ny, nz] = g.dims;
  const data = new Int16Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) data[i + nx * (j + ny * k)] = value(i, j, k);
  return { ...g, data };
}

const at = (v: Volume, i: number, j: number, k: number) => v.data[i + v.dims[0] * (j + v.dims[1] * k)];

describe('grid transforms', () => {
  it('maps voxel indices to LPS and back on an oblique grid', () => {
    const g: Geometry = { dims: [4, 4, 4], spacing: [0.7, 0.8, 3], origin: [1, 2, 3], direction: obliqueDirection(30, 20) };
    const p = indexToLps(g, 1.25, 2.5, 3);
    const q = applyIndexMap(lpsToIndexMap(g), ...p);
    expect(q[0]).toBeCloseTo(1.25, 12);
    expect(q[1]).toBeCloseTo(2.5, 12);
    expect(q[2]).toBeCloseTo(3, 12);
  });
});

describe('resampleNearest and alignMaskToImage', () => {
  it('leaves a mask on the image grid unchanged, with no warning', () => {
    const mask = labelVolume(IMAGE, (i) => (i === 2 ? 1 : 0));
    const r = alignMaskToImage(IMAGE, mask, { image: 'img', mask: 'm' });
    expect(r).toEqual({ mask, warnings: [], how: 'same-grid' });
    expect(r.mask.data).toBe(mask.data);
  });

  it('a mask on the same grid up to float32 rounding (NIfTI on a DICOM image) takes the image geometry exactly', () => {
    const f32 = (v: number) => Math.fround(v);
    const image: Geometry = { ...IMAGE, spacing: [0.8, 0.8, 1.6] };
    const maskGeometry: Geometry = { ...IMAGE, spacing: [f32(0.8), f32(0.8), f32(1.6)] };
    expect(maskGeometry.spacing[0]).not.toBe(image.spacing[0]);
    const mask = labelVolume(maskGeometry, (i) => (i === 2 ? 1 : 0));
    const r = alignMaskToImage(image, mask, { image: 'dicom', mask: 'roi.nii.gz' });
    expect(r.how).toBe('same-grid');
    expect(r.warnings).toEqual([]);
    expect(r.mask.spacing).toEqual(image.spacing);
    expect(r.mask.data).toBe(mask.data);
  });

  it('copies a mask that covers only some slices of the image exactly (a SEG without empty frames), with no warning', () => {
    const sub: Geometry = { dims: [6, 5, 2], spacing: [1, 1, 2], origin: [10, -5, 22], direction: IDENTITY };
    const mask = labelVolume(sub, (i, j, k) => (i === j ? k + 1 : 0));
    expect(isShiftedGrid(IMAGE, sub)).toBe(true);
    const r = alignMaskToImage(IMAGE, mask, { image: 'img', mask: 'seg.dcm' });
    expect(r.how).toBe('shifted-grid');
    expect(r.warnings).toEqual([]);
    expect(r.mask.dims).toEqual(IMAGE.dims);
    expect(r.mask.data).toBeInstanceOf(Int16Array);
    for (let k = 0; k < 4; k++) for (let j = 0; j < 5; j++) for (let i = 0; i < 6; i++) {
      const expected = k === 1 || k === 2 ? (i === j ? k : 0) : 0;
      expect(at(r.mask, i, j, k), `${i},${j},${k}`).toBe(expected);
    }
  });

  it('resamples a finer mask by nearest neighbour with a warning naming both files', () => {
    // Twice as fine in x and y; voxel (i, j) of the image has centres of fine voxels 2i-0.5.. on either side.
    const fine: Geometry = { dims: [12, 10, 4], spacing: [0.5, 0.5, 2], origin: [9.75, -5.25, 20], direction: IDENTITY };
    const mask = labelVolume(fine, (i, j) => (i >= 4 && i < 8 && j >= 2 && j < 6 ? 3 : 0));
    const r = alignMaskToImage(IMAGE, mask, { image: 'img', mask: 'fine.nii' });
    expect(r.how).toBe('resampled');
    expect(r.warnings).toEqual(['fine.nii lies on another grid than img (size 6x5x4 vs 12x10x4): resampled onto the image grid (nearest neighbour)']);
    for (let j = 0; j < 5; j++) for (let i = 0; i < 6; i++) expect(at(r.mask, i, j, 0), `${i},${j}`).toBe(i >= 2 && i < 4 && j >= 1 && j < 3 ? 3 : 0);
  });

  it('resamples a mask stored with flipped axes voxel for voxel', () => {
    // The same voxels, stored with x and y reversed (a label map saved in another orientation).
    const flipped: Geometry = { dims: [6, 5, 4], spacing: [1, 1, 2], origin: [15, -1, 20], direction: [-1, 0, 0, 0, -1, 0, 0, 0, 1] };
    const mask = labelVolume(flipped, (i, j, k) => i + 10 * j + 100 * k);
    const r = resampleNearest(mask, IMAGE);
    for (let k = 0; k < 4; k++) for (let j = 0; j < 5; j++) for (let i = 0; i < 6; i++) expect(at(r.volume, i, j, k)).toBe(5 - i + 10 * (4 - j) + 100 * k);
    expect(r.sourceOutside).toBe(0);
  });

  it('warns about labelled voxels outside the image and refuses a mask that misses it', () => {
    const half: Geometry = { dims: [6, 5, 4], spacing: [1, 1, 2], origin: [13, -5, 20], direction: IDENTITY };
    const mask = labelVolume(half, () => 1);
    const r = alignMaskToImage(IMAGE, mask, { image: 'img', mask: 'm.nrrd' });
    expect(r.how).toBe('shifted-grid');
    expect(r.warnings).toEqual(['m.nrrd: 60 of 120 labelled voxels lie outside img and were dropped']);
    const away: Geometry = { ...half, origin: [100, -5, 20] };
    expect(() => alignMaskToImage(IMAGE, labelVolume(away, () => 1), { image: 'img', mask: 'm.nrrd' })).toThrow(MaskAlignmentError);
    expect(() => alignMaskToImage(IMAGE, labelVolume(away, () => 1), { image: 'img', mask: 'm.nrrd' })).toThrow(
      'm.nrrd does not overlap img: none of its 120 labelled voxels lies inside the image',
    );
  });
});
