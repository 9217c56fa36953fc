/** Writes minimal uncompressed NIfTI-1 files, so tests can build inputs (e.g. an empty mask) in code. */

export interface NiftiSpec {
  dims: [number, number, number];
  spacing: [number, number, number];
  data: Int16Array;
}

export function writeNifti1({ dims, spacing, data }: NiftiSpec): Uint8Array {
  const header = new ArrayBuffer(352);
  const v = new DataView(header);
  v.setInt32(0, 348, true); // sizeof_hdr
  v.setInt16(40, 3, true); // dim[0]
  dims.forEach((d, k) => v.setInt16(42 + 2 * k, d, true));
  for (let k = 3; k < 7; k++) v.setInt16(42 + 2 * k, 1, true);
  v.setInt16(70, 4, true); // datatype: DT_SIGNED_SHORT
  v.setInt16(72, 16, true); // bitpix
  v.setFloat32(76, 1, true); // pixdim[0] = qfac
  spacing.forEach((s, k) => v.setFloat32(80 + 4 * k, s, true));
  v.setFloat32(108, 352, true); // vox_offset
  v.setFloat32(112, 1, true); // scl_slope
  v.setInt8(123, 10); // xyzt_units: mm, s
  v.setInt16(254, 1, true); // sform_code: scanner
  // srow_x/y/z diagonal in RAS; -x, -y makes the LPS direction the identity, as in the IBSI phantom files
  for (let k = 0; k < 3; k++) v.setFloat32(280 + 16 * k + 4 * k, k < 2 ? -spacing[k] : spacing[k], true);
  new Uint8Array(header, 344, 4).set([0x6e, 0x2b, 0x31, 0x00]); // magic "n+1\0"
  const out = new Uint8Array(352 + data.byteLength);
  out.set(new Uint8Array(header), 0);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 352);
  return out;
}
