/**
 * Wrapper of shaders/fft-axis.wgsl: a batched complex FFT along one axis of a complex f32 volume on the GPU
 * (interleaved vec2: re, im; x fastest), forward or inverse, in place. Twin: Fft.transform (src/core/fft/fft.ts)
 * on every line, X[m] = sum_j x[j] exp(-2 pi i j m / N), the inverse conjugated and scaled by 1/N.
 *
 * Power-of-two lengths run a radix-2 FFT, one line per workgroup in workgroup memory on hardware GPUs, one line
 * per invocation on software adapters (where barriers cost more than the arithmetic: about 10x faster on
 * SwiftShader); any other length a direct O(N^2) DFT per line (meant for the short non-power-of-two axes of
 * periodic filters, e.g. N <= 256; longer ones work but cost N^2; Bluestein would be the next step).
 * A line must fit in workgroup memory (8 N bytes: N <= 2048 under the default 16 KiB), else GpuLimitError.
 * Twiddles exp(-2 pi i k / N) are computed in f64 on the CPU and uploaded as f32.
 */
import fftAxisWgsl from '../../shaders/fft-axis.wgsl?raw';
import type { Axis } from '../core/filters/axis-pass.js';
import type { Vec3 } from '../core/volume.js';
import { BufferPool } from './buffer-pool.js';
import { GpuLimitError, type GpuContext } from './device.js';
import { bound, ComputeKernel, dispatch, kernelFor, type Bound } from './kernel.js';
import { checkIndexRange, checkStorageBytes, WORKGROUP_SIZE } from './limits.js';
import { submitAndRead, withErrorScopes, type GpuCounters } from './readback.js';

/** A set of lines of a complex buffer (in vec2 elements): line l starts at offset + (l % counts[0]) strides[0] + (l / counts[0]) strides[1]. */
export interface FftLines {
  /** elements per line (the transform length) */
  n: number;
  /** element step along a line */
  stride: number;
  offset: number;
  counts: [number, number];
  strides: [number, number];
}

/** Elements of a complex volume. */
export function complexCount(dims: readonly number[]): number {
  return dims[0] * dims[1] * dims[2];
}

/**
 * The lines along `axis` of a complex volume of `dims`; `range` keeps only the lines whose coordinate along
 * another axis lies in [start, start + count) (e.g. the columns a cropped output needs).
 */
export function axisLines(dims: Vec3, axis: Axis, range?: { axis: Axis; start: number; count: number }): FftLines {
  const strides = [1, dims[0], dims[0] * dims[1]];
  const others = ([0, 1, 2] as Axis[]).filter((a) => a !== axis);
  if (range && (range.axis === axis || range.start < 0 || range.start + range.count > dims[range.axis])) {
    throw new RangeError(`line range ${JSON.stringify(range)} does not fit axis ${range.axis} of ${dims.join('x')}`);
  }
  const count = (a: Axis): number => (range?.axis === a ? range.count : dims[a]);
  return {
    n: dims[axis],
    stride: strides[axis],
    offset: range ? range.start * strides[range.axis] : 0,
    counts: [count(others[0]), count(others[1])],
    strides: [strides[others[0]], strides[others[1]]],
  };
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/** exp(-2 pi i k / n) for k < count, interleaved, rounded once from f64 to f32. */
function twiddleTable(n: number, count: number): Float32Array {
  const t = new Float32Array(2 * count);
  for (let k = 0; k < count; k++) {
    const a = (-2 * Math.PI * k) / n;
    t[2 * k] = Math.cos(a);
    t[2 * k + 1] = Math.sin(a);
  }
  return t;
}

/** Throws GpuLimitError when a line of n complex values does not fit this device's workgroup memory. */
export function checkFftLength(gpu: GpuContext, n: number): void {
  const bytes = 8 * n;
  const max = gpu.limits.maxComputeWorkgroupStorageSize;
  if (bytes > max) throw new GpuLimitError(`an FFT line of ${n} samples needs ${bytes} bytes of workgroup memory, above this GPU's ${max}`);
}

export class FftAxisKernel {
  readonly kernel: ComputeKernel;
  private readonly twiddles = new Map<number, Float32Array>();

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, { label: 'FftAxis', code: fftAxisWgsl, bindings: ['uniform', 'read', 'write'] });
    this.linePerInvocation = /swiftshader|llvmpipe|software/i.test(gpu.adapterName);
  }

  /**
   * Line-per-invocation radix-2 (fft_line_each) instead of line-per-workgroup (fft_lines). Software adapters pay
   * so much per workgroup barrier that one invocation per line is several times faster there; hardware GPUs want
   * the workgroup version. Tests set it to run both.
   */
  linePerInvocation: boolean;

  /** The pipeline and override constants used for length n (radix-2 or direct DFT). */
  pipelineFor(n: number, inverse: boolean): GPUComputePipeline {
    const pow2 = isPowerOfTwo(n);
    const entry = !pow2 ? 'dft_lines' : this.linePerInvocation ? 'fft_line_each' : 'fft_lines';
    return this.kernel.pipeline(entry, { FFT_N: n, LOG2_N: pow2 ? Math.log2(n) : 0, INVERSE: inverse ? 1 : 0 });
  }

  /** Workgroups for `lines` lines. */
  private groupsFor(n: number, lines: number): number {
    const perGroup = isPowerOfTwo(n) && this.linePerInvocation ? WORKGROUP_SIZE : 1;
    return Math.min(Math.ceil(lines / perGroup), this.gpu.limits.maxComputeWorkgroupsPerDimension);
  }

  /** Records the transform of every line of `lines` in `data` (a complex buffer), forward or inverse. */
  encode(pass: GPUComputePassEncoder, pool: BufferPool, data: Bound, lines: FftLines, inverse: boolean): void {
    const { n } = lines;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`FFT length must be a positive integer, got ${n}`);
    const total = lines.counts[0] * lines.counts[1];
    if (n === 1 || total === 0) return; // a 1-point DFT is the identity (and 1/N = 1)
    checkFftLength(this.gpu, n);
    checkIndexRange(total, 'the FFT lines');
    const pow2 = isPowerOfTwo(n);
    let table = this.twiddles.get(n);
    if (!table) {
      table = twiddleTable(n, pow2 ? n / 2 : n);
      this.twiddles.set(n, table);
    }
    const tw = bound(pool.upload('FftAxis.twiddles', table, GPUBufferUsage.STORAGE), table.byteLength);
    const groups = this.groupsFor(n, total);
    const params = this.kernel.params(pool, {
      offset: lines.offset,
      stride: lines.stride,
      count0: lines.counts[0],
      stride0: lines.strides[0],
      count1: lines.counts[1],
      stride1: lines.strides[1],
      groups,
      scale: inverse ? 1 / n : 1,
    });
    dispatch(pass, this.pipelineFor(n, inverse), this.kernel.bindGroup([params, tw, data]), groups);
  }

  /** Transforms a whole complex volume of `dims` along each of `axes` in turn. */
  encodeAxes(pass: GPUComputePassEncoder, pool: BufferPool, data: Bound, dims: Vec3, axes: readonly Axis[], inverse: boolean): void {
    for (const a of axes) this.encode(pass, pool, data, axisLines(dims, a), inverse);
  }
}

/**
 * Transforms a complex volume (re, im as f64, sent as f32) along `axes` on the GPU: one upload, one submit, one
 * read-back. The GPU twin of fft3d (src/core/fft/fft.ts) when axes = [0, 1, 2]; used by tests and diagnostics.
 */
export async function fftVolumeOnGpu(
  gpu: GpuContext,
  re: ArrayLike<number>,
  im: ArrayLike<number>,
  dims: Vec3,
  axes: readonly Axis[],
  inverse: boolean,
  counters?: GpuCounters,
): Promise<{ re: Float64Array; im: Float64Array }> {
  const count = complexCount(dims);
  checkIndexRange(count, 'the complex volume');
  checkStorageBytes(gpu, count * 8, 'the complex volume');
  const pool = new BufferPool(gpu);
  try {
    return await withErrorScopes(gpu, 'GPU FFT', async () => {
      const words = new Float32Array(2 * count);
      for (let i = 0; i < count; i++) {
        words[2 * i] = re[i];
        words[2 * i + 1] = im[i];
      }
      const data = bound(pool.upload('FftAxis.volume', words, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC), words.byteLength);
      const encoder = gpu.device.createCommandEncoder({ label: 'FftAxis.encoder' });
      const pass = encoder.beginComputePass({ label: 'FftAxis.pass' });
      kernelFor(gpu, FftAxisKernel).encodeAxes(pass, pool, data, dims, axes, inverse);
      pass.end();
      const [out] = await submitAndRead<[{ re: Float64Array; im: Float64Array }]>(
        gpu,
        pool,
        encoder,
        [
          {
            reads: [{ buffer: data.buffer, bytes: count * 8 }],
            decode: ([w]) => {
              const f = new Float32Array(w.buffer, w.byteOffset, 2 * count);
              const r = new Float64Array(count);
              const i = new Float64Array(count);
              for (let k = 0; k < count; k++) {
                r[k] = f[2 * k];
                i[k] = f[2 * k + 1];
              }
              return { re: r, im: i };
            },
          },
        ],
        counters,
      );
      return out;
    });
  } finally {
    pool.destroy();
  }
}
