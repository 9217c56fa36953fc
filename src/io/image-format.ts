/**
 * Recognises a medical image file from its name and first bytes, so that a wrong file gets a specific message
 * before itk-wasm is asked (itk-wasm answers a bad file with no image and no reason).
 */
export type ImageFormat = 'nifti' | 'nrrd';

export class ImageReadError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'ImageReadError';
  }
}

const GZIP = [0x1f, 0x8b];

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === GZIP[0] && b[1] === GZIP[1];
}

function int32(b: Uint8Array, offset: number, littleEndian: boolean): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getInt32(offset, littleEndian);
}

/** NIfTI-1 and NIfTI-2 headers start with sizeof_hdr = 348 or 540 in either byte order. */
function isNiftiHeader(b: Uint8Array): boolean {
  if (b.length < 4) return false;
  const le = int32(b, 0, true);
  const be = int32(b, 0, false);
  return le === 348 || le === 540 || be === 348 || be === 540;
}

/** Decides the format of `name` from its extension and bytes; throws ImageReadError naming the problem. */
export function detectImageFormat(name: string, bytes: Uint8Array): ImageFormat {
  const lower = name.toLowerCase();
  if (bytes.length === 0) throw new ImageReadError(name, 'the file is empty (0 bytes)');
  if (lower.endsWith('.nrrd') || lower.endsWith('.nhdr')) {
    if (!new TextDecoder().decode(bytes.subarray(0, 4)).startsWith('NRRD')) {
      throw new ImageReadError(name, 'not an NRRD file (it does not start with "NRRD")');
    }
    return 'nrrd';
  }
  if (lower.endsWith('.nii.gz') || lower.endsWith('.nii')) {
    if (isGzip(bytes)) {
      if (bytes.length < 30) throw new ImageReadError(name, 'the gzip stream is truncated');
      return 'nifti';
    }
    if (!isNiftiHeader(bytes)) throw new ImageReadError(name, 'not a NIfTI file (no NIfTI-1/2 header)');
    if (bytes.length < 352) throw new ImageReadError(name, 'the NIfTI file is truncated (shorter than its header)');
    return 'nifti';
  }
  if (new TextDecoder().decode(bytes.subarray(0, 4)).startsWith('NRRD')) return 'nrrd';
  if (isNiftiHeader(bytes)) return 'nifti';
  throw new ImageReadError(name, 'unsupported file type: expected a NIfTI (.nii, .nii.gz) or NRRD (.nrrd) image');
}
