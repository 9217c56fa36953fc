/**
 * The bad-input corpus for what the app reads today (a NIfTI / NRRD image and mask): every case built in code from
 * the IBSI digital phantom (5x4x4 voxels, 2 mm, grey levels 1..9), with the message the user must get.
 * Used by test/cli/robustness.test.ts (every case) and test/e2e/pwa.test.ts (a few, in the page).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { writeNifti1 } from './nifti.js';
import { PHANTOM_IMAGE, PHANTOM_MASK } from './refdata.js';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

export interface BadInputCase {
  id: string;
  image: NamedBytes;
  mask: NamedBytes;
  /** the error message (CLI: stderr, exit 2; page: the alert); absent for cases that must succeed */
  error?: RegExp;
  /** a warning that must accompany a successful extraction */
  warning?: RegExp;
  /** ROI voxels of a successful extraction */
  roiVoxels?: number;
}

const DIMS: [number, number, number] = [5, 4, 4];
const SPACING: [number, number, number] = [2, 2, 2];
const N = 80;

/** The phantom's voxels (x fastest), read from the reference files. */
function phantomVoxels(file: string): Int16Array {
  const raw = gunzipSync(readFileSync(file));
  const offset = raw.readFloatLE(108);
  return new Int16Array(raw.buffer.slice(raw.byteOffset + offset, raw.byteOffset + offset + 2 * N));
}

const phantomImage = () => phantomVoxels(PHANTOM_IMAGE);
const phantomMask = () => phantomVoxels(PHANTOM_MASK);

function nifti(name: string, data: Int16Array | Float32Array, extra: Partial<Parameters<typeof writeNifti1>[0]> = {}): NamedBytes {
  return { name, bytes: writeNifti1({ dims: DIMS, spacing: SPACING, data, ...extra }) };
}

function gz(file: NamedBytes, name = `${file.name}.gz`): NamedBytes {
  return { name, bytes: new Uint8Array(gzipSync(file.bytes)) };
}

/** An NRRD with a header of our choosing and raw little-endian int16 voxels. */
export function nrrd(name: string, headerLines: string[], data: Int16Array = phantomImage()): NamedBytes {
  const header = `NRRD0004\n${headerLines.join('\n')}\n\n`;
  const body = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(header.length + body.length);
  out.set(new TextEncoder().encode(header), 0);
  out.set(body, header.length);
  return { name, bytes: out };
}

const GOOD_NRRD_HEADER = [
  'type: short',
  'dimension: 3',
  'space: left-posterior-superior',
  'sizes: 5 4 4',
  'space directions: (2,0,0) (0,2,0) (0,0,2)',
  'space origin: (0,0,0)',
  'encoding: raw',
  'endian: little',
];

function withField(field: string, value: string | undefined): string[] {
  const lines = GOOD_NRRD_HEADER.filter((l) => !l.startsWith(`${field}:`));
  return value === undefined ? lines : [...lines, `${field}: ${value}`];
}

const text = (name: string, s: string): NamedBytes => ({ name, bytes: new TextEncoder().encode(s) });

export function badInputCases(): BadInputCase[] {
  const image = () => nifti('phantom.nii', phantomImage());
  const mask = () => nifti('mask.nii', phantomMask());
  const imageGz = gz(image(), 'phantom.nii.gz');
  const oneVoxel = new Int16Array(N);
  oneVoxel[7] = 1;
  const withNaN = Float32Array.from(phantomImage());
  withNaN[0] = NaN;
  withNaN[1] = NaN;
  const allNaN = new Float32Array(N).fill(NaN);
  const corrupt = imageGz.bytes.slice();
  for (let i = 20; i < corrupt.length - 8; i += 7) corrupt[i] ^= 0x5a;
  const hugeLevels = Int16Array.from(phantomImage(), (v) => v * 3000);
  const fourD = new Int16Array(2 * N);
  fourD.set(phantomImage(), 0);
  fourD.set(phantomImage(), N);

  return [
    // --- files that are not (whole) images ---
    { id: 'zero-byte image', image: { name: 'empty.nii.gz', bytes: new Uint8Array() }, mask: mask(), error: /empty\.nii\.gz: the file is empty \(0 bytes\)/ },
    { id: 'zero-byte mask', image: image(), mask: { name: 'empty-mask.nrrd', bytes: new Uint8Array() }, error: /empty-mask\.nrrd: the file is empty \(0 bytes\)/ },
    { id: 'truncated gzip', image: { name: 'cut.nii.gz', bytes: imageGz.bytes.slice(0, Math.floor(imageGz.bytes.length / 2)) }, mask: mask(), error: /cut\.nii\.gz: the gzip stream is truncated/ },
    { id: 'gzip stream of a few bytes', image: { name: 'stub.nii.gz', bytes: imageGz.bytes.slice(0, 12) }, mask: mask(), error: /stub\.nii\.gz: the gzip stream is truncated/ },
    { id: 'damaged gzip', image: { name: 'damaged.nii.gz', bytes: corrupt }, mask: mask(), error: /damaged\.nii\.gz: the gzip stream is damaged/ },
    { id: 'gzip of a text file named .nii.gz', image: gz(text('x', 'not an image at all, just words'), 'words.nii.gz'), mask: mask(), error: /words\.nii\.gz: not a NIfTI file \(no NIfTI-1\/2 header\)/ },
    { id: 'truncated NIfTI voxel data', image: { name: 'cut.nii', bytes: image().bytes.slice(0, 352 + 60) }, mask: mask(), error: /cut\.nii: the NIfTI file is truncated: 160 bytes of voxel data expected, 60 found/ },
    { id: 'truncated NIfTI header', image: { name: 'head.nii', bytes: image().bytes.slice(0, 200) }, mask: mask(), error: /head\.nii: the NIfTI file is truncated \(shorter than its header\)/ },
    { id: 'text file named .nii.gz', image: text('notes.nii.gz', 'this is a text file, not an image'), mask: mask(), error: /notes\.nii\.gz: not a NIfTI file \(no NIfTI-1\/2 header\)/ },
    { id: 'text file named .nrrd', image: image(), mask: text('notes.nrrd', 'label map? no'), error: /notes\.nrrd: not an NRRD file/ },
    { id: 'unsupported extension', image: text('scan.png', '\x89PNG'), mask: mask(), error: /scan\.png: unsupported file type/ },
    // --- NRRD headers ---
    { id: 'NRRD with an unknown type', image: nrrd('bad-type.nrrd', withField('type', 'banana')), mask: mask(), error: /bad-type\.nrrd: bad NRRD header: unknown type "banana"/ },
    { id: 'NRRD without sizes', image: nrrd('no-sizes.nrrd', withField('sizes', undefined)), mask: mask(), error: /no-sizes\.nrrd: bad NRRD header: the "sizes" field is missing/ },
    { id: 'NRRD sizes disagree with dimension', image: nrrd('two-sizes.nrrd', withField('sizes', '5 4')), mask: mask(), error: /two-sizes\.nrrd: bad NRRD header: "sizes" has 2 values for dimension 3/ },
    { id: 'NRRD with an unknown encoding', image: nrrd('zip.nrrd', withField('encoding', 'zip')), mask: mask(), error: /zip\.nrrd: bad NRRD header: unsupported encoding "zip"/ },
    { id: 'NRRD header without end', image: text('open.nrrd', 'NRRD0004\ntype: short\ndimension: 3\n'), mask: mask(), error: /open\.nrrd: bad NRRD header: no blank line ends the header/ },
    { id: 'NRRD with truncated raw data', image: nrrd('short.nrrd', GOOD_NRRD_HEADER, phantomImage().slice(0, 50)), mask: mask(), error: /short\.nrrd: the NRRD file is truncated: 160 bytes of voxel data expected, 100 found/ },
    // --- images that decode, but are not what the extraction needs ---
    { id: 'image and mask of different sizes', image: image(), mask: nifti('small-mask.nii', new Int16Array(40).fill(1), { dims: [5, 4, 2] }), error: /small-mask\.nii does not lie on the grid of (\S*\/)?phantom\.nii: size 5x4x4 vs 5x4x2/ },
    { id: 'mask from another study (other origin)', image: image(), mask: nifti('other-study.nii', phantomMask(), { origin: [120, -40, 300] }), error: /other-study\.nii does not lie on the grid of (\S*\/)?phantom\.nii: origin \(0, 0, 0\) vs \(120, -40, 300\)/ },
    { id: 'mask with another spacing', image: image(), mask: nifti('fine-mask.nii', phantomMask(), { spacing: [1, 1, 1] }), error: /fine-mask\.nii does not lie on the grid of (\S*\/)?phantom\.nii: spacing 2 x 2 x 2 mm vs 1 x 1 x 1 mm/ },
    { id: 'mask with no voxel', image: image(), mask: nifti('empty-roi.nii', new Int16Array(N)), error: /empty-roi\.nii: the mask is empty \(no non-zero voxel\)/ },
    { id: 'one-voxel mask', image: image(), mask: nifti('one-voxel.nii', oneVoxel), error: /one-voxel\.nii: the ROI has 1 voxel; texture features need at least 2 neighbouring voxels/ },
    { id: 'whole-image mask', image: image(), mask: nifti('whole.nii', new Int16Array(N).fill(1)), roiVoxels: N },
    { id: 'NaN voxels in the ROI', image: nifti('nan.nii', withNaN), mask: mask(), warning: /nan\.nii: 2 ROI voxels are NaN and were left out/, roiVoxels: 74 },
    { id: 'only NaN voxels in the ROI', image: nifti('all-nan.nii', allNaN), mask: mask(), error: /all-nan\.nii: every ROI voxel is NaN/ },
    { id: 'a 2D image with a 3D mask', image: nifti('slice.nii', phantomImage().slice(0, 20), { dims: [5, 4] }), mask: mask(), error: /mask\.nii does not lie on the grid of (\S*\/)?slice\.nii: size 5x4x1 vs 5x4x4/ },
    {
      id: 'a 2D image with a 2D mask',
      image: nifti('slice.nii', phantomImage().slice(0, 20), { dims: [5, 4] }),
      mask: nifti('slice-mask.nii', new Int16Array(20).fill(1), { dims: [5, 4] }),
      warning: /slice\.nii: a single slice \(2D image\); the 3D texture features use only the 4 in-plane of the 13 directions/,
      roiVoxels: 20,
    },
    { id: 'a 4D image', image: nifti('series.nii', fourD, { dims: [5, 4, 4, 2], spacing: [2, 2, 2, 1] }), mask: mask(), error: /series\.nii: expected a 2D or 3D image, found 4D/ },
    { id: 'zero spacing', image: nifti('flat.nii', phantomImage(), { spacing: [2, 2, 0] }), mask: mask(), error: /flat\.nii: invalid voxel spacing 2 x 2 x 0 mm/ },
    { id: 'absurd spacing', image: nifti('huge.nii', phantomImage(), { spacing: [2, 2, 1e9] }), mask: mask(), error: /huge\.nii: implausible voxel spacing 2 x 2 x 1000000000 mm/ },
    { id: 'absurd grey levels', image: nifti('levels.nii', hugeLevels), mask: mask(), error: /levels\.nii: the ROI has grey levels up to 18000; without discretisation at most 1024 are supported/ },
    { id: 'fractional grey levels', image: nifti('ct.nii', Float32Array.from(phantomImage(), (v) => v + 0.5)), mask: mask(), error: /ct\.nii: discretisation 'none' needs integer grey levels >= 1 in the ROI; found 1\.5/ },
  ];
}
