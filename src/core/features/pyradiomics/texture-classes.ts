/**
 * The PyRadiomics texture classes glcm, glrlm, glszm, gldm and ngtdm on one discretised ROI: matrices as
 * radiomics/src/cmatrices.c counts them, aggregated as PyRadiomics does (per-angle features averaged with
 * numpy.nanmean, or one weighted sum when weightingNorm is set; force2D restricts angles to the slice plane and
 * merges the slices). The grey-level volume is the ROI's bounding box (PyRadiomics crops before computing).
 *
 * Each class is split as the extraction needs it (extract/matrix-plan.ts): `...Request` gives the matrix settings
 * in the CPU twins' terms, `...Finish` turns that matrix (from the twin or the GPU) into the features; the class
 * function itself (glcmPyradiomics ...) is request + twin + finish.
 */
import type { GreyLevels } from '../../discretise.js';
import type { GlcmOffsetSettings } from '../../extract/matrix-plan.js';
import { glcmCountsPadded } from '../../matrices/glcm-offsets.js';
import { computeGlrlm, glrlmPadded, type GlrlmCounts, type GlrlmSettings } from '../../matrices/glrlm.js';
import { computeGlszm, glszmPadded, type GlszmSettings, type ZoneCounts } from '../../matrices/glszm.js';
import { computeNgldm, ngldmPadded, type NgldmCounts, type NgldmSettings } from '../../matrices/ngldm.js';
import { computeNgtdm, ngtdmPadded, type NgtdmCounts, type NgtdmSettings } from '../../matrices/ngtdm.js';
import { padGrid, padGridFromRuns, presentLevelsPadded, type PaddedGrid } from '../../matrices/padded-grid.js';
import { withSliceAxis } from '../../matrices/permute.js';
import { glcmAngleWeight, glrlmAngleWeight, pyradiomicsOffsets } from '../../matrices/pyradiomics-angles.js';
import type { TextureSettings } from '../../settings.js';
import { levelCountStats, type LevelCountStats } from '../level-count-stats.js';
import { nanMean, type PyradiomicsFeature } from './common.js';
import { glcmCoefficients, type GlcmCoefficients } from './glcm.js';
import { ngtdmCoefficients, type NgtdmCoefficients } from './ngtdm.js';

export interface NamedValue {
  name: string;
  value: number;
}

/** Evaluates features on each group's coefficients (null = deleted angle) and averages with numpy.nanmean. */
function averaged<S>(coefficients: (S | null)[], features: readonly PyradiomicsFeature<S>[]): NamedValue[] {
  const used = coefficients.filter((c): c is S => c !== null);
  return features.map((f) => ({ name: f.name, value: nanMean(used.map((c) => f.compute(c))) }));
}

/** Out-of-plane axis of force2D in this project's (x, y, z) order, or null in 3D. */
function planeAxis(t: TextureSettings): 0 | 1 | 2 | null {
  return t.force2D ? ((2 - t.force2Ddimension) as 0 | 1 | 2) : null;
}

/**
 * What the texture classes derive from one grey-level grid, built once and shared by the classes of an image: the
 * padded grid the matrix loops walk (padded-grid.ts, border = the largest distance) and the grey levels present.
 * `known`: the ROI's x-runs on the grid and the levels present, when the discretisation has them.
 */
export interface TextureInput {
  padded: PaddedGrid;
  present: Int32Array;
}

export function textureInput(
  grey: GreyLevels,
  t: TextureSettings,
  known?: { starts: Int32Array; lengths: Int32Array; present: Int32Array },
): TextureInput {
  let pad = 1;
  for (const d of t.distances) if (d > pad) pad = d;
  if (known) return { padded: padGridFromRuns(grey, pad, known.starts, known.lengths), present: known.present };
  const padded = padGrid(grey, pad);
  return { padded, present: presentLevelsPadded(padded, grey.ng) };
}

/** Grey levels present in the ROI (1-based, ascending). */
export function presentLevels(grey: GreyLevels): Int32Array {
  const seen = new Uint8Array(grey.ng + 1);
  for (let i = 0; i < grey.levels.length; i++) seen[grey.levels[i]] = 1;
  const out: number[] = [];
  for (let g = 1; g <= grey.ng; g++) if (seen[g]) out.push(g);
  return Int32Array.from(out);
}

/** PyRadiomics' GLCM request: its angles (one matrix per offset) and symmetry. */
export function glcmPyradiomicsRequest(grey: GreyLevels, t: TextureSettings): GlcmOffsetSettings {
  return { offsets: pyradiomicsOffsets(grey.dims, t.distances, false, planeAxis(t)), symmetric: t.symmetricalGLCM };
}

/** GLCM features from the counts of glcmPyradiomicsRequest (nOffsets x ng x ng). */
export function glcmPyradiomicsFinish(
  counts: Uint32Array,
  grey: GreyLevels,
  t: TextureSettings,
  request: GlcmOffsetSettings,
  features: readonly PyradiomicsFeature<GlcmCoefficients>[],
  present: Int32Array,
): NamedValue[] {
  const { offsets } = request;
  const ng = grey.ng;
  const size = ng * ng;
  const na = offsets.length / 3;
  if (t.weightingNorm !== 'none') {
    const merged = new Float64Array(size);
    for (let a = 0; a < na; a++) {
      const w = glcmAngleWeight(offsets.subarray(3 * a, 3 * a + 3), grey.spacing, t.weightingNorm);
      for (let k = 0; k < size; k++) merged[k] += w * counts[a * size + k];
    }
    return averaged([glcmCoefficients(merged, ng, present)], features);
  }
  const perAngle = Array.from({ length: na }, (_, a) => glcmCoefficients(counts.subarray(a * size, (a + 1) * size), ng, present));
  return averaged(perAngle, features);
}

export function glcmPyradiomics(
  grey: GreyLevels,
  t: TextureSettings,
  features: readonly PyradiomicsFeature<GlcmCoefficients>[],
  input: TextureInput = textureInput(grey, t),
): NamedValue[] {
  const request = glcmPyradiomicsRequest(grey, t);
  const counts = glcmCountsPadded(input.padded, grey.ng, request.offsets, request.symmetric);
  return glcmPyradiomicsFinish(counts, grey, t, request, features, input.present);
}

/** True when some line along direction d holds two or more ROI voxels (else PyRadiomics empties the angle). */
function lineHoldsTwo(grey: GreyLevels, d: readonly number[]): boolean {
  const [nx, ny, nz] = grey.dims;
  const step = d[0] + nx * (d[1] + ny * d[2]);
  for (let z = 0, v = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, v++) {
        if (!grey.levels[v]) continue;
        for (let x2 = x + d[0], y2 = y + d[1], z2 = z + d[2], w = v + step; ; x2 += d[0], y2 += d[1], z2 += d[2], w += step) {
          if (x2 < 0 || y2 < 0 || z2 < 0 || x2 >= nx || y2 >= ny || z2 >= nz) break;
          if (grey.levels[w]) return true;
        }
      }
    }
  }
  return false;
}

/**
 * The grid the GLRLM and GLSZM of PyRadiomics walk: the grey levels themselves in 3D; with force2D, a copy whose
 * out-of-plane axis is z (their 2D twins count slices along z).
 */
export function planeGrid(grey: GreyLevels, t: TextureSettings): GreyLevels {
  const axis = planeAxis(t);
  return axis === null ? grey : withSliceAxis(grey, axis);
}

/** PyRadiomics' GLRLM request on planeGrid(grey, t). */
export function glrlmPyradiomicsRequest(t: TextureSettings): GlrlmSettings {
  return { dimension: planeAxis(t) === null ? '3d' : '2d' };
}

/** GLRLM features from the matrix of glrlmPyradiomicsRequest; `g` = planeGrid(grey, t). */
export function glrlmPyradiomicsFinish(m: GlrlmCounts, g: GreyLevels, t: TextureSettings, features: readonly PyradiomicsFeature<LevelCountStats>[]): NamedValue[] {
  const nd = m.directions.length;
  const size = m.ng * m.maxRun;
  // per-angle matrices, summed over slices in 2D
  const angles = m.directions.map((dir, k) => {
    const p = new Float64Array(size);
    for (let s = 0; s < m.slices; s++) {
      const base = (s * nd + k) * size;
      for (let e = 0; e < size; e++) p[e] += m.counts[base + e];
    }
    // an angle whose runs all have length 1 is dropped when no line holds two ROI voxels (cmatrices.c multiElement)
    let long = false;
    for (let i = 0; i < m.ng && !long; i++) for (let j = 1; j < m.maxRun && !long; j++) long = p[i * m.maxRun + j] > 0;
    if (!long && !lineHoldsTwo(g, dir)) p.fill(0);
    return p;
  });
  if (t.weightingNorm !== 'none') {
    const merged = new Float64Array(size);
    angles.forEach((p, k) => {
      const w = glrlmAngleWeight(m.directions[k], g.spacing, t.weightingNorm as 'manhattan');
      for (let e = 0; e < size; e++) merged[e] += w * p[e];
    });
    return averaged([levelCountStats(merged, m.ng, m.maxRun)], features);
  }
  return averaged(angles.map((p) => levelCountStats(p, m.ng, m.maxRun)), features);
}

export function glrlmPyradiomics(
  grey: GreyLevels,
  t: TextureSettings,
  features: readonly PyradiomicsFeature<LevelCountStats>[],
  input: TextureInput | null = null,
): NamedValue[] {
  const g = planeGrid(grey, t);
  const request = glrlmPyradiomicsRequest(t);
  const m = request.dimension === '3d' && input ? glrlmPadded(input.padded, grey.ng, request) : computeGlrlm(g, request);
  return glrlmPyradiomicsFinish(m, g, t, features);
}

/** PyRadiomics' GLSZM request on planeGrid(grey, t): 26-connected zones in 3D, 8-connected in the plane. */
export function glszmPyradiomicsRequest(t: TextureSettings): GlszmSettings {
  return planeAxis(t) === null ? { dimension: '3d', connectivity: 26 } : { dimension: '2d', connectivity: 8 };
}

/** GLSZM features from the matrix of glszmPyradiomicsRequest; `voxels` = ROI voxels (N_p). */
export function glszmPyradiomicsFinish(m: ZoneCounts, voxels: number, features: readonly PyradiomicsFeature<LevelCountStats>[]): NamedValue[] {
  const size = m.ng * m.nj;
  // one matrix in 3D; the slices' matrices summed in 2D
  let merged: ArrayLike<number> = m.counts;
  if (m.slices > 1) {
    const sum = new Float64Array(size);
    for (let s = 0; s < m.slices; s++) for (let e = 0; e < size; e++) sum[e] += m.counts[s * size + e];
    merged = sum;
  }
  return averaged([levelCountStats(merged, m.ng, m.nj, voxels)], features);
}

export function glszmPyradiomics(
  grey: GreyLevels,
  t: TextureSettings,
  features: readonly PyradiomicsFeature<LevelCountStats>[],
  input: TextureInput | null = null,
): NamedValue[] {
  const request = glszmPyradiomicsRequest(t);
  const m = request.dimension === '3d' && input ? glszmPadded(input.padded, grey.ng, request) : computeGlszm(planeGrid(grey, t), request);
  return glszmPyradiomicsFinish(m, grey.count, features);
}

/** PyRadiomics' GLDM request: the NGLDM over its angles (both signs) with coarseness alpha, one 3D matrix. */
export function gldmPyradiomicsRequest(grey: GreyLevels, t: TextureSettings): NgldmSettings {
  const offsets = pyradiomicsOffsets(grey.dims, t.distances, true, planeAxis(t));
  return { dimension: '3d', distance: 1, alpha: t.gldmAlpha, offsets };
}

/** GLDM features from the matrix of gldmPyradiomicsRequest; `voxels` = ROI voxels (N_p). */
export function gldmPyradiomicsFinish(m: NgldmCounts, voxels: number, features: readonly PyradiomicsFeature<LevelCountStats>[]): NamedValue[] {
  return averaged([levelCountStats(m.counts, m.ng, m.maxK, voxels)], features);
}

export function gldmPyradiomics(
  grey: GreyLevels,
  t: TextureSettings,
  features: readonly PyradiomicsFeature<LevelCountStats>[],
  input: TextureInput | null = null,
): NamedValue[] {
  const settings = gldmPyradiomicsRequest(grey, t);
  const m = input ? ngldmPadded(input.padded, grey.ng, settings) : computeNgldm(grey, settings);
  return gldmPyradiomicsFinish(m, grey.count, features);
}

/** PyRadiomics' NGTDM request: its angles (both signs), voxels without a neighbour counted (column W = 0). */
export function ngtdmPyradiomicsRequest(grey: GreyLevels, t: TextureSettings): NgtdmSettings {
  const offsets = pyradiomicsOffsets(grey.dims, t.distances, true, planeAxis(t));
  return { dimension: '3d', distance: 1, offsets, countIsolated: true };
}

/** NGTDM features from the matrix of ngtdmPyradiomicsRequest. */
export function ngtdmPyradiomicsFinish(m: NgtdmCounts, features: readonly PyradiomicsFeature<NgtdmCoefficients>[]): NamedValue[] {
  return averaged([ngtdmCoefficients(m)], features);
}

export function ngtdmPyradiomics(
  grey: GreyLevels,
  t: TextureSettings,
  features: readonly PyradiomicsFeature<NgtdmCoefficients>[],
  input: TextureInput | null = null,
): NamedValue[] {
  const settings = ngtdmPyradiomicsRequest(grey, t);
  const m = input ? ngtdmPadded(input.padded, grey.ng, settings) : computeNgtdm(grey, settings);
  return ngtdmPyradiomicsFinish(m, features);
}
