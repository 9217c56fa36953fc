/**
 * A study dropped as a zip: every file in it becomes a study file named "<zip>/<path inside>". Zip archives are
 * recognised by their local file header signature (PK\3\4), not by name. macOS resource forks (__MACOSX/, ._*)
 * and folder entries are left out; archives inside the archive are not opened.
 */
import { unzipSync } from 'fflate';
import { DicomInputError } from './dicom-error.js';
import type { DicomInput } from './import-study.js';

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function wanted(path: string): boolean {
  const name = path.split('/').pop() ?? '';
  return !path.endsWith('/') && !path.startsWith('__MACOSX/') && !name.startsWith('._');
}

/** The files with every zip archive among them replaced by its contents. */
export function expandZips(files: DicomInput[]): DicomInput[] {
  const out: DicomInput[] = [];
  for (const f of files) {
    if (!isZip(f.bytes)) {
      out.push(f);
      continue;
    }
    let entries;
    try {
      entries = unzipSync(f.bytes, { filter: (e) => wanted(e.name) });
    } catch (e) {
      throw new DicomInputError(`${f.path}: the zip archive cannot be read (${(e as Error).message})`);
    }
    for (const [path, bytes] of Object.entries(entries).sort(([a], [b]) => a.localeCompare(b))) {
      out.push({ path: `${f.path}/${path}`, bytes });
    }
  }
  return out;
}
