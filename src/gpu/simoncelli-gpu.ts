/**
 * The IBSI 2 Simoncelli wavelet on the GPU, as src/core/filters/simoncelli.ts (its twin) defines it: the volume's
 * DFT (3D, or 2D per z-slice) times the real transfer function H_j on simoncelliGrid (built in f64 on the CPU,
 * uploaded as f32), transformed back, real part. The response is periodic on the volume's own length n per axis,
 * so the transforms have length n exactly (no padding): radix-2 for powers of two, a direct DFT otherwise
 * (fft-axis.ts). One encoder, one submit.
 */
import type { Axis } from '../core/filters/axis-pass.js';
import { simoncelliGrid, simoncelliResponse, type SimoncelliOptions } from '../core/filters/simoncelli.js';
import type { Volume } from '../core/volume.js';
import type { BufferPool } from './buffer-pool.js';
import { acquireVolume, type GpuVolume } from './convolve-axis.js';
import type { GpuContext } from './device.js';
import { FftAxisKernel } from './fft-axis.js';
import { acquireStack, FftPlanesKernel, stackDims, type PlaneGeometry } from './fft-planes.js';
import { runVolumeFilter } from './fft-run.js';
import { bound, kernelFor } from './kernel.js';
import { checkStorageBytes, checkVolume } from './limits.js';
import type { GpuCounters } from './readback.js';

/** H_j on the DFT grid of `dims` (3D) or of one z-slice (2D), interleaved f32 (H, 0). */
function transferF32(dims: readonly [number, number, number], o: SimoncelliOptions): Float32Array {
  const [nx, ny, nz] = dims;
  const gx = simoncelliGrid(nx);
  const gy = simoncelliGrid(ny);
  const gz = o.dimensionality === '3d' ? simoncelliGrid(nz) : Float64Array.of(0);
  const out = new Float32Array(2 * nx * ny * gz.length);
  let i = 0;
  for (let z = 0; z < gz.length; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        const nu = o.dimensionality === '3d' ? Math.hypot(gx[x], gy[y], gz[z]) : Math.hypot(gx[x], gy[y]);
        out[2 * i] = simoncelliResponse(nu, o.level);
      }
  return out;
}

/** Records the Simoncelli response of `input` into `encoder`; the result (f32, input grid) stays on the GPU. */
export function encodeSimoncelli(gpu: GpuContext, encoder: GPUCommandEncoder, pool: BufferPool, input: GpuVolume, o: SimoncelliOptions): GpuVolume {
  if (o.padding !== 'periodic') throw new RangeError('the Simoncelli wavelet is computed with periodic padding only');
  if (!Number.isInteger(o.level) || o.level < 1) throw new RangeError(`level must be >= 1, got ${o.level}`);
  const dims = input.dims;
  checkVolume(gpu, dims, 'the filtered volume');
  const g: PlaneGeometry = { axes: [0, 1, 2], dims, radius: [0, 0], padded: [dims[0], dims[1]], sliceStart: 0, slices: dims[2] };
  const transfer = transferF32(dims, o);
  checkStorageBytes(gpu, transfer.byteLength, 'the Simoncelli transfer function');
  const spectrum = bound(pool.upload('Simoncelli.transfer', transfer, GPUBufferUsage.STORAGE), transfer.byteLength);
  const spectral = acquireStack(gpu, pool, 'Simoncelli.spectral', g);
  const product = acquireStack(gpu, pool, 'Simoncelli.product', g);
  const out = acquireVolume(pool, 'Simoncelli.out', dims);
  const axes: Axis[] = o.dimensionality === '3d' ? [0, 1, 2] : [0, 1];
  const fft = kernelFor(gpu, FftAxisKernel);
  const planes = kernelFor(gpu, FftPlanesKernel);
  const pass = encoder.beginComputePass({ label: 'Simoncelli.pass' });
  planes.embed(pass, pool, input, spectral, g, 'periodic');
  fft.encodeAxes(pass, pool, spectral, stackDims(g), axes, false);
  planes.multiply(pass, pool, spectral, spectrum, 0, transfer.length / 2, product, g);
  fft.encodeAxes(pass, pool, product, stackDims(g), axes, true);
  planes.pool(pass, pool, product, out, g, { response: 'real', pooling: 'mean', weight: 1, first: true });
  pass.end();
  return { data: out, dims };
}

/** Runs the Simoncelli wavelet on the GPU: one upload, one submit, one read-back. */
export function simoncelliOnGpu(gpu: GpuContext, image: Volume, options: SimoncelliOptions, counters?: GpuCounters): Promise<Volume> {
  return runVolumeFilter(gpu, image, 'GPU Simoncelli wavelet', (encoder, pool, input) => encodeSimoncelli(gpu, encoder, pool, input, options), counters);
}
