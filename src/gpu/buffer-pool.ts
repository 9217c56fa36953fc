/**
 * Buffers reused across cases. A case acquires every buffer it needs from the pool (keyed by label and usage);
 * after its read-back, `recycle()` makes them all available to the next case, which takes the smallest free
 * buffer that is large enough. Bindings therefore always give an explicit size, and kernels never use
 * arrayLength(). Reuse right after a submit is safe: the queue runs later writes and submits after earlier ones.
 */
import type { GpuContext } from './device.js';

interface Entry {
  key: string;
  buffer: GPUBuffer;
}

/** Sizes grow in steps of 1/8 of a power of two, so that nearby case sizes share buffers without doubling memory. */
function roundSize(bytes: number): number {
  const b = Math.max(16, Math.ceil(bytes / 4) * 4);
  const step = Math.max(16, 2 ** Math.floor(Math.log2(b)) / 8);
  return Math.ceil(b / step) * step;
}

export class BufferPool {
  private readonly free = new Map<string, GPUBuffer[]>();
  private inUse: Entry[] = [];

  constructor(private readonly gpu: GpuContext) {}

  /** A buffer of at least `bytes` (at least 16) for this case; zeroing it, if needed, is the caller's job. */
  acquire(label: string, bytes: number, usage: GPUBufferUsageFlags): GPUBuffer {
    const key = `${label}|${usage}`;
    const list = this.free.get(key) ?? [];
    let best = -1;
    for (let i = 0; i < list.length; i++) {
      if (list[i].size >= bytes && (best < 0 || list[i].size < list[best].size)) best = i;
    }
    let buffer: GPUBuffer;
    if (best >= 0) {
      buffer = list.splice(best, 1)[0];
    } else {
      let size = roundSize(bytes);
      if (size > this.gpu.limits.maxBufferSize) size = Math.max(16, Math.ceil(bytes / 4) * 4);
      buffer = this.gpu.device.createBuffer({ label, size, usage });
    }
    this.inUse.push({ key, buffer });
    return buffer;
  }

  /** Uploads `data` into a pooled buffer (padded to 4 bytes, as writeBuffer requires). */
  upload(label: string, data: ArrayBufferView, usage: GPUBufferUsageFlags): GPUBuffer {
    const bytes = data.byteLength;
    const buffer = this.acquire(label, bytes, usage | GPUBufferUsage.COPY_DST);
    const src = new Uint8Array(data.buffer, data.byteOffset, bytes);
    if (bytes % 4 === 0 && data.byteOffset % 4 === 0) {
      if (bytes > 0) this.gpu.device.queue.writeBuffer(buffer, 0, src);
    } else {
      const padded = new Uint8Array(Math.ceil(bytes / 4) * 4);
      padded.set(src);
      this.gpu.device.queue.writeBuffer(buffer, 0, padded);
    }
    return buffer;
  }

  /** Makes every buffer acquired since the last call available again (call once the case's read-back is done). */
  recycle(): void {
    for (const { key, buffer } of this.inUse) {
      const list = this.free.get(key);
      if (list) list.push(buffer);
      else this.free.set(key, [buffer]);
    }
    this.inUse = [];
  }

  /** Bytes held by the pool (free and in use). */
  heldBytes(): number {
    let total = 0;
    for (const list of this.free.values()) for (const b of list) total += b.size;
    for (const e of this.inUse) total += e.buffer.size;
    return total;
  }

  /** Destroys free buffers, largest first, until the free ones hold at most `keepBytes`. */
  trim(keepBytes: number): void {
    const free: GPUBuffer[] = [];
    for (const list of this.free.values()) free.push(...list);
    let held = free.reduce((t, b) => t + b.size, 0);
    if (held <= keepBytes) return;
    free.sort((a, b) => b.size - a.size);
    const dropped = new Set<GPUBuffer>();
    for (const b of free) {
      if (held <= keepBytes) break;
      dropped.add(b);
      held -= b.size;
      b.destroy();
    }
    for (const [key, list] of this.free) this.free.set(key, list.filter((b) => !dropped.has(b)));
  }

  destroy(): void {
    this.recycle();
    for (const list of this.free.values()) for (const b of list) b.destroy();
    this.free.clear();
  }
}
