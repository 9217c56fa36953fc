/**
 * Wrapper of shaders/roi-gather.wgsl: the values of GPU f32 volumes at the ROI's voxels, in ascending voxel order,
 * packed one volume after another into one buffer, so that a filter stage reads back only the ROI values of its
 * derived images (src/pipeline/gpu-prefilter.ts), never whole volumes. Unlike shaders/roi-values.wgsl (which
 * compacts in no particular order, enough for sorted intensities) the order is the voxel list's, so each value
 * goes back to its voxel.
 */
import roiGatherWgsl from '../../shaders/roi-gather.wgsl?raw';
import type { Mask } from '../core/volume.js';
import type { BufferPool } from './buffer-pool.js';
import type { GpuVolume } from './convolve-axis.js';
import type { GpuContext } from './device.js';
import { bound, ComputeKernel, dispatch, type Bound } from './kernel.js';
import { checkIndexRange, checkStorageBytes, strideGroups, WORKGROUP_SIZE } from './limits.js';

/** Indices (x + nx (y + ny z)) of the mask's voxels, ascending; from its x-runs ((start, end) pairs) when given. */
export function roiVoxelList(mask: Mask, runs: Int32Array | null = null): Uint32Array {
  if (runs !== null) {
    let n = 0;
    for (let r = 0; r < runs.length; r += 2) n += runs[r + 1] - runs[r];
    const out = new Uint32Array(n);
    for (let r = 0, k = 0; r < runs.length; r += 2) for (let i = runs[r]; i < runs[r + 1]; i++) out[k++] = i;
    return out;
  }
  const m = mask.data;
  let n = 0;
  for (let i = 0; i < m.length; i++) if (m[i]) n++;
  const out = new Uint32Array(n);
  for (let i = 0, k = 0; i < m.length; i++) if (m[i]) out[k++] = i;
  return out;
}

/** Checks that a voxel list of `count` entries and `volumes` volumes' values of it fit this device. */
export function checkRoiGather(gpu: GpuContext, count: number, volumes: number): void {
  checkIndexRange(count * volumes, 'the gathered ROI values');
  checkStorageBytes(gpu, count * 4, 'the ROI voxel list');
  checkStorageBytes(gpu, count * volumes * 4, 'the gathered ROI values');
}

export class RoiGatherKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, { label: 'RoiGather', code: roiGatherWgsl, bindings: ['uniform', 'read', 'read', 'write'] });
  }

  /** Uploads the voxel list once (storage buffer of `pool`). */
  uploadVoxels(pool: BufferPool, voxels: Uint32Array): Bound {
    checkStorageBytes(this.gpu, voxels.byteLength, 'the ROI voxel list');
    return bound(pool.upload('RoiGather.voxels', voxels.length ? voxels : new Uint32Array(1), GPUBufferUsage.STORAGE), voxels.byteLength);
  }

  /**
   * Records gathered[offset + i] = volume[voxels[i]] for every i < count into `pass`. `gathered` must hold
   * offset + count words; every volume index in the list must lie inside `volume`.
   */
  encode(pass: GPUComputePassEncoder, pool: BufferPool, volume: GpuVolume, voxels: Bound, count: number, gathered: Bound, offset: number): void {
    if (count === 0) return;
    const groups = strideGroups(this.gpu, count);
    const params = this.kernel.params(pool, { count, offset, stride: groups * WORKGROUP_SIZE });
    dispatch(pass, this.kernel.pipeline('gather'), this.kernel.bindGroup([params, volume.data, voxels, gathered]), groups);
  }
}
