/**
 * Neighbourhood grey tone difference matrix (IBSI 1 section 3.10, family IPET), CPU twin of a future
 * shaders/ngtdm.wgsl.
 *
 * For an ROI voxel of grey level i, its neighbourhood is the W ROI voxels within Chebyshev distance `distance`
 * (in the slice for 2D), centre excluded; only neighbours inside the ROI count (IBSI phantom convention), and a
 * voxel with W = 0 has no valid neighbourhood and is left out. With S = sum of the neighbours' grey levels, the
 * neighbourhood mean is A = S / W and the voxel adds |i - A| = |i W - S| / W to s_i and 1 to n_i.
 *
 * So that a GPU kernel can reproduce the matrix exactly with integer atomics, the twin keeps the integer parts
 * per (i, W) and leaves the one division to the feature stage (ngtdmSums):
 *   counts[m][i][W] = number of voxels of level i with W valid neighbours,
 *   absDiff[m][i][W] = sum over those voxels of |i W - S| (an integer, held exactly in f64).
 * Layout of both: nMatrices x ng x (maxW + 1), entry (i, W) (i 1-based, W = 0..maxW) at
 * m * ng * (maxW + 1) + (i - 1) * (maxW + 1) + W; column W = 0 stays 0 (unless countIsolated). maxW = (2d+1)^3 - 1 in 3D,
 * (2d+1)^2 - 1 in 2D. One matrix in 3D, one per slice (along z) in 2D.
 */
import type { GreyLevels } from '../discretise.js';
import type { TextureDimension } from '../directions.js';
import { chebyshevOffsets } from './neighbourhood.js';
import { offsetReach, padGrid, paddedSteps, type PaddedGrid } from './padded-grid.js';

export interface NgtdmSettings {
  dimension: TextureDimension;
  /** Chebyshev radius of the neighbourhood (IBSI default 1) */
  distance: number;
  /**
   * explicit neighbour offsets (dx, dy, dz triplets) replacing the Chebyshev ball of `distance`, e.g. PyRadiomics'
   * angles (only the offsets whose largest component is one of its distances); maxW = offsets / 3
   */
  offsets?: Int32Array;
  /**
   * count voxels without a neighbour in the ROI in column W = 0 (PyRadiomics counts them in n_i with s_i += 0;
   * IBSI leaves them out). ngtdmSums ignores column 0 either way.
   */
  countIsolated?: boolean;
}

export interface NgtdmCounts {
  dimension: TextureDimension;
  counts: Uint32Array;
  absDiff: Float64Array;
  ng: number;
  maxW: number;
  /** 1 in 3D; nz in 2D (matrix index = slice) */
  slices: number;
}

export function computeNgtdm(grey: GreyLevels, settings: NgtdmSettings): NgtdmCounts {
  const offsets = settings.offsets ?? chebyshevOffsets(settings.dimension, settings.distance);
  return ngtdmPadded(padGrid(grey, offsetReach(offsets)), grey.ng, settings);
}

/** computeNgtdm on a padded grid (padded-grid.ts) whose border covers the neighbourhood. */
export function ngtdmPadded(g: PaddedGrid, ng: number, settings: NgtdmSettings): NgtdmCounts {
  const { dimension } = settings;
  const nz = g.nz - 2 * g.pad;
  const offsets = settings.offsets ?? chebyshevOffsets(dimension, settings.distance);
  const no = offsets.length / 3;
  const maxW = no;
  const countIsolated = settings.countIsolated === true;
  const width = maxW + 1;
  const slices = dimension === '3d' ? 1 : nz;
  const counts = new Uint32Array(slices * ng * width);
  const absDiff = new Float64Array(slices * ng * width);
  if (g.pad < offsetReach(offsets)) throw new Error('ngtdmPadded: the border is narrower than the neighbourhood');
  const { levels, roi, sliceStart } = g;
  const steps = paddedSteps(g, offsets);
  // per ROI voxel of the padded grid (every neighbour inside it, no bounds checks): W and S packed as W * 2^16 + S
  // when that cannot overflow, the default 26 neighbours written out (sum26)
  const packed = no === 26 && no * ng < 0x10000 ? sum26(levels, roi, steps) : null;
  for (let z = 0; z < nz; z++) {
    const base = (slices === 1 ? 0 : z) * ng * width;
    for (let r = sliceStart[z], end = sliceStart[z + 1]; r < end; r++) {
      const v = roi[r];
      const a = levels[v];
      let w = 0;
      let sum = 0;
      if (packed !== null) {
        w = packed[r] >>> 16;
        sum = packed[r] & 0xffff;
      } else {
        for (let k = 0; k < no; k++) {
          const b = levels[v + steps[k]];
          if (b === 0) continue;
          w++;
          sum += b;
        }
      }
      if (w === 0) {
        if (countIsolated) counts[base + (a - 1) * width]++;
        continue;
      }
      const e = base + (a - 1) * width + w;
      counts[e]++;
      absDiff[e] += Math.abs(a * w - sum);
    }
  }
  return { dimension, counts, absDiff, ng, maxW, slices };
}

/**
 * n_i and s_i (i = 1..ng at index i - 1) of the sum of the matrices in `group`:
 * n_i = sum_W counts[i][W], s_i = sum_W absDiff[i][W] / W.
 */
export function ngtdmSums(m: NgtdmCounts, group: readonly number[]): { n: Float64Array; s: Float64Array } {
  const width = m.maxW + 1;
  const n = new Float64Array(m.ng);
  const s = new Float64Array(m.ng);
  for (const g of group) {
    const base = g * m.ng * width;
    for (let i = 0; i < m.ng; i++) {
      for (let w = 1; w <= m.maxW; w++) {
        const e = base + i * width + w;
        n[i] += m.counts[e];
        s[i] += m.absDiff[e] / w;
      }
    }
  }
  return { n, s };
}

/**
 * For each ROI voxel (roi order) of a 26-neighbour padded grid: W * 2^16 + S, W = neighbours in the ROI, S = their
 * levels' sum; (b - 1) >>> 31 is 1 only for b = 0, so each neighbour adds b + 2^16 or nothing without a branch.
 * Written out per neighbour (measured: about twice as fast as a loop over offsets).
 */
function sum26(levels: Int32Array, roi: Int32Array, steps: Int32Array): Int32Array {
  const out = new Int32Array(roi.length);
  for (let r = 0; r < roi.length; r++) {
    const v = roi[r];
    let s = 0;
    let b: number;
    b = levels[v + steps[0]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[1]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[2]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[3]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[4]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[5]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[6]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[7]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[8]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[9]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[10]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[11]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[12]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[13]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[14]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[15]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[16]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[17]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[18]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[19]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[20]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[21]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[22]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[23]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[24]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    b = levels[v + steps[25]];
    s += b + 0x10000 - (((b - 1) >>> 31) << 16);
    out[r] = s;
  }
  return out;
}
