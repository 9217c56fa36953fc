/**
 * The PyRadiomics-style filtered extraction of issue 5: brain1, Original + LoG (sigma 1, 2, 3, 4, 5 mm) + Wavelet
 * (coif1, 8 sub-bands), every feature class (1,316 features). Per backend, the median of `repeats` runs after one
 * warm-up (file reading excluded):
 * - the filter stage alone: the f64 CPU filters (pyradiomicsFilterProvider on the prepared case) and, with a GPU, the
 *   GPU filter stage as extractCase runs it (EngineStats.filterMs: upload, every filter, ROI gather, one read-back);
 * - the whole case through extractCase: 'cpu' (f64 filters, CPU twins) and 'gpu' (GPU filters and GPU matrices).
 * The GPU row also gives the largest relative difference of its features from the CPU row's (f32 vs f64 filters).
 * On software adapters (SwiftShader, llvmpipe) the GPU figures are no performance figures.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareExtraction } from '../core/extract.js';
import { pyradiomicsFilterRequests } from '../core/extract/pyradiomics.js';
import { pyradiomicsFilterProvider } from '../core/filters/pyradiomics/provider.js';
import { pyradiomicsDefaults, type ExtractionSettings } from '../core/settings.js';
import type { GpuAcquisition, GpuContext } from '../gpu/device.js';
import { readImageFile } from '../io/read-image-node.js';
import { extractCase, type CaseInput, type CaseResult } from '../pipeline/extract-case.js';
import { formatMs, medianMs, table } from './timing.js';

const SHARED = process.env.WEBRADIOMICS_SHARED ?? fileURLToPath(new URL('../../../shared', import.meta.url));
const BRAIN1 = ['refdata/pyradiomics/brain1/brain1_image.nrrd', 'refdata/pyradiomics/brain1/brain1_label.nrrd'];

/** Original + LoG 1-5 mm + Wavelet, every class (PyRadiomics' defaults otherwise). */
export function logWaveletSettings(): ExtractionSettings {
  const s = pyradiomicsDefaults();
  s.imageTypes = { Original: {}, LoG: {}, Wavelet: {} };
  s.filter = { ...s.filter, sigma: [1, 2, 3, 4, 5] };
  return s;
}

/** Largest |a - b| / max(|a|, |b|) over features present in both with finite values (0 for equal values). */
function maxRelativeDifference(a: CaseResult, b: CaseResult): number {
  const byName = new Map(b.features.map((f) => [f.name, f.value]));
  let worst = 0;
  for (const f of a.features) {
    const v = byName.get(f.name);
    if (v === undefined || !Number.isFinite(v) || !Number.isFinite(f.value) || v === f.value) continue;
    worst = Math.max(worst, Math.abs(f.value - v) / Math.max(Math.abs(f.value), Math.abs(v)));
  }
  return worst;
}

export async function benchFilters(o: { repeats: number; gpu?: GpuContext; log: (line: string) => void }): Promise<string> {
  const imageFile = path.join(SHARED, BRAIN1[0]);
  if (!existsSync(imageFile)) return `## Filtered extraction\n\nskipped: ${imageFile} not found`;
  const input: CaseInput = { image: await readImageFile(imageFile), mask: await readImageFile(path.join(SHARED, BRAIN1[1])), imageName: BRAIN1[0], maskName: BRAIN1[1] };
  const settings = logWaveletSettings();
  const getGpu = (): Promise<GpuAcquisition> => Promise.resolve(o.gpu ? { ok: true, gpu: o.gpu } : { ok: false, reason: 'no adapter' });

  o.log('filters: CPU filter stage');
  const prepared = prepareExtraction(input.image, input.mask, settings).prepared;
  const requests = pyradiomicsFilterRequests(settings);
  let images = 0;
  const cpuFilterMs = await medianMs(() => {
    images = 0;
    for (const r of requests) images += pyradiomicsFilterProvider(r.imageType, prepared.image, prepared.intensityMask, r.settings).length;
  }, o.repeats);
  o.log('filters: whole case, CPU');
  let cpu: CaseResult | undefined;
  const cpuMs = await medianMs(async () => (cpu = await extractCase(input, { settings, backend: 'cpu' }, getGpu)), o.repeats);
  const rows: string[][] = [['CPU (f64 filters, CPU twins)', String(cpu!.features.length), String(images), formatMs(cpuFilterMs), formatMs(cpuMs), '-', '-', '0']];
  if (o.gpu) {
    o.log('filters: whole case, GPU');
    let gpu: CaseResult | undefined;
    const filterTimes: number[] = [];
    const gpuMs = await medianMs(async () => {
      gpu = await extractCase(input, { settings, backend: 'gpu' }, getGpu);
      filterTimes.push(gpu.engine?.filterMs ?? NaN);
    }, o.repeats);
    filterTimes.sort((a, b) => a - b);
    const e = gpu!.engine!;
    rows.push([
      `GPU: ${o.gpu.adapterName}`,
      String(gpu!.features.length),
      `${e.gpuFilters ?? 0} of ${(e.gpuFilters ?? 0) + (e.cpuFilters ?? 0)} types`,
      formatMs(filterTimes[Math.floor(filterTimes.length / 2)]),
      formatMs(gpuMs),
      `${e.submits} / ${e.readbacks}`,
      `${e.gpuMatrices} / ${e.cpuMatrices}`,
      maxRelativeDifference(gpu!, cpu!).toExponential(1),
    ]);
  }
  return [
    '## Filtered extraction: brain1, Original + LoG (1-5 mm) + Wavelet (8 bands), every class; median ms (file reading excluded)',
    '',
    table(['backend', 'features', 'filtered images', 'filter stage ms', 'whole case ms', 'submits / read-backs', 'matrices gpu / cpu', 'max rel. diff vs CPU'], rows),
  ].join('\n');
}
