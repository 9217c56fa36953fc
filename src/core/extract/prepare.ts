/**
 * Preprocessing of one case, in PyRadiomics' order (featureextractor.execute), which IBSI's also follows:
 * label -> mask; geometry check (or correctMask); normalisation; resampling; ROI checks; re-segmentation; removal
 * of voxels without intensity (NaN) from the intensity mask.
 * The morphological mask (shape) is the resampled ROI; the intensity mask is the re-segmented one.
 */
import { boundingBox, gridMaps, pointToContinuousIndex, continuousIndexToPoint } from '../preprocess/geometry.js';
import { cropVolume, padBox, type Box } from '../preprocess/crop.js';
import { normaliseImage } from '../preprocess/normalise.js';
import { allClose, ibsiGrid, pyradiomicsGrid, resampleMask, resampleVolume, subGrid } from '../preprocess/resample.js';
import { resegmentMask } from '../preprocess/resegment.js';
import type { ExtractionSettings } from '../settings.js';
import type { Geometry, Mask, Vec3, Volume } from '../volume.js';
import { ExtractionError } from './types.js';

export interface PreparedCase {
  /** the image as the feature (and filter) stage sees it */
  image: Volume;
  /** morphological mask on the image grid */
  mask: Mask;
  /** intensity mask: re-segmented, without NaN voxels */
  intensityMask: Mask;
  /** bounding box of the intensity mask (PyRadiomics crops every class, shape included, to it) */
  box: Box;
  /** bounding box of the morphological mask */
  morphBox: Box;
  /**
   * the intensity mask as x-runs, flat (start, end) pairs on the image grid in ascending order, when the label scan
   * found them (no resampling, correction, re-segmentation or NaN removal); null otherwise
   */
  intensityRuns: Int32Array | null;
}

/** The voxels equal to `label` as a 0/1 mask; an error naming the labels present when there is none. */
export function selectLabel(labels: Volume, label: number): Mask {
  return selectLabelWithBox(labels, label).mask;
}

/**
 * selectLabel plus the ROI's bounding box and x-runs ((start, end) pairs), in one pass over the volume. The mask's
 * voxel array is written from the runs on first use (runMask): the PyRadiomics profile's default path reads only
 * the runs, and a whole-volume array per call would cost more than the scan itself.
 */
function selectLabelWithBox(labels: Volume, label: number): { mask: Mask; box: Box; runs: Int32Array } {
  const src = labels.data;
  const [nx, ny, nz] = labels.dims;
  const lo: Vec3 = [nx, ny, nz];
  const hi: Vec3 = [-1, -1, -1];
  let runs = new Int32Array(256);
  let nruns = 0;
  // typed-array indexOf jumps to the next label voxel (a native scan); the run of label voxels that starts there
  // is walked here, within its x-row, so the bounding box costs a division per run, not per voxel
  for (let i = src.indexOf(label); i >= 0; i = src.indexOf(label, i)) {
    const x = i % nx;
    const rowEnd = i - x + nx;
    let e = i + 1;
    while (e < rowEnd && src[e] === label) e++;
    if (2 * nruns + 2 > runs.length) {
      const grown = new Int32Array(2 * runs.length);
      grown.set(runs);
      runs = grown;
    }
    runs[2 * nruns] = i;
    runs[2 * nruns + 1] = e;
    nruns++;
    const t = (i - x) / nx;
    const y = t % ny;
    const z = (t - y) / ny;
    if (x < lo[0]) lo[0] = x;
    if (x + (e - i) - 1 > hi[0]) hi[0] = x + (e - i) - 1;
    if (y < lo[1]) lo[1] = y;
    if (y > hi[1]) hi[1] = y;
    if (z < lo[2]) lo[2] = z;
    if (z > hi[2]) hi[2] = z;
    i = e;
  }
  if (hi[0] < 0) {
    const present = new Set<number>();
    for (let i = 0; i < src.length && present.size < 20; i++) if (src[i] !== 0) present.add(src[i]);
    const found = [...present].sort((a, b) => a - b);
    throw new ExtractionError(
      found.length ? `label ${label} is not present in the mask; labels found: ${found.join(', ')}` : `label ${label} is not present in the mask: nothing is segmented`,
    );
  }
  const used = runs.slice(0, 2 * nruns);
  return { mask: runMask(labels, used), box: { lo, hi }, runs: used };
}

/** A mask on grid g whose voxels are the x-runs (start, end pairs), its data array written when first read. */
function runMask(g: Geometry, runs: Int32Array): Mask {
  const n = g.dims[0] * g.dims[1] * g.dims[2];
  let data: Uint8Array | null = null;
  return {
    dims: g.dims,
    spacing: g.spacing,
    origin: g.origin,
    direction: g.direction,
    get data(): Uint8Array {
      if (data === null) {
        data = new Uint8Array(n);
        for (let r = 0; r < runs.length; r += 2) data.fill(1, runs[r], runs[r + 1]);
      }
      return data;
    },
  };
}

/** PyRadiomics / ITK geometry comparison: sizes equal, origin and spacing within tol x spacing_x, direction within tol. */
export function geometryDifference(image: Geometry, mask: Geometry, tol: number): string | null {
  if (image.dims.some((d, k) => d !== mask.dims[k])) return `size ${mask.dims.join('x')} of the mask vs ${image.dims.join('x')} of the image`;
  const coord = Math.abs(tol * image.spacing[0]);
  if (image.origin.some((v, k) => !(Math.abs(v - mask.origin[k]) <= coord))) return `origin (${mask.origin.join(', ')}) vs (${image.origin.join(', ')})`;
  if (image.spacing.some((v, k) => !(Math.abs(v - mask.spacing[k]) <= coord))) return `spacing ${mask.spacing.join(' x ')} vs ${image.spacing.join(' x ')} mm`;
  if (image.direction.some((v, k) => !(Math.abs(v - mask.direction[k]) <= tol))) return 'direction cosines differ';
  return null;
}

/** Throws unless the ROI's bounding box lies within the image's physical extent (PyRadiomics _checkROI, 1e-3). */
function checkRoiInsideImage(image: Geometry, mask: Mask, box: Box): void {
  const maskMaps = gridMaps(mask);
  const imageMaps = gridMaps(image);
  for (let c = 0; c < 8; c++) {
    const corner = [0, 1, 2].map((k) => ((c >> k) & 1 ? box.hi[k] + 0.5 : box.lo[k] - 0.5));
    const ci = pointToContinuousIndex(imageMaps, continuousIndexToPoint(maskMaps, corner));
    if (ci.some((v, k) => v < -0.5 - 1e-3 || v > image.dims[k] - 0.5 + 1e-3)) {
      throw new ExtractionError('the ROI of the mask extends beyond the physical space of the image');
    }
  }
}

function roiBox(mask: Mask): Box {
  const b = boundingBox(mask.data, mask.dims);
  if (!b) throw new ExtractionError('the ROI is empty after preprocessing');
  return b;
}

/** PyRadiomics checkMask (dimensions, size) or the IBSI profile's configured minimums. */
function checkRoi(mask: Mask, box: Box, s: ExtractionSettings, stage: string): void {
  const ndims = [0, 1, 2].filter((k) => box.hi[k] > box.lo[k]).length;
  if (s.profile === 'pyradiomics' && ndims === 0) {
    throw new ExtractionError(`${stage}: the mask holds a single voxel; PyRadiomics extracts no features from a single voxel`);
  }
  if (ndims < s.minimumROIDimensions && ndims > 0) {
    throw new ExtractionError(`${stage}: the ROI extends in ${ndims} dimension(s); minimumROIDimensions is ${s.minimumROIDimensions}`);
  }
  if (s.minimumROISize !== null) {
    let n = 0;
    for (let i = 0; i < mask.data.length; i++) n += mask.data[i];
    if (n <= s.minimumROISize) throw new ExtractionError(`${stage}: the ROI holds ${n} voxels; minimumROISize is ${s.minimumROISize}`);
  }
}

function resample(image: Volume, mask: Mask, s: ExtractionSettings): { image: Volume; mask: Mask } {
  const r = s.resampling!;
  const box = roiBox(mask);
  if (r.alignment === 'ibsi') {
    const grid = subGrid(mask, box.lo, box.hi, ibsiGrid(image, r.spacing), r.padDistance);
    return {
      image: resampleVolume(image, grid, { interpolator: r.interpolator, outside: 'clamp', rounding: r.rounding }),
      mask: resampleMask(mask, grid, r.mask, r.interpolator, 'clamp'),
    };
  }
  checkRoiInsideImage(image, mask, box);
  const { spacing, grid } = pyradiomicsGrid(mask, box.lo, box.hi, r.spacing, r.padDistance);
  if (allClose(image.spacing, spacing)) {
    // PyRadiomics: spacing unchanged -> only the mask is resampled onto the image grid, then both are cropped
    const onImage = geometryDifference(image, mask, 1e-12) === null ? mask : resampleMask(mask, image, { kind: 'nearest' }, 'nearest', 'default');
    const padded = padBox(roiBox(onImage), r.padDistance, image.dims);
    return { image: cropVolume(image, padded), mask: cropVolume(onImage, padded) };
  }
  return {
    image: resampleVolume(image, grid, { interpolator: r.interpolator, outside: 'default', rounding: r.rounding }),
    mask: resampleMask(mask, grid, r.mask, r.interpolator, 'default'),
  };
}

export function prepareCase(input: Volume, labels: Volume, s: ExtractionSettings, warnings: string[]): PreparedCase {
  const selected = selectLabelWithBox(labels, s.label);
  let mask = selected.mask;
  let labelBox: Box | null = selected.box;
  let image = input;
  // PyRadiomics resamples image and mask onto a grid derived from the mask, so their geometries may differ
  const pyradiomicsResampling = s.resampling !== null && s.resampling.alignment === 'pyradiomics';
  if (!pyradiomicsResampling) {
    const diff = geometryDifference(image, mask, s.geometryTolerance);
    if (diff !== null) {
      if (!s.correctMask) throw new ExtractionError(`image / mask geometry mismatch: ${diff} (enable correctMask to resample the mask onto the image)`);
      checkRoiInsideImage(image, mask, roiBox(mask));
      mask = resampleMask(mask, image, { kind: 'nearest' }, 'nearest', 'default');
      labelBox = null;
      warnings.push(`mask geometry differs from the image (${diff}); the mask was resampled onto the image grid (nearest neighbour)`);
    }
  }
  if (s.normalisation.enabled) image = normaliseImage(image, s.normalisation);
  if (s.resampling) {
    ({ image, mask } = resample(image, mask, s));
    labelBox = null;
  }
  const morphBox = labelBox ?? roiBox(mask);
  checkRoi(mask, morphBox, s, 'ROI');
  let intensityMask = mask;
  const r = s.resegmentation;
  if (r.range || r.sigma) {
    intensityMask = resegmentMask(image, mask, r);
    let kept = 0;
    for (let i = 0; i < intensityMask.data.length; i++) kept += intensityMask.data[i];
    if (kept <= 1 && s.profile === 'pyradiomics') {
      throw new ExtractionError(`re-segmentation kept ${kept} voxel(s); PyRadiomics cannot extract features`);
    }
    if (kept === 0) throw new ExtractionError('re-segmentation removed every voxel of the ROI');
    checkRoi(intensityMask, roiBox(intensityMask), s, 're-segmented ROI');
  }
  const nan = countNaN(image, intensityMask, morphBox);
  if (nan > 0) {
    const data = Uint8Array.from(intensityMask.data);
    for (let i = 0; i < data.length; i++) if (data[i] && Number.isNaN(image.data[i])) data[i] = 0;
    intensityMask = { ...intensityMask, data };
    warnings.push(`${nan} ROI voxel(s) have no intensity (NaN) and were left out of the intensity mask`);
    if (!data.some((v) => v)) throw new ExtractionError('every ROI voxel is NaN: no intensity to compute features from');
  }
  return {
    image,
    mask,
    intensityMask,
    box: intensityMask === mask ? morphBox : roiBox(intensityMask),
    morphBox,
    intensityRuns: intensityMask === selected.mask ? selected.runs : null,
  };
}

/** ROI voxels (within `box`) whose intensity is NaN. */
function countNaN(image: Volume, mask: Mask, box: Box): number {
  if (!(image.data instanceof Float64Array || image.data instanceof Float32Array)) return 0; // integers are never NaN
  const [nx, ny] = mask.dims;
  let n = 0;
  for (let z = box.lo[2]; z <= box.hi[2]; z++) {
    for (let y = box.lo[1]; y <= box.hi[1]; y++) {
      for (let i = box.lo[0] + nx * (y + ny * z), x = box.lo[0]; x <= box.hi[0]; x++, i++) {
        if (mask.data[i] && Number.isNaN(image.data[i])) n++;
      }
    }
  }
  return n;
}

/** Geometry helper for diagnostics. */
export function geometryOf(v: Geometry): Geometry {
  return { dims: [...v.dims] as Vec3, spacing: [...v.spacing] as Vec3, origin: [...v.origin] as Vec3, direction: [...v.direction] };
}
