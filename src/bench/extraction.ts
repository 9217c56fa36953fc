/**
 * Extraction benchmark (CPU path, PyRadiomics profile, PyRadiomics' default settings) against the PyRadiomics
 * figures measured on these machines (../shared/bench/README.md), file reading excluded as there. Per case:
 *   prepare           prepareCase alone: label scan, geometry and ROI checks (PyRadiomics' checkMask);
 *   <class>           the class's own work on the prepared case (class-work.ts): what PyRadiomics' per-class figure
 *                     measures, i.e. ROI voxels + binning + matrix + features of that class alone;
 *   whole case        extractPyradiomics from the image and label arrays in memory: prepare + the classes, with
 *                     the binning shared as the extraction shares it.
 * All columns of a case are timed interleaved (timing.ts interleavedTimings) after warm-up rounds; medians.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractPyradiomics } from '../core/extract.js';
import { prepareCase } from '../core/extract/prepare.js';
import { pyradiomicsDefaults, type ExtractionSettings, type PyradiomicsClass } from '../core/settings.js';
import type { Volume } from '../core/volume.js';
import { closeImageReader, readImageFile } from '../io/read-image-node.js';
import { classWork } from './class-work.js';
import { formatMs, interleavedTimings, table } from './timing.js';

const SHARED = process.env.WEBRADIOMICS_SHARED ?? fileURLToPath(new URL('../../../shared', import.meta.url));

const CASES = [
  { name: 'brain1', image: 'refdata/pyradiomics/brain1/brain1_image.nrrd', mask: 'refdata/pyradiomics/brain1/brain1_label.nrrd' },
  { name: 'synth_128x128x32', image: 'bench/synth_128x128x32_image.nrrd', mask: 'bench/synth_128x128x32_label.nrrd' },
  { name: 'synth_256x256x64', image: 'bench/synth_256x256x64_image.nrrd', mask: 'bench/synth_256x256x64_label.nrrd' },
];

const TEXTURE: PyradiomicsClass[] = ['firstorder', 'glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'];
const CLASSES: PyradiomicsClass[] = [...TEXTURE, 'shape'];
const WHOLE: { label: string; classes: PyradiomicsClass[] }[] = [
  { label: 'texture + firstorder', classes: TEXTURE },
  { label: 'all 7 classes', classes: CLASSES },
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

function settingsFor(classes: PyradiomicsClass[]): ExtractionSettings {
  const s = pyradiomicsDefaults();
  s.featureClasses = Object.fromEntries(classes.map((k) => [k, null]));
  return s;
}

/** Throws unless every class run alone gives the whole extraction's values, bit for bit (and the same names). */
function checkClassWork(image: Volume, labels: Volume, caseName: string): void {
  const s = settingsFor(CLASSES);
  const whole = extractPyradiomics(image, labels, s).features;
  const prepared = prepareCase(image, labels, s, []);
  for (const cls of CLASSES) {
    const expected = whole.filter((r) => r.featureClass === cls);
    const got = classWork(prepared, s, cls)();
    const same = got.length === expected.length && got.every((v, k) => v.name === expected[k].feature && Object.is(v.value, expected[k].value));
    if (!same) throw new Error(`bench ${caseName}: ${cls} run alone differs from the whole extraction`);
  }
}

export const EXTRACTION_METHOD = [
  'Method: per case, all columns below are timed interleaved: `warmup` untimed rounds, then `repeats` timed rounds,',
  'each round running every column once in turn (starting one column later each round); the median (and quartiles)',
  'of each column is reported (wall clock; CPU = process CPU time, V8 helper threads included). Image and label are',
  'decoded once beforehand (file reading excluded, as for PyRadiomics). Ratios: PyRadiomics\' figure (wall clock, quiet',
  'machine) over our median wall time, and over our median CPU time (the fairer one while other processes load the machine).',
  '- prepare: prepareCase alone (label scan, geometry and ROI checks; PyRadiomics excludes its checkMask from its',
  '  per-class figures).',
  "- a class (own work): on the prepared case, that class alone, as PyRadiomics' per-class figure: ROI voxels of the",
  '  bounding box, binning, matrix and features (texture classes also build their padded grid); nothing is shared with',
  '  another class. shape: the cropped mask, mesh and features. Checked bit-identical to the whole extraction.',
  '- whole case: extractPyradiomics from the arrays in memory (prepare + the classes, binning shared between classes).',
].join('\n');

export async function benchExtraction(o: { repeats: number; warmup: number; log: (line: string) => void }): Promise<string> {
  const figures = pyradiomicsFigures();
  const rows: string[][] = [];
  const load0 = loadavg()[0].toFixed(2);
  for (const c of CASES) {
    const imageFile = path.join(SHARED, c.image);
    if (!existsSync(imageFile)) {
      o.log(`skipping ${c.name}: ${imageFile} not found`);
      continue;
    }
    const image: Volume = await readImageFile(imageFile);
    const labels: Volume = await readImageFile(path.join(SHARED, c.mask));
    checkClassWork(image, labels, c.name);
    const reference = figures.get(c.name);
    const all = settingsFor(CLASSES);
    const prepared = prepareCase(image, labels, all, []);
    const columns: { label: string; kind: string; run: () => unknown }[] = [
      { label: 'prepare', kind: 'prepareCase', run: () => prepareCase(image, labels, all, []) },
      ...CLASSES.map((cls) => ({ label: cls, kind: 'own work', run: classWork(prepared, all, cls) })),
      ...WHOLE.map((w) => {
        const s = settingsFor(w.classes);
        return { label: w.label, kind: 'whole case', run: () => extractPyradiomics(image, labels, s) };
      }),
    ];
    const timings = interleavedTimings(columns.map((col) => col.run), o.repeats, o.warmup);
    columns.forEach((col, k) => {
      const t = timings[k];
      const theirs = reference?.get(col.label);
      const ratio = (ms: number) => (theirs ? `${(theirs / ms).toFixed(1)}x` : '-');
      rows.push([c.name, col.label, col.kind, formatMs(t.median), `${formatMs(t.q1)}-${formatMs(t.q3)}`, formatMs(t.cpuMedian), theirs ? formatMs(theirs) : '-', ratio(t.median), ratio(t.cpuMedian)]);
      o.log(rows[rows.length - 1].join('  '));
    });
  }
  await closeImageReader();
  return [
    `## Extraction, CPU, PyRadiomics defaults (median ms of ${o.repeats} interleaved rounds after ${o.warmup} warm-up rounds)`,
    '',
    EXTRACTION_METHOD,
    '',
    `Load average (1 min) before / after: ${load0} / ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores` +
      ' (a loaded machine slows every column; compare ratios taken in a quiet period).',
    '',
    table(['case', 'figure', 'what is timed', 'WebRadiomics ms (median)', 'quartiles', 'CPU ms (median)', 'PyRadiomics ms', 'PyRadiomics / median', 'PyRadiomics / CPU'], rows),
  ].join('\n');
}
