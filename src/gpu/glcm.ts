/**
 * Wrapper of shaders/glcm.wgsl: records the GLCM count dispatch into a caller's command encoder, so that a
 * whole case is one submit; `glcmOnGpu` is the one-shot form (one submit, one read-back).
 *
 * Two forms of the same kernel: the IBSI GLCM (GlcmSettings: 13 or 4 directions times one distance, per-slice
 * matrices in 2D; twin src/core/matrices/glcm.ts) and PyRadiomics' GLCM (GlcmOffsetsGpuSettings: any offsets, one
 * whole-grid matrix per offset, P + P^T only when symmetric; twin src/core/matrices/glcm-offsets.ts). Either way
 * every offset is in the one dispatch (workgroups along z).
 */
import { makeShaderDataDefinitions, makeStructuredView } from 'webgpu-utils';
import glcmWgsl from '../../shaders/glcm.wgsl?raw';
import type { GreyLevels } from '../core/discretise.js';
import { directionsFor } from '../core/directions.js';
import type { GlcmCounts, GlcmSettings } from '../core/matrices/glcm.js';
import type { Vec3 } from '../core/volume.js';
import type { BufferPool } from './buffer-pool.js';
import { checkBindingSize, type GpuContext } from './device.js';
import { kernelFor, type Bound } from './kernel.js';
import { checkIndexRange, checkWorkgroups } from './limits.js';
import { runOnGreyLevels } from './one-shot.js';
import type { GpuOutput } from './readback.js';

const WORKGROUP_SIZE = 64;
const MAX_GROUPS_PER_DIMENSION = 65535;

/** PyRadiomics' GLCM request: (dx, dy, dz) triplets, one ng x ng matrix each; symmetric adds the transpose. */
export interface GlcmOffsetsGpuSettings {
  offsets: Int32Array;
  symmetric: boolean;
}

/** What one dispatch counts: offsets (already times the distance), matrices per slice or not, both orders or one. */
interface GlcmDispatch {
  /** (dx, dy, dz, 0) per offset */
  offsets: Int32Array;
  count: number;
  perSlice: boolean;
  symmetric: boolean;
  words: number;
}

export class GlcmKernel {
  private readonly pipeline: GPUComputePipeline;
  // Parsed here, not at import: the parser reads WebGPU globals that exist only where WebGPU does.
  private readonly definitions = makeShaderDataDefinitions(glcmWgsl);

  constructor(private readonly gpu: GpuContext) {
    const module = gpu.device.createShaderModule({ label: 'Glcm.shader', code: glcmWgsl });
    this.pipeline = gpu.device.createComputePipeline({
      label: 'Glcm.pipeline',
      layout: 'auto',
      compute: { module, entryPoint: 'main', constants: { WORKGROUP_SIZE } },
    });
  }

  /**
   * Records the count dispatch for `levels` (a u32 buffer: 0 outside the ROI, 1..ng inside) and returns the
   * counts buffer (matrices x ng x ng u32, zeroed in the same encoder). The caller owns and destroys it.
   */
  encode(encoder: GPUCommandEncoder, levels: GPUBuffer, grey: Pick<GreyLevels, 'dims' | 'ng'>, settings: GlcmSettings): GPUBuffer {
    const { device } = this.gpu;
    return this.record(encoder, { buffer: levels }, grey, ibsiDispatch(this.gpu, grey, settings), (label, size, usage) => device.createBuffer({ label, size, usage }));
  }

  /**
   * As `encode`, for a shared case (case-runner.ts): buffers come from `pool`, and the counts come back through
   * the case's one read-back as the twin's GlcmCounts.
   */
  encodeOutput(encoder: GPUCommandEncoder, pool: BufferPool, levels: Bound, grey: Pick<GreyLevels, 'dims' | 'ng'>, settings: GlcmSettings): GpuOutput<GlcmCounts> {
    const counts = this.record(encoder, levels, grey, ibsiDispatch(this.gpu, grey, settings), (label, size, usage) => pool.acquire(label, size, usage));
    const { words, directions, slices } = planGlcm(this.gpu, grey, settings);
    return {
      reads: [{ buffer: counts, bytes: words * 4 }],
      decode: ([w]) => ({ counts: w.slice(), ng: grey.ng, directions, slices }),
    };
  }

  /**
   * PyRadiomics' GLCM for a shared case: one matrix per offset over the whole grid (nOffsets x ng x ng u32, the
   * layout of computeGlcmByOffsets). Cropping the grid to the ROI box changes nothing: a neighbour outside the box
   * is outside the ROI.
   */
  encodeOffsetsOutput(encoder: GPUCommandEncoder, pool: BufferPool, levels: Bound, grey: Pick<GreyLevels, 'dims' | 'ng'>, settings: GlcmOffsetsGpuSettings): GpuOutput<Uint32Array> {
    const plan = offsetsDispatch(this.gpu, grey, settings);
    const counts = this.record(encoder, levels, grey, plan, (label, size, usage) => pool.acquire(label, size, usage));
    return { reads: [{ buffer: counts, bytes: plan.words * 4 }], decode: ([w]) => w.slice() };
  }

  private record(
    encoder: GPUCommandEncoder,
    levels: GPUBufferBinding,
    grey: Pick<GreyLevels, 'dims' | 'ng'>,
    plan: GlcmDispatch,
    createBuffer: (label: string, size: number, usage: GPUBufferUsageFlags) => GPUBuffer,
  ): GPUBuffer {
    const { device } = this.gpu;
    const [nx, ny, nz] = grey.dims;
    const countBytes = Math.max(4, plan.words * 4);

    const groups = Math.ceil((nx * ny * nz) / WORKGROUP_SIZE);
    const groupsX = Math.min(groups, MAX_GROUPS_PER_DIMENSION);
    const groupsY = Math.ceil(groups / groupsX);

    const params = makeStructuredView(this.definitions.uniforms.params);
    params.set({
      dims: [nx, ny, nz],
      ng: grey.ng,
      direction_count: plan.count,
      distance: 1,
      per_slice: plan.perSlice ? 1 : 0,
      row_stride: groupsX * WORKGROUP_SIZE,
      symmetric: plan.symmetric ? 1 : 0,
    });
    const paramBuffer = createBuffer('Glcm.params', params.arrayBuffer.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    device.queue.writeBuffer(paramBuffer, 0, params.arrayBuffer);
    const offsetData = plan.offsets.length > 0 ? plan.offsets : new Int32Array(4);
    const offsetBuffer = createBuffer('Glcm.directions', offsetData.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    device.queue.writeBuffer(offsetBuffer, 0, offsetData);
    const counts = createBuffer('Glcm.counts', countBytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    encoder.clearBuffer(counts, 0, countBytes);
    if (plan.count === 0) return counts;

    const bindGroup = device.createBindGroup({
      label: 'Glcm.bindGroup',
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: paramBuffer, size: params.arrayBuffer.byteLength } },
        { binding: 1, resource: levels },
        { binding: 2, resource: { buffer: offsetBuffer, size: offsetData.byteLength } },
        { binding: 3, resource: { buffer: counts, size: countBytes } },
      ],
    });
    const pass = encoder.beginComputePass({ label: 'Glcm.pass' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(groupsX, groupsY, plan.count);
    pass.end();
    return counts;
  }
}

/** The voxel workgroups and the offsets along z must fit the device's workgroup counts. */
function checkDispatch(gpu: GpuContext, grey: Pick<GreyLevels, 'dims'>, offsets: number): void {
  checkWorkgroups(gpu, Math.ceil(Math.ceil((grey.dims[0] * grey.dims[1] * grey.dims[2]) / WORKGROUP_SIZE) / MAX_GROUPS_PER_DIMENSION), 'the GLCM dispatch');
  checkWorkgroups(gpu, offsets, 'the GLCM offsets');
}

function ibsiDispatch(gpu: GpuContext, grey: Pick<GreyLevels, 'dims' | 'ng'>, settings: GlcmSettings): GlcmDispatch {
  const { words, directions } = planGlcm(gpu, grey, settings);
  const d = settings.distance;
  const offsets = new Int32Array(directions.flatMap(([x, y, z]) => [x * d, y * d, z * d, 0]));
  return { offsets, count: directions.length, perSlice: settings.dimension !== '3d', symmetric: true, words };
}

function offsetsDispatch(gpu: GpuContext, grey: Pick<GreyLevels, 'dims' | 'ng'>, settings: GlcmOffsetsGpuSettings): GlcmDispatch {
  const { words, count } = planGlcmOffsets(gpu, grey, settings);
  const offsets = new Int32Array(4 * count);
  for (let k = 0; k < count; k++) offsets.set(settings.offsets.subarray(3 * k, 3 * k + 3), 4 * k);
  return { offsets, count, perSlice: false, symmetric: settings.symmetric, words };
}

/** Sizes PyRadiomics' GLCM counts (nOffsets x ng x ng); throws GpuLimitError when they do not fit this device. */
export function planGlcmOffsets(gpu: GpuContext, grey: Pick<GreyLevels, 'dims' | 'ng'>, settings: GlcmOffsetsGpuSettings): { words: number; count: number } {
  if (settings.offsets.length % 3 !== 0) throw new Error(`GLCM offsets come in (dx, dy, dz) triplets, got ${settings.offsets.length} numbers`);
  const count = settings.offsets.length / 3;
  const words = count * grey.ng * grey.ng;
  checkIndexRange(words, 'the GLCM count matrices');
  checkBindingSize(gpu, words * 4, 'the GLCM count matrices');
  checkBindingSize(gpu, count * 16, 'the GLCM offsets');
  checkDispatch(gpu, grey, count);
  return { words, count };
}

/** Sizes the GLCM counts of a case; throws GpuLimitError when they do not fit this device. */
export function planGlcm(gpu: GpuContext, grey: Pick<GreyLevels, 'dims' | 'ng'>, settings: GlcmSettings): { words: number; directions: readonly Vec3[]; slices: number } {
  const directions = directionsFor(settings.dimension);
  const slices = settings.dimension === '3d' ? 1 : grey.dims[2];
  const words = directions.length * slices * grey.ng * grey.ng;
  checkIndexRange(words, 'the GLCM count matrices');
  checkBindingSize(gpu, words * 4, 'the GLCM count matrices');
  checkDispatch(gpu, grey, directions.length);
  return { words, directions, slices };
}

/** Uploads a grey-level volume as a u32 storage buffer. */
export function uploadLevels(gpu: GpuContext, grey: GreyLevels): GPUBuffer {
  checkBindingSize(gpu, grey.levels.byteLength, 'the grey-level volume');
  const buffer = gpu.device.createBuffer({
    label: 'Levels.buffer',
    size: Math.max(4, grey.levels.byteLength),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
  });
  gpu.device.queue.writeBuffer(buffer, 0, grey.levels);
  return buffer;
}

/** Copies `source` into a mappable buffer within `encoder`; after submit, `readU32` returns its contents. */
export function encodeReadback(gpu: GpuContext, encoder: GPUCommandEncoder, source: GPUBuffer): GPUBuffer {
  const staging = gpu.device.createBuffer({
    label: 'Readback.staging',
    size: source.size,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  encoder.copyBufferToBuffer(source, 0, staging, 0, source.size);
  return staging;
}

export async function readU32(staging: GPUBuffer, length: number): Promise<Uint32Array> {
  await staging.mapAsync(GPUMapMode.READ);
  const out = new Uint32Array(staging.getMappedRange().slice(0, length * 4));
  staging.unmap();
  staging.destroy();
  return out;
}

const kernels = new WeakMap<GPUDevice, GlcmKernel>();

/** One submit and one read-back: levels up, GLCM counts down. */
export async function glcmOnGpu(gpu: GpuContext, grey: GreyLevels, settings: GlcmSettings): Promise<GlcmCounts> {
  let kernel = kernels.get(gpu.device);
  if (!kernel) {
    kernel = new GlcmKernel(gpu);
    kernels.set(gpu.device, kernel);
  }
  const levels = uploadLevels(gpu, grey);
  const encoder = gpu.device.createCommandEncoder({ label: 'Glcm.encoder' });
  const counts = kernel.encode(encoder, levels, grey, settings);
  const staging = encodeReadback(gpu, encoder, counts);
  gpu.device.queue.submit([encoder.finish()]);
  const directions = directionsFor(settings.dimension);
  const slices = settings.dimension === '3d' ? 1 : grey.dims[2];
  const data = await readU32(staging, directions.length * slices * grey.ng * grey.ng);
  levels.destroy();
  counts.destroy();
  return { counts: data, ng: grey.ng, directions, slices };
}

/** One submit, one read-back: PyRadiomics' GLCM of `grey`, equal to computeGlcmByOffsets(grey, offsets, symmetric). */
export function glcmOffsetsOnGpu(gpu: GpuContext, grey: GreyLevels, settings: GlcmOffsetsGpuSettings): Promise<Uint32Array> {
  return runOnGreyLevels(gpu, 'Glcm', grey, (encoder, pool, levels, shape) => kernelFor(gpu, GlcmKernel).encodeOffsetsOutput(encoder, pool, levels, shape, settings), (m) => m);
}
