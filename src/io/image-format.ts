/**
 * Recognises a medical image file from its name and first bytes, and checks its header and length, so that a wrong
 * file gets a specific message before itk-wasm is asked (itk-wasm answers a bad file with no image and no reason,
 * and fills a truncated NIfTI with zeros). Pure: no itk-wasm; never throws anything but ImageReadError.
 */
import { gunzipPass, gzipClaimedSize, gzipProblemText, isGzip } from './gzip.js';
import {
  niftiDataBytes,
  niftiHeaderProblem,
  niftiLengthProblem,
  niftiVersion,
  nrrdDataBytes,
  nrrdHeaderProblem,
  parseNiftiHeader,
  parseNrrdHeader,
} from './image-header.js';

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

/** The message when itk-wasm could not read a file that passed every check here. */
export const UNDECODABLE = 'the file could not be decoded (damaged, truncated or not an image)';

/** Bytes of decompressed content needed for any NIfTI header (NIfTI-2: 540 + 4). */
const NIFTI_HEAD = 544;

function startsWithNrrd(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x4e && b[1] === 0x52 && b[2] === 0x52 && b[3] === 0x44; // "NRRD"
}

/** Problem of a NIfTI file (plain or gzip), or undefined. */
function niftiProblem(bytes: Uint8Array): string | undefined {
  let content = bytes;
  let length: number | undefined = bytes.length;
  if (isGzip(bytes)) {
    const pass = gunzipPass(bytes, NIFTI_HEAD, true);
    if (pass.problem) return gzipProblemText(pass.problem, pass.detail);
    content = pass.head;
    // The whole length is known only at the cost of a full pass: done below, and only when the trailer disagrees.
    length = pass.head.length < NIFTI_HEAD ? pass.head.length : undefined;
  }
  if (!niftiVersion(content)) return 'not a NIfTI file (no NIfTI-1/2 header)';
  const header = parseNiftiHeader(content);
  if (!header) return 'the NIfTI file is truncated (shorter than its header)';
  const problem = niftiHeaderProblem(header);
  if (problem) return problem;
  if (length === undefined) {
    const expected = header.voxOffset + niftiDataBytes(header);
    if (gzipClaimedSize(bytes) === expected % 2 ** 32) return undefined;
    const full = gunzipPass(bytes, 0, false);
    if (full.problem) return gzipProblemText(full.problem, full.detail);
    length = full.size;
  }
  return niftiLengthProblem(header, length);
}

/** Problem of an NRRD file (header fields, data length), or undefined. */
function nrrdProblem(bytes: Uint8Array): string | undefined {
  const header = parseNrrdHeader(bytes);
  if (typeof header === 'string') return header;
  const problem = nrrdHeaderProblem(header);
  if (problem) return problem;
  const expected = nrrdDataBytes(header);
  if (expected === undefined) return undefined;
  const data = bytes.subarray(header.dataOffset);
  const encoding = header.fields.get('encoding')!.toLowerCase();
  let found: number;
  if (encoding === 'raw') found = data.length;
  else if (encoding === 'gz' || encoding === 'gzip') {
    if (!isGzip(data)) return 'bad NRRD file: the header says gzip, but the data is not gzip';
    if (gzipClaimedSize(data) === expected % 2 ** 32) return undefined;
    const full = gunzipPass(data, 0, false);
    if (full.problem) return gzipProblemText(full.problem, full.detail);
    found = full.size;
  } else return undefined;
  if (found < expected) return `the NRRD file is truncated: ${expected} bytes of voxel data expected, ${found} found`;
  return undefined;
}

/** Decides the format of `name` from its extension and bytes and checks it; throws ImageReadError naming the problem. */
export function detectImageFormat(name: string, bytes: Uint8Array): ImageFormat {
  const lower = name.toLowerCase();
  const check = (format: ImageFormat, problem: string | undefined): ImageFormat => {
    if (problem) throw new ImageReadError(name, problem);
    return format;
  };
  if (bytes.length === 0) throw new ImageReadError(name, 'the file is empty (0 bytes)');
  if (lower.endsWith('.nrrd') || lower.endsWith('.nhdr')) {
    if (!startsWithNrrd(bytes)) throw new ImageReadError(name, 'not an NRRD file (it does not start with "NRRD")');
    return check('nrrd', nrrdProblem(bytes));
  }
  if (lower.endsWith('.nii.gz') || lower.endsWith('.nii')) return check('nifti', niftiProblem(bytes));
  if (startsWithNrrd(bytes)) return check('nrrd', nrrdProblem(bytes));
  if (niftiVersion(bytes)) return check('nifti', niftiProblem(bytes));
  throw new ImageReadError(name, 'unsupported file type: expected a NIfTI (.nii, .nii.gz) or NRRD (.nrrd) image');
}

/** Why itk-wasm may have failed on a file that passed detectImageFormat (a gzip stream broken past its header). */
export function undecodableReason(bytes: Uint8Array): string {
  if (isGzip(bytes)) {
    const full = gunzipPass(bytes, 0, false);
    if (full.problem) return gzipProblemText(full.problem, full.detail);
  }
  return UNDECODABLE;
}
