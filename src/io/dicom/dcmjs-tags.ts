/**
 * Tag values read with dcmjs, for the files that itk-wasm read-dicom-tags rejects: it needs pixel data, so it
 * cannot read RTSTRUCT, SR, presentation states or DICOMDIR (docs/itk-wasm.md). Values come back in the form
 * read-dicom-tags uses: 'gggg|eeee' -> string, several values joined by '\'.
 */
import dcmjs from './dcmjs-quiet.js';

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    const pn = v as { Alphabetic?: string };
    return typeof pn.Alphabetic === 'string' ? pn.Alphabetic : '';
  }
  return String(v);
}

/** The wanted tags of a Part 10 file, or undefined when dcmjs cannot parse its header. */
export function readTagsWithDcmjs(bytes: Uint8Array, wanted: string[]): Map<string, string> | undefined {
  let dict;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    dict = dcmjs.data.DicomMessage.readFile(buffer, { untilTag: '7FE00010', includeUntilTagValue: false }).dict;
  } catch {
    return undefined;
  }
  const tags = new Map<string, string>();
  for (const tag of wanted) {
    const entry = dict[tag.replace('|', '').toUpperCase()];
    if (!entry || entry.vr === 'SQ') continue;
    tags.set(tag, (entry.Value ?? []).map(valueText).join('\\'));
  }
  return tags;
}
