/**
 * What the clinic checks about the images before and after extraction: which sequences the model needs, which
 * settings each is extracted with, and whether an image matches the model: a sequence missing (refused), a series
 * whose phase (DICOM guess or the user's choice) is not the model's (warned), voxel spacing unlike the development
 * images' or coarser than the model's resampling target (warned).
 */
import type { Phase, PhaseGuess } from '../dicom/phase-guess.js';
import type { ModelFile, ModelSequence } from '../model/model-file.js';
import type { Vec3 } from '../volume.js';

/** Relative difference of spacing along an axis above which the spacing counts as different. */
export const SPACING_TOLERANCE = 0.1;

/** One image the user gave for a sequence of the model. */
export interface SequenceImageInfo {
  /** the model's sequence name ('' for a model without sequences) */
  sequence: string;
  /** mm along x, y, z */
  spacing: Vec3;
  /** phase of a DICOM series (guess or user); absent for NIfTI / NRRD files, which carry none */
  phase?: PhaseGuess | null;
  /** file or series name, for messages */
  source: string;
}

export interface ClinicWarning {
  kind: 'synthetic-model' | 'feature-range' | 'clinical-range' | 'spacing' | 'phase' | 'extraction';
  /** the sequence, feature or variable concerned */
  subject: string;
  message: string;
}

/** The sequences to load: the model's list, or one unnamed image for a model without sequences. */
export function requiredSequences(model: Pick<ModelFile, 'sequences'>): ModelSequence[] {
  if (model.sequences.length > 0) return model.sequences;
  return [{ name: '', description: 'the image the model was built on', phase: 'unknown', settings: null }];
}

/** The settings object a sequence is extracted with (its own, else the model's). */
export function sequenceSettingsObject(model: Pick<ModelFile, 'extractionSettings'>, seq: ModelSequence): Record<string, unknown> {
  return seq.settings ?? model.extractionSettings;
}

/** Feature-name prefix of a sequence: "AP_", or "" for a model without sequences. */
export function featurePrefix(seq: Pick<ModelSequence, 'name'>): string {
  return seq.name ? `${seq.name}_` : '';
}

/** Sequences of the model with no image among `given` (names), as messages; empty when all are there. */
export function missingSequenceMessages(model: Pick<ModelFile, 'sequences'>, given: readonly string[]): string[] {
  return requiredSequences(model)
    .filter((s) => !given.includes(s.name))
    .map((s) => (s.name ? `the model needs the ${s.name} sequence (${s.description}) and none was given` : 'the model needs an image and none was given'));
}

/** Sequence names given that the model does not know (a typo in `--image XX=...`). */
export function unknownSequences(model: Pick<ModelFile, 'sequences'>, given: readonly string[]): string[] {
  const known = requiredSequences(model).map((s) => s.name);
  return given.filter((g) => !known.includes(g));
}

const PHASE_TEXT: Record<Phase, string> = {
  'pre-contrast': 'pre-contrast',
  arterial: 'arterial phase',
  'portal-venous': 'portal venous phase',
  delayed: 'delayed phase',
  t2: 'T2-weighted',
  dwi: 'diffusion-weighted',
  adc: 'ADC map',
  unknown: 'unknown',
};

const mm = (v: readonly number[]) => `${v.map((x) => Number(x.toPrecision(4))).join(' x ')} mm`;

/** Warnings about one image: its phase against the model's, its spacing against the development images and the resampling target. */
export function imageWarnings(model: Pick<ModelFile, 'sequences' | 'extractionSettings'>, info: SequenceImageInfo): ClinicWarning[] {
  const seq = requiredSequences(model).find((s) => s.name === info.sequence);
  if (!seq) return [];
  const out: ClinicWarning[] = [];
  const label = seq.name || 'image';
  const phase = info.phase;
  if (phase && seq.name && seq.phase !== 'unknown') {
    if (phase.phase === 'unknown') {
      out.push({ kind: 'phase', subject: seq.name, message: `${label}: the phase of ${info.source} is unknown; the model expects ${PHASE_TEXT[seq.phase]} (${seq.description}): check the series` });
    } else if (phase.phase !== seq.phase) {
      const how = phase.basis === 'user' ? 'set by the user' : `guessed from ${phase.reason}`;
      out.push({ kind: 'phase', subject: seq.name, message: `${label}: ${info.source} is ${PHASE_TEXT[phase.phase]} (${how}) but the model's ${seq.name} is ${PHASE_TEXT[seq.phase]}` });
    }
  }
  const differs = (a: number, b: number) => Math.abs(a - b) > SPACING_TOLERANCE * b;
  if (seq.spacing && info.spacing.some((v, k) => differs(v, seq.spacing![k]))) {
    out.push({ kind: 'spacing', subject: label, message: `${label}: voxel spacing ${mm(info.spacing)} differs from the development images' ${mm(seq.spacing)} (more than ${SPACING_TOLERANCE * 100} % on an axis): features may not be comparable` });
  }
  const target = resamplingTarget(seq.settings ?? model.extractionSettings);
  if (target) {
    const coarser = info.spacing.map((v, k) => (target[k] > 0 && v > target[k] * (1 + SPACING_TOLERANCE) ? k : -1)).filter((k) => k >= 0);
    if (coarser.length > 0) {
      out.push({ kind: 'spacing', subject: label, message: `${label}: voxel spacing ${mm(info.spacing)} is coarser than the model's resampling target ${mm(target)} along ${coarser.map((k) => 'xyz'[k]).join(', ')}: the image is interpolated to a finer grid than it was acquired on` });
    }
  }
  return out;
}

/** The resampling spacing of a settings object ({ resampling: { spacing } } or a webradiomics-settings wrapper), or null. */
export function resamplingTarget(settings: Record<string, unknown>): Vec3 | null {
  const inner = (settings.settings && typeof settings.settings === 'object' ? settings.settings : settings) as Record<string, unknown>;
  const r = inner.resampling as { spacing?: unknown } | null | undefined;
  const s = r?.spacing;
  if (!Array.isArray(s) || s.length !== 3 || !s.every((v) => typeof v === 'number' && Number.isFinite(v))) return null;
  return [s[0], s[1], s[2]];
}
