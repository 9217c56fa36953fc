/**
 * PyRadiomics discretisation (imageoperations.getBinEdges + binImage), bit for bit: bin edges built as numpy builds
 * them, voxels assigned with numpy.digitize (edges[i-1] <= x < edges[i] gives level i).
 *
 * Fixed bin width W: edges = numpy.arange(lo, max + 2W, W) with lo = min - (min mod W) (Python's modulo), i.e.
 * multiples of W from 0, so level = floor(x / W) - floor(min / W) + 1 up to the rounding of float edges.
 * Fixed bin count N: edges = numpy.histogram_bin_edges(values, N) (linspace from min to max; min - 0.5 to max + 0.5
 * for a constant ROI) with 1 added to the last edge so that the maximum falls in bin N.
 * N_g = the highest level present (PyRadiomics coefficients['Ng']).
 */
import { DiscretisationError, type GreyLevels } from './discretise.js';
import { cropRoi } from './preprocess/crop.js';
import type { Mask, Vec3, Volume } from './volume.js';

export type PyradiomicsBinning = { kind: 'fixed-bin-width'; width: number } | { kind: 'fixed-bin-count'; bins: number };

/** Python's float modulo: the result has the sign of the divisor. */
function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/** numpy.arange(start, stop, step) for floats: start + i * ((start + step) - start). */
function arange(start: number, stop: number, step: number): Float64Array {
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const out = new Float64Array(n);
  if (n === 0) return out;
  out[0] = start;
  if (n > 1) out[1] = start + step;
  const delta = out.length > 1 ? out[1] - start : step;
  for (let i = 2; i < n; i++) out[i] = start + i * delta;
  return out;
}

/** The bin edges PyRadiomics uses for ROI values with the given minimum and maximum. */
export function pyradiomicsBinEdges(min: number, max: number, setting: PyradiomicsBinning): Float64Array {
  if (setting.kind === 'fixed-bin-width') {
    const w = setting.width;
    const lo = min - pyMod(min, w);
    let edges: Float64Array;
    if (Number.isInteger(min) && Number.isInteger(max) && Number.isInteger(w)) {
      edges = new Float64Array(Math.ceil((max + 2 * w - lo) / w));
      for (let i = 0; i < edges.length; i++) edges[i] = lo + i * w;
    } else edges = arange(lo, max + 2 * w, w);
    return edges.length === 1 ? Float64Array.from([edges[0] - 0.5, edges[0] + 0.5]) : edges;
  }
  const n = setting.bins;
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const step = (last - first) / n;
  const edges = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) edges[i] = step === 0 ? (i / n) * (last - first) + first : i * step + first;
  edges[n] = last;
  edges[n] += 1;
  return edges;
}

/** numpy.digitize(x, edges), edges increasing, right = False: the number of edges <= x. */
export function digitize(x: number, edges: Float64Array): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The level of intensity x: numpy.digitize(x, edges), computed as floor((x - edges[0]) / w) + 1 and checked
 * against the edges (the floor formula is off only within rounding of an edge). w = bin width.
 */
function levelOf(x: number, edges: Float64Array, w: number): number {
  const last = edges.length;
  let g = w > 0 ? Math.floor((x - edges[0]) / w) + 1 : 1;
  if (g < 1) g = 1;
  if (g > last) g = last;
  if (!(edges[g - 1] <= x && (g === last || x < edges[g]))) g = digitize(x, edges);
  return g;
}

export interface PyradiomicsGreyLevels extends GreyLevels {
  edges: Float64Array;
}

/**
 * Discretises the voxels of `mask` (NaN intensities are left out of the ROI) into levels 1..ng, 0 elsewhere.
 * Throws when the ROI holds no voxel with an intensity.
 */
export function discretisePyradiomics(image: Volume, mask: Mask, setting: PyradiomicsBinning): PyradiomicsGreyLevels {
  const whole = { lo: [0, 0, 0] as Vec3, hi: image.dims.map((d) => d - 1) as Vec3 };
  const roi = cropRoi(image, mask, whole);
  return discretiseRoiPyradiomics({ dims: image.dims, spacing: image.spacing, starts: roi.starts, lengths: roi.lengths, values: roi.values }, setting).grey;
}

/** ROI voxels of a grid as x-runs (preprocess/crop.ts RoiRuns) with their intensities (none NaN). */
export interface RoiValues {
  dims: Vec3;
  spacing: Vec3;
  /** flat index of the first voxel of each run, ascending */
  starts: Int32Array;
  lengths: Int32Array;
  values: Float64Array;
}

/**
 * discretisePyradiomics on ROI runs: the grey-level grid, the level of each ROI voxel (in run order) and the
 * levels present (1-based, ascending). Throws when there is no voxel.
 * The grid's `levels` array is written on first read (the PyRadiomics path reads the runs, grey.runs, instead).
 */
export function discretiseRoiPyradiomics(
  roi: RoiValues,
  setting: PyradiomicsBinning,
): { grey: PyradiomicsGreyLevels; roiLevels: Uint32Array; present: Int32Array } {
  const { values, starts, lengths } = roi;
  const count = values.length;
  if (count === 0) throw new DiscretisationError('discretisation: the ROI contains no voxel with an intensity');
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let k = 0; k < count; k++) {
    const x = values[k];
    if (x < min) min = x;
    if (x > max) max = x;
    // Number.isInteger(x), inlined (x - floor(x) is NaN for infinities); the builtin call costs more than the rest
    if (x - Math.floor(x) !== 0) integral = false;
  }
  const edges = pyradiomicsBinEdges(min, max, setting);
  const w = setting.kind === 'fixed-bin-width' ? setting.width : (edges[edges.length - 2] - edges[0]) / (edges.length - 2);
  // N_g = the highest level present, that of the maximum (digitize is monotonic)
  const ng = levelOf(max, edges, w);
  const roiLevels = new Uint32Array(count);
  const seen = new Uint8Array(ng + 1);
  // integer intensities (CT, most MR): the level of each value in [min, max] once, then a table look-up per voxel
  // (int32 values, so that the index is computed in integers)
  const table = integral && min >= -0x80000000 && max <= 0x7fffffff && max - min <= count + 4096 ? new Uint32Array(max - min + 1) : null;
  if (table !== null) {
    // digitize of ascending x: the count of edges <= x, carried from one x to the next
    for (let x = min, g = levelOf(min, edges, w); x <= max; x++) {
      while (g < edges.length && edges[g] <= x) g++;
      table[x - min] = g;
    }
    const base = min | 0;
    for (let k = 0; k < count; k++) {
      const g = table[(values[k] | 0) - base];
      roiLevels[k] = g;
      seen[g] = 1;
    }
  } else {
    for (let k = 0; k < count; k++) {
      const g = levelOf(values[k], edges, w);
      roiLevels[k] = g;
      seen[g] = 1;
    }
  }
  let m = 0;
  for (let g = 1; g <= ng; g++) m += seen[g];
  const present = new Int32Array(m);
  for (let g = 1, o = 0; g <= ng; g++) if (seen[g]) present[o++] = g;
  const dims = roi.dims;
  let levels: Uint32Array | null = null;
  const grey: PyradiomicsGreyLevels = {
    dims,
    spacing: roi.spacing,
    get levels(): Uint32Array {
      if (levels === null) {
        levels = new Uint32Array(dims[0] * dims[1] * dims[2]);
        for (let r = 0, k = 0; r < starts.length; r++) {
          for (let d = starts[r], end = d + lengths[r]; d < end; d++, k++) levels[d] = roiLevels[k];
        }
      }
      return levels;
    },
    ng,
    count,
    edges,
  };
  // not enumerable: a copy made by spreading (a cropped or otherwise changed grid) does not carry runs that no longer
  // describe it
  Object.defineProperty(grey, 'runs', { value: { starts, lengths, levels: roiLevels }, enumerable: false });
  return { grey, roiLevels, present };
}
