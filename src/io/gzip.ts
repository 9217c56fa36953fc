/**
 * Just enough gzip to check a file before itk-wasm reads it (itk-wasm answers a bad stream with no reason):
 * the first bytes of the content (for the NIfTI header), the size the trailer claims, and a full pass that tells
 * a truncated stream from a damaged one. fflate, in small chunks, so a bad file never costs more than one pass.
 */
import { Gunzip } from 'fflate';

export function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** ISIZE of the (last) member: the uncompressed size modulo 2^32, as the trailer claims it. */
export function gzipClaimedSize(b: Uint8Array): number | undefined {
  if (b.length < 18) return undefined;
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(b.length - 4, true);
}

export type GzipProblem = 'truncated' | 'damaged';

export interface GzipPass {
  /** the first `keep` bytes of the content (fewer if the content is shorter or the stream broke) */
  head: Uint8Array;
  /** bytes of content produced (all of it when `problem` is undefined and the pass was not stopped early) */
  size: number;
  problem?: GzipProblem;
  /** fflate's words for a damaged stream */
  detail?: string;
}

const CHUNK = 64 * 1024;

/**
 * Inflates `b`, keeping the first `keep` bytes; stops as soon as it has them when `stopEarly` is set.
 * Never throws: a broken stream comes back as `problem`. The CRC of the content is checked on a full pass.
 */
export function gunzipPass(b: Uint8Array, keep: number, stopEarly: boolean): GzipPass {
  const head = new Uint8Array(keep);
  let have = 0;
  let size = 0;
  let crc = ~0;
  let members = 1;
  const gunzip = new Gunzip((chunk) => {
    if (have < keep) {
      const n = Math.min(keep - have, chunk.length);
      head.set(chunk.subarray(0, n), have);
      have += n;
    }
    size += chunk.length;
    if (!stopEarly) crc = crc32Update(crc, chunk);
  });
  gunzip.onmember = () => {
    members++;
  };
  try {
    for (let offset = 0; offset < b.length; offset += CHUNK) {
      const last = offset + CHUNK >= b.length;
      gunzip.push(b.subarray(offset, offset + CHUNK), last);
      if (stopEarly && have >= keep) return { head, size };
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const truncated = /unexpected EOF/i.test(message);
    return { head: head.subarray(0, have), size, problem: truncated ? 'truncated' : 'damaged', detail: message };
  }
  if (!stopEarly && members === 1) {
    // A single-member stream: its trailer holds the CRC-32 of the content (fflate does not check it).
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const claimedCrc = b.length >= 8 ? view.getUint32(b.length - 8, true) : undefined;
    const claimedSize = gzipClaimedSize(b);
    if (claimedSize === size % 2 ** 32 && claimedCrc !== undefined && claimedCrc !== (~crc >>> 0)) {
      return { head: head.subarray(0, have), size, problem: 'damaged', detail: 'checksum mismatch' };
    }
  }
  return { head: head.subarray(0, have), size };
}

/** The whole content of a gzip stream, or a problem. */
export function gunzipAll(b: Uint8Array): { data?: Uint8Array; problem?: GzipProblem; detail?: string } {
  const parts: Uint8Array[] = [];
  let total = 0;
  const gunzip = new Gunzip((chunk) => {
    parts.push(chunk);
    total += chunk.length;
  });
  try {
    for (let offset = 0; offset < b.length; offset += CHUNK) gunzip.push(b.subarray(offset, offset + CHUNK), offset + CHUNK >= b.length);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { problem: /unexpected EOF/i.test(message) ? 'truncated' : 'damaged', detail: message };
  }
  const data = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  return { data };
}

export function gzipProblemText(problem: GzipProblem, detail?: string): string {
  return problem === 'truncated' ? 'the gzip stream is truncated (the file ends too early)' : `the gzip stream is damaged${detail ? ` (${detail})` : ''}`;
}

let table: Uint32Array | undefined;

function crc32Update(crc: number, bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = crc;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return c;
}
