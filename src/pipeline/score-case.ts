/**
 * Applying a model file to one patient, shared by the pipeline worker (pipelineApi.scoreCase) and the CLI
 * (`webradiomics score`) so that both give the same numbers for the same inputs:
 *   checks (sequences given vs needed, clinical values, each sequence's settings) ->
 *   extractCase per sequence with that sequence's settings (the model's own) -> feature names prefixed
 *   `<sequence>_` -> assessPatient (src/core/clinic) -> result with figures and ROI thumbnails.
 * Problems with the user's input come back as { ok: false, step, problems } naming the step of the clinic
 * workflow where they are fixed (model, study, roi, clinical); nothing is thrown for them.
 */
import { assessPatient, type Assessment } from '../core/clinic/assessment.js';
import { clinicalErrorLines, validateClinical } from '../core/clinic/clinical-form.js';
import { clinicFigures, type ClinicFigures } from '../core/clinic/result-figures.js';
import type { ClinicSummary } from '../core/clinic/summary.js';
import { roiThumbnail, type RoiThumbnail } from '../core/clinic/roi-thumbnail.js';
import { featurePrefix, missingSequenceMessages, requiredSequences, sequenceSettingsObject, unknownSequences, type ClinicWarning } from '../core/clinic/sequence-checks.js';
import type { PhaseGuess } from '../core/dicom/phase-guess.js';
import type { ModelFile } from '../core/model/model-file.js';
import { ModelFileError, parseModelFile } from '../core/model/model-file-parse.js';
import { settingsFromObject } from '../core/settings-json.js';
import { SettingsError, type ExtractionSettings } from '../core/settings.js';
import type { Vec3, Volume } from '../core/volume.js';
import type { GpuAcquisition } from '../gpu/device.js';
import { extractCase, InputError, type BackendChoice, type BackendUsed } from './extract-case.js';

export type ClinicStep = 'model' | 'study' | 'roi' | 'clinical' | 'run';

export interface ScoreCaseFailure {
  ok: false;
  step: ClinicStep;
  problems: string[];
}

/** One decoded image of a model sequence with its mask on the same grid. */
export interface ScoreCaseImage {
  sequence: string;
  image: Volume;
  mask: Volume;
  imageName: string;
  maskName: string;
  /** the phase of a DICOM series (guess or user's); absent for NIfTI / NRRD */
  phase?: PhaseGuess | null;
}

export interface SequenceRun {
  sequence: string;
  imageName: string;
  maskName: string;
  spacing: Vec3;
  dims: Vec3;
  profile: 'ibsi' | 'pyradiomics';
  backend: BackendUsed;
  featureCount: number;
  warnings: string[];
}

export interface ScoreCaseSuccess {
  ok: true;
  assessment: Assessment;
  sequences: SequenceRun[];
  /** the model's features as extracted for this patient */
  features: Record<string, number>;
  figures: ClinicFigures;
  thumbnails: (RoiThumbnail & { sequence: string })[];
}

export type ScoreCaseResult = ScoreCaseSuccess | ScoreCaseFailure;

/** What the worker hands the page: the result with its JSON summary (the same object `webradiomics score` prints). */
export type ClinicResult = ScoreCaseSuccess & { summary: ClinicSummary };

export interface ScoreCaseProgress {
  step: 'extract' | 'score';
  sequence: string;
  done: number;
  total: number;
}

const fail = (step: ClinicStep, problems: string[]): ScoreCaseFailure => ({ ok: false, step, problems });

/** The model file from JSON text or a parsed value, or the parser's problems. */
export function readModel(input: string | unknown): { ok: true; model: ModelFile } | ScoreCaseFailure {
  try {
    return { ok: true, model: parseModelFile(input) };
  } catch (e) {
    if (e instanceof ModelFileError) return fail('model', e.problems);
    throw e;
  }
}

/** Each sequence's extraction settings, or the problems of the model's settings. */
export function modelSettings(model: ModelFile): { ok: true; settings: Map<string, ExtractionSettings> } | ScoreCaseFailure {
  const settings = new Map<string, ExtractionSettings>();
  const problems: string[] = [];
  for (const seq of requiredSequences(model)) {
    try {
      settings.set(seq.name, settingsFromObject(sequenceSettingsObject(model, seq)));
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e;
      const where = seq.settings ? `"sequences" ${seq.name} settings` : '"extractionSettings"';
      problems.push(...e.problems.map((p) => `${where}: ${p}`));
    }
  }
  return problems.length > 0 ? fail('model', [...new Set(problems)]) : { ok: true, settings };
}

/** Everything that can be checked before decoding: sequences given, clinical values, the model's settings. */
export function precheck(model: ModelFile, sequencesGiven: readonly string[], clinical: Record<string, unknown>): ScoreCaseFailure | null {
  const settings = modelSettings(model);
  if (!settings.ok) return settings;
  const unknown = unknownSequences(model, sequencesGiven);
  const missing = missingSequenceMessages(model, sequencesGiven);
  if (unknown.length + missing.length > 0) {
    const names = requiredSequences(model).map((s) => s.name).join(', ');
    return fail('study', [...missing, ...unknown.map((u) => `the model has no sequence ${u} (it needs ${names})`)]);
  }
  const v = validateClinical(model, clinical);
  if (!v.ok) return fail('clinical', clinicalErrorLines(model, v));
  return null;
}

/** Extracts every sequence with the model's settings and scores the patient. */
export async function scoreCase(
  model: ModelFile,
  images: readonly ScoreCaseImage[],
  clinical: Record<string, unknown>,
  options: { backend: BackendChoice; onProgress?: (p: ScoreCaseProgress) => void },
  getGpu: () => Promise<GpuAcquisition>,
): Promise<ScoreCaseResult> {
  const pre = precheck(model, images.map((i) => i.sequence), clinical);
  if (pre) return pre;
  const settings = (modelSettings(model) as { settings: Map<string, ExtractionSettings> }).settings;
  const features: Record<string, number> = {};
  const runs: SequenceRun[] = [];
  const thumbnails: ScoreCaseSuccess['thumbnails'] = [];
  const extractionWarnings: ClinicWarning[] = [];
  const wanted = new Set(model.radiomics.features.map((f) => f.name));
  const ordered = requiredSequences(model).map((s) => ({ seq: s, img: images.find((i) => i.sequence === s.name)! }));
  for (const [k, { seq, img }] of ordered.entries()) {
    options.onProgress?.({ step: 'extract', sequence: seq.name, done: k, total: ordered.length });
    const s = settings.get(seq.name)!;
    let result;
    try {
      result = await extractCase({ image: img.image, mask: img.mask, imageName: img.imageName, maskName: img.maskName }, { settings: s, backend: options.backend }, getGpu);
    } catch (e) {
      if (e instanceof InputError || (e as Error).name === 'InputError') return fail('roi', [`${seq.name || 'image'}: ${(e as Error).message}`]);
      throw e;
    }
    const prefix = featurePrefix(seq);
    for (const f of result.features) {
      const name = `${prefix}${f.name}`;
      if (wanted.has(name)) features[name] = f.value;
    }
    for (const w of result.warnings) extractionWarnings.push({ kind: 'extraction', subject: seq.name || 'image', message: `${seq.name || 'image'}: ${w}` });
    runs.push({
      sequence: seq.name,
      imageName: img.imageName,
      maskName: img.maskName,
      spacing: [...img.image.spacing] as Vec3,
      dims: [...img.image.dims] as Vec3,
      profile: result.profile,
      backend: result.backend,
      featureCount: result.features.length,
      warnings: result.warnings,
    });
    const thumb = roiThumbnail(img.image, img.mask, s.label);
    if (thumb) thumbnails.push({ ...thumb, sequence: seq.name });
  }
  options.onProgress?.({ step: 'score', sequence: '', done: ordered.length, total: ordered.length });
  const assessment = assessPatient(model, {
    features,
    clinical,
    images: ordered.map(({ seq, img }) => ({ sequence: seq.name, spacing: img.image.spacing, phase: img.phase ?? null, source: img.imageName })),
    extractionWarnings,
  });
  if (!assessment.ok) {
    const missing = assessment.errors.filter((e) => wanted.has(e.field));
    const hint = missing.length > 0 ? ' (the model\'s extraction settings do not produce it: the model file and this tool disagree)' : '';
    return fail(missing.length > 0 ? 'run' : 'clinical', assessment.errors.map((e) => `${e.reason}${wanted.has(e.field) ? hint : ''}`));
  }
  return { ok: true, assessment, sequences: runs, features, figures: clinicFigures(assessment, model), thumbnails };
}
