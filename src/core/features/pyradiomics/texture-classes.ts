/**
 * The PyRadiomics texture classes glcm, glrlm, glszm, gldm and ngtdm on one discretised ROI: matrices as
 * radiomics/src/cmatrices.c counts them, aggregated as PyRadiomics does (per-angle features averaged with
 * numpy.nanmean, or one weighted sum when weightingNorm is set; force2D restricts angles to the slice plane and
 * merges the slices). The grey-level volume is the ROI's bounding box (PyRadiomics crops before computing).
 */
import type { GreyLevels } from '../../discretise.js';
import { glcmCountsPadded } from '../../matrices/glcm-offsets.js';
import { computeGlrlm, glrlmPadded } from '../../matrices/glrlm.js';
import { computeGlszm, glszmPadded } from '../../matrices/glszm.js';
import { computeNgldm, ngldmPadded } from '../../matrices/ngldm.js';
import { computeNgtdm, ngtdmPadded } from '../../matrices/ngtdm.js';
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

export function glcmPyradiomics(
  grey: GreyLevels,
  t: TextureSettings,
  features: readonly PyradiomicsFeature<GlcmCoefficients>[],
  input: TextureInput = textureInput(grey, t),
): NamedValue[] {
  const offsets = pyradiomicsOffsets(grey.dims, t.distances, false, planeAxis(t));
  const counts = glcmCountsPadded(input.padded, grey.ng, offsets, t.symmetricalGLCM);
  const ng = grey.ng;
  const size = ng * ng;
  const present = input.present;
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

export function glrlmPyradiomics(
  grey: GreyLevels,
  t: TextureSettings,
  features: readonly PyradiomicsFeature<LevelCountStats>[],
  input: TextureInput | null = null,
): NamedValue[] {
  const axis = planeAxis(t);
  const g = axis === null ? grey : withSliceAxis(grey, axis);
  const m = axis === null && input ? glrlmPadded(input.padded, grey.ng, { dimension: '3d' }) : computeGlrlm(g, { dimension: axis === null ? '3d' : '2d' });
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

export function glszmPyradiomics(
  grey: GreyLevels,
  t: TextureSettings,
  features: readonly PyradiomicsFeature<LevelCountStats>[],
  input: TextureInput | null = null,
): NamedValue[] {
  const axis = planeAxis(t);
  const g = axis === null ? grey : withSliceAxis(grey, axis);
  const m =
    axis === null && input
      ? glszmPadded(input.padded, grey.ng, { dimension: '3d', connectivity: 26 })
      : computeGlszm(g, axis === null ? { dimension: '3d', connectivity: 26 } : { dimension: '2d', connectivity: 8 });
  const size = m.ng * m.nj;
  // one matrix in 3D; the slices' matrices summed in 2D
  let merged: ArrayLike<number> = m.counts;
  if (m.slices > 1) {
    const sum = new Float64Array(size);
    for (let s = 0; s < m.slices; s++) for (let e = 0; e < size; e++) sum[e] += m.counts[s * size + e];
    merged = sum;
  }
  return averaged([levelCountStats(merged, m.ng, m.nj, grey.count)], features);
}

export function gldmPyradiomics(
  grey: GreyLevels,
  t: TextureSettings,
  features: readonly PyradiomicsFeature<LevelCountStats>[],
  input: TextureInput | null = null,
): NamedValue[] {
  const offsets = pyradiomicsOffsets(grey.dims, t.distances, true, planeAxis(t));
  const settings = { dimension: '3d', distance: 1, alpha: t.gldmAlpha, offsets } as const;
  const m = input ? ngldmPadded(input.padded, grey.ng, settings) : computeNgldm(grey, settings);
  return averaged([levelCountStats(m.counts, m.ng, m.maxK, grey.count)], features);
}

export function ngtdmPyradiomics(
  grey: GreyLevels,
  t: TextureSettings,
  features: readonly PyradiomicsFeature<NgtdmCoefficients>[],
  input: TextureInput | null = null,
): NamedValue[] {
  const offsets = pyradiomicsOffsets(grey.dims, t.distances, true, planeAxis(t));
  const settings = { dimension: '3d', distance: 1, offsets, countIsolated: true } as const;
  const m = input ? ngtdmPadded(input.padded, grey.ng, settings) : computeNgtdm(grey, settings);
  return averaged([ngtdmCoefficients(m)], features);
}
