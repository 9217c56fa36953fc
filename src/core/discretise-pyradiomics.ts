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
import type { GreyLevels } from './discretise.js';
import type { Mask, Volume } from './volume.js';

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
    const edges = Number.isInteger(min) && Number.isInteger(max) && Number.isInteger(w)
      ? Float64Array.from({ length: Math.ceil((max + 2 * w - lo) / w) }, (_, i) => lo + i * w)
      : arange(lo, max + 2 * w, w);
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

export interface PyradiomicsGreyLevels extends GreyLevels {
  edges: Float64Array;
}

/**
 * Discretises the voxels of `mask` (NaN intensities are left out of the ROI) into levels 1..ng, 0 elsewhere.
 * Throws when the ROI holds no voxel with an intensity.
 */
export function discretisePyradiomics(image: Volume, mask: Mask, setting: PyradiomicsBinning): PyradiomicsGreyLevels {
  const n = image.data.length;
  let min = Infinity;
  let max = -Infinity;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!mask.data[i]) continue;
    const x = image.data[i];
    if (Number.isNaN(x)) continue;
    count++;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (count === 0) throw new Error('discretisation: the ROI contains no voxel with an intensity');
  const edges = pyradiomicsBinEdges(min, max, setting);
  const levels = new Uint32Array(n);
  let ng = 0;
  // levels follow the floor formula except within rounding of an edge; check the estimate against the edges
  const w = setting.kind === 'fixed-bin-width' ? setting.width : (edges[edges.length - 2] - edges[0]) / (edges.length - 2);
  const e0 = edges[0];
  const last = edges.length;
  for (let i = 0; i < n; i++) {
    if (!mask.data[i]) continue;
    const x = image.data[i];
    if (Number.isNaN(x)) continue;
    let k = w > 0 ? Math.floor((x - e0) / w) + 1 : 1;
    if (k < 1) k = 1;
    if (k > last) k = last;
    if (!(edges[k - 1] <= x && (k === last || x < edges[k]))) k = digitize(x, edges);
    levels[i] = k;
    if (k > ng) ng = k;
  }
  return { dims: image.dims, spacing: image.spacing, levels, ng, count, edges };
}
