/**
 * Feature extraction: image + label mask + settings -> named feature values (stage "preprocess -> discretise ->
 * features" of docs/conventions.md), for the IBSI or the PyRadiomics profile.
 *
 *   const result = extractFeatures(image, labels, pyradiomicsDefaults());
 *   result.features   // [{ name: 'original_glcm_Contrast', value: ... }, ...]
 *   result.warnings   // undefined (NaN) features and why, preprocessing notes
 * Errors that stop an extraction (label absent, PyRadiomics' single-voxel ROI, geometry mismatch, invalid settings)
 * are thrown as ExtractionError / SettingsError with a message that says what to change.
 *
 * The same extraction in three steps, for a matrix provider other than the CPU twins (the GPU, src/gpu):
 *   const plan = planExtraction(image, labels, settings, options);   // sync: preprocess, filters, discretise
 *   const matrices = await provider(plan.matrices);                  // MatrixResults per image (matrix-plan.ts)
 *   const result = plan.finish(matrices);                            // sync: features; equal to extractFeatures
 */
import { ibsiPlan } from './extract/ibsi.js';
import { computeMatricesCpu, MatrixPlan, type MatrixImage, type MatrixResults } from './extract/matrix-plan.js';
import { geometryOf, prepareCase } from './extract/prepare.js';
import { pyradiomicsPlan } from './extract/pyradiomics.js';
import type { ExtractionOptions, ExtractionResult, IbsiRecord, IbsiResult, PreparedExtraction, PyradiomicsRecord, PyradiomicsResult } from './extract/types.js';
import type { ExtractionSettings } from './settings.js';
import { validateSettings } from './settings-validate.js';
import type { Volume } from './volume.js';

export * from './extract/types.js';
export { computeMatricesCpu, type MatrixImage, type MatrixResults } from './extract/matrix-plan.js';

function countOf(data: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) n += data[i];
  return n;
}

/** An extraction up to its texture matrices: the images and requests, and how to finish once they are computed. */
export interface ExtractionPlan<R> {
  /** grey-level images of the case and the matrices each needs (empty requests: nothing to compute) */
  matrices: MatrixImage[];
  /**
   * The result from the provider's matrices (one MatrixResults per image, requests in order). `timingsMs` adds
   * timings measured by the caller (e.g. the GPU provider's) to the diagnostics.
   */
  finish(results: MatrixResults[], timingsMs?: Record<string, number>): ExtractionResult<R>;
}

/**
 * Validates the settings and prepares the case (preprocess: resampling, re-segmentation ...) as planExtraction
 * would, for a caller that needs the prepared image before planning (the GPU filter stage,
 * src/pipeline/gpu-prefilter.ts); pass the result to planExtraction as options.prepared.
 */
export function prepareExtraction(image: Volume, labels: Volume, settings: ExtractionSettings): PreparedExtraction {
  validateSettings(settings);
  const warnings: string[] = [];
  const t0 = Date.now();
  const prepared = prepareCase(image, labels, settings, warnings);
  return { prepared, warnings, ms: Date.now() - t0 };
}

function plan<R extends { value: number; name: string }>(
  image: Volume,
  labels: Volume,
  settings: ExtractionSettings,
  features: (c: ReturnType<typeof prepareCase>, warnings: string[], plan: MatrixPlan) => () => R[],
  nanWarnings: boolean,
  preset?: PreparedExtraction,
): ExtractionPlan<R> {
  validateSettings(settings);
  const warnings: string[] = [];
  const t0 = Date.now();
  const prepared = preset ? preset.prepared : prepareCase(image, labels, settings, warnings);
  if (preset) warnings.push(...preset.warnings);
  const t1 = Date.now();
  const preprocessMs = preset ? preset.ms : t1 - t0;
  const matrixPlan = new MatrixPlan();
  const finishRecords = features(prepared, warnings, matrixPlan);
  const t2 = Date.now();
  return {
    matrices: matrixPlan.images,
    finish(results, timingsMs = {}) {
      const t3 = Date.now();
      matrixPlan.resolve(results);
      const records = finishRecords();
      const t4 = Date.now();
      if (nanWarnings) {
        const nan = records.filter((r) => Number.isNaN(r.value)).map((r) => r.name);
        if (nan.length) warnings.push(`undefined for this ROI (NaN): ${nan.join(', ')}`);
      }
      return {
        profile: settings.profile,
        features: records,
        warnings,
        ...(settings.additionalInfo
          ? {
              diagnostics: {
                settings,
                input: geometryOf(image),
                processed: geometryOf(prepared.image),
                maskVoxels: countOf(prepared.mask.data),
                intensityVoxels: countOf(prepared.intensityMask.data),
                timingsMs: { preprocess: preprocessMs, features: t2 - t1 + (t4 - t3), ...timingsMs },
              },
            }
          : {}),
      };
    },
  };
}

function run<R extends { value: number; name: string }>(p: ExtractionPlan<R>): ExtractionResult<R> {
  const t0 = Date.now();
  const matrices = computeMatricesCpu(p.matrices);
  return p.finish(matrices, { matrices: Date.now() - t0 });
}

/** The PyRadiomics profile's plan (planExtraction). */
export function planPyradiomics(image: Volume, labels: Volume, settings: ExtractionSettings, options: ExtractionOptions = {}): ExtractionPlan<PyradiomicsRecord> {
  if (settings.profile !== 'pyradiomics') throw new Error(`extractPyradiomics needs profile 'pyradiomics', got '${settings.profile}'`);
  return plan(image, labels, settings, (c, w, m) => pyradiomicsPlan(c, settings, options, w, m), true, options.prepared);
}

/** The IBSI profile's plan (planExtraction). */
export function planIbsi(image: Volume, labels: Volume, settings: ExtractionSettings): ExtractionPlan<IbsiRecord> {
  if (settings.profile !== 'ibsi') throw new Error(`extractIbsi needs profile 'ibsi', got '${settings.profile}'`);
  return plan(image, labels, settings, (c, w, m) => ibsiPlan(c, settings, w, m), false);
}

/** Either profile's plan, chosen by settings.profile: everything before the texture matrices. */
export function planExtraction(image: Volume, labels: Volume, settings: ExtractionSettings, options: ExtractionOptions = {}): ExtractionPlan<PyradiomicsRecord> | ExtractionPlan<IbsiRecord> {
  return settings.profile === 'pyradiomics' ? planPyradiomics(image, labels, settings, options) : planIbsi(image, labels, settings);
}

/** PyRadiomics profile: records named `${imageType}_${class}_${feature}`. */
export function extractPyradiomics(image: Volume, labels: Volume, settings: ExtractionSettings, options: ExtractionOptions = {}): PyradiomicsResult {
  return run(planPyradiomics(image, labels, settings, options));
}

/** IBSI profile: records with IBSI name, family, code and aggregation code. */
export function extractIbsi(image: Volume, labels: Volume, settings: ExtractionSettings): IbsiResult {
  return run(planIbsi(image, labels, settings));
}

/** Either profile, chosen by settings.profile. */
export function extractFeatures(image: Volume, labels: Volume, settings: ExtractionSettings, options: ExtractionOptions = {}): PyradiomicsResult | IbsiResult {
  return settings.profile === 'pyradiomics' ? extractPyradiomics(image, labels, settings, options) : extractIbsi(image, labels, settings);
}
