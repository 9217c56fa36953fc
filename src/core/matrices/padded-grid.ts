/**
 * The grey-level grid as the CPU matrix loops walk it: a copy with a border of `pad` empty (0) voxels on every side,
 * plus the list of its ROI voxels. A neighbour at most `pad` voxels away along each axis then always lies inside the
 * copy, and empty voxels never match a level (levels are >= 1), so the inner loops need no bounds checks and visit
 * ROI voxels only, not the whole bounding box. Matrices are integer counts, so visiting order changes nothing.
 */
import type { GreyLevels } from '../discretise.js';

export interface PaddedGrid {
  /** padded dims (unpadded + 2 pad) */
  nx: number;
  ny: number;
  nz: number;
  pad: number;
  /** padded grey levels, 0 outside the ROI and in the border (Int32: V8 keeps its loads in integer registers) */
  levels: Int32Array;
  /** padded flat indices of the ROI voxels, ascending (the unpadded x-fastest order) */
  roi: Int32Array;
  /** ROI voxels of unpadded slice z are roi[sliceStart[z]] .. roi[sliceStart[z + 1] - 1] */
  sliceStart: Int32Array;
}

export function padGrid(grey: GreyLevels, pad: number): PaddedGrid {
  const [nx, ny, nz] = grey.dims;
  const src = grey.levels;
  const px = nx + 2 * pad;
  const py = ny + 2 * pad;
  const pz = nz + 2 * pad;
  const levels = new Int32Array(px * py * pz);
  // at most every voxel is in the ROI; only the used part of this list is ever touched
  const all = new Int32Array(src.length);
  const sliceStart = new Int32Array(nz + 1);
  let k = 0;
  for (let z = 0; z < nz; z++) {
    sliceStart[z] = k;
    for (let y = 0; y < ny; y++) {
      const s = nx * (y + ny * z);
      const d = pad + px * (y + pad + py * (z + pad));
      levels.set(src.subarray(s, s + nx), d);
      for (let x = 0; x < nx; x++) if (src[s + x] !== 0) all[k++] = d + x;
    }
  }
  sliceStart[nz] = k;
  return { nx: px, ny: py, nz: pz, pad, levels, roi: all.subarray(0, k), sliceStart };
}

/**
 * padGrid when the ROI's x-runs are known (flat starts on the grid of `grey` and lengths, ascending): rows copied
 * run by run, without scanning the rest of the grid. When `grey.runs` holds these runs, their voxels' levels are
 * read from it (grey.levels is then never read).
 */
export function padGridFromRuns(grey: GreyLevels, pad: number, starts: Int32Array, lengths: Int32Array): PaddedGrid {
  const [nx, ny, nz] = grey.dims;
  const px = nx + 2 * pad;
  const py = ny + 2 * pad;
  const pz = nz + 2 * pad;
  const levels = new Int32Array(px * py * pz);
  let count = 0;
  for (let r = 0; r < lengths.length; r++) count += lengths[r];
  const roi = new Int32Array(count);
  const sliceStart = new Int32Array(nz + 1);
  const known = grey.runs !== undefined && grey.runs.starts === starts && grey.runs.lengths === lengths ? grey.runs.levels : null;
  const src = known === null ? grey.levels : null;
  let z = 0;
  for (let r = 0, k = 0; r < starts.length; r++) {
    const s = starts[r];
    const x = s % nx;
    const t = (s - x) / nx;
    const y = t % ny;
    const zr = (t - y) / ny;
    while (z < zr) sliceStart[++z] = k;
    const d = x + pad + px * (y + pad + py * (zr + pad));
    const n = lengths[r];
    // element loops, not set(subarray): a view per run costs more than a row of these copies
    if (known !== null) for (let i = 0; i < n; i++) levels[d + i] = known[k + i];
    else for (let i = 0; i < n; i++) levels[d + i] = src![s + i];
    for (let i = 0; i < n; i++) roi[k++] = d + i;
  }
  while (z < nz) sliceStart[++z] = count;
  return { nx: px, ny: py, nz: pz, pad, levels, roi, sliceStart };
}

/** Grey levels present in the ROI of g (1-based, ascending). */
export function presentLevelsPadded(g: PaddedGrid, ng: number): Int32Array {
  const seen = new Uint8Array(ng + 1);
  const { levels, roi } = g;
  for (let k = 0; k < roi.length; k++) seen[levels[roi[k]]] = 1;
  let m = 0;
  for (let i = 1; i <= ng; i++) m += seen[i];
  const out = new Int32Array(m);
  for (let i = 1, o = 0; i <= ng; i++) if (seen[i]) out[o++] = i;
  return out;
}

/** Flat index steps of (dx, dy, dz) offset triplets on the padded grid. */
export function paddedSteps(g: PaddedGrid, offsets: ArrayLike<number>): Int32Array {
  const n = offsets.length / 3;
  const steps = new Int32Array(n);
  for (let k = 0; k < n; k++) steps[k] = offsets[3 * k] + g.nx * (offsets[3 * k + 1] + g.ny * offsets[3 * k + 2]);
  return steps;
}

/** The largest |component| of (dx, dy, dz) offset triplets (the border a padded grid needs for them). */
export function offsetReach(offsets: ArrayLike<number>): number {
  let r = 0;
  for (let k = 0; k < offsets.length; k++) {
    const a = Math.abs(offsets[k]);
    if (a > r) r = a;
  }
  return r;
}

/** Unpadded slice (z) of a padded flat index. */
export function paddedSlice(g: PaddedGrid, v: number): number {
  return Math.floor(v / (g.nx * g.ny)) - g.pad;
}

