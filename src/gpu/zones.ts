/**
 * Wrapper of shaders/zones.wgsl: zone labels and sizes on the GPU, shared by the GLSZM and GLDZM wrappers (a case
 * with both computes the zones once). Three dispatches, whatever the zone shapes: init, merge (lock-free
 * union-find), resolve (labels -> roots, sizes at the roots).
 */
import zonesWgsl from '../../shaders/zones.wgsl?raw';
import type { TextureDimension } from '../core/directions.js';
import { checkConnectivity, type Connectivity } from '../core/matrices/neighbourhood.js';
import type { BufferPool } from './buffer-pool.js';
import type { GpuContext } from './device.js';
import { bound, ComputeKernel, dispatch, type Bound, type GreyShape } from './kernel.js';
import { checkStorageBytes, sliceGroupsX } from './limits.js';

/** Zone labels (root voxel index per ROI voxel) and sizes (at each root), on the GPU. */
export interface ZonesOnGpu {
  labels: Bound;
  sizes: Bound;
  dimension: TextureDimension;
  connectivity: Connectivity;
}

export function checkZones(gpu: GpuContext, grey: GreyShape): void {
  const n = grey.dims[0] * grey.dims[1] * grey.dims[2];
  checkStorageBytes(gpu, n * 4, 'the zone labels');
}

export class ZonesKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, { label: 'Zones', code: zonesWgsl, bindings: ['uniform', 'read', 'write', 'write'] });
  }

  encode(encoder: GPUCommandEncoder, pool: BufferPool, levels: Bound, grey: GreyShape, dimension: TextureDimension, connectivity: Connectivity): ZonesOnGpu {
    checkConnectivity(dimension, connectivity);
    checkZones(this.gpu, grey);
    const [nx, ny, nz] = grey.dims;
    const bytes = nx * ny * nz * 4;
    // COPY_SRC: tests read the labels and sizes back
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    const labels = bound(pool.acquire('Zones.labels', bytes, usage), bytes);
    const sizes = bound(pool.acquire('Zones.sizes', bytes, usage), bytes);
    encoder.clearBuffer(sizes.buffer, 0, sizes.size);
    const groupsX = sliceGroupsX(this.gpu, nx * ny);
    const params = this.kernel.params(pool, {
      dims: [nx, ny, nz],
      groups_x: groupsX,
      connectivity,
      per_slice: dimension === '3d' ? 0 : 1,
    });
    const bindGroup = this.kernel.bindGroup([params, levels, labels, sizes]);
    const pass = encoder.beginComputePass({ label: 'Zones.pass' });
    for (const entry of ['init_labels', 'merge', 'resolve']) dispatch(pass, this.kernel.pipeline(entry), bindGroup, groupsX, nz);
    pass.end();
    return { labels, sizes, dimension, connectivity };
  }
}
