/**
 * One PyRadiomics feature class alone on a prepared case, for the benchmark's per-class figures: the work
 * PyRadiomics' per-class figure measures (its binning + matrix + features on arrays in memory), nothing shared with
 * another class. It calls the stages extract/pyradiomics.ts calls for the Original image, in the same order, and
 * charges to every class what the extraction shares between classes:
 *   firstorder: ROI voxels of the box (cropRoi) + binning + coefficients + features;
 *   a texture class: ROI voxels + binning + padded grid (textureInput) + its matrix + features;
 *   shape: the cropped mask + mesh / coefficients + features.
 * The bench checks that each class's values equal the whole extraction's (extractPyradiomics), bit for bit, so the
 * timed work is the real one.
 */
import { discretiseRoiPyradiomics, type PyradiomicsBinning } from '../core/discretise-pyradiomics.js';
import type { PreparedCase } from '../core/extract/prepare.js';
import { selectFeatures, type PyradiomicsFeature } from '../core/features/pyradiomics/common.js';
import { FIRSTORDER_FEATURES, firstOrderCoefficients } from '../core/features/pyradiomics/firstorder.js';
import { GLCM_PYRADIOMICS_FEATURES } from '../core/features/pyradiomics/glcm.js';
import { GLDM_PYRADIOMICS_FEATURES, GLRLM_PYRADIOMICS_FEATURES, GLSZM_PYRADIOMICS_FEATURES } from '../core/features/pyradiomics/level-count.js';
import { NGTDM_PYRADIOMICS_FEATURES } from '../core/features/pyradiomics/ngtdm.js';
import { SHAPE_PYRADIOMICS_FEATURES, shapeCoefficients } from '../core/features/pyradiomics/shape.js';
import {
  glcmPyradiomics,
  gldmPyradiomics,
  glrlmPyradiomics,
  glszmPyradiomics,
  ngtdmPyradiomics,
  textureInput,
  type NamedValue,
} from '../core/features/pyradiomics/texture-classes.js';
import { cropRoi, cropRunMask, cropVolume } from '../core/preprocess/crop.js';
import type { ExtractionSettings, PyradiomicsClass } from '../core/settings.js';

function binningOf(s: ExtractionSettings): PyradiomicsBinning {
  const d = s.discretisation;
  if (d.kind === 'fixed-bin-width') return { kind: 'fixed-bin-width', width: d.width };
  if (d.kind === 'fixed-bin-count') return { kind: 'fixed-bin-count', bins: d.bins };
  throw new Error('the PyRadiomics profile needs binWidth or binCount');
}

function evaluate<S>(all: readonly PyradiomicsFeature<S>[], coefficients: S): NamedValue[] {
  return selectFeatures('', all, null).map((f) => ({ name: f.name, value: f.compute(coefficients) }));
}

/**
 * A function that computes class `cls` of the Original image of case `c` under settings `s` (PyRadiomics defaults:
 * no re-segmentation, no force2D, no angle weighting), from scratch on each call.
 */
export function classWork(c: PreparedCase, s: ExtractionSettings, cls: PyradiomicsClass): () => NamedValue[] {
  const t = s.texture;
  if (cls === 'shape') {
    return () => {
      const mask = c.intensityRuns !== null ? cropRunMask(c.mask, c.box, c.intensityRuns) : cropVolume(c.mask, c.box);
      return evaluate(SHAPE_PYRADIOMICS_FEATURES, shapeCoefficients(mask));
    };
  }
  return () => {
    const roi = cropRoi(c.image, c.intensityMask, c.box, c.intensityRuns);
    const { starts, lengths, values } = roi;
    const { grey, roiLevels, present } = discretiseRoiPyradiomics({ dims: roi.geometry.dims, spacing: c.image.spacing, starts, lengths, values }, binningOf(s));
    if (cls === 'firstorder') {
      const [sx, sy, sz] = c.image.spacing;
      return evaluate(FIRSTORDER_FEATURES, firstOrderCoefficients(values, roiLevels, s.voxelArrayShift, sx * sy * sz));
    }
    const input = textureInput(grey, t, { starts, lengths, present });
    if (cls === 'glcm') return glcmPyradiomics(grey, t, selectFeatures('glcm', GLCM_PYRADIOMICS_FEATURES, null), input);
    if (cls === 'glrlm') return glrlmPyradiomics(grey, t, selectFeatures('glrlm', GLRLM_PYRADIOMICS_FEATURES, null), input);
    if (cls === 'glszm') return glszmPyradiomics(grey, t, selectFeatures('glszm', GLSZM_PYRADIOMICS_FEATURES, null), input);
    if (cls === 'gldm') return gldmPyradiomics(grey, t, selectFeatures('gldm', GLDM_PYRADIOMICS_FEATURES, null), input);
    if (cls === 'ngtdm') return ngtdmPyradiomics(grey, t, selectFeatures('ngtdm', NGTDM_PYRADIOMICS_FEATURES, null), input);
    throw new Error(`classWork: class ${cls} is not benchmarked`);
  };
}
