/**
 * The PyRadiomics profile: records named and computed as RadiomicsFeatureExtractor.execute returns them
 * (original_shape_*, then per image type <type>_<class>_<feature>), from one prepared case.
 *
 * The discretisation of an image is computed once and shared by firstorder and every texture class (an image
 * type may override binWidth / binCount, which then gets its own).
 *
 * pyradiomicsPlan computes everything but the texture matrices, which it asks of a MatrixPlan (matrix-plan.ts);
 * its `finish` builds the records once the plan's matrices are resolved, in the same order as before.
 */
import { discretiseRoiPyradiomics, type PyradiomicsBinning } from '../discretise-pyradiomics.js';
import { selectFeatures, type PyradiomicsFeature } from '../features/pyradiomics/common.js';
import { FIRSTORDER_FEATURES, firstOrderCoefficients } from '../features/pyradiomics/firstorder.js';
import { GLCM_PYRADIOMICS_FEATURES } from '../features/pyradiomics/glcm.js';
import { GLDM_PYRADIOMICS_FEATURES, GLRLM_PYRADIOMICS_FEATURES, GLSZM_PYRADIOMICS_FEATURES } from '../features/pyradiomics/level-count.js';
import { NGTDM_PYRADIOMICS_FEATURES } from '../features/pyradiomics/ngtdm.js';
import { SHAPE_PYRADIOMICS_FEATURES, shapeCoefficients } from '../features/pyradiomics/shape.js';
import { SHAPE2D_PYRADIOMICS_FEATURES, shape2dCoefficients } from '../features/pyradiomics/shape2d.js';
import {
  glcmPyradiomicsFinish,
  glcmPyradiomicsRequest,
  gldmPyradiomicsFinish,
  gldmPyradiomicsRequest,
  glrlmPyradiomicsFinish,
  glrlmPyradiomicsRequest,
  glszmPyradiomicsFinish,
  glszmPyradiomicsRequest,
  ngtdmPyradiomicsFinish,
  ngtdmPyradiomicsRequest,
  planeGrid,
  textureInput,
  type NamedValue,
} from '../features/pyradiomics/texture-classes.js';
import { cropRoi, cropRunMask, cropVolume, type Box } from '../preprocess/crop.js';
import type { DiscretisationSettings, ExtractionSettings, FilterSettings, ImageTypeName, PyradiomicsClass, TextureSettings } from '../settings.js';
import type { GreyLevels } from '../discretise.js';
import type { Mask, Volume } from '../volume.js';
import { computeMatricesCpu, MatrixPlan } from './matrix-plan.js';
import type { PreparedCase } from './prepare.js';
import { ExtractionError, type ExtractionOptions, type PyradiomicsRecord } from './types.js';

function binning(d: DiscretisationSettings): PyradiomicsBinning {
  if (d.kind === 'fixed-bin-width') return { kind: 'fixed-bin-width', width: d.width };
  if (d.kind === 'fixed-bin-count') return { kind: 'fixed-bin-count', bins: d.bins };
  throw new ExtractionError('the PyRadiomics profile needs binWidth or binCount');
}

function evaluate<S>(cls: string, all: readonly PyradiomicsFeature<S>[], names: string[] | null, coefficients: S): NamedValue[] {
  return selectFeatures(cls, all, names).map((f) => ({ name: f.name, value: f.compute(coefficients) }));
}

function ibsiCodes(): Map<string, string> {
  const out = new Map<string, string>();
  const add = (cls: string, list: readonly { name: string; ibsi?: string }[]) => {
    for (const f of list) if (f.ibsi) out.set(`${cls}_${f.name}`, f.ibsi);
  };
  add('shape', SHAPE_PYRADIOMICS_FEATURES);
  add('firstorder', FIRSTORDER_FEATURES);
  add('glcm', GLCM_PYRADIOMICS_FEATURES);
  add('glrlm', GLRLM_PYRADIOMICS_FEATURES);
  add('glszm', GLSZM_PYRADIOMICS_FEATURES);
  add('gldm', GLDM_PYRADIOMICS_FEATURES);
  add('ngtdm', NGTDM_PYRADIOMICS_FEATURES);
  return out;
}

const CODES = ibsiCodes();

/** Shape and shape2D features (computed once, on the original image's mask). */
function shapeRecords(c: PreparedCase, s: ExtractionSettings, warnings: string[]): [string, NamedValue[]][] {
  const out: [string, NamedValue[]][] = [];
  const box = c.box;
  const classes = s.featureClasses;
  if (classes.shape === undefined && classes.shape2D === undefined) return out;
  const source = s.resegmentation.applyToShape ? c.intensityMask : c.mask;
  // with runs, the intensity mask is the mask itself
  const mask = c.intensityRuns !== null ? cropRunMask(source, box, c.intensityRuns) : cropVolume(source, box);
  if (classes.shape !== undefined) out.push(['shape', evaluate('shape', SHAPE_PYRADIOMICS_FEATURES, classes.shape, shapeCoefficients(mask))]);
  if (classes.shape2D !== undefined) {
    const axis = 2 - s.texture.force2Ddimension;
    if (!s.texture.force2D) warnings.push('shape2D needs force2D (PyRadiomics): not computed');
    else if (mask.dims[axis] > 1) warnings.push(`shape2D: the ROI spans ${mask.dims[axis]} slices along force2Ddimension ${s.texture.force2Ddimension}; not computed (PyRadiomics)`);
    else out.push(['shape2D', evaluate('shape2D', SHAPE2D_PYRADIOMICS_FEATURES, classes.shape2D, shape2dCoefficients(mask, axis as 0 | 1 | 2))]);
  }
  return out;
}

type Groups = [string, () => NamedValue[]][];

/** Features of one (original or filtered) image, cropped to the ROI box; texture matrices asked of `plan`. */
/** Voxels of the intensity mask (in its box; by its runs when the plan has them). */
function roiVoxelCount(mask: Mask, box: Box, runs: Int32Array | null): number {
  let n = 0;
  if (runs) {
    for (let k = 0; k < runs.length; k += 2) n += runs[k + 1] - runs[k];
    return n;
  }
  const [nx, ny] = mask.dims;
  for (let z = box.lo[2]; z <= box.hi[2]; z++)
    for (let y = box.lo[1]; y <= box.hi[1]; y++) {
      const row = nx * (y + ny * z);
      for (let x = box.lo[0]; x <= box.hi[0]; x++) n += mask.data[row + x] ? 1 : 0;
    }
  return n;
}

function imageRecords(plan: MatrixPlan, name: string, image: Volume, intensityMask: Mask, box: Box, runs: Int32Array | null, s: ExtractionSettings, texture: TextureSettings, d: DiscretisationSettings, shift: number): Groups {
  const classes = s.featureClasses;
  const textureClasses: PyradiomicsClass[] = ['glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'];
  if (classes.firstorder === undefined && textureClasses.every((c) => classes[c] === undefined)) return [];
  // the ROI voxels of the box, read once; their levels are shared by firstorder and every texture class
  const roi = cropRoi(image, intensityMask, box, runs);
  const { starts, lengths, values } = roi;
  // cropRoi leaves NaN voxels out. Those of the original image are out of the intensity mask already (prepare.ts);
  // a derived image has NaN where a NaN voxel of the image (anywhere: the recursive LoG reaches whole lines) spreads
  // through its filter, and features on the rest would silently describe another ROI
  if (name !== 'original') {
    const total = roiVoxelCount(intensityMask, box, runs);
    if (values.length < total) {
      throw new ExtractionError(
        `${name}: ${total - values.length} of ${total} ROI voxels are NaN after filtering: NaN voxels of the image spread through the filter; ` +
          'replace them (e.g. by the background value) or leave this image type out',
      );
    }
  }
  const { grey, roiLevels, present } = discretiseRoiPyradiomics({ dims: roi.geometry.dims, spacing: image.spacing, starts, lengths, values }, binning(d));
  const out: Groups = [];
  if (classes.firstorder !== undefined) {
    const [sx, sy, sz] = image.spacing;
    const coefficients = firstOrderCoefficients(values, roiLevels, shift, sx * sy * sz);
    const firstorder = evaluate('firstorder', FIRSTORDER_FEATURES, classes.firstorder, coefficients);
    out.push(['firstorder', () => firstorder]);
  }
  if (textureClasses.every((c) => classes[c] === undefined)) return out;
  // the padded grid and the levels present, shared by the texture classes
  const input = textureInput(grey, texture, { starts, lengths, present });
  const at = plan.image(grey, input.padded);
  // glrlm and glszm walk the slices of the force2D plane as z (the same grid as `grey` in 3D)
  let plane: { grey: GreyLevels; at: number } | null = null;
  const inPlane = () => {
    if (!plane) {
      const g = planeGrid(grey, texture);
      plane = { grey: g, at: g === grey ? at : plan.image(g) };
    }
    return plane;
  };
  const run = (cls: PyradiomicsClass, f: () => () => NamedValue[]) => {
    if (classes[cls] !== undefined) out.push([cls, f()]);
  };
  run('glcm', () => {
    const features = selectFeatures('glcm', GLCM_PYRADIOMICS_FEATURES, classes.glcm!);
    const request = glcmPyradiomicsRequest(grey, texture);
    const m = plan.request(at, 'glcmOffsets', request);
    return () => glcmPyradiomicsFinish(m(), grey, texture, request, features, present);
  });
  run('glrlm', () => {
    const features = selectFeatures('glrlm', GLRLM_PYRADIOMICS_FEATURES, classes.glrlm!);
    const p = inPlane();
    const m = plan.request(p.at, 'glrlm', glrlmPyradiomicsRequest(texture));
    return () => glrlmPyradiomicsFinish(m(), p.grey, texture, features);
  });
  run('glszm', () => {
    const features = selectFeatures('glszm', GLSZM_PYRADIOMICS_FEATURES, classes.glszm!);
    const m = plan.request(inPlane().at, 'glszm', glszmPyradiomicsRequest(texture));
    return () => glszmPyradiomicsFinish(m(), grey.count, features);
  });
  run('gldm', () => {
    const features = selectFeatures('gldm', GLDM_PYRADIOMICS_FEATURES, classes.gldm!);
    const m = plan.request(at, 'ngldm', gldmPyradiomicsRequest(grey, texture));
    return () => gldmPyradiomicsFinish(m(), grey.count, features);
  });
  run('ngtdm', () => {
    const features = selectFeatures('ngtdm', NGTDM_PYRADIOMICS_FEATURES, classes.ngtdm!);
    const m = plan.request(at, 'ngtdm', ngtdmPyradiomicsRequest(grey, texture));
    return () => ngtdmPyradiomicsFinish(m(), features);
  });
  return out;
}

function toRecords(imageType: string, groups: [string, NamedValue[]][], out: PyradiomicsRecord[]): void {
  for (const [cls, values] of groups) {
    for (const v of values) {
      const code = CODES.get(`${cls}_${v.name}`);
      out.push({ name: `${imageType}_${cls}_${v.name}`, imageType, featureClass: cls, feature: v.name, value: v.value, ...(code ? { ibsi_code: code } : {}) });
    }
  }
}

/** The filter settings an image type is filtered with: the shared `filter` section under the type's own. */
function filterSettingsOf(s: ExtractionSettings, overrides: NonNullable<ExtractionSettings['imageTypes'][ImageTypeName]>): FilterSettings {
  return { ...s.filter, ...overrides.filter };
}

/**
 * The image types other than Original that pyradiomicsPlan asks of options.filters, in its order, with the filter
 * settings it passes (the provider also gets the prepared case's image and intensity mask), without filtering.
 */
export function pyradiomicsFilterRequests(s: ExtractionSettings): { imageType: ImageTypeName; settings: FilterSettings }[] {
  const out: { imageType: ImageTypeName; settings: FilterSettings }[] = [];
  for (const [type, overrides] of Object.entries(s.imageTypes) as [ImageTypeName, NonNullable<ExtractionSettings['imageTypes'][ImageTypeName]>][]) {
    if (type !== 'Original') out.push({ imageType: type, settings: filterSettingsOf(s, overrides) });
  }
  return out;
}

/**
 * Plans the PyRadiomics records of a prepared case: shape and firstorder now, the texture matrices as requests of
 * `plan`; `finish` (after plan.resolve) returns the records.
 */
export function pyradiomicsPlan(c: PreparedCase, s: ExtractionSettings, options: ExtractionOptions, warnings: string[], plan: MatrixPlan): () => PyradiomicsRecord[] {
  const shape = shapeRecords(c, s, warnings);
  const perImage: [string, Groups][] = [];
  for (const [type, overrides] of Object.entries(s.imageTypes) as [ImageTypeName, NonNullable<ExtractionSettings['imageTypes'][ImageTypeName]>][]) {
    const texture = { ...s.texture, ...overrides.texture };
    const d = overrides.discretisation ?? s.discretisation;
    const shift = overrides.voxelArrayShift ?? s.voxelArrayShift;
    let images: { name: string; image: Volume }[];
    if (type === 'Original') images = [{ name: 'original', image: c.image }];
    else if (options.filters) images = options.filters(type, c.image, c.intensityMask, filterSettingsOf(s, overrides));
    else throw new ExtractionError(`image type ${type} needs the filter stage (pass options.filters); only Original is computed without it`);
    for (const { name, image } of images) perImage.push([name, imageRecords(plan, name, image, c.intensityMask, c.box, c.intensityRuns, s, texture, d, shift)]);
  }
  return () => {
    const out: PyradiomicsRecord[] = [];
    toRecords('original', shape, out);
    for (const [name, groups] of perImage) toRecords(name, groups.map(([cls, f]) => [cls, f()]), out);
    return out;
  };
}

/** The records of a prepared case with every matrix from its CPU twin. */
export function pyradiomicsRecords(c: PreparedCase, s: ExtractionSettings, options: ExtractionOptions, warnings: string[]): PyradiomicsRecord[] {
  const plan = new MatrixPlan();
  const finish = pyradiomicsPlan(c, s, options, warnings, plan);
  plan.resolve(computeMatricesCpu(plan.images));
  return finish();
}
