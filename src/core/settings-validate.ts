/**
 * Validation of ExtractionSettings (settings.ts): value ranges, and the consistency each profile needs (PyRadiomics
 * computes exactly one aggregation for its force2D / weightingNorm; the IBSI profile has no PyRadiomics-only
 * switches). Every problem is collected; one SettingsError lists them all.
 */
import { PYRADIOMICS_CLASSES, IBSI_CLASSES, SettingsError, pyradiomicsMatrixAggregation, type ExtractionSettings } from './settings.js';

const positive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** Checks ranges and cross-field consistency; throws SettingsError listing every problem. */
export function validateSettings(s: ExtractionSettings): ExtractionSettings {
  const p: string[] = [];
  if (s.profile !== 'ibsi' && s.profile !== 'pyradiomics') p.push(`profile must be 'ibsi' or 'pyradiomics', got ${String(s.profile)}`);
  if (!Number.isInteger(s.label) || s.label <= 0) p.push(`label must be a positive integer, got ${s.label}`);
  if (!(s.geometryTolerance > 0)) p.push('geometryTolerance must be > 0');
  const r = s.resampling;
  if (r) {
    if (r.spacing.length !== 3 || r.spacing.some((v) => !(v >= 0))) p.push('resampling.spacing needs 3 values >= 0 (0 keeps the axis)');
    if (!['nearest', 'linear', 'bspline'].includes(r.interpolator)) p.push(`unknown interpolator ${r.interpolator}`);
    if (r.mask.kind === 'partial-volume' && !(r.mask.threshold > 0 && r.mask.threshold <= 1)) p.push('mask partial-volume threshold must be in (0, 1]');
    if (!Number.isInteger(r.padDistance) || r.padDistance < 0) p.push('resampling.padDistance must be an integer >= 0');
  }
  if (s.normalisation.enabled && !positive(s.normalisation.scale)) p.push('normalisation.scale must be > 0');
  if (s.normalisation.removeOutliers !== null && !positive(s.normalisation.removeOutliers)) p.push('removeOutliers must be > 0');
  const d = s.discretisation;
  if (d.kind === 'fixed-bin-width' && !positive(d.width)) p.push('bin width must be > 0');
  if (d.kind === 'fixed-bin-count' && !(Number.isInteger(d.bins) && d.bins > 0)) p.push('bin count must be a positive integer');
  const t = s.texture;
  if (!t.distances.length || t.distances.some((v) => !Number.isInteger(v) || v < 1)) p.push('distances must be integers >= 1');
  if (![0, 1, 2].includes(t.force2Ddimension)) p.push('force2Ddimension must be 0, 1 or 2');
  if (!(Number.isInteger(t.gldmAlpha) && t.gldmAlpha >= 0) && s.profile === 'pyradiomics') p.push('gldm_a must be an integer >= 0');
  if (![1, 2, 3].includes(s.minimumROIDimensions)) p.push('minimumROIDimensions must be 1, 2 or 3');
  if (s.minimumROISize !== null && !positive(s.minimumROISize)) p.push('minimumROISize must be > 0 or null');
  if (s.profile === 'pyradiomics') validatePyradiomics(s, p);
  else validateIbsi(s, p);
  if (p.length) throw new SettingsError(p);
  return s;
}

function validatePyradiomics(s: ExtractionSettings, p: string[]): void {
  const t = s.texture;
  const expected = pyradiomicsMatrixAggregation(t);
  if (t.matrixAggregations.length !== 1 || t.matrixAggregations[0] !== expected) {
    p.push(`PyRadiomics computes GLCM/GLRLM as ${expected} for force2D=${t.force2D}, weightingNorm=${t.weightingNorm}; matrixAggregations is [${t.matrixAggregations.join(', ')}]`);
  }
  const zone = t.force2D ? '2.5d' : '3d';
  if (t.zoneAggregations.length !== 1 || t.zoneAggregations[0] !== zone) {
    p.push(`PyRadiomics computes GLSZM/GLDM/NGTDM as ${zone} for force2D=${t.force2D}; zoneAggregations is [${t.zoneAggregations.join(', ')}]`);
  }
  if (s.discretisation.kind === 'none') p.push("the PyRadiomics profile always discretises (binWidth or binCount)");
  else if (s.discretisation.convention !== 'pyradiomics') p.push("the PyRadiomics profile needs discretisation.convention 'pyradiomics'");
  for (const c of Object.keys(s.featureClasses)) {
    if (!(PYRADIOMICS_CLASSES as readonly string[]).includes(c)) p.push(`featureClass ${c} is not a PyRadiomics class (${PYRADIOMICS_CLASSES.join(', ')})`);
  }
  if (s.resegmentation.range && s.resegmentation.sigma) p.push('PyRadiomics re-segments by one resegmentMode only: range or sigma, not both');
  if (s.featureClasses.shape2D !== undefined && !t.force2D) p.push('shape2D needs force2D (PyRadiomics)');
}

function validateIbsi(s: ExtractionSettings, p: string[]): void {
  const t = s.texture;
  for (const c of Object.keys(s.featureClasses)) {
    if (!(IBSI_CLASSES as readonly string[]).includes(c)) p.push(`featureClass ${c} is not an IBSI family here (${IBSI_CLASSES.join(', ')})`);
  }
  if (t.weightingNorm !== 'none') p.push('the IBSI profile merges or averages matrices through texture aggregations; weightingNorm must be none');
  if (t.force2D) p.push('the IBSI profile selects 2D / 2.5D through matrixAggregations and zoneAggregations; force2D must be false');
  if (t.distances.length !== 1) p.push('the IBSI profile takes one neighbour distance');
  if (!t.symmetricalGLCM) p.push('IBSI GLCMs are symmetric');
  if (s.voxelArrayShift !== 0) p.push('voxelArrayShift is a PyRadiomics setting; IBSI energy uses the intensities as they are');
  if (s.discretisation.kind !== 'none' && s.discretisation.convention !== 'ibsi') p.push("the IBSI profile needs discretisation.convention 'ibsi'");
  if (s.resegmentation.applyToShape) p.push('IBSI morphology uses the morphological (not re-segmented) mask');
}
