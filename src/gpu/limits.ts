/**
 * Device-limit checks shared by every kernel wrapper. Each wrapper sizes its buffers and dispatches with a
 * `plan...` function that calls these before any GPU object is created, so a case that does not fit throws
 * GpuLimitError (the caller then runs the CPU twins) instead of raising validation errors or losing the device.
 *
 * Design limits are WebGPU's defaults (what every browser guarantees): 16 KiB workgroup storage, 128 MiB
 * storage bindings, 256 MiB buffers, 256 invocations and 65535 workgroups per dimension, 8 storage buffers per
 * stage. acquireGpu asks for the adapter's own buffer limits, and these checks read the device's actual limits,
 * so larger cases run where the hardware allows.
 */
import { GpuLimitError, type GpuContext } from './device.js';

/** Invocations per workgroup of every kernel here (fits the 128 of compatibility mode and the 256 default). */
export const WORKGROUP_SIZE = 64;

/** Grey levels are u32, so voxel indices and matrix entries are u32 too: keep every count below 2^31. */
const MAX_INDEX = 2 ** 31;

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** A buffer bound as storage: both the binding and the buffer limit apply. */
export function checkStorageBytes(gpu: GpuContext, bytes: number, what: string): void {
  const max = Math.min(gpu.limits.maxStorageBufferBindingSize, gpu.limits.maxBufferSize);
  if (bytes > max) {
    throw new GpuLimitError(`${what} needs ${mib(bytes)}, above this GPU's ${mib(max)} storage buffer limit`);
  }
}

/** A buffer never bound to a shader (the read-back staging buffer). */
export function checkBufferBytes(gpu: GpuContext, bytes: number, what: string): void {
  const max = gpu.limits.maxBufferSize;
  if (bytes > max) throw new GpuLimitError(`${what} needs ${mib(bytes)}, above this GPU's ${mib(max)} buffer limit`);
}

export function checkWorkgroups(gpu: GpuContext, groups: number, what: string): void {
  const max = gpu.limits.maxComputeWorkgroupsPerDimension;
  if (groups > max) throw new GpuLimitError(`${what} needs ${groups} workgroups in one dimension, above this GPU's ${max}`);
}

export function checkIndexRange(count: number, what: string): void {
  if (count >= MAX_INDEX) throw new GpuLimitError(`${what} has ${count} entries, above the 2^31 a u32 index can address here`);
}

/** The volume itself: its grey-level buffer and its voxel indexing. */
export function checkVolume(gpu: GpuContext, dims: readonly number[], what = 'the grey-level volume'): void {
  const n = dims[0] * dims[1] * dims[2];
  checkIndexRange(n, what);
  checkStorageBytes(gpu, n * 4, what);
  // per-voxel kernels dispatch one workgroup row per slice (see common.wgsl)
  checkWorkgroups(gpu, dims[2], `${what} (${dims[2]} slices)`);
}

/** u32 words of workgroup memory a per-workgroup histogram may use (the device's limit, 16 KiB by default). */
export function localHistogramWords(gpu: GpuContext): number {
  return Math.floor(gpu.limits.maxComputeWorkgroupStorageSize / 4);
}

/**
 * Slice grid-stride geometry of common.wgsl: groups along x per slice. `voxelsPerInvocation` > 1 makes each
 * workgroup walk more voxels, which per-workgroup histograms need so that clearing and flushing them costs
 * less than the counting.
 */
export function sliceGroupsX(gpu: GpuContext, plane: number, voxelsPerInvocation = 1): number {
  const groups = Math.ceil(plane / (WORKGROUP_SIZE * Math.max(1, voxelsPerInvocation)));
  return Math.max(1, Math.min(groups, gpu.limits.maxComputeWorkgroupsPerDimension));
}

/** 1D grid-stride geometry (per line, per zone ...): workgroups along x. */
export function strideGroups(gpu: GpuContext, items: number): number {
  return Math.max(1, Math.min(Math.ceil(items / WORKGROUP_SIZE), gpu.limits.maxComputeWorkgroupsPerDimension));
}

/**
 * Local-histogram choice for a matrix of `words` u32 entries per workgroup: the power-of-two size of the
 * workgroup array (few pipeline variants), or 0 when it does not fit and global atomics are used instead.
 */
export function localHistogramSize(gpu: GpuContext, words: number): number {
  const cap = localHistogramWords(gpu);
  if (words > cap) return 0;
  let size = 64;
  while (size < words) size *= 2;
  return Math.min(size, cap);
}
