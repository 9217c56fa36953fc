/**
 * The NIfTI writer read back with the real itk-wasm reader (Node): same grid (size, spacing, origin, direction,
 * oblique and left-handed included) and the same voxels, gzipped or not.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeNifti, quaternionOf } from '../../src/core/nifti-write.js';
import { geometryMismatch, type Volume } from '../../src/core/volume.js';
import { closeImageReader, readImageFile } from '../../src/io/read-image-node.js';
import { obliqueDirection } from '../helpers/dicom-synth.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wr-nifti-write-'));
afterAll(closeImageReader);

async function roundTrip(v: Volume, name: string, gzip = true): Promise<Volume> {
  const file = path.join(dir, name);
  writeFileSync(file, encodeNifti(v, { gzip }));
  return readImageFile(file);
}

function labels(dims: [number, number, number]): Uint8Array {
  const out = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (let n = 0; n < out.length; n++) out[n] = (n * 2654435761) % 7 === 0 ? 2 : n % 5 === 0 ? 1 : 0;
  return out;
}

describe('NIfTI writer', () => {
  const cases: [string, number[]][] = [
    ['axial', [1, 0, 0, 0, 1, 0, 0, 0, 1]],
    ['oblique', obliqueDirection(18, -12)],
    ['left-handed (z towards feet)', [1, 0, 0, 0, 1, 0, 0, 0, -1]],
    ['sagittal acquisition', [0, 0, 1, 1, 0, 0, 0, -1, 0]],
  ];
  for (const [what, direction] of cases) {
    it(`${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} label mask reads back on the same grid with the same voxels`, async () => {
      const v: Volume = { dims: [9, 7, 5], spacing: [0.8, 0.7, 2.5], origin: [-12.25, 20.5, 30.75], direction, data: labels([9, 7, 5]) };
      const back = await roundTrip(v, `${what.replace(/\W+/g, '-')}.nii.gz`);
      expect(geometryMismatch(v, back)).toBeNull();
      for (let k = 0; k < 9; k++) expect(back.direction[k]).toBeCloseTo(direction[k], 6);
      for (let k = 0; k < 3; k++) expect(back.origin[k]).toBeCloseTo(v.origin[k], 4);
      expect(back.data.constructor.name).toBe('Uint8Array');
      expect(Array.from(back.data)).toEqual(Array.from(v.data));
    });
  }

  it('writes float32 and int16 images, uncompressed too', async () => {
    const f: Volume = { dims: [4, 3, 2], spacing: [1, 1.5, 3], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data: Float32Array.from({ length: 24 }, (_, n) => n / 3 - 2) };
    const backF = await roundTrip(f, 'float.nii', false);
    expect(Array.from(backF.data)).toEqual(Array.from(f.data));
    const s: Volume = { ...f, data: Int16Array.from({ length: 24 }, (_, n) => n * 100 - 1000) };
    const backS = await roundTrip(s, 'int16.nii.gz');
    expect(backS.data.constructor.name).toBe('Int16Array');
    expect(Array.from(backS.data)).toEqual(Array.from(s.data));
  });

  it('fills the header fields as nifti1.h lays them out', () => {
    const v: Volume = { dims: [4, 3, 2], spacing: [1, 1.5, 3], origin: [5, -6, 7], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data: new Uint8Array(24) };
    const raw = gunzipSync(encodeNifti(v));
    const h = new DataView(raw.buffer, raw.byteOffset);
    expect(raw.length).toBe(352 + 24);
    expect([h.getInt32(0, true), h.getInt16(40, true), h.getInt16(42, true), h.getInt16(44, true), h.getInt16(46, true)]).toEqual([348, 3, 4, 3, 2]);
    expect([h.getInt16(70, true), h.getInt16(72, true), h.getFloat32(108, true)]).toEqual([2, 8, 352]);
    // LPS identity is RAS diag(−1, −1, 1): the quaternion of a 180° turn about z, (b, c, d) = (0, 0, 1)
    expect([h.getFloat32(256, true), h.getFloat32(260, true), h.getFloat32(264, true)]).toEqual([0, 0, 1]);
    // srow_x = (−1, 0, 0, −5), srow_y = (0, −1.5, 0, 6), srow_z = (0, 0, 3, 7)
    const srow = Array.from({ length: 12 }, (_, n) => h.getFloat32(280 + 4 * n, true) + 0);
    expect(srow).toEqual([-1, 0, 0, -5, 0, -1.5, 0, 6, 0, 0, 3, 7]);
    expect(String.fromCharCode(...raw.subarray(344, 347))).toBe('n+1');
  });

  it('quaternionOf: the identity, a 90° turn about x, and a reflection (qfac −1)', () => {
    expect(quaternionOf([1, 0, 0, 0, 1, 0, 0, 0, 1])).toEqual({ b: 0, c: 0, d: 0, qfac: 1 });
    const q = quaternionOf([1, 0, 0, 0, 0, -1, 0, 1, 0]);
    expect([q.b, q.c, q.d, q.qfac].map((x) => +x.toFixed(12))).toEqual([+Math.SQRT1_2.toFixed(12), 0, 0, 1]);
    expect(quaternionOf([1, 0, 0, 0, 1, 0, 0, 0, -1]).qfac).toBe(-1);
  });
});
