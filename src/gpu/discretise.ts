/**
 * Wrapper of shaders/discretise.wgsl: intensities + mask -> grey levels (0 outside, 1..ng inside), exactly the
 * levels of src/core/discretise.ts. The edges come from discretise-edges.ts (why: see there).
 */
import discretiseWgsl from '../../shaders/discretise.wgsl?raw';
import valuesWgsl from '../../shaders/values.wgsl?raw';
import type { Discretisation, GreyLevels } from '../core/discretise.js';
import type { Mask, Vec3, Volume } from '../core/volume.js';
import { BufferPool } from './buffer-pool.js';
import type { GpuContext } from './device.js';
import { planDiscretisation, scanRoi, type DiscretisationPlan } from './discretise-edges.js';
import { bound, ComputeKernel, dispatch, kernelFor, type Bound } from './kernel.js';
import { checkStorageBytes, checkVolume, sliceGroupsX } from './limits.js';
import { submitAndRead, withErrorScopes, type GpuOutput } from './readback.js';

/** Raw intensities and mask bytes on the GPU. */
export interface ImageOnGpu {
  values: Bound;
  mask: Bound;
  dims: Vec3;
}

/** Checks that the raw image, its mask and its grey levels fit this device. */
export function checkImageFits(gpu: GpuContext, image: Volume): void {
  checkVolume(gpu, image.dims);
  checkStorageBytes(gpu, image.data.byteLength, 'the image intensities');
}

/** Uploads the image's own bytes (no conversion) and the mask bytes into pooled buffers. */
export function uploadImage(gpu: GpuContext, pool: BufferPool, image: Volume, mask: Mask): ImageOnGpu {
  checkImageFits(gpu, image);
  const values = pool.upload('Image.values', image.data, GPUBufferUsage.STORAGE);
  const maskBuffer = pool.upload('Image.mask', mask.data, GPUBufferUsage.STORAGE);
  return { values: bound(values, image.data.byteLength), mask: bound(maskBuffer, mask.data.byteLength), dims: image.dims };
}

export class DiscretiseKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, {
      label: 'Discretise',
      code: `${valuesWgsl}\n${discretiseWgsl}`,
      bindings: ['uniform', 'read', 'read', 'read', 'write'],
    });
  }

  /** Records the discretisation of `image` by `plan` and returns the levels buffer (u32 per voxel). */
  encode(encoder: GPUCommandEncoder, pool: BufferPool, image: ImageOnGpu, plan: DiscretisationPlan, label = 'Discretise.levels'): Bound {
    const [nx, ny, nz] = image.dims;
    const n = nx * ny * nz;
    checkVolume(this.gpu, image.dims);
    const edgeBytes = Math.max(8, plan.edges.byteLength);
    checkStorageBytes(this.gpu, edgeBytes, 'the discretisation edges');
    const edges = pool.upload('Discretise.edges', plan.edges.length ? plan.edges : new Uint32Array(2), GPUBufferUsage.STORAGE);
    const levels = bound(pool.acquire(label, n * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC), n * 4);
    const groupsX = sliceGroupsX(this.gpu, nx * ny);
    const params = this.kernel.params(pool, { dims: [nx, ny, nz], groups_x: groupsX, base: plan.base, edge_count: plan.edges.length / 2 });
    const bindGroup = this.kernel.bindGroup([params, image.values, image.mask, bound(edges, edgeBytes), levels]);
    const pass = encoder.beginComputePass({ label: 'Discretise.pass' });
    dispatch(pass, this.kernel.pipeline('discretise', { VALUE_KIND: plan.kind }), bindGroup, groupsX, nz);
    pass.end();
    return levels;
  }
}

/** Reads a levels buffer back as the twin's GreyLevels. */
export function greyLevelsOutput(levels: Bound, image: Pick<Volume, 'dims' | 'spacing'>, plan: DiscretisationPlan): GpuOutput<GreyLevels> {
  return {
    reads: [{ buffer: levels.buffer, bytes: levels.size }],
    decode: ([words]) => ({
      dims: image.dims,
      spacing: image.spacing,
      levels: words.slice(0, image.dims[0] * image.dims[1] * image.dims[2]),
      ng: plan.ng,
      count: plan.count,
    }),
  };
}

/** One submit, one read-back: intensities and mask up, grey levels down. */
export async function discretiseOnGpu(gpu: GpuContext, image: Volume, mask: Mask, setting: Discretisation): Promise<GreyLevels> {
  const plan = planDiscretisation(scanRoi(image, mask), setting);
  const kernel = kernelFor(gpu, DiscretiseKernel);
  const pool = new BufferPool(gpu);
  try {
    return await withErrorScopes(gpu, 'GPU discretisation', async () => {
      const encoder = gpu.device.createCommandEncoder({ label: 'Discretise.encoder' });
      const levels = kernel.encode(encoder, pool, uploadImage(gpu, pool, image, mask), plan);
      const [grey] = await submitAndRead<[GreyLevels]>(gpu, pool, encoder, [greyLevelsOutput(levels, image, plan)]);
      return grey;
    });
  } finally {
    pool.destroy();
  }
}
