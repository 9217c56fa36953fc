/**
 * How a volume is shown in three orientations, in the radiological convention: the patient's left is on the
 * screen's right (viewed from the feet in axial, from the front in coronal), head up in coronal and sagittal,
 * anterior up in axial and anterior on the left in sagittal. In LPS terms, with screen x to the right and screen y
 * downwards:
 *
 *   axial:    x -> +L, y -> +P, slices along S
 *   coronal:  x -> +L, y -> +I (−S), slices along P
 *   sagittal: x -> +P, y -> +I (−S), slices along L
 *
 * Slices are cut along voxel axes (no resampling): each screen axis takes the voxel axis whose direction is closest
 * to the wanted LPS axis, flipped when it points the other way. For an oblique grid the display is the nearest
 * such view. Pixels are spacing[u] x spacing[v] mm, so a canvas must scale them to keep the aspect.
 */
import type { Geometry, Vec3 } from '../volume.js';

export type Orientation = 'axial' | 'coronal' | 'sagittal';

export const ORIENTATIONS: Orientation[] = ['axial', 'coronal', 'sagittal'];

/** The LPS axis (0 = L, 1 = P, 2 = S) and sign of screen x, screen y and the slice normal. */
const SCREEN: Record<Orientation, { right: [number, number]; down: [number, number]; normal: [number, number] }> = {
  axial: { right: [0, 1], down: [1, 1], normal: [2, 1] },
  coronal: { right: [0, 1], down: [2, -1], normal: [1, 1] },
  sagittal: { right: [1, 1], down: [2, -1], normal: [0, 1] },
};

export interface SliceLayout {
  orientation: Orientation;
  /** voxel axis along screen x, whether it runs right-to-left on screen, and the image width */
  uAxis: number;
  uFlip: boolean;
  width: number;
  /** voxel axis along screen y, whether it runs bottom-to-top on screen, and the image height */
  vAxis: number;
  vFlip: boolean;
  height: number;
  /** voxel axis across slices, and the number of slices */
  wAxis: number;
  slices: number;
  /** mm per pixel along screen x and y */
  pixelWidthMm: number;
  pixelHeightMm: number;
  dims: Vec3;
}

/** For each voxel axis, the LPS axis it is closest to and the sign of that component. */
function dominantAxes(direction: number[]): { world: number; sign: number }[] {
  const out: { world: number; sign: number }[] = [];
  const taken = new Set<number>();
  // Greedy by largest component, so that an oblique grid still maps three voxel axes onto three distinct LPS axes.
  const entries: { c: number; r: number; v: number }[] = [];
  for (let c = 0; c < 3; c++) for (let r = 0; r < 3; r++) entries.push({ c, r, v: Math.abs(direction[3 * r + c]) });
  entries.sort((a, b) => b.v - a.v);
  const done = new Set<number>();
  for (const e of entries) {
    if (done.has(e.c) || taken.has(e.r)) continue;
    out[e.c] = { world: e.r, sign: Math.sign(direction[3 * e.r + e.c]) || 1 };
    done.add(e.c);
    taken.add(e.r);
  }
  return out;
}

export function sliceLayout(g: Geometry, orientation: Orientation): SliceLayout {
  const axes = dominantAxes(g.direction);
  const want = SCREEN[orientation];
  const find = (worldAxis: number) => axes.findIndex((a) => a.world === worldAxis);
  const u = find(want.right[0]);
  const v = find(want.down[0]);
  const w = find(want.normal[0]);
  return {
    orientation,
    uAxis: u,
    uFlip: axes[u].sign !== want.right[1],
    width: g.dims[u],
    vAxis: v,
    vFlip: axes[v].sign !== want.down[1],
    height: g.dims[v],
    wAxis: w,
    slices: g.dims[w],
    pixelWidthMm: g.spacing[u],
    pixelHeightMm: g.spacing[v],
    dims: [...g.dims] as Vec3,
  };
}

/** The voxel (i, j, k) shown at pixel (x, y) of slice `slice`. */
export function pixelToVoxel(l: SliceLayout, x: number, y: number, slice: number): Vec3 {
  const out: Vec3 = [0, 0, 0];
  out[l.uAxis] = l.uFlip ? l.width - 1 - x : x;
  out[l.vAxis] = l.vFlip ? l.height - 1 - y : y;
  out[l.wAxis] = slice;
  return out;
}

/** The pixel (x, y) and slice where voxel (i, j, k) is shown. */
export function voxelToPixel(l: SliceLayout, voxel: Vec3): { x: number; y: number; slice: number } {
  const a = voxel[l.uAxis];
  const b = voxel[l.vAxis];
  return { x: l.uFlip ? l.width - 1 - a : a, y: l.vFlip ? l.height - 1 - b : b, slice: voxel[l.wAxis] };
}

/** Storage index of every pixel of a slice, row by row (length width * height). */
export function sliceIndices(l: SliceLayout, slice: number): Uint32Array {
  const [nx, ny] = l.dims;
  const stride = [1, nx, nx * ny];
  const out = new Uint32Array(l.width * l.height);
  const base = slice * stride[l.wAxis];
  for (let y = 0; y < l.height; y++) {
    const b = l.vFlip ? l.height - 1 - y : y;
    const rowBase = base + b * stride[l.vAxis];
    for (let x = 0; x < l.width; x++) {
      const a = l.uFlip ? l.width - 1 - x : x;
      out[y * l.width + x] = rowBase + a * stride[l.uAxis];
    }
  }
  return out;
}

/** The voxel values of one slice as shown on screen, row by row. */
export function extractSlice(l: SliceLayout, data: ArrayLike<number>, slice: number): Float32Array {
  const idx = sliceIndices(l, slice);
  const out = new Float32Array(idx.length);
  for (let n = 0; n < idx.length; n++) out[n] = data[idx[n]];
  return out;
}

/** Storage index of the voxel shown at pixel (x, y) of `slice`. */
export function sliceIndexAt(l: SliceLayout, x: number, y: number, slice: number): number {
  const v = pixelToVoxel(l, x, y, slice);
  return v[0] + l.dims[0] * (v[1] + l.dims[1] * v[2]);
}
