/**
 * One case through extractCase with the checks a user's input needs first, shared by the CLI, the worker and the
 * DICOM study session:
 *  - the ROI: settings.label, or every non-zero voxel (case-settings.ts, RoiLabel), with an empty mask named;
 *  - the IBSI profile without discretisation uses intensities as grey levels 1..Ng. An MR or CT ROI (thousands of
 *    levels, fractions, zero or negative values) would size matrices by its largest intensity or fail deep in the
 *    engine; it is refused here with what to change (a bin width or bin count), before any matrix is allocated.
 */
import { DiscretisationError } from '../core/discretise.js';
import type { ExtractionSettings, IbsiClass } from '../core/settings.js';
import { geometryMismatch, type Volume } from '../core/volume.js';
import type { GpuAcquisition } from '../gpu/device.js';
import type { RoiLabel } from './case-settings.js';
import { extractCase, InputError, type BackendChoice, type CaseInput, type CaseResult } from './extract-case.js';

export interface CaseRunOptions {
  settings: ExtractionSettings;
  roi: RoiLabel;
  backend: BackendChoice;
  /** backend of the derived image types' filters (default: `backend`; 'cpu' keeps the f64 filters) */
  filterBackend?: BackendChoice;
}

/**
 * Most grey levels the IBSI profile takes without discretisation: the 3D GLCM holds 13 Ng^2 counts (Ng = 1024:
 * 13.6 M), and the 2D aggregations one such matrix per slice. An image with more needs binning, not bigger matrices.
 */
export const MAX_GREY_LEVELS_WITHOUT_DISCRETISATION = 1024;

/** IBSI families computed on grey levels (discretised intensities). */
const GREY_LEVEL_CLASSES: IbsiClass[] = ['intensity-histogram', 'glcm', 'glrlm', 'glszm', 'gldzm', 'ngtdm', 'ngldm'];

export const DISCRETISATION_HINT =
  'give a settings file with a fixed bin width or bin count, e.g. settings.json holding {"profile": "ibsi", ' +
  '"discretisation": {"kind": "fixed-bin-width", "width": 25, "convention": "ibsi"}}';

function usesGreyLevels(settings: ExtractionSettings): boolean {
  const classes = settings.featureClasses as Partial<Record<IbsiClass, unknown>>;
  return GREY_LEVEL_CLASSES.some((c) => classes[c] !== undefined);
}

/** Label map -> 1 where non-zero (NaN counts as zero); refuses a mask with no such voxel. */
export function nonZeroMask(mask: Volume, maskName: string): Volume {
  const data = new Uint8Array(mask.data.length);
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const v = mask.data[i];
    if (v !== 0 && !Number.isNaN(v)) {
      data[i] = 1;
      n++;
    }
  }
  if (n === 0) throw new InputError(`${maskName}: the mask is empty (no non-zero voxel)`);
  return { dims: mask.dims, spacing: mask.spacing, origin: mask.origin, direction: mask.direction, data };
}

/**
 * Refuses an IBSI extraction without discretisation whose ROI intensities are not grey levels 1..1024.
 * Checked on the input grid; with resampling the engine's own check (DiscretisationError) still applies.
 */
export function checkGreyLevels(input: CaseInput, settings: ExtractionSettings): void {
  if (settings.profile !== 'ibsi' || settings.discretisation.kind !== 'none' || !usesGreyLevels(settings)) return;
  const { image, mask } = input;
  if (image.data.length !== mask.data.length) return; // the engine names the geometry mismatch
  let max = -Infinity;
  let bad: number | undefined;
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i] !== settings.label) continue;
    const v = image.data[i];
    if (Number.isNaN(v)) continue;
    if (v > max) max = v;
    if (bad === undefined && (!Number.isInteger(v) || v < 1)) bad = v;
  }
  const why = 'the IBSI profile without discretisation uses the intensities as grey levels';
  if (max > MAX_GREY_LEVELS_WITHOUT_DISCRETISATION) {
    throw new InputError(
      `${input.imageName}: the ROI has grey levels up to ${max}; without discretisation at most ${MAX_GREY_LEVELS_WITHOUT_DISCRETISATION} are supported (${why}); ${DISCRETISATION_HINT}`,
    );
  }
  if (bad !== undefined) {
    throw new InputError(`${input.imageName}: discretisation 'none' needs integer grey levels >= 1 in the ROI; found ${bad} (${why}); ${DISCRETISATION_HINT}`);
  }
}

/** Voxels of the ROI on the input grid, and how many of them are NaN. */
function roiCounts(input: CaseInput, label: number): { voxels: number; nan: number } {
  let voxels = 0;
  let nan = 0;
  for (let i = 0; i < input.mask.data.length; i++) {
    if (input.mask.data[i] !== label) continue;
    voxels++;
    if (Number.isNaN(input.image.data[i])) nan++;
  }
  return { voxels, nan };
}

export type CaseRun = CaseResult & {
  /** ROI voxels on the input grid (before any resampling or re-segmentation) */
  roiVoxels: number;
};

/** The engine's warning about NaN ROI voxels (src/core/extract/prepare.ts), superseded by runCase's, which names the file. */
const ENGINE_NAN_WARNING = /^\d+ ROI voxel\(s\) have no intensity \(NaN\)/;

/** extractCase with the ROI chosen as `roi` says and the input checked first. */
export async function runCase(input: CaseInput, options: CaseRunOptions, getGpu: () => Promise<GpuAcquisition>): Promise<CaseRun> {
  let settings = options.settings;
  let mask = input.mask;
  if (options.roi === 'non-zero') {
    mask = nonZeroMask(input.mask, input.maskName);
    settings = { ...settings, label: 1 };
  }
  // Grid check as the user sees it (the engine's own, with the settings' tolerance, is stricter and still runs).
  const resamplesMask = settings.correctMask || settings.resampling?.alignment === 'pyradiomics';
  const mismatch = resamplesMask ? null : geometryMismatch(input.image, mask);
  if (mismatch) throw new InputError(`${input.maskName} does not lie on the grid of ${input.imageName}: ${mismatch}`);
  const checked = { ...input, mask };
  checkGreyLevels(checked, settings);
  const counts = roiCounts(checked, settings.label);
  // PyRadiomics refuses a single voxel itself; under IBSI every texture family would be undefined
  if (settings.profile === 'ibsi' && counts.voxels - counts.nan === 1 && usesGreyLevels(settings)) {
    throw new InputError(`${input.maskName}: the ROI has 1 voxel; texture features need at least 2 neighbouring voxels`);
  }
  const warnings: string[] = [];
  if (counts.nan && counts.nan < counts.voxels) warnings.push(`${input.imageName}: ${counts.nan} ROI voxels are NaN and were left out`);
  if (input.image.dims[2] === 1) warnings.push(`${input.imageName}: a single slice (2D image); the 3D texture features use only the 4 in-plane of the 13 directions`);
  try {
    const result = await extractCase(checked, { settings, backend: options.backend, ...(options.filterBackend ? { filterBackend: options.filterBackend } : {}) }, getGpu);
    // the engine's own NaN warning says the same without the file's name: keep only this one
    const engineWarnings = counts.nan ? result.warnings.filter((w) => !ENGINE_NAN_WARNING.test(w)) : result.warnings;
    return { ...result, warnings: [...warnings, ...engineWarnings], roiVoxels: counts.voxels };
  } catch (e) {
    if (e instanceof DiscretisationError) throw new InputError(`${input.imageName}: ${e.message}; ${DISCRETISATION_HINT}`);
    throw e;
  }
}
