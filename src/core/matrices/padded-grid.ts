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

/**
 * When `offsets` are the whole Chebyshev ball of some radius r around a voxel (in 3D, or in the slice when every dz
 * is 0), leaving out only offsets that can never land inside the unpadded grid: that radius and whether the ball is
 * planar. Null otherwise (an arbitrary neighbourhood). The ball's neighbour sums can then be computed separably.
 */
export function ballOf(g: PaddedGrid, offsets: ArrayLike<number>): { r: number; planar: boolean } | null {
  const n = offsets.length / 3;
  const r = offsetReach(offsets);
  if (n === 0 || r === 0 || r > g.pad) return null;
  let planar = true;
  for (let k = 0; k < n; k++) if (offsets[3 * k + 2] !== 0) planar = false;
  const side = 2 * r + 1;
  const seen = new Uint8Array(side * side * side);
  for (let k = 0; k < n; k++) {
    const cell = offsets[3 * k] + r + side * (offsets[3 * k + 1] + r + side * (offsets[3 * k + 2] + r));
    if (seen[cell]) return null; // a repeated offset
    seen[cell] = 1;
  }
  const size = [g.nx - 2 * g.pad, g.ny - 2 * g.pad, g.nz - 2 * g.pad];
  const rz = planar ? 0 : r;
  for (let dz = -rz; dz <= rz; dz++) {
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        if (dx === 0 && dy === 0 && dz === 0) continue;
        if (seen[dx + r + side * (dy + r + side * (dz + r))]) continue;
        const neverInside = Math.abs(dx) >= size[0] || Math.abs(dy) >= size[1] || Math.abs(dz) >= size[2];
        if (!neverInside) return null;
      }
    }
  }
  return { r, planar };
}

/**
 * For each ROI voxel of g (in roi order), the number W of ROI voxels in its ball (ballOf) and the sum S of their
 * levels, centre excluded, packed as W * 65536 + S; null when that packing could overflow (levels or the ball too
 * large). Box sums along x, then y, then (unless planar) z: O(voxels x (2r + 1)) instead of O(voxels x ball).
 */
export function ballSums(g: PaddedGrid, r: number, planar: boolean): Int32Array | null {
  const { nx, ny, levels, roi } = g;
  const side = 2 * r + 1;
  const cells = planar ? side * side : side * side * side;
  let top = 0;
  for (let k = 0; k < roi.length; k++) if (levels[roi[k]] > top) top = levels[roi[k]];
  if (cells * top >= 65536 || cells >= 32768) return null;
  const n = levels.length;
  // each ROI voxel counts 65536 + its level, other voxels 0
  const packed = new Int32Array(n);
  for (let k = 0; k < roi.length; k++) packed[roi[k]] = levels[roi[k]] + 65536;
  const alongX = new Int32Array(n);
  for (let i = r; i < n - r; i++) {
    let s = 0;
    for (let t = i - r; t <= i + r; t++) s += packed[t];
    alongX[i] = s;
  }
  // along y into `packed`, whose own values are no longer needed (the centre is 65536 + its level)
  const alongXY = packed;
  alongXY.fill(0);
  for (let i = r * nx; i < n - r * nx; i++) {
    let s = 0;
    for (let t = i - r * nx; t <= i + r * nx; t += nx) s += alongX[t];
    alongXY[i] = s;
  }
  const out = new Int32Array(roi.length);
  const sz = nx * ny;
  for (let k = 0; k < roi.length; k++) {
    const v = roi[k];
    let s = 0;
    if (planar) s = alongXY[v];
    else for (let t = v - r * sz; t <= v + r * sz; t += sz) s += alongXY[t];
    out[k] = s - (levels[v] + 65536);
  }
  return out;
}
