/**
 * IBSI 2 separable wavelets (undecimated a trous, or decimated), per axis a chain of 1D convolutions:
 * level l of band B along an axis = lowpass at levels 1 .. l-1 then B (lowpass L or highpass H) at level l, the
 * level-k filter being the decomposition filter with 2^(k-1) - 1 zeros between taps. One pass is
 *   y[i] = sum_j k[j] x^[i + 2^(k-1) (T/2 - j)]        (T taps; T/2 = the alignment the IBSI 2 maps show)
 * with the padding applied at every pass. Sub-band letters run x, y(, z): "LHL" = L along x, H along y, L along z;
 * two letters = 2D per z-slice.
 *
 * Rotation invariance: mean (or other) pooling over the 24 (3D) or 4 (2D) right-angle rotations of the filter.
 * Decimated (no IBSI 2 reference map): each level filters with the undilated filters and keeps the samples
 * 0, 2, 4, ... of every axis; the output grid has spacing x 2^l.
 */
import type { Vec3, Volume } from '../volume.js';
import { applySeparable, convolutionPass, type AxisPass } from './axis-pass.js';
import { toFloat64, withData, type Pooling } from './filter-volume.js';
import type { PaddingMode } from './padding.js';
import { rotationPooledSeparable } from './separable-rotation.js';
import { waveletFilterBank } from './wavelet-banks.js';

export interface SeparableWaveletOptions {
  wavelet: string;
  /** one letter L/H per axis in x, y(, z) order */
  subband: string;
  level: number;
  decimated: boolean;
  padding: PaddingMode;
  rotationInvariance: { pooling: Pooling } | null;
}

function parseSubband(subband: string): ('L' | 'H')[] {
  const s = subband.toUpperCase();
  if (!/^[LH]{2,3}$/.test(s)) throw new RangeError(`sub-band must be 2 or 3 letters L/H (x, y, z order), got ${subband}`);
  return s.split('') as ('L' | 'H')[];
}

/** The undecimated chain of passes along one axis for band `b` at `level`. */
export function undecimatedChain(wavelet: string, b: 'L' | 'H', level: number): AxisPass[] {
  const { decLo, decHi } = waveletFilterBank(wavelet);
  const t = decLo.length;
  const chain: AxisPass[] = [];
  for (let k = 1; k < level; k++) chain.push(convolutionPass(decLo, t / 2, 2 ** (k - 1)));
  chain.push(convolutionPass(b === 'L' ? decLo : decHi, t / 2, 2 ** (level - 1)));
  return chain;
}

export function separableWavelet(image: Volume, o: SeparableWaveletOptions): Volume {
  const bands = parseSubband(o.subband);
  if (!Number.isInteger(o.level) || o.level < 1) throw new RangeError(`wavelet level must be >= 1, got ${o.level}`);
  const f = toFloat64(image);
  if (o.decimated) return decimatedWavelet(image, f, bands, o);
  const chains = bands.map((b) => undecimatedChain(o.wavelet, b, o.level));
  const r = o.rotationInvariance
    ? rotationPooledSeparable(f, image.dims, chains, o.padding, o.rotationInvariance.pooling)
    : applySeparable(f, image.dims, chains, o.padding);
  return withData(image, r);
}

function decimatedWavelet(image: Volume, f: Float64Array, bands: ('L' | 'H')[], o: SeparableWaveletOptions): Volume {
  if (o.rotationInvariance) throw new RangeError('rotation invariance is defined here for undecimated wavelets only');
  const { decLo, decHi } = waveletFilterBank(o.wavelet);
  const t = decLo.length;
  let data = f;
  let dims: Vec3 = [...image.dims] as Vec3;
  const spacing: Vec3 = [...image.spacing] as Vec3;
  for (let level = 1; level <= o.level; level++) {
    const chains = bands.map((b) => [convolutionPass(level < o.level || b === 'L' ? decLo : decHi, t / 2)]);
    data = applySeparable(data, dims, chains, o.padding);
    const next: Vec3 = [...dims] as Vec3;
    for (let a = 0; a < bands.length; a++) next[a] = Math.ceil(dims[a] / 2);
    const out = new Float64Array(next[0] * next[1] * next[2]);
    const step = [1, 1, 1].map((_, a) => (a < bands.length ? 2 : 1));
    for (let z = 0; z < next[2]; z++)
      for (let y = 0; y < next[1]; y++)
        for (let x = 0; x < next[0]; x++)
          out[x + next[0] * (y + next[1] * z)] = data[x * step[0] + dims[0] * (y * step[1] + dims[1] * z * step[2])];
    data = out;
    dims = next;
    for (let a = 0; a < bands.length; a++) spacing[a] *= 2;
  }
  return withData(image, data, dims, spacing);
}
