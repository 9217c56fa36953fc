/**
 * PyRadiomics' wavelet image type on the GPU; twin: pyradiomicsWavelet (src/core/filters/pyradiomics/wavelet.ts).
 *
 * 1. odd axes are padded by one voxel repeating voxel 0 (wrap-pad.wgsl, numpy.pad 'wrap'); nothing when all are even;
 * 2. per level, the twin's tree of 1D periodic convolutions on the padded grid (convolve-axis.wgsl): along each
 *    filtered axis in x, y, z order every branch splits into dec_lo (L) and dec_hi (H), as convolutionPass(k, T / 2).
 *    The tree is walked depth first, so it needs one scratch volume per depth instead of one per branch; levels
 *    before start_level compute only the approximation branch. The next level filters that level's
 *    approximation (LLL) with the same, undilated filters (PyRadiomics calls swtn(level=1) again on it);
 * 3. every returned band is cropped back to the input grid (wrap-pad.wgsl with the smaller grid).
 * Each band is the same chain of passes in the same order as the twin's; only f32 vs f64 differs.
 * Order and names as the twin: the detail bands of each returned level (LLH ... HHH, letters in x, y, z order
 * over the filtered axes), then the final approximation.
 */
import type { Vec3 } from '../core/volume.js';
import { convolutionPass, type Axis } from '../core/filters/axis-pass.js';
import { waveletImageTypeName } from '../core/filters/pyradiomics/names.js';
import type { PyradiomicsWaveletOptions } from '../core/filters/pyradiomics/wavelet.js';
import { waveletFilterBank } from '../core/filters/wavelet-banks.js';
import type { BufferPool } from './buffer-pool.js';
import { acquireVolume, ConvolveAxisKernel, type GpuVolume } from './convolve-axis.js';
import type { GpuContext } from './device.js';
import { kernelFor } from './kernel.js';
import type { GpuNamedImage } from './pyradiomics-gpu.js';
import { WrapPadKernel } from './wrap-pad.js';

/** The band keys of one level in pywt's dict order: binary count, L = 0, H = 1, first axis most significant. */
export function waveletBandKeys(axisCount: number): string[] {
  const keys: string[] = [];
  for (let i = 0; i < 2 ** axisCount; i++) {
    let key = '';
    for (let j = axisCount - 1; j >= 0; j--) key += (i >> j) & 1 ? 'H' : 'L';
    keys.push(key);
  }
  return keys;
}

/** Records every band of PyRadiomics' wavelet into `encoder`; the bands live in `pool` buffers (see pyradiomics-gpu.ts). */
export function encodePyradiomicsWavelet(
  gpu: GpuContext,
  encoder: GPUCommandEncoder,
  pool: BufferPool,
  input: GpuVolume,
  o: PyradiomicsWaveletOptions,
): GpuNamedImage[] {
  if (!Number.isInteger(o.level) || o.level < 1) throw new RangeError(`wavelet level must be >= 1, got ${o.level}`);
  if (!Number.isInteger(o.startLevel) || o.startLevel < 0) throw new RangeError(`wavelet start_level must be >= 0, got ${o.startLevel}`);
  const { decLo, decHi } = waveletFilterBank(o.wavelet);
  const lo = convolutionPass(decLo, decLo.length / 2);
  const hi = convolutionPass(decHi, decHi.length / 2);
  const dims = input.dims;
  const pd = dims.map((n) => (n % 2 === 1 ? n + 1 : n)) as Vec3;
  const padded = pd.some((n, a) => n !== dims[a]);
  const axes = ([0, 1, 2] as Axis[]).filter((a) => a !== o.excludedAxis);
  const wrap = kernelFor(gpu, WrapPadKernel);
  const conv = kernelFor(gpu, ConvolveAxisKernel);
  const keys = waveletBandKeys(axes.length);
  const approxKey = keys[0];
  const levels = o.startLevel + o.level;
  const volume = (label: string, d: Vec3): GpuVolume => ({ data: acquireVolume(pool, `PyradiomicsWavelet.${label}`, d), dims: d });

  // outputs in the twin's order: the detail bands of each returned level, then the final approximation
  const outputs = new Map<string, GpuNamedImage>();
  const order: string[] = [];
  for (let idx = 1; idx <= o.level; idx++) for (const key of keys.slice(1)) order.push(`${idx}:${key}`);
  order.push(`${o.level}:${approxKey}`);
  for (const id of order) {
    const [idx, key] = id.split(':');
    outputs.set(id, { name: waveletImageTypeName(Number(idx), key), volume: volume('band', dims) });
  }

  const pass = encoder.beginComputePass({ label: 'PyradiomicsWavelet.pass' });
  let approx = input;
  if (padded) {
    approx = volume('padded', pd);
    wrap.encode(pass, pool, input, approx.data, pd);
  }
  // scratch shared by every branch and level (the dispatches of a pass run in order)
  const depthScratch = axes.slice(1).map(() => volume('branch', pd));
  const approxScratch = levels > 1 ? [volume('approxA', pd), volume('approxB', pd)] : [];
  const leafScratch = padded ? volume('leaf', pd) : null;

  for (let lvl = 0; lvl < levels; lvl++) {
    const idx = lvl - o.startLevel + 1; // returned level number, < 1 while not returned
    const nextApprox = lvl < levels - 1 ? approxScratch[lvl % 2] : null;
    const src = approx;
    // depth-first over the filtered axes: the branch of `key` (letters so far) is `from`
    const split = (from: GpuVolume, depth: number, key: string): void => {
      for (const letter of ['L', 'H'] as const) {
        const k = key + letter;
        const leaf = depth === axes.length - 1;
        const out = leaf ? outputs.get(`${idx}:${k}`) : undefined;
        if (idx < 1 && letter === 'H') continue; // levels before start_level: only the approximation is needed
        let dst: GpuVolume;
        if (!leaf) dst = depthScratch[depth];
        else if (k === approxKey && nextApprox) dst = nextApprox;
        else dst = padded ? leafScratch! : out!.volume;
        conv.encode(pass, pool, from, dst.data, axes[depth], letter === 'L' ? lo : hi, 'periodic');
        if (!leaf) split(dst, depth + 1, k);
        else if (k === approxKey && nextApprox) approx = nextApprox;
        else if (padded) wrap.encode(pass, pool, dst, out!.volume.data, dims);
      }
    };
    split(src, 0, '');
  }
  pass.end();
  return order.map((id) => outputs.get(id)!);
}
