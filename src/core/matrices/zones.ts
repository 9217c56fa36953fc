/**
 * Zones (IBSI 1 sections 3.8 and 3.9): maximal connected sets of ROI voxels that share one grey level, and the
 * distance of each ROI voxel to the ROI edge. Shared by the GLSZM and GLDZM CPU twins.
 *
 * Connected components use an iterative flood fill over an explicit Int32Array stack (no recursion, no
 * per-voxel allocation) on a padded copy of the grid (padded-grid.ts). In 2D the neighbourhood lies in the slice,
 * so a zone never crosses slices.
 */
import type { GreyLevels } from '../discretise.js';
import type { TextureDimension } from '../directions.js';
import { connectivityOffsets, type Connectivity } from './neighbourhood.js';
import { padGrid, paddedSlice, paddedSteps, type PaddedGrid } from './padded-grid.js';

/**
 * Calls visit(slice, level, size, minDistance) once per zone, in the order of each zone's first voxel
 * (x fastest). slice is the zone's z in 2D and 0 in 3D; minDistance is the minimum of `distance` over the zone's
 * voxels (0 when `distance` is null).
 */
export function forEachZone(
  grey: GreyLevels,
  dimension: TextureDimension,
  connectivity: Connectivity,
  distance: Uint32Array | null,
  visit: (slice: number, level: number, size: number, minDistance: number) => void,
): void {
  const g = padGrid(grey, 1);
  forEachZonePadded(g, dimension, connectivity, distance === null ? null : padDistance(g, grey, distance), visit, true);
}

/**
 * forEachZone on a padded grid (padded-grid.ts; any border of 1 or more), `distance` on the same padded grid.
 * The grid's levels are used up when `consume`, else restored before returning.
 */
export function forEachZonePadded(
  g: PaddedGrid,
  dimension: TextureDimension,
  connectivity: Connectivity,
  distance: Uint32Array | null,
  visit: (slice: number, level: number, size: number, minDistance: number) => void,
  consume = false,
): void {
  if (g.pad < 1) throw new Error('forEachZonePadded: the grid needs a border');
  const offsets = connectivityOffsets(dimension, connectivity);
  // voxels are negated once they join a zone: a neighbour is taken when it holds the zone's level, one read and
  // no bounds check. Every ROI voxel joins exactly one zone, so negating the ROI voxels again restores the grid
  // (cheaper than a copy of the whole padded grid)
  const { levels, roi } = g;
  const steps = paddedSteps(g, offsets);
  const no = steps.length;
  // each voxel is pushed at most once (negated on push), so roi.length entries suffice
  const stack = new Int32Array(roi.length);
  for (let r = 0; r < roi.length; r++) {
    const seed = roi[r];
    const level = levels[seed];
    if (level <= 0) continue;
    let top = 0;
    stack[top++] = seed;
    levels[seed] = -level;
    let size = 0;
    let minDistance = distance === null ? 0 : 0xffffffff;
    while (top > 0) {
      const v = stack[--top];
      size++;
      if (distance !== null && distance[v] < minDistance) minDistance = distance[v];
      if (no === 26) top = push26(levels, stack, top, v, level, steps);
      else {
        for (let k = 0; k < no; k++) {
          const w = v + steps[k];
          if (levels[w] !== level) continue;
          levels[w] = -level;
          stack[top++] = w;
        }
      }
    }
    visit(dimension === '3d' ? 0 : paddedSlice(g, seed), level, size, minDistance);
  }
  if (!consume) for (let r = 0; r < roi.length; r++) levels[roi[r]] = -levels[roi[r]];
}

/**
 * The 26 neighbours of v that hold `level` negated (marked as taken) and pushed; returns the new stack top. Written out, each test with
 * its own branch (measured: about twice as fast as a loop over offsets).
 */
function push26(levels: Int32Array, stack: Int32Array, top: number, v: number, level: number, steps: Int32Array): number {
  let w: number;
  w = v + steps[0];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[1];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[2];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[3];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[4];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[5];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[6];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[7];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[8];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[9];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[10];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[11];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[12];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[13];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[14];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[15];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[16];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[17];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[18];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[19];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[20];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[21];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[22];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[23];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[24];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  w = v + steps[25];
  if (levels[w] === level) {
    levels[w] = -level;
    stack[top++] = w;
  }
  return top;
}

/** `distance` (on the grid of `grey`) copied onto the padded grid g. */
function padDistance(g: PaddedGrid, grey: GreyLevels, distance: Uint32Array): Uint32Array {
  const [nx, ny, nz] = grey.dims;
  const out = new Uint32Array(g.levels.length);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const s = nx * (y + ny * z);
      out.set(distance.subarray(s, s + nx), g.pad + g.nx * (y + g.pad + g.ny * (z + g.pad)));
    }
  }
  return out;
}

/**
 * Distance of every ROI voxel to the ROI edge (IBSI 1 section 3.9, GLDZM): the city-block distance with
 * 6-connected (3D) or in-slice 4-connected (2D) steps to the nearest voxel outside the ROI, voxels outside the
 * image counting as outside. A voxel with a face neighbour outside the ROI has distance 1. 0 outside the ROI.
 *
 * Computed by a multi-source breadth-first search from the distance-1 voxels. A shortest city-block path to the
 * nearest outside voxel runs through ROI voxels only, so searching inside the ROI gives the exact metric.
 */
export function borderDistanceMap(grey: GreyLevels, dimension: TextureDimension): Uint32Array {
  const [nx, ny, nz] = grey.dims;
  const { levels } = grey;
  const n = levels.length;
  const offsets = connectivityOffsets(dimension, dimension === '3d' ? 6 : 4);
  const no = offsets.length / 3;
  const dist = new Uint32Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const v = x + nx * (y + ny * z);
        if (levels[v] === 0) continue;
        for (let k = 0; k < no; k++) {
          const x2 = x + offsets[3 * k];
          const y2 = y + offsets[3 * k + 1];
          const z2 = z + offsets[3 * k + 2];
          const outside =
            x2 < 0 || y2 < 0 || z2 < 0 || x2 >= nx || y2 >= ny || z2 >= nz || levels[x2 + nx * (y2 + ny * z2)] === 0;
          if (outside) {
            dist[v] = 1;
            queue[tail++] = v;
            break;
          }
        }
      }
    }
  }
  for (let head = 0; head < tail; head++) {
    const v = queue[head];
    const x = v % nx;
    const t = (v - x) / nx;
    const y = t % ny;
    const z = (t - y) / ny;
    for (let k = 0; k < no; k++) {
      // every face neighbour of an ROI voxel with distance > 1 lies inside the image and the ROI
      const x2 = x + offsets[3 * k];
      const y2 = y + offsets[3 * k + 1];
      const z2 = z + offsets[3 * k + 2];
      if (x2 < 0 || y2 < 0 || z2 < 0 || x2 >= nx || y2 >= ny || z2 >= nz) continue;
      const w = x2 + nx * (y2 + ny * z2);
      if (levels[w] === 0 || dist[w] !== 0) continue;
      dist[w] = dist[v] + 1;
      queue[tail++] = w;
    }
  }
  return dist;
}
