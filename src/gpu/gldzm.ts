/**
 * Wrapper of shaders/gldzm.wgsl and shaders/border-distance.wgsl: the GLDZM of computeGldzm
 * (src/core/matrices/gldzm.ts), same layout. Zones come from zones.ts (shared with the GLSZM in a case). The zone
 * distance never exceeds ceil(shortest side / 2) (the distance to the image border alone is that small), so the
 * dense matrix of that width is exact; after the read-back it is cut to the twin's width, max(1, largest zone
 * distance).
 */
import borderDistanceWgsl from '../../shaders/border-distance.wgsl?raw';
import gldzmWgsl from '../../shaders/gldzm.wgsl?raw';
import type { GreyLevels } from '../core/discretise.js';
import type { GldzmSettings } from '../core/matrices/gldzm.js';
import type { ZoneCounts } from '../core/matrices/glszm.js';
import { defaultConnectivity } from '../core/matrices/neighbourhood.js';
import type { BufferPool } from './buffer-pool.js';
import { uncropZones } from './crop.js';
import type { GpuContext } from './device.js';
import { bound, ComputeKernel, dispatch, kernelFor, type Bound, type GreyShape } from './kernel.js';
import { checkIndexRange, checkStorageBytes, sliceGroupsX, strideGroups } from './limits.js';
import { runOnGreyLevels } from './one-shot.js';
import type { GpuOutput } from './readback.js';
import { checkZones, ZonesKernel, type ZonesOnGpu } from './zones.js';

export function planGldzm(gpu: GpuContext, grey: GreyShape, settings: GldzmSettings): { slices: number; columns: number; words: number } {
  const [nx, ny, nz] = grey.dims;
  const slices = settings.dimension === '3d' ? 1 : nz;
  const shortest = settings.dimension === '3d' ? Math.min(nx, ny, nz) : Math.min(nx, ny);
  const columns = Math.max(1, Math.ceil(shortest / 2));
  const words = slices * grey.ng * columns;
  checkZones(gpu, grey);
  checkIndexRange(words, 'the GLDZM');
  checkStorageBytes(gpu, words * 4, 'the GLDZM');
  return { slices, columns, words };
}

export class GldzmKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, {
      label: 'Gldzm',
      code: `${gldzmWgsl}\n${borderDistanceWgsl}`,
      bindings: ['uniform', 'read', 'read', 'read', 'write', 'write', 'write', 'write'],
    });
  }

  /** Records the GLDZM of `levels`; `zones` (same dimension and connectivity) are computed here when not given. */
  encode(encoder: GPUCommandEncoder, pool: BufferPool, levels: Bound, grey: GreyShape, settings: GldzmSettings, zones?: ZonesOnGpu): GpuOutput<ZoneCounts> {
    const { dimension } = settings;
    const connectivity = settings.connectivity ?? defaultConnectivity(dimension);
    const { slices, columns, words } = planGldzm(this.gpu, grey, settings);
    const z = zones ?? kernelFor(this.gpu, ZonesKernel).encode(encoder, pool, levels, grey, dimension, connectivity);
    if (z.dimension !== dimension || z.connectivity !== connectivity) throw new Error('GLDZM: the zones were labelled with other settings');
    const [nx, ny, nz] = grey.dims;
    const n = nx * ny * nz;
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const distance = bound(pool.acquire('Gldzm.distance', n * 4, usage), n * 4);
    const zoneFar = bound(pool.acquire('Gldzm.zoneFar', n * 4, usage), n * 4);
    const counts = bound(pool.acquire('Gldzm.counts', words * 4, usage), words * 4);
    const meta = bound(pool.acquire('Gldzm.meta', (2 + slices) * 4, usage), (2 + slices) * 4);
    for (const b of [zoneFar, counts, meta]) encoder.clearBuffer(b.buffer, 0, b.size);
    const groupsX = sliceGroupsX(this.gpu, nx * ny);
    const lineGroupsX = strideGroups(this.gpu, Math.max(ny * nz, nx * nz, nx * ny));
    const params = this.kernel.params(pool, {
      dims: [nx, ny, nz],
      groups_x: groupsX,
      ng: grey.ng,
      columns,
      per_slice: dimension === '3d' ? 0 : 1,
      line_groups_x: lineGroupsX,
    });
    const bindGroup = this.kernel.bindGroup([params, levels, z.labels, z.sizes, distance, zoneFar, counts, meta]);
    const pass = encoder.beginComputePass({ label: 'Gldzm.pass' });
    const axes = dimension === '3d' ? ['distance_x', 'distance_y', 'distance_z'] : ['distance_x', 'distance_y'];
    for (const entry of axes) dispatch(pass, this.kernel.pipeline(entry), bindGroup, lineGroupsX);
    dispatch(pass, this.kernel.pipeline('zone_distance'), bindGroup, groupsX, nz);
    dispatch(pass, this.kernel.pipeline('distance_zones'), bindGroup, groupsX, nz);
    pass.end();
    const { ng } = grey;
    return {
      reads: [
        { buffer: counts.buffer, bytes: words * 4 },
        { buffer: meta.buffer, bytes: (2 + slices) * 4 },
      ],
      decode: ([dense, m]) => {
        if (m[1] !== 0) throw new Error(`GLDZM: ${m[1]} zones lie farther than the proven bound ${columns}`);
        const nj = Math.max(1, m[0]);
        const out = new Uint32Array(slices * ng * nj);
        for (let r = 0; r < slices * ng; r++) out.set(dense.subarray(r * columns, r * columns + nj), r * nj);
        return { dimension, counts: out, ng, nj, slices, voxels: m.slice(2, 2 + slices) };
      },
    };
  }
}

/** One submit, one read-back: the GLDZM of `grey`, equal to computeGldzm(grey, settings). */
export function gldzmOnGpu(gpu: GpuContext, grey: GreyLevels, settings: GldzmSettings): Promise<ZoneCounts> {
  return runOnGreyLevels(
    gpu,
    'Gldzm',
    grey,
    (encoder, pool, levels, shape) => kernelFor(gpu, GldzmKernel).encode(encoder, pool, levels, shape, settings),
    uncropZones,
  );
}
