/**
 * A walk over a DICOM Part 10 file's element headers (PS3.10 7.1, PS3.5 7): the file meta group (transfer syntax,
 * media storage SOP class) and where the top-level pixel data lies and how much of it the file really holds.
 * itk-wasm accepts a truncated slice without a word, so the import measures it here. Values are not decoded;
 * sequences are skipped item by item, so the walk costs little more than reading the headers.
 */

export interface PixelDataExtent {
  /** (7FE0,0010), (7FE0,0008) float or (7FE0,0009) double pixel data */
  tag: string;
  /** byte offset of the element's tag */
  offset: number;
  encapsulated: boolean;
  /** declared value length; undefined for encapsulated (undefined-length) data */
  declaredLength?: number;
  /** bytes of pixel data present (native), or of fragment payloads (encapsulated) */
  availableBytes: number;
  /** native: the declared length is present; encapsulated: the sequence delimiter was reached */
  complete: boolean;
  /** encapsulated: fragments after the basic offset table */
  fragments?: number;
}

export interface Part10Scan {
  /** 128-byte preamble followed by "DICM" */
  preamble: boolean;
  transferSyntaxUid?: string;
  mediaStorageSopClassUid?: string;
  pixelData?: PixelDataExtent;
  /** byte offset at which an element's declared length runs past the end of the file */
  truncatedAt?: number;
  /** why the dataset could not be walked (deflated syntax, garbled header) */
  unscannable?: string;
}

const IMPLICIT_LE = '1.2.840.10008.1.2';
const EXPLICIT_BE = '1.2.840.10008.1.2.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';
const NATIVE_SYNTAXES = new Set([IMPLICIT_LE, '1.2.840.10008.1.2.1', EXPLICIT_BE, DEFLATED]);

/** VRs with a 2-byte reserved field and a 4-byte length in explicit VR encoding (PS3.5 Table 7.1-1). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const UNDEFINED = 0xffffffff;

class Truncated extends Error {
  constructor(readonly at: number) {
    super(`truncated at byte ${at}`);
  }
}

interface Cursor {
  view: DataView;
  pos: number;
  explicit: boolean;
  little: boolean;
}

function need(c: Cursor, n: number): void {
  if (c.pos + n > c.view.byteLength) throw new Truncated(c.pos);
}

function u16(c: Cursor): number {
  need(c, 2);
  const v = c.view.getUint16(c.pos, c.little);
  c.pos += 2;
  return v;
}

function u32(c: Cursor): number {
  need(c, 4);
  const v = c.view.getUint32(c.pos, c.little);
  c.pos += 4;
  return v;
}

function isVr(c: Cursor, at: number): boolean {
  if (at + 2 > c.view.byteLength) return false;
  const a = c.view.getUint8(at);
  const b = c.view.getUint8(at + 1);
  return a >= 0x41 && a <= 0x5a && b >= 0x41 && b <= 0x5a;
}

interface Header {
  group: number;
  element: number;
  vr: string;
  length: number;
  offset: number;
}

function header(c: Cursor): Header {
  const offset = c.pos;
  const group = u16(c);
  const element = u16(c);
  if (group === 0xfffe) return { group, element, vr: '', length: u32(c), offset };
  if (!c.explicit) return { group, element, vr: '', length: u32(c), offset };
  need(c, 2);
  const vr = String.fromCharCode(c.view.getUint8(c.pos), c.view.getUint8(c.pos + 1));
  c.pos += 2;
  if (LONG_VRS.has(vr)) {
    c.pos += 2;
    return { group, element, vr, length: u32(c), offset };
  }
  return { group, element, vr, length: u16(c), offset };
}

function skip(c: Cursor, n: number): void {
  need(c, n);
  c.pos += n;
}

/** Skips the items of a sequence whose header was just read. */
function skipSequence(c: Cursor, length: number, vr: string): void {
  if (length !== UNDEFINED) return skip(c, length);
  // An undefined-length UN holds implicit VR little endian content (PS3.5 6.2.2).
  const inner: Cursor = vr === 'UN' ? { ...c, explicit: false, little: true } : c;
  for (;;) {
    const h = header(inner);
    if (h.group === 0xfffe && h.element === 0xe0dd) break;
    if (h.group !== 0xfffe || h.element !== 0xe000) throw new Error(`unexpected element (${hex(h.group)},${hex(h.element)}) in a sequence`);
    if (h.length !== UNDEFINED) {
      skip(inner, h.length);
      continue;
    }
    for (;;) {
      const e = header(inner);
      if (e.group === 0xfffe && e.element === 0xe00d) break;
      skipValue(inner, e);
    }
  }
  c.pos = inner.pos;
}

function skipValue(c: Cursor, h: Header): void {
  if (h.vr === 'SQ' || h.length === UNDEFINED) skipSequence(c, h.length, h.vr);
  else skip(c, h.length);
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

function text(bytes: Uint8Array, from: number, length: number): string {
  let s = '';
  for (let i = from; i < from + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s.replace(/[\0\s]+$/, '');
}

function encapsulatedExtent(c: Cursor, h: Header): PixelDataExtent {
  let available = 0;
  let items = 0;
  const extent: PixelDataExtent = { tag: tagName(h), offset: h.offset, encapsulated: true, availableBytes: 0, complete: false, fragments: 0 };
  try {
    for (;;) {
      const item = header(c);
      if (item.group === 0xfffe && item.element === 0xe0dd) {
        extent.complete = true;
        break;
      }
      if (item.group !== 0xfffe || item.element !== 0xe000 || item.length === UNDEFINED) break;
      skip(c, item.length);
      if (items > 0) available += item.length; // the first item is the basic offset table
      items++;
    }
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
  }
  extent.availableBytes = available;
  extent.fragments = Math.max(0, items - 1);
  return extent;
}

function tagName(h: Header): string {
  return `(${hex(h.group)},${hex(h.element)})`;
}

export function scanPart10(bytes: Uint8Array): Part10Scan {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const preamble = bytes.length >= 132 && text(bytes, 128, 4) === 'DICM';
  const scan: Part10Scan = { preamble };
  const c: Cursor = { view, pos: preamble ? 132 : 0, explicit: true, little: true };
  if (!preamble) {
    // A dataset without preamble: guess explicit or implicit VR from the bytes after the first tag.
    if (bytes.length < 8) return { ...scan, unscannable: 'too short to be DICOM' };
    c.explicit = isVr(c, 4);
  }
  try {
    // File meta information: always explicit VR little endian.
    while (c.pos + 4 <= bytes.length && view.getUint16(c.pos, true) === 0x0002) {
      const h = header(c);
      if (h.element === 0x0010) scan.transferSyntaxUid = text(bytes, c.pos, h.length);
      if (h.element === 0x0002) scan.mediaStorageSopClassUid = text(bytes, c.pos, h.length);
      skipValue(c, h);
    }
    const syntax = scan.transferSyntaxUid ?? (c.explicit ? '1.2.840.10008.1.2.1' : IMPLICIT_LE);
    if (syntax === DEFLATED) return { ...scan, unscannable: 'deflated transfer syntax' };
    c.explicit = syntax !== IMPLICIT_LE && (preamble || c.explicit);
    c.little = syntax !== EXPLICIT_BE;
    const encapsulated = !NATIVE_SYNTAXES.has(syntax);
    while (c.pos < bytes.length) {
      const h = header(c);
      if (h.group === 0x7fe0 && (h.element === 0x0010 || h.element === 0x0008 || h.element === 0x0009)) {
        if (h.length === UNDEFINED || (encapsulated && h.element === 0x0010)) {
          scan.pixelData = encapsulatedExtent(c, h);
        } else {
          const availableBytes = Math.min(h.length, bytes.length - c.pos);
          scan.pixelData = { tag: tagName(h), offset: h.offset, encapsulated: false, declaredLength: h.length, availableBytes, complete: availableBytes === h.length };
        }
        break;
      }
      skipValue(c, h);
    }
  } catch (e) {
    if (e instanceof Truncated) scan.truncatedAt = e.at;
    else scan.unscannable = (e as Error).message;
  }
  return scan;
}

export interface PixelFormat {
  rows: number;
  columns: number;
  frames: number;
  samplesPerPixel: number;
  bitsAllocated: number;
}

/** Why the pixel data cannot be whole, or undefined when it can. */
export function pixelDataProblem(scan: Part10Scan, f: PixelFormat): string | undefined {
  const p = scan.pixelData;
  if (!p) {
    return scan.truncatedAt !== undefined ? `truncated: the file ends at byte ${scan.truncatedAt}, before its pixel data` : undefined;
  }
  if (p.encapsulated) {
    if (!p.complete) return `truncated: the compressed pixel data ends after ${p.fragments} fragment(s), before its sequence delimiter`;
    if ((p.fragments ?? 0) === 0) return 'the compressed pixel data holds no fragment';
    return undefined;
  }
  const bitsPerPixel = f.bitsAllocated * f.samplesPerPixel;
  const expected = Math.ceil((f.rows * f.columns * f.frames * bitsPerPixel) / 8);
  if (p.availableBytes < expected) {
    const frames = f.frames > 1 ? ` x ${f.frames} frames` : '';
    return `truncated: the pixel data holds ${p.availableBytes} of the ${expected} bytes that ${f.columns}x${f.rows} pixels${frames} of ${bitsPerPixel} bits need`;
  }
  return undefined;
}
