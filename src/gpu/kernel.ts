/**
 * What every kernel wrapper shares: one shader module (shaders/common.wgsl + the kernel's file, joined by string
 * concatenation), one explicit bind group layout for all of its entry points (an 'auto' layout would drop the
 * bindings an entry point does not use), pipelines cached per entry point and override constants, and the
 * `params` uniform laid out from the WGSL struct itself (webgpu-utils), never from offsets computed by hand.
 */
import { makeShaderDataDefinitions, makeStructuredView, type ShaderDataDefinitions } from 'webgpu-utils';
import commonWgsl from '../../shaders/common.wgsl?raw';
import type { Vec3 } from '../core/volume.js';
import type { BufferPool } from './buffer-pool.js';
import type { GpuContext } from './device.js';
import { WORKGROUP_SIZE } from './limits.js';

/** uniform, read-only storage, or read-write storage */
export type BindingKind = 'uniform' | 'read' | 'write';

/** A buffer range bound to a shader: pooled buffers are often larger than what a case uses. */
export interface Bound {
  buffer: GPUBuffer;
  size: number;
}

export function bound(buffer: GPUBuffer, bytes: number): Bound {
  return { buffer, size: Math.max(4, Math.ceil(bytes / 4) * 4) };
}

export interface KernelSpec {
  /** PascalCase prefix of every GPU object label, e.g. 'Glrlm' */
  label: string;
  /** the kernel's own WGSL; common.wgsl is prepended */
  code: string;
  /** binding i of group 0 */
  bindings: readonly BindingKind[];
}

const BUFFER_TYPE: Record<BindingKind, GPUBufferBindingType> = { uniform: 'uniform', read: 'read-only-storage', write: 'storage' };

export class ComputeKernel {
  readonly label: string;
  /** parsed here, not at import: the parser reads WebGPU globals that exist only where WebGPU does */
  readonly definitions: ShaderDataDefinitions;
  private readonly module: GPUShaderModule;
  private readonly layout: GPUBindGroupLayout;
  private readonly pipelineLayout: GPUPipelineLayout;
  private readonly pipelines = new Map<string, GPUComputePipeline>();

  constructor(
    private readonly gpu: GpuContext,
    spec: KernelSpec,
  ) {
    const { device } = gpu;
    this.label = spec.label;
    const code = `${commonWgsl}\n${spec.code}`;
    this.definitions = makeShaderDataDefinitions(code);
    this.module = device.createShaderModule({ label: `${spec.label}.shader`, code });
    this.layout = device.createBindGroupLayout({
      label: `${spec.label}.bindGroupLayout`,
      entries: spec.bindings.map((kind, binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: BUFFER_TYPE[kind] } })),
    });
    this.pipelineLayout = device.createPipelineLayout({ label: `${spec.label}.pipelineLayout`, bindGroupLayouts: [this.layout] });
  }

  /** Compiler errors and warnings of the module, as 'line:column message' (empty when it compiled cleanly). */
  async compilationMessages(): Promise<string[]> {
    const info = await this.module.getCompilationInfo();
    return info.messages.map((m) => `${this.label} ${m.type} ${m.lineNum}:${m.linePos} ${m.message}`);
  }

  /** The pipeline of `entryPoint` with these override constants (WORKGROUP_SIZE is always set). */
  pipeline(entryPoint: string, constants: Record<string, number> = {}): GPUComputePipeline {
    const all = { WORKGROUP_SIZE, ...constants };
    const key = `${entryPoint}:${JSON.stringify(all)}`;
    let pipeline = this.pipelines.get(key);
    if (!pipeline) {
      pipeline = this.gpu.device.createComputePipeline({
        label: `${this.label}.pipeline.${entryPoint}`,
        layout: this.pipelineLayout,
        compute: { module: this.module, entryPoint, constants: all },
      });
      this.pipelines.set(key, pipeline);
    }
    return pipeline;
  }

  /** Writes the kernel's `params` uniform (struct layout from the WGSL) into a pooled buffer. */
  params(pool: BufferPool, values: Record<string, unknown>): Bound {
    const view = makeStructuredView(this.definitions.uniforms.params);
    view.set(values);
    const bytes = view.arrayBuffer.byteLength;
    const buffer = pool.acquire(`${this.label}.params`, bytes, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.gpu.device.queue.writeBuffer(buffer, 0, view.arrayBuffer);
    return { buffer, size: bytes };
  }

  bindGroup(entries: readonly Bound[]): GPUBindGroup {
    return this.gpu.device.createBindGroup({
      label: `${this.label}.bindGroup`,
      layout: this.layout,
      entries: entries.map((resource, binding) => ({ binding, resource })),
    });
  }
}

/** Records one dispatch of `pipeline` with `bindGroup` into `pass`. */
export function dispatch(pass: GPUComputePassEncoder, pipeline: GPUComputePipeline, bindGroup: GPUBindGroup, x: number, y = 1, z = 1): void {
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(x, y, z);
}

/** One kernel object per device and class, created on first use (pipelines compile once per device). */
const kernelCache = new WeakMap<GPUDevice, Map<unknown, unknown>>();

export function kernelFor<K>(gpu: GpuContext, Kind: new (gpu: GpuContext) => K): K {
  let map = kernelCache.get(gpu.device);
  if (!map) {
    map = new Map();
    kernelCache.set(gpu.device, map);
  }
  let kernel = map.get(Kind) as K | undefined;
  if (!kernel) {
    kernel = new Kind(gpu);
    map.set(Kind, kernel);
  }
  return kernel;
}

/** What a texture kernel needs to know of a grey-level volume besides its buffer. */
export interface GreyShape {
  dims: Vec3;
  ng: number;
  /** ROI voxels */
  count: number;
}

/** Override constants of a per-workgroup histogram of `words` entries (LOCAL_WORDS 1 = global atomics). */
export function localHistogramConstants(localWords: number): Record<string, number> {
  return localWords > 0 ? { USE_LOCAL: 1, LOCAL_WORDS: localWords } : { USE_LOCAL: 0, LOCAL_WORDS: 1 };
}

/** Voxels each invocation should walk so that clearing and flushing a local histogram stays under 1/4 of the work. */
export function voxelsPerInvocation(localWords: number): number {
  return localWords > 0 ? Math.max(1, Math.ceil((4 * localWords) / WORKGROUP_SIZE)) : 1;
}
