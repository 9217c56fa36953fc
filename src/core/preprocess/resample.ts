/**
 * Resampling onto a new grid (IBSI 1 section 2.4, "interpolation").
 *
 * Every output voxel's position in the input grid is found as ITK's ResampleImageFilter finds it (linear fast
 * path): per output row, the continuous input indices of output voxels 0 and n are mapped through physical space,
 * and voxel i takes start (1 - i/n) + end (i/n). Positions outside [-0.5, n - 0.5) get 0 ('default', as SimpleITK)
 * or are clamped onto the grid ('clamp', nearest-neighbour extrapolation for the IBSI profile).
 *
 * Grids: pyradiomicsGrid reproduces imageoperations.resampleImage (numpy arithmetic, same order); ibsiGrid keeps
 * the grid centre and rounds the voxel count up, n_b = ceil(n_a s_a / s_b).
 */
import type { InterpolatorName, ResamplingSettings } from '../settings.js';
import type { Geometry, Mask, Vec3, Volume, VoxelArray } from '../volume.js';
import { continuousIndexToPoint, gridMaps, indexToPoint, pointToContinuousIndex } from './geometry.js';
import { makeInterpolator } from './interpolate.js';

export type OutputRounding = ResamplingSettings['rounding'];

/** Continuous input indices of every output voxel, x-fastest, 3 per voxel (ITK scanline interpolation). */
function inputPositions(input: Geometry, target: Geometry): Float64Array {
  const inMaps = gridMaps(input);
  const outMaps = gridMaps(target);
  const [nx, ny, nz] = target.dims;
  const pos = new Float64Array(3 * nx * ny * nz);
  let o = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const start = pointToContinuousIndex(inMaps, indexToPoint(outMaps, 0, j, k));
      const end = pointToContinuousIndex(inMaps, indexToPoint(outMaps, nx, j, k));
      for (let i = 0; i < nx; i++) {
        const alpha = i / nx;
        const beta = 1.0 - alpha;
        pos[o++] = start[0] * beta + end[0] * alpha;
        pos[o++] = start[1] * beta + end[1] * alpha;
        pos[o++] = start[2] * beta + end[2] * alpha;
      }
    }
  }
  return pos;
}

const INT_RANGES = new Map<unknown, [number, number]>([
  [Int8Array, [-128, 127]],
  [Uint8Array, [0, 255]],
  [Int16Array, [-32768, 32767]],
  [Uint16Array, [0, 65535]],
  [Int32Array, [-2147483648, 2147483647]],
  [Uint32Array, [0, 4294967295]],
]);

/** Output array and value conversion for a rounding mode (SimpleITK's cast: clamp, then truncate toward zero). */
function outputStore(input: VoxelArray, n: number, rounding: OutputRounding): { data: VoxelArray; put: (i: number, v: number) => void } {
  if (rounding === 'input-type') {
    const Ctor = input.constructor as new (n: number) => VoxelArray;
    const data = new Ctor(n);
    const range = INT_RANGES.get(input.constructor);
    if (range) {
      const [lo, hi] = range;
      return { data, put: (i, v) => (data[i] = v < lo ? lo : v > hi ? hi : Math.trunc(v)) };
    }
    return { data, put: (i, v) => (data[i] = v) };
  }
  const data = new Float64Array(n);
  if (rounding === 'round') return { data, put: (i, v) => (data[i] = Math.round(v)) };
  return { data, put: (i, v) => (data[i] = v) };
}

export interface ResampleOptions {
  interpolator: InterpolatorName;
  outside: 'default' | 'clamp';
  rounding: OutputRounding;
}

/** `image` resampled onto `target`. */
export function resampleVolume(image: Volume, target: Geometry, options: ResampleOptions): Volume {
  const pos = inputPositions(image, target);
  const n = pos.length / 3;
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let p = 0; p < pos.length; p++) {
    const a = p % 3;
    if (pos[p] < lo[a]) lo[a] = pos[p];
    if (pos[p] > hi[a]) hi[a] = pos[p];
  }
  const dims = image.dims;
  for (let a = 0; a < 3; a++) {
    lo[a] = Math.max(lo[a], -0.5);
    hi[a] = Math.min(hi[a], dims[a] - 0.5);
  }
  const interp = makeInterpolator(image, options.interpolator, lo, hi);
  const { data, put } = outputStore(image.data, n, options.rounding);
  for (let v = 0; v < n; v++) {
    let x = pos[3 * v];
    let y = pos[3 * v + 1];
    let z = pos[3 * v + 2];
    const inside = x >= -0.5 && x < dims[0] - 0.5 && y >= -0.5 && y < dims[1] - 0.5 && z >= -0.5 && z < dims[2] - 0.5;
    if (!inside) {
      if (options.outside === 'default') {
        put(v, 0);
        continue;
      }
      x = Math.min(Math.max(x, 0), dims[0] - 1);
      y = Math.min(Math.max(y, 0), dims[1] - 1);
      z = Math.min(Math.max(z, 0), dims[2] - 1);
    }
    put(v, interp(x, y, z));
  }
  return { ...target, data };
}

/**
 * A mask resampled onto `target`: nearest neighbour, or interpolated as 0/1 intensities and kept where the result
 * is >= threshold (IBSI partial-volume rule, 0.5).
 */
export function resampleMask(mask: Mask, target: Geometry, rule: ResamplingSettings['mask'], interpolator: InterpolatorName, outside: 'default' | 'clamp'): Mask {
  if (rule.kind === 'nearest') {
    const r = resampleVolume(mask, target, { interpolator: 'nearest', outside, rounding: 'input-type' });
    return { ...target, data: r.data as Uint8Array };
  }
  const asFloat: Volume = { ...mask, data: Float64Array.from(mask.data) };
  const r = resampleVolume(asFloat, target, { interpolator, outside, rounding: 'none' });
  const data = new Uint8Array(r.data.length);
  for (let i = 0; i < data.length; i++) data[i] = r.data[i] >= rule.threshold ? 1 : 0;
  return { ...target, data };
}

/** numpy.allclose(a, b): |a - b| <= 1e-8 + 1e-5 |b| elementwise */
export function allClose(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let k = 0; k < a.length; k++) if (!(Math.abs(a[k] - b[k]) <= 1e-8 + 1e-5 * Math.abs(b[k]))) return false;
  return true;
}

/**
 * PyRadiomics' resampling grid (imageoperations.resampleImage): spacing 0 -> the mask's; axes where the ROI spans
 * one voxel keep the mask's spacing; the grid is anchored at the mask's first voxel corner and covers the ROI
 * bounding box (lo..hi, mask voxel indices) plus padDistance new voxels, within the mask's extent.
 * Returns the spacing actually used and the grid.
 */
export function pyradiomicsGrid(mask: Geometry, lo: Vec3, hi: Vec3, spacing: Vec3, padDistance: number): { spacing: Vec3; grid: Geometry } {
  const ms = mask.spacing;
  const rps = [0, 1, 2].map((a) => (spacing[a] === 0 ? ms[a] : spacing[a]));
  const bbSize = [0, 1, 2].map((a) => hi[a] - lo[a] + 1);
  for (let a = 0; a < 3; a++) if (bbSize[a] === 1) rps[a] = ms[a];
  const ratio = [0, 1, 2].map((a) => ms[a] / rps[a]);
  const dims: Vec3 = [0, 0, 0];
  const originIndex: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    let l = Math.floor((lo[a] - 0.5) * ratio[a] - padDistance);
    let u = Math.ceil((lo[a] + bbSize[a] - 0.5) * ratio[a] + padDistance);
    const maxU = Math.ceil(mask.dims[a] * ratio[a]) - 1;
    if (l < 0) l = 0;
    if (u > maxU) u = maxU;
    dims[a] = u - l + 1;
    const newOriginIndex = (0.5 * (rps[a] - ms[a])) / ms[a];
    originIndex[a] = newOriginIndex + l / ratio[a];
  }
  const origin = continuousIndexToPoint(gridMaps(mask), originIndex);
  return { spacing: rps as Vec3, grid: { dims, spacing: rps as Vec3, origin, direction: mask.direction.slice() } };
}

/**
 * IBSI grid (section 2.4): n_b = ceil(n_a s_a / s_b) voxels per axis (spacing 0 keeps s_a), grid centre kept:
 * the first voxel centre sits at continuous index (s_a (n_a - 1) - s_b (n_b - 1)) / (2 s_a) of the input.
 */
export function ibsiGrid(image: Geometry, spacing: Vec3): Geometry {
  const s = [0, 1, 2].map((a) => (spacing[a] === 0 ? image.spacing[a] : spacing[a])) as Vec3;
  const dims = [0, 1, 2].map((a) => Math.ceil((image.dims[a] * image.spacing[a]) / s[a] - 1e-9)) as Vec3;
  const first = [0, 1, 2].map((a) => (image.spacing[a] * (image.dims[a] - 1) - s[a] * (dims[a] - 1)) / (2 * image.spacing[a]));
  const origin = continuousIndexToPoint(gridMaps(image), first);
  return { dims, spacing: s, origin, direction: image.direction.slice() };
}

/** The sub-grid of `grid` covering the physical box of input voxels lo..hi plus `pad` grid voxels. */
export function subGrid(input: Geometry, lo: Vec3, hi: Vec3, grid: Geometry, pad: number): Geometry {
  const inMaps = gridMaps(input);
  const gridMapsOut = gridMaps(grid);
  const a: Vec3 = [Infinity, Infinity, Infinity];
  const b: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let c = 0; c < 8; c++) {
    const corner = [c & 1 ? hi[0] + 0.5 : lo[0] - 0.5, c & 2 ? hi[1] + 0.5 : lo[1] - 0.5, c & 4 ? hi[2] + 0.5 : lo[2] - 0.5];
    const ci = pointToContinuousIndex(gridMapsOut, continuousIndexToPoint(inMaps, corner));
    for (let k = 0; k < 3; k++) {
      a[k] = Math.min(a[k], ci[k]);
      b[k] = Math.max(b[k], ci[k]);
    }
  }
  const start = [0, 1, 2].map((k) => Math.max(0, Math.floor(a[k]) - pad));
  const end = [0, 1, 2].map((k) => Math.min(grid.dims[k] - 1, Math.ceil(b[k]) + pad));
  const origin = continuousIndexToPoint(gridMapsOut, start);
  return { dims: [0, 1, 2].map((k) => end[k] - start[k] + 1) as Vec3, spacing: grid.spacing, origin, direction: grid.direction };
}
