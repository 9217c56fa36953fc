/**
 * `webradiomics extract`: one image + mask -> every feature the settings enable (IBSI or PyRadiomics profile), as
 * JSON or as a PyRadiomics-style batch CSV row. The same path as the app's worker (pipeline/case-run.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Profile } from '../core/settings.js';
import { ImageReadError } from '../io/image-format.js';
import { closeImageReader, readImageFile } from '../io/read-image-node.js';
import { acquireNodeGpu } from '../gpu/node-gpu.js';
import { runCase, type CaseRun } from '../pipeline/case-run.js';
import { caseToJson, casesToCsv, type CaseSource } from '../pipeline/case-output.js';
import { caseSettings, PROFILES, ProfileMismatchError, type CaseSettings, type SettingsFile } from '../pipeline/case-settings.js';
import { InputError, type BackendChoice } from '../pipeline/extract-case.js';
import { loadDicomCase, needsDicom } from './dicom-input.js';
import { UsageError } from './usage.js';

const BACKENDS: BackendChoice[] = ['auto', 'gpu', 'cpu'];

export const EXTRACT_HELP = `  webradiomics extract --image <file|dicom folder|zip> [--series UID]
                       --mask <file> [--label N | --segment N|LABEL | --roi NAME]
                       [--params <settings.yaml|settings.json>] [--profile ibsi|pyradiomics]
                       [--backend auto|gpu|cpu] [--filter-backend auto|gpu|cpu] --out <file.json|file.csv>`;

async function readSettingsText(file: string): Promise<SettingsFile> {
  try {
    return { name: file, text: await readFile(file, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(e)})`}`);
  }
}

function settingsFor(profile: Profile | undefined, file: SettingsFile | undefined, label: number | undefined): CaseSettings {
  try {
    return caseSettings({ profile, file, label });
  } catch (e) {
    if (e instanceof ProfileMismatchError) {
      throw new UsageError(`--profile ${e.chosen} was given with ${e.file}, which holds settings of the ${e.fileProfile} profile; drop --profile or give a settings file of the ${e.chosen} profile`);
    }
    throw e;
  }
}

export async function runExtract(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        image: { type: 'string' },
        mask: { type: 'string' },
        label: { type: 'string' },
        params: { type: 'string' },
        profile: { type: 'string' },
        backend: { type: 'string', default: 'auto' },
        'filter-backend': { type: 'string' },
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
  const profile = values.profile as Profile | undefined;
  if (profile !== undefined && !PROFILES.includes(profile)) {
    throw new UsageError(`--profile ${values.profile} is not available (available: ${PROFILES.join(', ')})`);
  }
  if (!BACKENDS.includes(values.backend as BackendChoice)) {
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}, not '${values.backend}'`);
  }
  const backend = values.backend as BackendChoice;
  const filterFlag = values['filter-backend'];
  if (filterFlag !== undefined && !BACKENDS.includes(filterFlag as BackendChoice)) {
    throw new UsageError(`--filter-backend must be one of ${BACKENDS.join(', ')}, not '${filterFlag}'`);
  }
  const filterBackend = filterFlag as BackendChoice | undefined;
  let label: number | undefined;
  if (values.label !== undefined) {
    label = Number(values.label);
    if (!Number.isInteger(label) || label < 1) throw new UsageError(`--label must be an integer >= 1, not '${values.label}'`);
  }
  const format = values.out ? outputFormat(values.out) : 'json';
  const settingsFile = values.params ? await readSettingsText(values.params) : undefined;
  const chosen = settingsFor(profile, settingsFile, label);

  const dicom = await needsDicom(values.image, values.mask);
  if (!dicom) {
    for (const flag of ['series', 'segment', 'roi'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to DICOM input (a folder as --image, a SEG or RTSTRUCT as --mask)`);
    }
  }
  let result: CaseRun;
  let extra: CaseSource['extra'];
  try {
    if (dicom) {
      // label maps are narrowed to the label by the DICOM loader; every mask comes back as 0/1
      const dicomLabel = chosen.roi === 'settings-label' ? chosen.settings.label : undefined;
      const dicomCase = await loadDicomCase({ image: values.image, mask: values.mask, series: values.series, segments: values.segment, rois: values.roi, label: dicomLabel });
      const { image, mask, imageName, maskName } = dicomCase;
      result = await runCase({ image, mask, imageName, maskName }, { settings: { ...chosen.settings, label: 1 }, roi: 'settings-label', backend, filterBackend }, acquireNodeGpu);
      result.warnings.unshift(...dicomCase.warnings);
      extra = dicomCase.source;
    } else {
      const image = await readImageFile(values.image);
      const mask = await readImageFile(values.mask);
      await closeImageReader();
      result = await runCase({ image, mask, imageName: values.image, maskName: values.mask }, { ...chosen, backend, filterBackend }, acquireNodeGpu);
    }
  } catch (e) {
    if (e instanceof ImageReadError) throw new InputError(e.message);
    throw e;
  }
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  process.stderr.write(`computed on ${result.backend.kind === 'gpu' ? `GPU: ${result.backend.description}` : result.backend.description}\n`);

  const source: CaseSource = {
    image: path.resolve(values.image),
    mask: path.resolve(values.mask),
    label: chosen.roi === 'non-zero' ? null : chosen.settings.label,
    settings: values.params ? path.resolve(values.params) : null,
    ...(extra ? { extra } : {}),
  };
  const text = format === 'csv' ? casesToCsv([{ source, result }]) : caseToJson(source, result);
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
