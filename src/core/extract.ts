/**
 * Feature extraction: image + label mask + settings -> named feature values (stage "preprocess -> discretise ->
 * features" of docs/conventions.md), for the IBSI or the PyRadiomics profile.
 *
 *   const result = extractFeatures(image, labels, pyradiomicsDefaults());
 *   result.features   // [{ name: 'original_glcm_Contrast', value: ... }, ...]
 *   result.warnings   // undefined (NaN) features and why, preprocessing notes
 * Errors that stop an extraction (label absent, PyRadiomics' single-voxel ROI, geometry mismatch, invalid settings)
 * are thrown as ExtractionError / SettingsError with a message that says what to change.
 */
import { ibsiRecords } from './extract/ibsi.js';
import { geometryOf, prepareCase } from './extract/prepare.js';
import { pyradiomicsRecords } from './extract/pyradiomics.js';
import type { ExtractionOptions, IbsiResult, PyradiomicsResult } from './extract/types.js';
import type { ExtractionSettings } from './settings.js';
import { validateSettings } from './settings-validate.js';
import type { Volume } from './volume.js';

export * from './extract/types.js';

function countOf(data: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) n += data[i];
  return n;
}

function run<R extends { value: number; name: string }>(
  image: Volume,
  labels: Volume,
  settings: ExtractionSettings,
  features: (c: ReturnType<typeof prepareCase>, warnings: string[]) => R[],
  nanWarnings: boolean,
) {
  validateSettings(settings);
  const warnings: string[] = [];
  const t0 = Date.now();
  const prepared = prepareCase(image, labels, settings, warnings);
  const t1 = Date.now();
  const records = features(prepared, warnings);
  const t2 = Date.now();
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
            timingsMs: { preprocess: t1 - t0, features: t2 - t1 },
          },
        }
      : {}),
  };
}

/** PyRadiomics profile: records named `${imageType}_${class}_${feature}`. */
export function extractPyradiomics(image: Volume, labels: Volume, settings: ExtractionSettings, options: ExtractionOptions = {}): PyradiomicsResult {
  if (settings.profile !== 'pyradiomics') throw new Error(`extractPyradiomics needs profile 'pyradiomics', got '${settings.profile}'`);
  return run(image, labels, settings, (c, w) => pyradiomicsRecords(c, settings, options, w), true);
}

/** IBSI profile: records with IBSI name, family, code and aggregation code. */
export function extractIbsi(image: Volume, labels: Volume, settings: ExtractionSettings): IbsiResult {
  if (settings.profile !== 'ibsi') throw new Error(`extractIbsi needs profile 'ibsi', got '${settings.profile}'`);
  return run(image, labels, settings, (c, w) => ibsiRecords(c, settings, w), false);
}

/** Either profile, chosen by settings.profile. */
export function extractFeatures(image: Volume, labels: Volume, settings: ExtractionSettings, options: ExtractionOptions = {}): PyradiomicsResult | IbsiResult {
  return settings.profile === 'pyradiomics' ? extractPyradiomics(image, labels, settings, options) : extractIbsi(image, labels, settings);
}
