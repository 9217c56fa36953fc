/**
 * NIfTI-1 single-file writer (.nii, or .nii.gz through fflate), for saving label masks and images on the device.
 *
 * Geometry: NIfTI's world space is RAS, the project's LPS, so with F = diag(−1, −1, 1)
 *
 *   affine = [ F·D·diag(spacing) | F·origin ]
 *
 * written both as the sform (srow_x/y/z) and as the qform (quaternion of R = F·D; qfac = −1 and R's third column
 * negated when det R < 0), both with code 1 (scanner), so readers that prefer either get the same grid.
 * Header layout: NIfTI-1 (nifti1.h), 348 bytes + 4 bytes of empty extension flag, vox_offset 352.
 */
import { gzipSync } from 'fflate';
import type { Volume, VoxelArray } from './volume.js';

/** NIfTI datatype code and bits per voxel for each typed array. */
const DATATYPES: Record<string, [number, number]> = {
  Uint8Array: [2, 8],
  Int16Array: [4, 16],
  Int32Array: [8, 32],
  Float32Array: [16, 32],
  Float64Array: [64, 64],
  Int8Array: [256, 8],
  Uint16Array: [512, 16],
  Uint32Array: [768, 32],
};

export interface NiftiWriteOptions {
  /** gzip the file (.nii.gz); default true */
  gzip?: boolean;
  /** up to 79 ASCII characters for the header's descrip field */
  description?: string;
}

/** Quaternion (b, c, d) and qfac of a 3x3 rotation (or reflection) matrix r, row-major (nifti1_io's method). */
export function quaternionOf(r: number[]): { b: number; c: number; d: number; qfac: number } {
  const m = [...r];
  const det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
  const qfac = det < 0 ? -1 : 1;
  if (qfac < 0) for (const i of [2, 5, 8]) m[i] = -m[i];
  const [r11, r12, r13, r21, r22, r23, r31, r32, r33] = m;
  let a = r11 + r22 + r33 + 1;
  let b: number;
  let c: number;
  let d: number;
  if (a > 0.5) {
    a = 0.5 * Math.sqrt(a);
    b = (0.25 * (r32 - r23)) / a;
    c = (0.25 * (r13 - r31)) / a;
    d = (0.25 * (r21 - r12)) / a;
  } else {
    const xd = 1 + r11 - (r22 + r33);
    const yd = 1 + r22 - (r11 + r33);
    const zd = 1 + r33 - (r11 + r22);
    if (xd > 1) {
      b = 0.5 * Math.sqrt(xd);
      c = (0.25 * (r12 + r21)) / b;
      d = (0.25 * (r13 + r31)) / b;
      a = (0.25 * (r32 - r23)) / b;
    } else if (yd > 1) {
      c = 0.5 * Math.sqrt(yd);
      b = (0.25 * (r12 + r21)) / c;
      d = (0.25 * (r23 + r32)) / c;
      a = (0.25 * (r13 - r31)) / c;
    } else {
      d = 0.5 * Math.sqrt(zd);
      b = (0.25 * (r13 + r31)) / d;
      c = (0.25 * (r23 + r32)) / d;
      a = (0.25 * (r21 - r12)) / d;
    }
    if (a < 0) {
      b = -b;
      c = -c;
      d = -d;
    }
  }
  return { b, c, d, qfac };
}

function voxelBytes(data: VoxelArray): Uint8Array {
  // NIfTI here is little-endian, as are the typed arrays of every platform this runs on.
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export function encodeNifti(volume: Volume, options: NiftiWriteOptions = {}): Uint8Array {
  const type = DATATYPES[volume.data.constructor.name];
  if (!type) throw new Error(`NIfTI cannot hold ${volume.data.constructor.name} voxels`);
  const header = new ArrayBuffer(352);
  const v = new DataView(header);
  v.setInt32(0, 348, true); // sizeof_hdr
  v.setInt16(40, 3, true); // dim[0]
  for (let k = 0; k < 3; k++) v.setInt16(42 + 2 * k, volume.dims[k], true);
  for (let k = 3; k < 7; k++) v.setInt16(42 + 2 * k, 1, true);
  v.setInt16(70, type[0], true); // datatype
  v.setInt16(72, type[1], true); // bitpix
  // R = F·D: LPS -> RAS flips the first two rows
  const d = volume.direction;
  const r = [-d[0], -d[1], -d[2], -d[3], -d[4], -d[5], d[6], d[7], d[8]];
  const q = quaternionOf(r);
  v.setFloat32(76, q.qfac, true); // pixdim[0] = qfac
  for (let k = 0; k < 3; k++) v.setFloat32(80 + 4 * k, volume.spacing[k], true);
  v.setFloat32(108, 352, true); // vox_offset
  v.setFloat32(112, 1, true); // scl_slope
  v.setFloat32(116, 0, true); // scl_inter
  v.setUint8(123, 2 | 8); // xyzt_units: mm, s
  const text = (options.description ?? 'WebRadiomics').replace(/[^\x20-\x7e]/g, '?').slice(0, 79);
  for (let n = 0; n < text.length; n++) v.setUint8(148 + n, text.charCodeAt(n));
  v.setInt16(252, 1, true); // qform_code: scanner
  v.setInt16(254, 1, true); // sform_code: scanner
  v.setFloat32(256, q.b, true);
  v.setFloat32(260, q.c, true);
  v.setFloat32(264, q.d, true);
  const t = [-volume.origin[0], -volume.origin[1], volume.origin[2]];
  for (let k = 0; k < 3; k++) v.setFloat32(268 + 4 * k, t[k], true); // qoffset_x/y/z
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) v.setFloat32(280 + 16 * row + 4 * col, r[3 * row + col] * volume.spacing[col], true);
    v.setFloat32(280 + 16 * row + 12, t[row], true);
  }
  new Uint8Array(header, 344, 4).set([0x6e, 0x2b, 0x31, 0x00]); // magic "n+1\0"
  const voxels = voxelBytes(volume.data);
  const out = new Uint8Array(352 + voxels.length);
  out.set(new Uint8Array(header), 0);
  out.set(voxels, 352);
  return options.gzip === false ? out : gzipSync(out, { level: 6 });
}
