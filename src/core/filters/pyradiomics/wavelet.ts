/**
 * PyRadiomics image type "wavelet" (imageoperations.getWaveletImage / _swt3), reproduced exactly:
 * 1. every axis of odd length is extended by one voxel that repeats the first one (numpy.pad 'wrap');
 * 2. one level of pywt.swtn(level=1) per decomposition level: along each axis in x, y, z order (PyRadiomics passes
 *    axes = (2, 1, 0) of the z, y, x numpy array) every band splits into a (dec_lo) and d (dec_hi) by the circular
 *    convolution
 *        y[i] = sum_j k[j] x[(i + T/2 - j) mod N]
 *    (pywt's swt with periodization, filter index T/2 under output i). Keys read in the same axis order, 'a' -> L,
 *    'd' -> H: "wavelet-LHL" = L along x, H along y, L along z;
 * 3. a further level repeats step 2 on the LLL band with the same, undilated filters (PyRadiomics calls swtn with
 *    level=1 each time, unlike an a trous transform), on the padded grid;
 * 4. every band is cropped back to the input size.
 * Output order: the detail bands of each level in pywt's dict order (LLH, LHL, LHH, HLL, HLH, HHL, HHH), then the
 * final approximation (LLL). PyWavelets computes in the input's precision (float32 for a float32 image); this is f64.
 */
import type { Vec3, Volume } from '../../volume.js';
import { applyAxisPass, convolutionPass, type Axis } from '../axis-pass.js';
import { toFloat64, withData } from '../filter-volume.js';
import { waveletFilterBank } from '../wavelet-banks.js';
import { waveletImageTypeName } from './names.js';

export interface PyradiomicsWaveletOptions {
  /** PyRadiomics setting `wavelet` (default there: coif1) */
  wavelet: string;
  /** PyRadiomics setting `level` (default 1): number of levels returned */
  level: number;
  /** PyRadiomics setting `start_level` (default 0): levels computed but not returned first */
  startLevel: number;
  /**
   * Axis left out (PyRadiomics force2D with force2Ddimension; here 0 = x, 1 = y, 2 = z, so force2Ddimension 0
   * (numpy z) is 2), or null for 3D.
   */
  excludedAxis: Axis | null;
}

export interface NamedImage {
  name: string;
  image: Volume;
}

export function pyradiomicsWavelet(image: Volume, o: PyradiomicsWaveletOptions): NamedImage[] {
  const { decLo, decHi } = waveletFilterBank(o.wavelet);
  const t = decLo.length;
  const lo = convolutionPass(decLo, t / 2);
  const hi = convolutionPass(decHi, t / 2);
  const dims = image.dims;
  const pd: Vec3 = dims.map((n) => (n % 2 === 1 ? n + 1 : n)) as Vec3;
  const axes = ([0, 1, 2] as Axis[]).filter((a) => a !== o.excludedAxis);
  let data = wrapPad(toFloat64(image), dims, pd);

  const level1 = (x: Float64Array) => {
    let bands: { key: string; data: Float64Array }[] = [{ key: '', data: x }];
    for (const a of axes) {
      const next: typeof bands = [];
      for (const b of bands) {
        next.push({ key: `${b.key}L`, data: applyAxisPass(b.data, pd, a, lo, 'periodic') });
        next.push({ key: `${b.key}H`, data: applyAxisPass(b.data, pd, a, hi, 'periodic') });
      }
      bands = next;
    }
    return bands;
  };

  for (let i = 0; i < o.startLevel; i++) data = level1(data)[0].data;
  const out: NamedImage[] = [];
  const approxKey = 'L'.repeat(axes.length);
  for (let idx = 1; idx <= o.level; idx++) {
    const bands = level1(data);
    data = bands[0].data;
    for (const b of bands.slice(1)) {
      out.push({ name: waveletImageTypeName(idx, b.key), image: withData(image, crop(b.data, pd, dims)) });
    }
  }
  out.push({ name: waveletImageTypeName(o.level, approxKey), image: withData(image, crop(data, pd, dims)) });
  return out;
}

/** numpy.pad(x, [(0, n % 2)] per axis, 'wrap'): the extra voxel of an odd axis repeats voxel 0. */
function wrapPad(x: Float64Array, dims: Vec3, pd: Vec3): Float64Array {
  if (pd.every((n, a) => n === dims[a])) return x;
  const out = new Float64Array(pd[0] * pd[1] * pd[2]);
  for (let z = 0; z < pd[2]; z++)
    for (let y = 0; y < pd[1]; y++)
      for (let xx = 0; xx < pd[0]; xx++)
        out[xx + pd[0] * (y + pd[1] * z)] = x[(xx % dims[0]) + dims[0] * ((y % dims[1]) + dims[1] * (z % dims[2]))];
  return out;
}

function crop(x: Float64Array, pd: Vec3, dims: Vec3): Float64Array {
  if (pd.every((n, a) => n === dims[a])) return x;
  const out = new Float64Array(dims[0] * dims[1] * dims[2]);
  for (let z = 0; z < dims[2]; z++)
    for (let y = 0; y < dims[1]; y++)
      for (let xx = 0; xx < dims[0]; xx++) out[xx + dims[0] * (y + dims[1] * z)] = x[xx + pd[0] * (y + pd[1] * z)];
  return out;
}
