/** Reads every file under a folder (Node: CLI, tests) as study input, with paths relative to the folder. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DicomInputError } from './dicom-error.js';
import type { DicomInput } from './import-study.js';

export async function readFolder(dir: string): Promise<DicomInput[]> {
  let info;
  try {
    info = await stat(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DicomInputError(`${dir}: ${code === 'ENOENT' ? 'no such folder' : `cannot be read (${code ?? String(e)})`}`);
  }
  if (!info.isDirectory()) throw new DicomInputError(`${dir}: not a folder`);
  const out: DicomInput[] = [];
  async function walk(sub: string): Promise<void> {
    const entries = await readdir(path.join(dir, sub), { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(rel);
      else if (e.isFile()) out.push({ path: rel, bytes: new Uint8Array(await readFile(path.join(dir, rel))) });
    }
  }
  await walk('');
  if (out.length === 0) throw new DicomInputError(`${dir}: the folder holds no file`);
  return out;
}
