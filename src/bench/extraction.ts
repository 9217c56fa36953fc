/**
 * Whole-case extraction benchmark (CPU path, PyRadiomics profile, PyRadiomics' default settings), per feature
 * class, against the PyRadiomics figures measured on these machines (../shared/bench/README.md): median of
 * `repeats` runs after a warm-up, file reading excluded, as there.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractPyradiomics } from '../core/extract.js';
import { pyradiomicsDefaults, type PyradiomicsClass } from '../core/settings.js';
import type { Volume } from '../core/volume.js';
import { closeImageReader, readImageFile } from '../io/read-image-node.js';
import { formatMs, medianMs, table } from './timing.js';

const SHARED = process.env.WEBRADIOMICS_SHARED ?? fileURLToPath(new URL('../../../shared', import.meta.url));

const CASES = [
  { name: 'brain1', image: 'refdata/pyradiomics/brain1/brain1_image.nrrd', mask: 'refdata/pyradiomics/brain1/brain1_label.nrrd' },
  { name: 'synth_128x128x32', image: 'bench/synth_128x128x32_image.nrrd', mask: 'bench/synth_128x128x32_label.nrrd' },
  { name: 'synth_256x256x64', image: 'bench/synth_256x256x64_image.nrrd', mask: 'bench/synth_256x256x64_label.nrrd' },
];

const TEXTURE: PyradiomicsClass[] = ['firstorder', 'glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'];
const COLUMNS: { label: string; classes: PyradiomicsClass[] }[] = [
  ...TEXTURE.map((c) => ({ label: c, classes: [c] })),
  { label: 'texture + firstorder', classes: TEXTURE },
  { label: 'shape', classes: ['shape'] },
  { label: 'all 7 classes', classes: [...TEXTURE, 'shape'] },
];

/** PyRadiomics' figures per case and column, read from the shared benchmark README's table. */
function pyradiomicsFigures(): Map<string, Map<string, number>> {
  const file = path.join(SHARED, 'bench/README.md');
  const out = new Map<string, Map<string, number>>();
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('|'));
  const header = lines[0]?.split('|').map((s) => s.trim()) ?? [];
  for (const line of lines.slice(2)) {
    const cells = line.split('|').map((s) => s.trim());
    const name = cells[1].split(' ')[0];
    out.set(name, new Map(header.map((h, k) => [h, Number(cells[k]?.replace(/,/g, ''))])));
  }
  return out;
}

export async function benchExtraction(o: { repeats: number; log: (line: string) => void }): Promise<string> {
  const figures = pyradiomicsFigures();
  const rows: string[][] = [];
  for (const c of CASES) {
    const imageFile = path.join(SHARED, c.image);
    if (!existsSync(imageFile)) {
      o.log(`skipping ${c.name}: ${imageFile} not found`);
      continue;
    }
    const image: Volume = await readImageFile(imageFile);
    const labels: Volume = await readImageFile(path.join(SHARED, c.mask));
    const reference = figures.get(c.name);
    for (const col of COLUMNS) {
      const settings = pyradiomicsDefaults();
      settings.featureClasses = Object.fromEntries(col.classes.map((k) => [k, null]));
      const ms = await medianMs(() => extractPyradiomics(image, labels, settings), o.repeats);
      const theirs = reference?.get(col.label);
      const ratio = theirs ? `${(theirs / ms).toFixed(1)}x` : '-';
      rows.push([c.name, col.label, formatMs(ms), theirs ? formatMs(theirs) : '-', ratio]);
      o.log(rows[rows.length - 1].join('  '));
    }
  }
  await closeImageReader();
  return [
    '## Whole-case extraction, CPU, PyRadiomics defaults (median ms; file reading excluded)',
    '',
    table(['case', 'classes', 'WebRadiomics ms', 'PyRadiomics ms', 'PyRadiomics / WebRadiomics'], rows),
  ].join('\n');
}
