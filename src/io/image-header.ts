/**
 * Reads the headers of NIfTI-1/2 and NRRD files far enough to say, before itk-wasm is asked, what is wrong with a
 * file: itk-wasm rejects a bad header with no reason, and silently fills a truncated NIfTI with zeros.
 * Each check returns a problem in words (for "<file>: <problem>") or undefined. Never throws, whatever the bytes.
 */

export interface NiftiHeader {
  version: 1 | 2;
  littleEndian: boolean;
  /** voxels along each axis, dim[1..dim[0]] */
  dims: number[];
  datatype: number;
  bitpix: number;
  /** pixdim[1..dim[0]] */
  pixdim: number[];
  voxOffset: number;
  /** sizeof_hdr: 348 (NIfTI-1) or 540 (NIfTI-2) */
  headerBytes: number;
}

/** NIfTI-1 and NIfTI-2 headers start with sizeof_hdr = 348 or 540 in either byte order. */
export function niftiVersion(b: Uint8Array): { version: 1 | 2; littleEndian: boolean } | undefined {
  if (b.length < 4) return undefined;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (const littleEndian of [true, false]) {
    const size = v.getInt32(0, littleEndian);
    if (size === 348) return { version: 1, littleEndian };
    if (size === 540) return { version: 2, littleEndian };
  }
  return undefined;
}

/** The fields needed for the checks, or undefined when `b` holds no (complete) NIfTI header. */
export function parseNiftiHeader(b: Uint8Array): NiftiHeader | undefined {
  const id = niftiVersion(b);
  if (!id) return undefined;
  const { version, littleEndian: le } = id;
  if (b.length < (version === 1 ? 348 : 540)) return undefined;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (version === 1) {
    const rank = v.getInt16(40, le);
    const n = rank >= 1 && rank <= 7 ? rank : 0;
    return {
      version,
      littleEndian: le,
      dims: Array.from({ length: n }, (_, k) => v.getInt16(42 + 2 * k, le)),
      datatype: v.getInt16(70, le),
      bitpix: v.getInt16(72, le),
      pixdim: Array.from({ length: n }, (_, k) => v.getFloat32(80 + 4 * k, le)),
      voxOffset: v.getFloat32(108, le),
      headerBytes: 348,
    };
  }
  const rank = Number(v.getBigInt64(16, le));
  const n = rank >= 1 && rank <= 7 ? rank : 0;
  return {
    version,
    littleEndian: le,
    dims: Array.from({ length: n }, (_, k) => Number(v.getBigInt64(24 + 8 * k, le))),
    datatype: v.getInt16(12, le),
    bitpix: v.getInt16(14, le),
    pixdim: Array.from({ length: n }, (_, k) => v.getFloat64(112 + 8 * k, le)),
    voxOffset: Number(v.getBigInt64(168, le)),
    headerBytes: 540,
  };
}

/** Bytes of voxel data the header promises. */
export function niftiDataBytes(h: NiftiHeader): number {
  return h.dims.reduce((a, d) => a * d, 1) * (h.bitpix / 8);
}

/** No image this app could read is larger (2^46 bytes = 64 TiB); beyond it a header is garbage. */
const MAX_DATA_BYTES = 2 ** 46;

const fmtMm = (xs: number[]) => `${xs.map((x) => String(x)).join(' x ')} mm`;

/** What is wrong with a NIfTI header, or undefined. */
export function niftiHeaderProblem(h: NiftiHeader): string | undefined {
  if (h.dims.length === 0) return 'bad NIfTI header: the number of dimensions (dim[0]) is not 1 to 7';
  const zero = h.dims.findIndex((d) => !(d >= 1));
  if (zero >= 0) return `bad NIfTI header: the size along axis ${zero + 1} is ${h.dims[zero]}`;
  if (!(h.bitpix > 0) || h.bitpix % 8 !== 0) return `bad NIfTI header: ${h.bitpix} bits per voxel`;
  if (!(niftiDataBytes(h) <= MAX_DATA_BYTES)) return `bad NIfTI header: an image of ${h.dims.join('x')} voxels is implausibly large`;
  if (!(h.voxOffset >= h.headerBytes)) {
    return h.voxOffset === 0
      ? 'the voxel data is in a separate .img file (a .hdr/.img pair): use a single .nii or .nii.gz file'
      : `bad NIfTI header: the voxel data would start at byte ${h.voxOffset}, inside the header`;
  }
  const spatial = h.pixdim.slice(0, 3);
  if (spatial.some((s) => !Number.isFinite(s) || s === 0)) return `invalid voxel spacing ${fmtMm(spatial)}`;
  return undefined;
}

/** Compares the length of a whole (uncompressed) NIfTI file with what its header promises. */
export function niftiLengthProblem(h: NiftiHeader, fileBytes: number): string | undefined {
  const expected = niftiDataBytes(h);
  const found = Math.max(0, fileBytes - h.voxOffset);
  if (found < expected) return `the NIfTI file is truncated: ${expected} bytes of voxel data expected, ${found} found`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// NRRD (teem's NRRD format specification, "nrrd/format.html"): a text header ended by a blank line, then the data.

/** Bytes per value of each NRRD type name (the spec's aliases included). */
const NRRD_TYPES = new Map<string, number>();
for (const [size, names] of [
  [1, ['signed char', 'int8', 'int8_t', 'uchar', 'unsigned char', 'uint8', 'uint8_t']],
  [2, ['short', 'short int', 'signed short', 'signed short int', 'int16', 'int16_t', 'ushort', 'unsigned short', 'unsigned short int', 'uint16', 'uint16_t']],
  [4, ['int', 'signed int', 'int32', 'int32_t', 'uint', 'unsigned int', 'uint32', 'uint32_t', 'float']],
  [8, ['longlong', 'long long', 'long long int', 'signed long long', 'signed long long int', 'int64', 'int64_t', 'ulonglong', 'unsigned long long', 'unsigned long long int', 'uint64', 'uint64_t', 'double']],
] as const) {
  for (const name of names) NRRD_TYPES.set(name, size);
}

const NRRD_ENCODINGS = new Set(['raw', 'txt', 'text', 'ascii', 'hex', 'gz', 'gzip', 'bz2', 'bzip2']);

/** The header looked at: at most this many bytes (real headers are a few hundred). */
const NRRD_HEADER_LIMIT = 64 * 1024;

export interface NrrdHeader {
  fields: Map<string, string>;
  /** offset of the first data byte (after the blank line) */
  dataOffset: number;
}

/** Parses the header text; a string is the problem when there is no well-formed header. */
export function parseNrrdHeader(b: Uint8Array): NrrdHeader | string {
  const text = new TextDecoder('latin1').decode(b.subarray(0, NRRD_HEADER_LIMIT));
  const end = /\r?\n\r?\n/.exec(text);
  if (!end) return 'bad NRRD header: no blank line ends the header';
  const fields = new Map<string, string>();
  const lines = text.slice(0, end.index).split(/\r?\n/);
  for (const line of lines.slice(1)) {
    if (line.startsWith('#')) continue;
    const colon = line.indexOf(': ');
    if (colon < 0) continue;
    if (line[colon - 1] === '=') continue; // key:=value pairs are free text
    fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 2).trim());
  }
  return { fields, dataOffset: end.index + end[0].length };
}

/** What is wrong with an NRRD header (required fields and their agreement), or undefined. */
export function nrrdHeaderProblem(h: NrrdHeader): string | undefined {
  const f = h.fields;
  for (const field of ['type', 'dimension', 'sizes', 'encoding']) {
    if (!f.has(field)) return `bad NRRD header: the "${field}" field is missing`;
  }
  const type = f.get('type')!;
  if (!NRRD_TYPES.has(type.toLowerCase())) return `bad NRRD header: unknown type "${type}"`;
  const dimension = Number(f.get('dimension'));
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > 16) return `bad NRRD header: dimension "${f.get('dimension')}"`;
  const sizes = f.get('sizes')!.split(/\s+/).filter(Boolean);
  if (sizes.length !== dimension) return `bad NRRD header: "sizes" has ${sizes.length} values for dimension ${dimension}`;
  if (sizes.some((s) => !/^\d+$/.test(s) || Number(s) < 1)) return `bad NRRD header: "sizes" must be positive integers, not "${f.get('sizes')}"`;
  const encoding = f.get('encoding')!.toLowerCase();
  if (!NRRD_ENCODINGS.has(encoding)) return `bad NRRD header: unsupported encoding "${f.get('encoding')}"`;
  if (f.has('data file') || f.has('datafile')) {
    return 'the voxel data is in a separate file (a detached NRRD header): use a single .nrrd file';
  }
  return undefined;
}

/** Bytes of raw voxel data the header promises (undefined when skips or text encodings make it unknowable). */
export function nrrdDataBytes(h: NrrdHeader): number | undefined {
  const f = h.fields;
  if (f.has('line skip') || f.has('lineskip') || f.has('byte skip') || f.has('byteskip')) return undefined;
  const size = NRRD_TYPES.get(f.get('type')?.toLowerCase() ?? '');
  if (size === undefined || !f.has('sizes')) return undefined;
  const sizes = f.get('sizes')!.split(/\s+/).filter(Boolean).map(Number);
  return sizes.reduce((a, s) => a * s, size);
}
