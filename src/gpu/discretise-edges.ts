/**
 * CPU half of the GPU discretisation: one scan of the ROI (count, minimum, maximum, integrality) and the bin
 * edges, as order-preserving keys of the image's own value type (see shaders/values.wgsl).
 *
 * Why edges and not the formula on the GPU: WGSL has no f64, and the twin (src/core/discretise.ts) bins in f64,
 * e.g. floor(Ng (x - min) / (max - min)) + 1. In f32 a value next to a bin edge can land in the neighbouring bin
 * (and f64 images are not even representable). Every level formula of the twin is a composition of
 * monotone roundings, so level(x) is non-decreasing in x, and level(x) = level(min) + #{edges e_t <= x} where e_t
 * is the smallest value of the image's type with level >= t. The edges are found by binary search over the
 * type's ordered keys, evaluating the twin's formula itself in f64: the GPU then reproduces the twin for every
 * input of every type, with integer comparisons only.
 *
 * The scan costs one pass over the ROI on the CPU: the edges depend on min and max, and computing those on the
 * GPU would need a second submit and read-back before the discretisation could be recorded.
 */
import { DiscretisationError, type Discretisation } from '../core/discretise.js';
import type { Mask, Volume, VoxelArray } from '../core/volume.js';
import { GpuLimitError } from './device.js';

/** VALUE_KIND of shaders/values.wgsl */
export type ValueKind = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

export function valueKindOf(data: VoxelArray): ValueKind {
  if (data instanceof Uint8Array) return 0;
  if (data instanceof Int8Array) return 1;
  if (data instanceof Uint16Array) return 2;
  if (data instanceof Int16Array) return 3;
  if (data instanceof Uint32Array) return 4;
  if (data instanceof Int32Array) return 5;
  if (data instanceof Float32Array) return 6;
  return 7;
}

/** Words per value as read back by the ROI compaction (8 and 16-bit values are widened to one word). */
export function wordsPerValue(kind: ValueKind): 1 | 2 {
  return kind === 7 ? 2 : 1;
}

export interface RoiScan {
  kind: ValueKind;
  /** ROI voxels that are not NaN (the twin's count) */
  count: number;
  min: number;
  max: number;
  /** every ROI value is an integer (and none is -0, which a counting sort would turn into +0) */
  integral: boolean;
  /** first ROI value, in voxel order, that is not an integer >= 1 (what discretisation 'none' rejects) */
  firstNonLevel: number | undefined;
}

export function scanRoi(image: Volume, mask: Mask): RoiScan {
  const data = image.data;
  const m = mask.data;
  const n = data.length;
  if (m.length !== n) throw new DiscretisationError('image and mask have different sizes');
  let min = Infinity;
  let max = -Infinity;
  let count = 0;
  let integral = true;
  let firstNonLevel: number | undefined;
  for (let i = 0; i < n; i++) {
    if (!m[i]) continue;
    const x = data[i];
    if (Number.isNaN(x)) continue;
    count++;
    if (x < min) min = x;
    if (x > max) max = x;
    if (!Number.isInteger(x) || Object.is(x, -0)) integral = false;
    if (firstNonLevel === undefined && (!Number.isInteger(x) || x < 1)) firstNonLevel = x;
  }
  return { kind: valueKindOf(data), count, min, max, integral, firstNonLevel };
}

export interface DiscretisationPlan {
  kind: ValueKind;
  /** level of the ROI minimum; a voxel's level is base + (edges <= its key) */
  base: number;
  /** (hi, lo) key words of each edge, ascending */
  edges: Uint32Array;
  ng: number;
  count: number;
}

type LevelOf = (x: number) => number;

/** The twin's level formula (src/core/discretise.ts), verbatim, for the ROI's min and max. */
function levelFunction(setting: Discretisation, min: number, max: number): LevelOf {
  switch (setting.kind) {
    case 'none':
      return (x) => x;
    case 'fixed-bin-number': {
      const nb = setting.bins;
      return (x) => (max === min ? 1 : Math.min(nb, Math.floor((nb * (x - min)) / (max - min)) + 1));
    }
    case 'fixed-bin-size': {
      const w = setting.width;
      if (setting.convention === 'pyradiomics') return (x) => Math.floor(x / w) - Math.floor(min / w) + 1;
      const lower = setting.lowerBound ?? min;
      return (x) => Math.floor((x - lower) / w) + 1;
    }
  }
}

/** The most grey levels (edges + 1) planned here; beyond it no texture matrix would fit a GPU anyway. */
export const MAX_PLANNED_LEVELS = 2 ** 20;

const scratch = new DataView(new ArrayBuffer(8));

/** Ordered key of a 32-bit kind's value (as a number 0 .. 2^32 - 1) and back. */
function key32(kind: ValueKind, x: number): number {
  if (kind === 6) {
    scratch.setFloat32(0, x, true);
    const b = scratch.getUint32(0, true);
    return b >= 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
  }
  return kind === 1 || kind === 3 || kind === 5 ? (x ^ 0x80000000) >>> 0 : x;
}

function value32(kind: ValueKind, k: number): number {
  if (kind === 6) {
    scratch.setUint32(0, k >= 0x80000000 ? (k ^ 0x80000000) >>> 0 : ~k >>> 0, true);
    return scratch.getFloat32(0, true);
  }
  return kind === 1 || kind === 3 || kind === 5 ? (k ^ 0x80000000) | 0 : k;
}

const SIGN64 = 1n << 63n;
const MASK64 = (1n << 64n) - 1n;

function key64(x: number): bigint {
  scratch.setFloat64(0, x, true);
  const b = scratch.getBigUint64(0, true);
  return b & SIGN64 ? ~b & MASK64 : b | SIGN64;
}

function value64(k: bigint): number {
  scratch.setBigUint64(0, k & SIGN64 ? k ^ SIGN64 : ~k & MASK64, true);
  return scratch.getFloat64(0, true);
}

/** Edges for levels base+1 .. top: smallest key in [key(min), key(max)] whose value has level >= t. */
function edgesFor(kind: ValueKind, levelOf: LevelOf, min: number, max: number, base: number, top: number): Uint32Array {
  const edges = new Uint32Array(2 * (top - base));
  if (kind === 7) {
    let lo = key64(min);
    const hiKey = key64(max);
    for (let t = base + 1, e = 0; t <= top; t++, e++) {
      let hi = hiKey;
      while (lo < hi) {
        const mid = (lo + hi) >> 1n;
        if (levelOf(value64(mid)) >= t) hi = mid;
        else lo = mid + 1n;
      }
      edges[2 * e] = Number(lo >> 32n);
      edges[2 * e + 1] = Number(lo & 0xffffffffn);
    }
  } else {
    let lo = key32(kind, min);
    const hiKey = key32(kind, max);
    for (let t = base + 1, e = 0; t <= top; t++, e++) {
      let hi = hiKey;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (levelOf(value32(kind, mid)) >= t) hi = mid;
        else lo = mid + 1;
      }
      edges[2 * e] = lo;
    }
  }
  return edges;
}

function checkSetting(setting: Discretisation): void {
  if (setting.kind === 'fixed-bin-number' && !(Number.isInteger(setting.bins) && setting.bins >= 1)) {
    throw new DiscretisationError(`fixed bin number needs an integer number of bins >= 1, got ${setting.bins}`);
  }
  if (setting.kind === 'fixed-bin-size' && !(setting.width > 0 && Number.isFinite(setting.width))) {
    throw new DiscretisationError(`fixed bin size needs a finite bin width > 0, got ${setting.width}`);
  }
}

/** Plans the GPU discretisation of `image` in `mask`; same errors as the twin for an empty ROI or bad levels. */
export function planDiscretisation(scan: RoiScan, setting: Discretisation): DiscretisationPlan {
  checkSetting(setting);
  if (scan.count === 0) throw new DiscretisationError('the ROI contains no voxel');
  if (setting.kind === 'none' && scan.firstNonLevel !== undefined) {
    throw new DiscretisationError(`discretisation 'none' needs integer grey levels >= 1 in the ROI; found ${scan.firstNonLevel}`);
  }
  const { min, max, kind } = scan;
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    throw new GpuLimitError('the ROI holds infinite intensities, which only the CPU discretisation handles');
  }
  const levelOf = levelFunction(setting, min, max);
  const base = levelOf(min);
  const top = levelOf(max);
  if (!Number.isFinite(base) || !Number.isFinite(top)) {
    // e.g. a subnormal bin width: x / w overflows, and the twin's levels are NaN (stored as 0)
    throw new GpuLimitError(`discretisation ${JSON.stringify(setting)} gives non-finite levels for ROI intensities ${min}..${max}`);
  }
  if (!(base >= 1)) {
    // the twin would store a level <= 0 in a Uint32Array (wrapping it); re-segment to the lower bound first
    throw new DiscretisationError(`ROI intensity ${min} lies below the discretisation's lower bound (level ${base})`);
  }
  if (top > MAX_PLANNED_LEVELS) {
    throw new GpuLimitError(`discretisation gives ${top} grey levels, above the ${MAX_PLANNED_LEVELS} the GPU path plans for`);
  }
  const ng = setting.kind === 'fixed-bin-number' ? setting.bins : top;
  return { kind, base, edges: edgesFor(kind, levelOf, min, max, base, top), ng, count: scan.count };
}

/** Largest value range for which the intensity reductions use a value histogram rather than the value list. */
export const MAX_VALUE_HISTOGRAM = 2 ** 20;

/**
 * Levels x - min + 1 for an integer-valued ROI (a value histogram of these is a counting sort of the ROI
 * intensities), or null when the values are not integers or their range is too wide to be worth it.
 */
export function planValueLevels(scan: RoiScan): DiscretisationPlan | null {
  if (scan.count === 0 || !scan.integral) return null;
  const range = scan.max - scan.min + 1;
  if (range > MAX_VALUE_HISTOGRAM || range > 4 * scan.count + 65536) return null;
  const { min, max, kind } = scan;
  return { kind, base: 1, edges: edgesFor(kind, (x) => x - min + 1, min, max, 1, range), ng: range, count: scan.count };
}
