/**
 * The page-side checks of the clinic workflow's inputs, before anything goes to the worker: the model file read
 * and validated (with its clinical form and the sequences it needs), clinical values checked against the model,
 * sequences still missing, and series labels. Thin wrappers over src/core/clinic (the same functions the worker
 * and `webradiomics score` use), so the page refuses exactly what they would refuse.
 */
import { clinicalForm, validateClinical, type ClinicalField, type ClinicalValidation } from '../core/clinic/clinical-form.js';
import { missingSequenceMessages, requiredSequences } from '../core/clinic/sequence-checks.js';
import { describeSeries, type SeriesSummary } from '../core/dicom/study.js';
import type { ModelFile, ModelSequence } from '../core/model/model-file.js';
import { ModelFileError, parseModelFile } from '../core/model/model-file-parse.js';

export type { ClinicalField, ClinicalValidation };

export interface LoadedModel {
  ok: true;
  model: ModelFile;
  fields: ClinicalField[];
  sequences: ModelSequence[];
}

/** The model from JSON text, with its form and sequences; or every problem of the file. */
export function loadModel(text: string): LoadedModel | { ok: false; problems: string[] } {
  try {
    const model = parseModelFile(text);
    return { ok: true, model, fields: clinicalForm(model), sequences: requiredSequences(model) };
  } catch (e) {
    if (e instanceof ModelFileError) return { ok: false, problems: e.problems };
    throw e;
  }
}

export function checkClinical(model: ModelFile, values: Record<string, unknown>): ClinicalValidation {
  return validateClinical(model, values);
}

export function missingSequences(model: ModelFile, given: readonly string[]): string[] {
  return missingSequenceMessages(model, given);
}

export function seriesLabel(s: SeriesSummary): string {
  return describeSeries(s);
}
