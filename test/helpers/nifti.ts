/** Writes minimal uncompressed NIfTI-1 files, so tests can build inputs (e.g. an empty mask) in code. */

export interface NiftiSpec {
  /** voxels per axis: 3 numbers for a volume; 2 (a 2D image) or 4 (a time series) are allowed too */
  dims: number[];
  /** mm per axis, as many as dims */
  spacing: number[];
  /** int16, or float32 for images with fractional or NaN values, or uint8 */
  data: Int16Array | Float32Array | Uint8Array;
  /** LPS position (mm) of the first voxel; default (0, 0, 0) */
  origin?: [number, number, number];
}

const DATATYPE = { Int16Array: [4, 16], Float32Array: [16, 32], Uint8Array: [2, 8] } as const;

export function writeNifti1({ dims, spacing, data, origin = [0, 0, 0] }: NiftiSpec): Uint8Array {
  const header = new ArrayBuffer(352);
  const v = new DataView(header);
  v.setInt32(0, 348, true); // sizeof_hdr
  v.setInt16(40, dims.length, true); // dim[0]
  for (let k = 0; k < 7; k++) v.setInt16(42 + 2 * k, dims[k] ?? 1, true);
  const [datatype, bitpix] = DATATYPE[data.constructor.name as keyof typeof DATATYPE];
  v.setInt16(70, datatype, true);
  v.setInt16(72, bitpix, true);
  v.setFloat32(76, 1, true); // pixdim[0] = qfac
  for (let k = 0; k < 7; k++) v.setFloat32(80 + 4 * k, spacing[k] ?? 1, true);
  v.setFloat32(108, 352, true); // vox_offset
  v.setFloat32(112, 1, true); // scl_slope
  v.setInt8(123, 10); // xyzt_units: mm, s
  v.setInt16(254, 1, true); // sform_code: scanner
  // srow_x/y/z diagonal in RAS; -x, -y makes the LPS direction the identity, as in the IBSI phantom files.
  // Translation (srow_*[3]) in RAS: the LPS origin with x and y negated.
  for (let k = 0; k < 3; k++) {
    v.setFloat32(280 + 16 * k + 4 * k, k < 2 ? -(spacing[k] ?? 1) : (spacing[k] ?? 1), true);
    v.setFloat32(280 + 16 * k + 12, (k < 2 ? -origin[k] : origin[k]) || 0, true);
  }
  new Uint8Array(header, 344, 4).set([0x6e, 0x2b, 0x31, 0x00]); // magic "n+1\0"
  const out = new Uint8Array(352 + data.byteLength);
  out.set(new Uint8Array(header), 0);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 352);
  return out;
}
