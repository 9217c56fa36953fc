/**
 * The clinical form of a model file: one field per clinical variable of the combined model, with its label, unit,
 * allowed range (numeric) or categories, and the development cohort's observed range; and the validation of what
 * was entered, with one reason per refused field. Validation uses the same encoding as scoring
 * (clinical-model.ts encodePredictor), so a value the form accepts is a value the model can score.
 */
import { encodePredictor, termNames, type ClinicalPredictor } from '../model/clinical-model.js';
import type { ModelFile } from '../model/model-file.js';

export interface ClinicalField {
  variable: string;
  label: string;
  type: 'numeric' | 'categorical';
  unit: string | null;
  /** allowed range of a numeric value (inclusive); null where open */
  min: number | null;
  max: number | null;
  /** categories, the model's reference first */
  levels: string[] | null;
  /** development cohort's observed range of a numeric value, when the model file records it */
  observedRange: [number, number] | null;
  /** how the model uses the value, e.g. "AFP >= 400" or "log10(AFP)" */
  usedAs: string;
}

export type ClinicalValue = number | string;
export type RawClinicalValues = Record<string, unknown>;

export interface ClinicalValidation {
  ok: boolean;
  /** the accepted values: numbers for numeric fields, the category for categorical ones */
  values: Record<string, ClinicalValue>;
  /** per variable: why its value was refused */
  errors: Record<string, string>;
}

function fieldOf(p: ClinicalPredictor): ClinicalField {
  const terms = termNames(p);
  return {
    variable: p.variable,
    label: p.label ?? p.variable,
    type: p.type,
    unit: p.unit ?? null,
    min: p.type === 'numeric' ? (p.min ?? null) : null,
    max: p.type === 'numeric' ? (p.max ?? null) : null,
    levels: p.type === 'categorical' ? [...(p.levels ?? [])] : null,
    observedRange: p.type === 'numeric' && p.observedRange ? [p.observedRange[0], p.observedRange[1]] : null,
    usedAs: p.type === 'categorical' ? `categories, reference ${p.levels?.[0] ?? ''}` : terms.join(', '),
  };
}

/** The form's fields, in the model's order. */
export function clinicalForm(model: Pick<ModelFile, 'clinicalVariables'>): ClinicalField[] {
  return model.clinicalVariables.map(fieldOf);
}

/** A raw entry (form text, JSON value) as the value the model reads: trimmed text, or the JSON number. */
function normalise(raw: unknown): number | string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'boolean') return String(raw);
  return JSON.stringify(raw);
}

/**
 * Checks every variable of the model: present, a number inside the allowed range (numeric) or one of the
 * categories. Values for variables the model does not use are ignored.
 */
export function validateClinical(model: Pick<ModelFile, 'clinicalVariables'>, raw: RawClinicalValues): ClinicalValidation {
  const values: Record<string, ClinicalValue> = {};
  const errors: Record<string, string> = {};
  for (const p of model.clinicalVariables) {
    const v = normalise(raw[p.variable]);
    try {
      encodePredictor(p, v);
      values[p.variable] = p.type === 'numeric' ? Number(v) : String(v);
    } catch (e) {
      errors[p.variable] = (e as Error).message;
    }
  }
  return { ok: Object.keys(errors).length === 0, values, errors };
}

/** The reasons of a failed validation as lines "label: reason" (CLI and messages). */
export function clinicalErrorLines(model: Pick<ModelFile, 'clinicalVariables'>, v: ClinicalValidation): string[] {
  return model.clinicalVariables.filter((p) => v.errors[p.variable]).map((p) => `clinical value ${p.variable}: ${v.errors[p.variable]}`);
}
