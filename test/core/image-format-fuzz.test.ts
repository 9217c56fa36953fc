/**
 * Fuzzing of src/io/image-format.ts (and the header and gzip readers under it) with fast-check: valid NIfTI-1,
 * NIfTI-2, gzip and NRRD files, randomly truncated, overwritten, extended and renamed, and plain random bytes. Every
 * call must return a format or throw ImageReadError naming the file, never anything else, and return quickly.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { detectImageFormat, ImageReadError, undecodableReason } from '../../src/io/image-format.js';
import { nrrdHeaderProblem, parseNiftiHeader, parseNrrdHeader } from '../../src/io/image-header.js';
import { restoreNiftiNaN } from '../../src/io/nifti-nan.js';
import type { Volume } from '../../src/core/volume.js';
import { writeNifti1 } from '../helpers/nifti.js';
import { nrrd } from '../helpers/bad-inputs.js';

const DATA = Int16Array.from({ length: 80 }, (_, i) => 1 + (i % 6));
const nifti1 = writeNifti1({ dims: [5, 4, 4], spacing: [2, 2, 2], data: DATA });

/** A NIfTI-2 file with the same voxels (sizeof_hdr 540, vox_offset 544). */
function nifti2(): Uint8Array {
  const out = new Uint8Array(544 + DATA.byteLength);
  const v = new DataView(out.buffer);
  v.setInt32(0, 540, true);
  out.set([0x6e, 0x2b, 0x32, 0, 0x0d, 0x0a, 0x1a, 0x0a], 4); // "n+2\0\r\n\032\n"
  v.setInt16(12, 4, true); // datatype int16
  v.setInt16(14, 16, true); // bitpix
  [3, 5, 4, 4, 1, 1, 1, 1].forEach((d, k) => v.setBigInt64(16 + 8 * k, BigInt(d), true));
  [1, 2, 2, 2, 1, 1, 1, 1].forEach((p, k) => v.setFloat64(104 + 8 * k, p, true));
  v.setBigInt64(168, 544n, true);
  out.set(new Uint8Array(DATA.buffer), 544);
  return out;
}

const gzNrrdHeader = ['type: short', 'dimension: 3', 'sizes: 5 4 4', 'encoding: gzip', 'endian: little'];
function gzNrrd(): Uint8Array {
  const header = new TextEncoder().encode(`NRRD0004\n${gzNrrdHeader.join('\n')}\n\n`);
  const body = gzipSync(new Uint8Array(DATA.buffer));
  const out = new Uint8Array(header.length + body.length);
  out.set(header);
  out.set(body, header.length);
  return out;
}

const SEEDS: { name: string; bytes: Uint8Array; format: 'nifti' | 'nrrd' }[] = [
  { name: 'image.nii', bytes: nifti1, format: 'nifti' },
  { name: 'image.nii.gz', bytes: new Uint8Array(gzipSync(nifti1)), format: 'nifti' },
  { name: 'image2.nii', bytes: nifti2(), format: 'nifti' },
  { name: 'image2.nii.gz', bytes: new Uint8Array(gzipSync(nifti2())), format: 'nifti' },
  {
    name: 'image.nrrd',
    bytes: nrrd('image.nrrd', ['type: short', 'dimension: 3', 'sizes: 5 4 4', 'encoding: raw', 'endian: little'], DATA).bytes,
    format: 'nrrd',
  },
  { name: 'image-gz.nrrd', bytes: gzNrrd(), format: 'nrrd' },
];

const NAMES = ['a.nii', 'a.nii.gz', 'a.NII.GZ', 'a.nrrd', 'a.nhdr', 'a.gz', 'a', 'a.png', 'weird name .nii'];

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'append'; bytes: Uint8Array }
  | { kind: 'int16'; at: number; value: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ maxLength: 64 }) }),
  // Header fields are int16 (NIfTI-1 dims, datatype, bitpix) at even offsets of the first 352 bytes.
  fc.record({ kind: fc.constant('int16' as const), at: fc.integer({ min: 0, max: 175 }), value: fc.integer({ min: -32768, max: 32767 }) }),
);

function mutate(bytes: Uint8Array, ms: Mutation[]): Uint8Array {
  let b = bytes.slice();
  for (const m of ms) {
    const at = b.length === 0 ? 0 : ('at' in m ? m.at : 0) % (b.length + 1);
    switch (m.kind) {
      case 'truncate':
        b = b.slice(0, at);
        break;
      case 'set':
        if (at < b.length) b[at] = m.value;
        break;
      case 'insert':
        b = new Uint8Array([...b.subarray(0, at), ...m.bytes, ...b.subarray(at)]);
        break;
      case 'append':
        b = new Uint8Array([...b, ...m.bytes]);
        break;
      case 'int16':
        if (2 * m.at + 1 < b.length) new DataView(b.buffer).setInt16(2 * m.at, m.value, true);
        break;
    }
  }
  return b;
}

/** The contract: a format, or ImageReadError naming the file; in bounded time. Returns the outcome, numbers masked. */
function expectContract(name: string, bytes: Uint8Array): string {
  const started = performance.now();
  let outcome: string;
  try {
    outcome = detectImageFormat(name, bytes);
    expect(['nifti', 'nrrd']).toContain(outcome);
  } catch (e) {
    if (!(e instanceof ImageReadError)) throw new Error(`${name} (${bytes.length} bytes) threw ${String(e)}`);
    expect(e.message.startsWith(`${name}: `)).toBe(true);
    expect(e.problem.length).toBeGreaterThan(5);
    outcome = e.problem.replace(/-?\d[\d.e+]*/g, 'N').replace(/"[^"]*"/g, 'S');
  }
  expect(performance.now() - started).toBeLessThan(500);
  return outcome;
}

describe('image format detection under fuzzing', () => {
  it('accepts every valid seed', () => {
    for (const s of SEEDS) expect(detectImageFormat(s.name, s.bytes), s.name).toBe(s.format);
  });

  it('mutated valid files: a format or a named ImageReadError, never a crash or a hang', () => {
    const outcomes = new Set<string>();
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.constantFrom(...NAMES, ''), (seed, ms, rename) => {
        outcomes.add(expectContract(rename || seed.name, mutate(seed.bytes, ms)));
      }),
      { numRuns: 3000 },
    );
    // The mutations reach deep: accepted files and many distinct problems (gzip, header fields, lengths).
    expect(outcomes).toContain('nifti');
    expect(outcomes).toContain('nrrd');
    expect([...outcomes].some((o) => o.startsWith('the gzip stream'))).toBe(true);
    expect([...outcomes].some((o) => o.startsWith('bad NIfTI header'))).toBe(true);
    expect([...outcomes].some((o) => o.startsWith('bad NRRD header'))).toBe(true);
    expect([...outcomes].some((o) => o.includes('truncated'))).toBe(true);
    expect(outcomes.size).toBeGreaterThan(12);
  });

  it('random bytes under any name', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom(...NAMES), (bytes, name) => {
        expectContract(name, bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('random bytes behind the gzip and NRRD magic', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1024 }), fc.constantFrom(...NAMES), fc.boolean(), (tail, name, gzip) => {
        const head = gzip ? [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3] : [...new TextEncoder().encode('NRRD0004\n')];
        expectContract(name, new Uint8Array([...head, ...tail]));
      }),
      { numRuns: 2000 },
    );
  });

  it('NRRD headers built from random lines never throw', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.tuple(fc.constantFrom('type', 'dimension', 'sizes', 'encoding', 'data file', 'byte skip', 'constructor', '__proto__'), fc.string({ maxLength: 20 })).map(([k, v]) => `${k}: ${v}`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.uint8Array({ maxLength: 200 }), (lines, body) => {
        const header = new TextEncoder().encode(`NRRD0004\n${lines.join('\n')}\n\n`);
        const bytes = new Uint8Array([...header, ...body]);
        const parsed = parseNrrdHeader(bytes);
        if (typeof parsed !== 'string') nrrdHeaderProblem(parsed);
        expectContract('f.nrrd', bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('the after-failure diagnosis and the NaN restoration never throw on mutated files', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 3 }), (seed, ms) => {
        const bytes = mutate(seed.bytes, ms);
        expect(typeof undecodableReason(bytes)).toBe('string');
        const volume: Volume = { dims: [5, 4, 4], spacing: [2, 2, 2], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data: new Float32Array(80) };
        const restored = restoreNiftiNaN(bytes, volume);
        expect(restored).toBeGreaterThanOrEqual(0);
        parseNiftiHeader(bytes);
      }),
      { numRuns: 1000 },
    );
  });
});
