/**
 * The IBSI 2 Gabor filter on the GPU, exactly as src/core/filters/gabor.ts (its twin) defines it: per plane
 * direction, every slice extended by R with the padding mode (paddedIndex), zero-filled, transformed; per
 * orientation (theta / theta + pi halved under 'modulus', gaborOrientations) multiplied by the kernel's spectrum
 * (gaborSpectrum, built in f64 on the CPU, uploaded as f32), transformed back and pooled; with orthogonal planes
 * the mean of the axial, coronal and sagittal responses.
 *
 * The FFT lengths are powers of two P >= n + 2R (fft-axis.ts), not the twin's 2-3-5 lengths: for any P >= n + 2R
 * the circular convolution equals the linear one on the kept region [R, R + n), so the result is the twin's.
 * Rows beyond n + 2R are zero, so the forward pass along u skips them; the inverse pass along u runs only on the
 * n kept rows (lines along v, whose neighbours are adjacent in memory, are the cheaper ones on software
 * adapters, so they take the full passes). All slices of a plane direction go through each dispatch together (in batches only when a stack
 * would exceed the storage-buffer limit); the whole filter is recorded into one encoder and submitted once.
 */
import { assertPositive, type Pooling } from '../core/filters/filter-volume.js';
import { Fft2 } from '../core/filters/fft2.js';
import { gaborOrientations, gaborRadius, gaborSpectrum, type GaborFilterOptions } from '../core/filters/gabor.js';
import type { Axis } from '../core/filters/axis-pass.js';
import type { Vec3, Volume } from '../core/volume.js';
import type { BufferPool } from './buffer-pool.js';
import { CombineVolumesKernel } from './combine-volumes.js';
import { acquireVolume, type GpuVolume } from './convolve-axis.js';
import { GpuLimitError, type GpuContext } from './device.js';
import { axisLines, checkFftLength, FftAxisKernel } from './fft-axis.js';
import { acquireStack, FftPlanesKernel, stackDims, type PlaneGeometry } from './fft-planes.js';
import { runVolumeFilter } from './fft-run.js';
import { bound, kernelFor, type Bound } from './kernel.js';
import { checkStorageBytes, checkVolume } from './limits.js';
import type { GpuCounters } from './readback.js';

/** Smallest power of two >= n. */
export function powerOfTwoAtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** The orientations' kernel spectra on a pu x pv grid, interleaved f32 (re, im), one plane per orientation. */
function spectraF32(o: GaborFilterOptions, thetas: number[], spacing: [number, number], radius: [number, number], padded: [number, number]): Float32Array {
  const fft = new Fft2(padded[0], padded[1]);
  const plane = padded[0] * padded[1];
  const out = new Float32Array(2 * plane * thetas.length);
  thetas.forEach((theta, q) => {
    const { kr, ki } = gaborSpectrum(o, theta, spacing, radius, fft);
    for (let m = 0; m < plane; m++) {
      out[2 * (q * plane + m)] = kr[m];
      out[2 * (q * plane + m) + 1] = ki[m];
    }
  });
  return out;
}

/**
 * Records the orientation-pooled response of every plane (u, v) (slices along w) into `acc`, an image-sized f32
 * volume; twin: gaborPlanes in gabor.ts.
 */
function encodePlanes(gpu: GpuContext, pass: GPUComputePassEncoder, pool: BufferPool, input: GpuVolume, spacing: Vec3, u: Axis, v: Axis, o: GaborFilterOptions, acc: Bound): void {
  const w = (3 - u - v) as Axis;
  const dims = input.dims;
  const radius: [number, number] = [gaborRadius(o, spacing[u]), gaborRadius(o, spacing[v])];
  const padded: [number, number] = [powerOfTwoAtLeast(dims[u] + 2 * radius[0]), powerOfTwoAtLeast(dims[v] + 2 * radius[1])];
  for (const p of padded) checkFftLength(gpu, p);
  const orients = gaborOrientations(o);
  const pooling: Pooling = o.rotationInvariance?.pooling ?? 'mean';
  const totalWeight = orients.reduce((s, q) => s + q.weight, 0);
  const plane = padded[0] * padded[1];

  // slices per batch: as many as one stack buffer may hold
  const maxBytes = Math.min(gpu.limits.maxStorageBufferBindingSize, gpu.limits.maxBufferSize);
  const perBatch = Math.min(dims[w], Math.floor(maxBytes / (plane * 8)), gpu.limits.maxComputeWorkgroupsPerDimension);
  if (perBatch < 1) {
    throw new GpuLimitError(`one padded Gabor plane (${padded.join('x')}) needs ${((plane * 8) / 2 ** 20).toFixed(1)} MiB, above this GPU's storage buffer limit`);
  }
  const spectra = spectraF32(o, orients.map((q) => q.theta), [spacing[u], spacing[v]], radius, padded);
  checkStorageBytes(gpu, spectra.byteLength, 'the Gabor kernel spectra');
  const spectrum = bound(pool.upload('Gabor.spectra', spectra, GPUBufferUsage.STORAGE), spectra.byteLength);
  const full: PlaneGeometry = { axes: [u, v, w], dims, radius, padded, sliceStart: 0, slices: perBatch };
  const spectral = acquireStack(gpu, pool, 'Gabor.spectral', full);
  const product = acquireStack(gpu, pool, 'Gabor.product', full);
  const fft = kernelFor(gpu, FftAxisKernel);
  const planes = kernelFor(gpu, FftPlanesKernel);

  for (let start = 0; start < dims[w]; start += perBatch) {
    const g: PlaneGeometry = { ...full, sliceStart: start, slices: Math.min(perBatch, dims[w] - start) };
    const sd = stackDims(g);
    planes.embed(pass, pool, input, spectral, g, o.padding);
    // rows past n + 2R are zero: only the filled rows need the forward pass along u
    fft.encode(pass, pool, spectral, axisLines(sd, 0, { axis: 1, start: 0, count: dims[v] + 2 * radius[1] }), false);
    fft.encode(pass, pool, spectral, axisLines(sd, 1), false);
    orients.forEach((q, k) => {
      planes.multiply(pass, pool, spectral, spectrum, k * plane, plane, product, g);
      fft.encode(pass, pool, product, axisLines(sd, 1), true);
      // only the kept rows [R, R + n) need the inverse pass along u
      fft.encode(pass, pool, product, axisLines(sd, 0, { axis: 1, start: radius[1], count: dims[v] }), true);
      planes.pool(pass, pool, product, acc, g, { response: o.response, pooling, weight: q.weight, first: k === 0 });
    });
  }
  if (pooling === 'mean' && totalWeight !== 1) {
    kernelFor(gpu, CombineVolumesKernel).scale(pass, pool, { data: acc, dims }, spectrum, 1 / totalWeight);
  }
}

/**
 * Records the Gabor filter of `input` (voxel spacing in mm) into `encoder` and returns the response, an f32 volume
 * on the input's grid that stays on the GPU in a buffer of `pool`.
 */
export function encodeGabor(gpu: GpuContext, encoder: GPUCommandEncoder, pool: BufferPool, input: GpuVolume, spacing: Vec3, o: GaborFilterOptions): GpuVolume {
  assertPositive('sigma', o.sigmaMm);
  assertPositive('lambda', o.lambdaMm);
  assertPositive('gamma', o.gamma);
  checkVolume(gpu, input.dims, 'the filtered volume');
  const dims = input.dims;
  const out = acquireVolume(pool, 'Gabor.out', dims);
  const pass = encoder.beginComputePass({ label: 'Gabor.pass' });
  encodePlanes(gpu, pass, pool, input, spacing, 0, 1, o, out);
  if (o.orthogonalPlanes) {
    const comb = kernelFor(gpu, CombineVolumesKernel);
    const plane = acquireVolume(pool, 'Gabor.plane', dims);
    for (const [u, v] of [[0, 2], [1, 2]] as const) {
      encodePlanes(gpu, pass, pool, input, spacing, u, v, o, plane);
      comb.accumulate(pass, pool, { data: plane, dims }, out, 'sum', 1, false);
    }
    comb.scale(pass, pool, { data: out, dims }, plane, 1 / 3);
  }
  pass.end();
  return { data: out, dims };
}

/** Runs the Gabor filter on the GPU: one upload, one submit, one read-back. */
export function gaborOnGpu(gpu: GpuContext, image: Volume, options: GaborFilterOptions, counters?: GpuCounters): Promise<Volume> {
  return runVolumeFilter(gpu, image, 'GPU Gabor filter', (encoder, pool, input) => encodeGabor(gpu, encoder, pool, input, image.spacing, options), counters);
}
