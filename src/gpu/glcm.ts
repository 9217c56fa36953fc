/**
 * Wrapper of shaders/glcm.wgsl: records the GLCM count dispatch into a caller's command encoder, so that a
 * whole case is one submit; `glcmOnGpu` is the one-shot form (one submit, one read-back).
 */
import { makeShaderDataDefinitions, makeStructuredView } from 'webgpu-utils';
import glcmWgsl from '../../shaders/glcm.wgsl?raw';
import type { GreyLevels } from '../core/discretise.js';
import { directionsFor } from '../core/directions.js';
import type { GlcmCounts, GlcmSettings } from '../core/matrices/glcm.js';
import type { Vec3 } from '../core/volume.js';
import type { BufferPool } from './buffer-pool.js';
import { checkBindingSize, type GpuContext } from './device.js';
import type { Bound } from './kernel.js';
import { checkIndexRange, checkWorkgroups } from './limits.js';
import type { GpuOutput } from './readback.js';

const WORKGROUP_SIZE = 64;
const MAX_GROUPS_PER_DIMENSION = 65535;

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
    return this.record(encoder, { buffer: levels }, grey, settings, (label, size, usage) => device.createBuffer({ label, size, usage }));
  }

  /**
   * As `encode`, for a shared case (case-runner.ts): buffers come from `pool`, and the counts come back through
   * the case's one read-back as the twin's GlcmCounts.
   */
  encodeOutput(encoder: GPUCommandEncoder, pool: BufferPool, levels: Bound, grey: Pick<GreyLevels, 'dims' | 'ng'>, settings: GlcmSettings): GpuOutput<GlcmCounts> {
    const counts = this.record(encoder, levels, grey, settings, (label, size, usage) => pool.acquire(label, size, usage));
    const { words, directions, slices } = planGlcm(this.gpu, grey, settings);
    return {
      reads: [{ buffer: counts, bytes: words * 4 }],
      decode: ([w]) => ({ counts: w.slice(), ng: grey.ng, directions, slices }),
    };
  }

  private record(
    encoder: GPUCommandEncoder,
    levels: GPUBufferBinding,
    grey: Pick<GreyLevels, 'dims' | 'ng'>,
    settings: GlcmSettings,
    createBuffer: (label: string, size: number, usage: GPUBufferUsageFlags) => GPUBuffer,
  ): GPUBuffer {
    const { device } = this.gpu;
    const [nx, ny, nz] = grey.dims;
    const directions = directionsFor(settings.dimension);
    const countBytes = planGlcm(this.gpu, grey, settings).words * 4;

    const groups = Math.ceil((nx * ny * nz) / WORKGROUP_SIZE);
    const groupsX = Math.min(groups, MAX_GROUPS_PER_DIMENSION);
    const groupsY = Math.ceil(groups / groupsX);

    const params = makeStructuredView(this.definitions.uniforms.params);
    params.set({
      dims: [nx, ny, nz],
      ng: grey.ng,
      direction_count: directions.length,
      distance: settings.distance,
      per_slice: settings.dimension === '3d' ? 0 : 1,
      row_stride: groupsX * WORKGROUP_SIZE,
    });
    const paramBuffer = createBuffer('Glcm.params', params.arrayBuffer.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    device.queue.writeBuffer(paramBuffer, 0, params.arrayBuffer);
    const directionData = new Int32Array(directions.flatMap(([x, y, z]) => [x, y, z, 0]));
    const directionBuffer = createBuffer('Glcm.directions', directionData.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    device.queue.writeBuffer(directionBuffer, 0, directionData);
    const counts = createBuffer('Glcm.counts', Math.max(4, countBytes), GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    encoder.clearBuffer(counts, 0, Math.max(4, countBytes));

    const bindGroup = device.createBindGroup({
      label: 'Glcm.bindGroup',
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: paramBuffer, size: params.arrayBuffer.byteLength } },
        { binding: 1, resource: levels },
        { binding: 2, resource: { buffer: directionBuffer, size: directionData.byteLength } },
        { binding: 3, resource: { buffer: counts, size: Math.max(4, countBytes) } },
      ],
    });
    const pass = encoder.beginComputePass({ label: 'Glcm.pass' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(groupsX, groupsY, directions.length);
    pass.end();
    return counts;
  }
}

/** Sizes the GLCM counts of a case; throws GpuLimitError when they do not fit this device. */
export function planGlcm(gpu: GpuContext, grey: Pick<GreyLevels, 'dims' | 'ng'>, settings: GlcmSettings): { words: number; directions: readonly Vec3[]; slices: number } {
  const directions = directionsFor(settings.dimension);
  const slices = settings.dimension === '3d' ? 1 : grey.dims[2];
  const words = directions.length * slices * grey.ng * grey.ng;
  checkIndexRange(words, 'the GLCM count matrices');
  checkBindingSize(gpu, words * 4, 'the GLCM count matrices');
  checkWorkgroups(gpu, Math.ceil(Math.ceil((grey.dims[0] * grey.dims[1] * grey.dims[2]) / WORKGROUP_SIZE) / MAX_GROUPS_PER_DIMENSION), 'the GLCM dispatch');
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
