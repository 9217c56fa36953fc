/**
 * PyRadiomics image types on the GPU: the twins are pyradiomicsImages (src/core/filters/pyradiomics/image-types.ts)
 * and its per-type modules; names come from the same functions (names.ts), in the same order.
 *
 * On the GPU: Original (the input itself), Wavelet (every band, level and start_level, 3D or with an excluded
 * axis), LoG (every sigma, SimpleITK's recursive Gaussian: recursive-gaussian.ts), Gradient, and Square /
 * SquareRoot / Logarithm / Exponential (whole-image constants from the CPU; null where M = max |x| is 0 or not
 * finite). LBP2D and LBP3D return null (the caller runs the CPU twin).
 *
 * Buffers: every returned volume (except Original's, which is `input`) lives in a buffer acquired from `pool`;
 * it stays valid until the caller's submit and read-back, and the caller releases it with `pool.recycle()` (or
 * `pool.destroy()`) afterwards, as for every other kernel here. Nothing is released by this module.
 */
import type { Mask, Volume } from '../core/volume.js';
import { withData } from '../core/filters/filter-volume.js';
import type { PyradiomicsImageType } from '../core/filters/pyradiomics/image-types.js';
import { pyradiomicsLogSigmas, type PyradiomicsLogSigma } from '../core/filters/pyradiomics/log.js';
import { BufferPool } from './buffer-pool.js';
import { acquireVolume, voxelCount, type GpuVolume } from './convolve-axis.js';
import type { GpuContext } from './device.js';
import { GradientMagnitudeKernel } from './gradient-magnitude.js';
import { IntensityTypesKernel, intensityTypeConstant } from './intensity-types.js';
import { bound, kernelFor, type Bound } from './kernel.js';
import { checkVolume } from './limits.js';
import { encodePyradiomicsWavelet } from './pyradiomics-wavelet-gpu.js';
import { acquireLogScratch, encodeLaplacianRecursiveGaussian } from './recursive-gaussian.js';
import { submitAndRead, withErrorScopes, type GpuCounters, type GpuOutput } from './readback.js';

/** One derived image on the GPU; `name` exactly as pyradiomicsImages names it. */
export interface GpuNamedImage {
  name: string;
  volume: GpuVolume;
}

/**
 * Records the image type's filters into `encoder` (no submit), reading `input` (the f32 upload of `image`, same
 * dims); returns one GpuVolume per derived image on the input grid, in pyradiomicsImages' order, or null when
 * this type / these options are not on the GPU. `image` gives the geometry and the CPU-side coefficients.
 */
export function encodePyradiomicsImageType(
  gpu: GpuContext,
  encoder: GPUCommandEncoder,
  pool: BufferPool,
  input: GpuVolume,
  image: Volume,
  t: PyradiomicsImageType,
  mask?: Mask,
): GpuNamedImage[] | null {
  void mask; // only LBP3D reads the mask, and it is not on the GPU yet
  if (input.dims.some((n, a) => n !== image.dims[a])) throw new RangeError(`input ${input.dims.join('x')} is not on the image grid ${image.dims.join('x')}`);
  switch (t.type) {
    case 'Original':
      // the input itself, no copy
      return [{ name: 'original', volume: input }];
    case 'Wavelet':
      return encodePyradiomicsWavelet(gpu, encoder, pool, input, t);
    case 'LoG':
      return encodePyradiomicsLoG(gpu, encoder, pool, input, image, t.sigmas);
    case 'Square':
    case 'SquareRoot':
    case 'Logarithm':
    case 'Exponential': {
      const c = intensityTypeConstant(image, t.type);
      if (c === null) return null;
      const kernel = kernelFor(gpu, IntensityTypesKernel);
      return [{ name: t.type.toLowerCase(), volume: encodeVoxelwise(encoder, pool, input, (pass, dst) => kernel.encode(pass, pool, input, dst, t.type, c)) }];
    }
    case 'Gradient': {
      const kernel = kernelFor(gpu, GradientMagnitudeKernel);
      return [{ name: 'gradient', volume: encodeVoxelwise(encoder, pool, input, (pass, dst) => kernel.encode(pass, pool, input, dst, image.spacing, t.useImageSpacing)) }];
    }
    default:
      return null;
  }
}

/** One output volume written by one kernel in its own compute pass. */
function encodeVoxelwise(
  encoder: GPUCommandEncoder,
  pool: BufferPool,
  input: GpuVolume,
  record: (pass: GPUComputePassEncoder, dst: Bound) => void,
): GpuVolume {
  const dst = acquireVolume(pool, 'PyradiomicsImages.out', input.dims);
  const pass = encoder.beginComputePass({ label: 'PyradiomicsImages.voxelwise' });
  record(pass, dst);
  pass.end();
  return { data: dst, dims: input.dims };
}

/** Every sigma PyRadiomics runs (pyradiomicsLogSigmas: same skipping rules and names), in one compute pass. */
function encodePyradiomicsLoG(
  gpu: GpuContext,
  encoder: GPUCommandEncoder,
  pool: BufferPool,
  input: GpuVolume,
  image: Volume,
  sigmas: readonly PyradiomicsLogSigma[],
): GpuNamedImage[] {
  const runs = pyradiomicsLogSigmas(image, sigmas);
  if (runs.length === 0) return [];
  const scratch = acquireLogScratch(pool, input.dims);
  const pass = encoder.beginComputePass({ label: 'PyradiomicsLoG.pass' });
  const out = runs.map(({ sigmaMm, name }) => ({
    name,
    volume: { data: encodeLaplacianRecursiveGaussian(gpu, pass, pool, input, image.spacing, sigmaMm, scratch), dims: input.dims },
  }));
  pass.end();
  return out;
}

/** uploadVolumeF32, readable back too (Original returns the input itself). */
function uploadReadable(gpu: GpuContext, pool: BufferPool, image: Volume): GpuVolume {
  checkVolume(gpu, image.dims, 'the image');
  const data = Float32Array.from(image.data as ArrayLike<number>);
  return { data: bound(pool.upload('PyradiomicsImages.input', data, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC), data.byteLength), dims: image.dims };
}

/** Convenience for tests: uploads `image`, runs the type in one submit and reads the images back (f32 -> f64). */
export async function pyradiomicsImagesOnGpu(
  gpu: GpuContext,
  image: Volume,
  t: PyradiomicsImageType,
  mask?: Mask,
  counters?: GpuCounters,
): Promise<{ name: string; image: Volume }[] | null> {
  const pool = new BufferPool(gpu);
  try {
    return await withErrorScopes(gpu, `GPU PyRadiomics ${t.type}`, async () => {
      const encoder = gpu.device.createCommandEncoder({ label: 'PyradiomicsImages.encoder' });
      const out = encodePyradiomicsImageType(gpu, encoder, pool, uploadReadable(gpu, pool, image), image, t, mask);
      if (!out) return null;
      const n = voxelCount(image.dims);
      const reads: GpuOutput<Float64Array>[] = out.map((o) => ({
        reads: [{ buffer: o.volume.data.buffer, bytes: n * 4 }],
        decode: ([w]) => Float64Array.from(new Float32Array(w.buffer, w.byteOffset, n)),
      }));
      const data = await submitAndRead<Float64Array[]>(gpu, pool, encoder, reads, counters);
      return out.map((o, i) => ({ name: o.name, image: withData(image, data[i]) }));
    });
  } finally {
    pool.destroy();
  }
}
