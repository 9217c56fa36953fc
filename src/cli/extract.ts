/** `webradiomics extract`: one image + mask -> features as JSON or CSV. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ImageReadError } from '../io/image-format.js';
import { closeImageReader, readImageFile } from '../io/read-image-node.js';
import { acquireNodeGpu } from '../gpu/node-gpu.js';
import { extractSlice, InputError, type BackendChoice, type ExtractionResult } from '../pipeline/extract-slice.js';
import { featuresToCsv, featuresToJson } from './output.js';
import { loadDicomCase, needsDicom, type DicomCase } from './dicom-input.js';
import { UsageError } from './usage.js';

const BACKENDS: BackendChoice[] = ['auto', 'gpu', 'cpu'];
const PROFILES = ['ibsi'];

export async function runExtract(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        image: { type: 'string' },
        mask: { type: 'string' },
        label: { type: 'string' },
        profile: { type: 'string', default: 'ibsi' },
        backend: { type: 'string', default: 'auto' },
        out: { type: 'string' },
        // DICOM input (dicom-input.ts): --image <folder> [--series UID]; --mask SEG [--segment N|LABEL] / RTSTRUCT [--roi NAME]
        series: { type: 'string' },
        segment: { type: 'string', multiple: true },
        roi: { type: 'string', multiple: true },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (!values.image) throw new UsageError('--image <file> is required');
  if (!values.mask) throw new UsageError('--mask <file> is required');
  if (!PROFILES.includes(values.profile)) {
    throw new UsageError(`--profile ${values.profile} is not available (available: ${PROFILES.join(', ')})`);
  }
  if (!BACKENDS.includes(values.backend as BackendChoice)) {
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}, not '${values.backend}'`);
  }
  let label: number | undefined;
  if (values.label !== undefined) {
    label = Number(values.label);
    if (!Number.isInteger(label)) throw new UsageError(`--label must be an integer, not '${values.label}'`);
  }
  const format = values.out ? outputFormat(values.out) : 'json';

  let result: ExtractionResult;
  let dicomCase: DicomCase | undefined;
  const dicom = await needsDicom(values.image, values.mask);
  if (!dicom) {
    for (const flag of ['series', 'segment', 'roi'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to DICOM input (a folder as --image, a SEG or RTSTRUCT as --mask)`);
    }
  }
  try {
    if (dicom) {
      dicomCase = await loadDicomCase({ image: values.image, mask: values.mask, series: values.series, segments: values.segment, rois: values.roi, label });
      const { image, mask, imageName, maskName } = dicomCase;
      result = await extractSlice({ image, mask, imageName, maskName }, values.backend as BackendChoice, acquireNodeGpu);
      result.warnings.unshift(...dicomCase.warnings);
    } else {
      const image = await readImageFile(values.image);
      const mask = await readImageFile(values.mask);
      await closeImageReader();
      result = await extractSlice(
        { image, mask, imageName: values.image, maskName: values.mask, label },
        values.backend as BackendChoice,
        acquireNodeGpu,
      );
    }
  } catch (e) {
    if (e instanceof ImageReadError) throw new InputError(e.message);
    throw e;
  }
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  process.stderr.write(`computed on ${result.backend.kind === 'gpu' ? `GPU: ${result.backend.description}` : result.backend.description}\n`);

  const source = { image: path.resolve(values.image), mask: path.resolve(values.mask), label: label ?? null, ...dicomCase?.source };
  const text = format === 'csv' ? featuresToCsv([{ id: path.basename(values.image), ...source, result }]) : featuresToJson(source, result);
  if (values.out) await writeFile(values.out, text);
  else process.stdout.write(text);
  return 0;
}

function outputFormat(file: string): 'json' | 'csv' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  throw new UsageError(`--out must end in .json or .csv, not '${path.basename(file)}'`);
}
