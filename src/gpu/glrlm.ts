/**
 * Wrapper of shaders/glrlm.wgsl: the run length counts of computeGlrlm (src/core/matrices/glrlm.ts), same layout,
 * all directions in one dispatch.
 */
import glrlmWgsl from '../../shaders/glrlm.wgsl?raw';
import type { GreyLevels } from '../core/discretise.js';
import { directionsFor } from '../core/directions.js';
import type { GlrlmCounts, GlrlmSettings } from '../core/matrices/glrlm.js';
import type { BufferPool } from './buffer-pool.js';
import { uncropGlrlm } from './crop.js';
import type { GpuContext } from './device.js';
import { bound, ComputeKernel, dispatch, kernelFor, type Bound, type GreyShape } from './kernel.js';
import { checkIndexRange, checkStorageBytes, sliceGroupsX } from './limits.js';
import { runOnGreyLevels } from './one-shot.js';
import type { GpuOutput } from './readback.js';

export function planGlrlm(gpu: GpuContext, grey: GreyShape, settings: GlrlmSettings): { maxRun: number; slices: number; words: number } {
  const [nx, ny, nz] = grey.dims;
  const maxRun = settings.dimension === '3d' ? Math.max(nx, ny, nz) : Math.max(nx, ny);
  const slices = settings.dimension === '3d' ? 1 : nz;
  const words = directionsFor(settings.dimension).length * slices * grey.ng * maxRun;
  checkIndexRange(words, 'the GLRLM');
  checkStorageBytes(gpu, words * 4, 'the GLRLM');
  return { maxRun, slices, words };
}

export class GlrlmKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, { label: 'Glrlm', code: glrlmWgsl, bindings: ['uniform', 'read', 'write'] });
  }

  encode(encoder: GPUCommandEncoder, pool: BufferPool, levels: Bound, grey: GreyShape, settings: GlrlmSettings): GpuOutput<GlrlmCounts> {
    const { maxRun, slices, words } = planGlrlm(this.gpu, grey, settings);
    const [nx, ny, nz] = grey.dims;
    const directions = directionsFor(settings.dimension);
    const counts = bound(pool.acquire('Glrlm.counts', words * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST), words * 4);
    encoder.clearBuffer(counts.buffer, 0, counts.size);
    const groupsX = sliceGroupsX(this.gpu, nx * ny);
    const params = this.kernel.params(pool, {
      dims: [nx, ny, nz],
      groups_x: groupsX,
      ng: grey.ng,
      max_run: maxRun,
      direction_count: directions.length,
      per_slice: settings.dimension === '3d' ? 0 : 1,
      directions: directions.flatMap(([x, y, z]) => [x, y, z, 0]),
    });
    const pass = encoder.beginComputePass({ label: 'Glrlm.pass' });
    dispatch(pass, this.kernel.pipeline('runs'), this.kernel.bindGroup([params, levels, counts]), groupsX, nz, directions.length);
    pass.end();
    const { dimension } = settings;
    return {
      reads: [{ buffer: counts.buffer, bytes: words * 4 }],
      decode: ([w]) => ({ dimension, counts: w.slice(), ng: grey.ng, maxRun, directions, slices }),
    };
  }
}

/** One submit, one read-back: the GLRLM of `grey`, equal to computeGlrlm(grey, settings). */
export function glrlmOnGpu(gpu: GpuContext, grey: GreyLevels, settings: GlrlmSettings): Promise<GlrlmCounts> {
  return runOnGreyLevels(
    gpu,
    'Glrlm',
    grey,
    (encoder, pool, levels, shape) => kernelFor(gpu, GlrlmKernel).encode(encoder, pool, levels, shape, settings),
    uncropGlrlm,
  );
}
