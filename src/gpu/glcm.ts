/**
 * Wrapper of shaders/glcm.wgsl: records the GLCM count dispatch into a caller's command encoder, so that a
 * whole case is one submit; `glcmOnGpu` is the one-shot form (one submit, one read-back).
 */
import { makeShaderDataDefinitions, makeStructuredView } from 'webgpu-utils';
import glcmWgsl from '../../shaders/glcm.wgsl?raw';
import type { GreyLevels } from '../core/discretise.js';
import { directionsFor } from '../core/directions.js';
import type { GlcmCounts, GlcmSettings } from '../core/matrices/glcm.js';
import { checkBindingSize, type GpuContext } from './device.js';

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
    const [nx, ny, nz] = grey.dims;
    const directions = directionsFor(settings.dimension);
    const matrices = directions.length * (settings.dimension === '3d' ? 1 : nz);
    const countBytes = matrices * grey.ng * grey.ng * 4;
    checkBindingSize(this.gpu, countBytes, 'the GLCM count matrices');

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
    const paramBuffer = device.createBuffer({
      label: 'Glcm.params',
      size: params.arrayBuffer.byteLength,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    device.queue.writeBuffer(paramBuffer, 0, params.arrayBuffer);
    const directionData = new Int32Array(directions.flatMap(([x, y, z]) => [x, y, z, 0]));
    const directionBuffer = device.createBuffer({
      label: 'Glcm.directions',
      size: directionData.byteLength,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
    device.queue.writeBuffer(directionBuffer, 0, directionData);
    const counts = device.createBuffer({
      label: 'Glcm.counts',
      size: Math.max(4, countBytes),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    encoder.clearBuffer(counts);

    const bindGroup = device.createBindGroup({
      label: 'Glcm.bindGroup',
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: paramBuffer } },
        { binding: 1, resource: { buffer: levels } },
        { binding: 2, resource: { buffer: directionBuffer } },
        { binding: 3, resource: { buffer: counts } },
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
