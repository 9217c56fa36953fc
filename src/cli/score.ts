/**
 * `webradiomics score`: a model file applied to one patient: one image per sequence the model needs, the tumour
 * mask (one for all, or one per sequence) and the clinical values -> the probability, rad-score, risk group,
 * contributions, context and warnings as JSON on standard output. The same code as the app's clinic page
 * (src/pipeline/score-case.ts), so both show the same numbers for the same files.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { clinicSummary } from '../core/clinic/summary.js';
import { requiredSequences } from '../core/clinic/sequence-checks.js';
import { acquireNodeGpu } from '../gpu/node-gpu.js';
import { ImageReadError } from '../io/image-format.js';
import { closeImageReader, readImageFile } from '../io/read-image-node.js';
import type { BackendChoice } from '../pipeline/extract-case.js';
import { precheck, readModel, scoreCase, type ScoreCaseFailure, type ScoreCaseImage } from '../pipeline/score-case.js';
import { TOOL_VERSION } from '../version.js';
import { choiceOption, parseOptions, printJson, ResearchInputError } from './research-io.js';
import { UsageError } from './usage.js';

export const SCORE_HELP = `  webradiomics score --model <model.json> --image SEQ=<file> [--image SEQ=<file> ...]
                     --mask <file> | --mask SEQ=<file> ... --clinical <values.json> [--backend auto|gpu|cpu]
                     (one --image per sequence the model needs, e.g. AP=ap.nii.gz; a model without sequences takes
                     one plain --image; values.json is {"variable": value, ...})`;

const STEP_NAMES = { model: 'model file', study: 'images', roi: 'image or mask', clinical: 'clinical values', run: 'scoring' } as const;

/** Prints a failure's problems and throws the exit-2 error. */
function refuse(f: ScoreCaseFailure, where: string): never {
  for (const p of f.problems) process.stderr.write(`error: ${where}: ${p}\n`);
  throw new ResearchInputError(`${f.problems.length} problem${f.problems.length > 1 ? 's' : ''} with the ${STEP_NAMES[f.step]}; nothing was scored`);
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ResearchInputError(`${what} ${file}: ${code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : (e as Error).message}`);
  }
}

/** "AP=ap.nii.gz" -> ['AP', 'ap.nii.gz']; a plain path -> ['', path]. */
function splitAssignment(flag: string, v: string): [string, string] {
  const m = /^([A-Za-z0-9-]+)=(.+)$/.exec(v);
  if (m) return [m[1], m[2]];
  if (v.includes('=') && !v.includes('/')) throw new UsageError(`--${flag} '${v}': expected SEQ=<file>`);
  return ['', v];
}

export async function runScore(args: string[]): Promise<number> {
  const v = parseOptions(args, {
    model: { type: 'string' },
    image: { type: 'string', multiple: true },
    mask: { type: 'string', multiple: true },
    clinical: { type: 'string' },
    backend: { type: 'string' },
  });
  if (!v.model) throw new UsageError('--model <model.json> is required');
  if (!v.image?.length) throw new UsageError('--image SEQ=<file> is required (one per sequence the model needs)');
  if (!v.mask?.length) throw new UsageError('--mask <file> is required');
  if (!v.clinical) throw new UsageError('--clinical <values.json> is required');
  const backend = choiceOption<BackendChoice>('backend', v.backend, { auto: 'auto', gpu: 'gpu', cpu: 'cpu' }, 'auto');

  const read = readModel(await readText(v.model, 'model file'));
  if (!read.ok) refuse(read, v.model);
  const model = read.model;
  const needs = requiredSequences(model);
  const images = new Map<string, string>();
  for (const a of v.image) {
    const [given, file] = splitAssignment('image', a);
    const seq = !given && needs.length === 1 ? needs[0].name : given;
    if (!seq && needs.length > 1) throw new UsageError(`--image ${a}: this model needs one image per sequence, given as SEQ=<file> with SEQ one of ${needs.map((n) => n.name).join(', ')}`);
    if (images.has(seq)) throw new UsageError(`--image ${seq || '(unnamed)'} given twice`);
    images.set(seq, file);
  }
  const masks = new Map<string, string>();
  for (const a of v.mask) {
    const [seq, file] = splitAssignment('mask', a);
    if (masks.has(seq)) throw new UsageError(`--mask ${seq || '(for all sequences)'} given twice`);
    masks.set(seq, file);
  }
  for (const s of masks.keys()) if (s && !images.has(s)) throw new UsageError(`--mask ${s}=... names no --image ${s}`);

  const clinicalText = await readText(v.clinical, 'clinical values');
  let clinical: Record<string, unknown>;
  try {
    clinical = JSON.parse(clinicalText);
  } catch (e) {
    throw new ResearchInputError(`clinical values ${v.clinical}: not JSON: ${(e as Error).message}`);
  }
  if (typeof clinical !== 'object' || clinical === null || Array.isArray(clinical)) throw new ResearchInputError(`clinical values ${v.clinical}: expected an object {"variable": value, ...}`);

  const pre = precheck(model, [...images.keys()], clinical);
  if (pre) refuse(pre, pre.step === 'clinical' ? v.clinical : pre.step === 'model' ? v.model : '--image');

  const inputs: ScoreCaseImage[] = [];
  try {
    for (const [seq, file] of images) {
      const maskFile = masks.get(seq) ?? masks.get('');
      if (!maskFile) throw new UsageError(`no mask for ${seq}: give --mask <file> (all sequences) or --mask ${seq}=<file>`);
      inputs.push({ sequence: seq, image: await readImageFile(file), mask: await readImageFile(maskFile), imageName: file, maskName: maskFile });
    }
  } catch (e) {
    if (e instanceof ImageReadError) throw new ResearchInputError(e.message);
    throw e;
  } finally {
    await closeImageReader();
  }
  const result = await scoreCase(model, inputs, clinical, { backend }, acquireNodeGpu);
  if (!result.ok) refuse(result, result.step === 'clinical' ? v.clinical : 'extraction');
  for (const w of result.assessment.warnings) process.stderr.write(`warning: ${w.message}\n`);
  const summary = clinicSummary(result.assessment, result.sequences, result.features);
  printJson({
    tool: 'webradiomics',
    version: TOOL_VERSION,
    modelFile: path.resolve(v.model),
    ...summary,
    sequences: summary.sequences.map((s) => ({ ...s, imageName: path.resolve(s.imageName), maskName: path.resolve(s.maskName) })),
  });
  return 0;
}
