/**
 * The one read-back of a case. Every kernel wrapper's `encode` returns a GpuOutput: the device ranges it wants
 * back and a decoder that turns the words into its CPU twin's layout. `submitAndRead` copies all ranges of all
 * outputs into ONE staging buffer inside the caller's encoder, submits that encoder once, maps once and decodes.
 */
import type { BufferPool } from './buffer-pool.js';
import { GpuLimitError, type GpuContext } from './device.js';
import { checkBufferBytes } from './limits.js';

export interface GpuRead {
  buffer: GPUBuffer;
  /** bytes from offset 0 (a multiple of 4) */
  bytes: number;
}

export interface GpuOutput<T> {
  readonly reads: readonly GpuRead[];
  /** builds the result from the read-back words, one array per entry of `reads` (views into one copy) */
  decode(words: readonly Uint32Array[]): T;
}

/** An output that needs nothing from the GPU. */
export function constantOutput<T>(value: T): GpuOutput<T> {
  return { reads: [], decode: () => value };
}

/** Maps an output's decoded value. */
export function mapOutput<A, B>(out: GpuOutput<A>, f: (a: A) => B): GpuOutput<B> {
  return { reads: out.reads, decode: (w) => f(out.decode(w)) };
}

/** Bytes that `outputs` copy back. */
export function readbackBytes(outputs: readonly GpuOutput<unknown>[]): number {
  let total = 0;
  for (const o of outputs) for (const r of o.reads) total += r.bytes;
  return total;
}

/** Queue submits and read-backs (mapAsync calls) made, for diagnostics and tests. */
export interface GpuCounters {
  submits: number;
  readbacks: number;
}

/**
 * Appends the copies of every output's ranges to `encoder`, submits it (the case's only submit), maps the staging
 * buffer (the only mapAsync) and returns the decoded outputs in order. `counters`, when given, counts both.
 */
export async function submitAndRead<T extends readonly unknown[]>(
  gpu: GpuContext,
  pool: BufferPool,
  encoder: GPUCommandEncoder,
  outputs: { [K in keyof T]: GpuOutput<T[K]> },
  counters?: GpuCounters,
): Promise<T> {
  const total = readbackBytes(outputs);
  checkBufferBytes(gpu, total, 'the read-back of this case');
  const staging = pool.acquire('Readback.staging', Math.max(4, total), GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
  let offset = 0;
  for (const o of outputs) {
    for (const r of o.reads) {
      if (r.bytes > 0) encoder.copyBufferToBuffer(r.buffer, 0, staging, offset, r.bytes);
      offset += r.bytes;
    }
  }
  gpu.device.queue.submit([encoder.finish()]);
  if (counters) counters.submits++;
  const mapped = staging.mapAsync(GPUMapMode.READ, 0, Math.max(4, total));
  if (counters) counters.readbacks++;
  await mapped;
  const all = new Uint32Array(staging.getMappedRange(0, Math.max(4, total)).slice(0));
  staging.unmap();
  offset = 0;
  const results = outputs.map((o) => {
    const words = o.reads.map((r) => {
      const view = all.subarray(offset / 4, (offset + r.bytes) / 4);
      offset += r.bytes;
      return view;
    });
    return o.decode(words);
  });
  return results as unknown as T;
}

/**
 * Runs `body` inside out-of-memory and validation error scopes: a validation error is a bug (Error), running out
 * of memory a limit (GpuLimitError); otherwise an exception from `body` is rethrown.
 */
export async function withErrorScopes<T>(gpu: GpuContext, what: string, body: () => Promise<T>): Promise<T> {
  gpu.device.pushErrorScope('out-of-memory');
  gpu.device.pushErrorScope('validation');
  let result: T | undefined;
  let failure: unknown;
  try {
    result = await body();
  } catch (e) {
    failure = e;
  }
  const validation = await gpu.device.popErrorScope();
  const oom = await gpu.device.popErrorScope();
  // a failed mapAsync only says that the work was invalid; the scopes say why
  if (oom) throw new GpuLimitError(`${what}: the GPU ran out of memory (${oom.message})`);
  if (validation) throw new Error(`${what}: WebGPU validation error: ${validation.message}`);
  if (failure !== undefined) throw failure;
  return result as T;
}
