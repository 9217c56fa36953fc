/**
 * Whole-case benchmark of the full engine: extractCase (src/pipeline/extract-case.ts) with backend 'cpu' and with
 * backend 'gpu' on the same case (file reading excluded), the median of `repeats` runs after one warm-up, and the
 * queue submits and read-backs the GPU case took (1 and 1 when the case fits). Cases: the IBSI phantom with
 * ibsiDefaults() (every family and aggregation), brain1 with pyradiomicsDefaults(), brain1 with LoG + wavelet,
 * and the shared synthetic volumes where present. Both backends' features are compared (they must be equal).
 * On software adapters (SwiftShader, llvmpipe) the GPU column is no performance figure.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ibsiDefaults, pyradiomicsDefaults, type ExtractionSettings } from '../core/settings.js';
import type { Volume } from '../core/volume.js';
import type { GpuAcquisition, GpuContext } from '../gpu/device.js';
import { readImageFile } from '../io/read-image-node.js';
import { extractCase, type CaseInput, type CaseResult } from '../pipeline/extract-case.js';
import { formatMs, medianMs, table } from './timing.js';

const SHARED = process.env.WEBRADIOMICS_SHARED ?? fileURLToPath(new URL('../../../shared', import.meta.url));

interface EngineCase {
  name: string;
  image: string;
  mask: string;
  settings: () => ExtractionSettings;
}

function logWavelet(): ExtractionSettings {
  const s = pyradiomicsDefaults();
  s.imageTypes = { Original: {}, LoG: {}, Wavelet: {} };
  s.filter = { sigma: [1, 3] };
  return s;
}

const PHANTOM = ['refdata/ibsi/digital_phantom/nifti/image/phantom.nii.gz', 'refdata/ibsi/digital_phantom/nifti/mask/mask.nii.gz'];
const BRAIN1 = ['refdata/pyradiomics/brain1/brain1_image.nrrd', 'refdata/pyradiomics/brain1/brain1_label.nrrd'];
const SYNTH = ['bench/synth_128x128x32_image.nrrd', 'bench/synth_128x128x32_label.nrrd'];

const CASES: EngineCase[] = [
  { name: 'IBSI phantom, ibsiDefaults', image: PHANTOM[0], mask: PHANTOM[1], settings: ibsiDefaults },
  { name: 'brain1, pyradiomicsDefaults', image: BRAIN1[0], mask: BRAIN1[1], settings: pyradiomicsDefaults },
  { name: 'brain1, original + LoG (2) + wavelet (8)', image: BRAIN1[0], mask: BRAIN1[1], settings: logWavelet },
  { name: 'synth_128x128x32, pyradiomicsDefaults', image: SYNTH[0], mask: SYNTH[1], settings: pyradiomicsDefaults },
];

function sameValues(a: CaseResult, b: CaseResult): boolean {
  return a.features.length === b.features.length && a.features.every((f, i) => f.name === b.features[i].name && Object.is(f.value, b.features[i].value));
}

export async function benchEngine(o: { repeats: number; gpu?: GpuContext; log: (line: string) => void }): Promise<string> {
  const rows: string[][] = [];
  const getGpu = (): Promise<GpuAcquisition> => Promise.resolve(o.gpu ? { ok: true, gpu: o.gpu } : { ok: false, reason: 'no adapter' });
  for (const c of CASES) {
    const imageFile = path.join(SHARED, c.image);
    if (!existsSync(imageFile)) {
      o.log(`skipping ${c.name}: ${imageFile} not found`);
      continue;
    }
    const image: Volume = await readImageFile(imageFile);
    const mask: Volume = await readImageFile(path.join(SHARED, c.mask));
    const input: CaseInput = { image, mask, imageName: c.image, maskName: c.mask };
    const settings = c.settings();
    o.log(`engine: ${c.name}`);
    let cpuResult: CaseResult | undefined;
    const cpuMs = await medianMs(async () => (cpuResult = await extractCase(input, { settings, backend: 'cpu' }, getGpu)), o.repeats);
    let gpuCells = ['-', '-', '-', '-'];
    if (o.gpu) {
      let gpuResult: CaseResult | undefined;
      // f64 CPU filters here, so that the GPU's matrices can be checked bit for bit (the filters suite times the GPU filters)
      const gpuMs = await medianMs(async () => (gpuResult = await extractCase(input, { settings, backend: 'gpu', filterBackend: 'cpu' }, getGpu)), o.repeats);
      const e = gpuResult!.engine!;
      gpuCells = [formatMs(gpuMs), `${e.submits} / ${e.readbacks}`, `${e.gpuMatrices} / ${e.cpuMatrices}`, sameValues(gpuResult!, cpuResult!) ? 'yes' : 'NO'];
    }
    rows.push([c.name, String(cpuResult!.features.length), formatMs(cpuMs), ...gpuCells]);
  }
  return [
    '## Whole case through extractCase: CPU twins vs GPU matrices (filters on the CPU), median ms (file reading excluded)',
    '',
    table(['case', 'features', 'cpu ms', 'gpu ms', 'submits / read-backs', 'matrices gpu / cpu', 'values equal'], rows),
  ].join('\n');
}
