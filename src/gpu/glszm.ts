/**
 * Wrapper of shaders/glszm.wgsl: the GLSZM of computeGlszm (src/core/matrices/glszm.ts), same layout.
 *
 * The twin's matrix is as wide as the largest zone, which is known only once the zones exist. Within the one
 * submit of a case: zones.wgsl labels the zones and sizes them; glszm.wgsl then counts zones of size <= C in a
 * dense slices x ng x C matrix and appends larger zones to an overflow list. Since each of those holds more than
 * C of the N ROI voxels, there are at most floor(N / (C + 1)) of them: a list of that capacity is exact. C is the
 * largest possible zone where that matrix is small, else what a 16 MiB matrix allows. After the read-back the
 * dense columns and the overflow entries are assembled into the twin's matrix of width max(1, largest zone).
 */
import glszmWgsl from '../../shaders/glszm.wgsl?raw';
import type { GreyLevels } from '../core/discretise.js';
import type { GlszmSettings, ZoneCounts } from '../core/matrices/glszm.js';
import { defaultConnectivity } from '../core/matrices/neighbourhood.js';
import type { BufferPool } from './buffer-pool.js';
import { uncropZones } from './crop.js';
import type { GpuContext } from './device.js';
import { bound, ComputeKernel, dispatch, kernelFor, type Bound, type GreyShape } from './kernel.js';
import { checkIndexRange, checkStorageBytes, sliceGroupsX } from './limits.js';
import { runOnGreyLevels } from './one-shot.js';
import type { GpuOutput } from './readback.js';
import { checkZones, ZonesKernel, type ZonesOnGpu } from './zones.js';

export interface GlszmGpuSettings extends GlszmSettings {
  /** cap on the dense columns C (tests use a small one to exercise the overflow list) */
  denseColumns?: number;
}

/** Dense-matrix budget in u32 words (16 MiB). */
const DENSE_WORDS = 2 ** 22;

export function planGlszm(gpu: GpuContext, grey: GreyShape, settings: GlszmGpuSettings): { slices: number; columns: number; capacity: number; words: number } {
  const [nx, ny, nz] = grey.dims;
  const slices = settings.dimension === '3d' ? 1 : nz;
  const largestPossible = settings.dimension === '3d' ? grey.count : Math.min(grey.count, nx * ny);
  let columns = Math.min(largestPossible, Math.max(16, Math.floor(DENSE_WORDS / (slices * grey.ng))));
  if (settings.denseColumns !== undefined) columns = Math.min(columns, settings.denseColumns);
  columns = Math.max(1, columns);
  const capacity = Math.floor(grey.count / (columns + 1));
  const words = slices * grey.ng * columns;
  checkZones(gpu, grey);
  checkIndexRange(words, 'the GLSZM');
  checkStorageBytes(gpu, words * 4, 'the GLSZM');
  checkStorageBytes(gpu, capacity * 8, 'the GLSZM overflow list');
  return { slices, columns, capacity, words };
}

export class GlszmKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, {
      label: 'Glszm',
      code: glszmWgsl,
      bindings: ['uniform', 'read', 'read', 'read', 'write', 'write', 'write'],
    });
  }

  /** Records the GLSZM of `levels`; `zones` (same dimension and connectivity) are computed here when not given. */
  encode(encoder: GPUCommandEncoder, pool: BufferPool, levels: Bound, grey: GreyShape, settings: GlszmGpuSettings, zones?: ZonesOnGpu): GpuOutput<ZoneCounts> {
    const { dimension } = settings;
    const connectivity = settings.connectivity ?? defaultConnectivity(dimension);
    const { slices, columns, capacity, words } = planGlszm(this.gpu, grey, settings);
    const z = zones ?? kernelFor(this.gpu, ZonesKernel).encode(encoder, pool, levels, grey, dimension, connectivity);
    if (z.dimension !== dimension || z.connectivity !== connectivity) throw new Error('GLSZM: the zones were labelled with other settings');
    const [nx, ny, nz] = grey.dims;
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const counts = bound(pool.acquire('Glszm.counts', words * 4, usage), words * 4);
    const overflow = bound(pool.acquire('Glszm.overflow', capacity * 8, usage), capacity * 8);
    const meta = bound(pool.acquire('Glszm.meta', (2 + slices) * 4, usage), (2 + slices) * 4);
    encoder.clearBuffer(counts.buffer, 0, counts.size);
    encoder.clearBuffer(meta.buffer, 0, meta.size);
    const groupsX = sliceGroupsX(this.gpu, nx * ny);
    const params = this.kernel.params(pool, {
      dims: [nx, ny, nz],
      groups_x: groupsX,
      ng: grey.ng,
      columns,
      per_slice: dimension === '3d' ? 0 : 1,
      overflow_capacity: capacity,
    });
    const bindGroup = this.kernel.bindGroup([params, levels, z.labels, z.sizes, counts, overflow, meta]);
    const pass = encoder.beginComputePass({ label: 'Glszm.pass' });
    dispatch(pass, this.kernel.pipeline('size_zones'), bindGroup, groupsX, nz);
    pass.end();
    const { ng } = grey;
    return {
      reads: [
        { buffer: counts.buffer, bytes: words * 4 },
        { buffer: overflow.buffer, bytes: capacity * 8 },
        { buffer: meta.buffer, bytes: (2 + slices) * 4 },
      ],
      decode: ([dense, spill, m]) => {
        const spilled = m[1];
        if (spilled > capacity) throw new Error(`GLSZM: ${spilled} zones overflowed a list proven to need at most ${capacity}`);
        const nj = Math.max(1, m[0]);
        const out = new Uint32Array(slices * ng * nj);
        const copied = Math.min(columns, nj);
        for (let r = 0; r < slices * ng; r++) out.set(dense.subarray(r * columns, r * columns + copied), r * nj);
        for (let s = 0; s < spilled; s++) out[spill[2 * s] * nj + spill[2 * s + 1] - 1]++;
        return { dimension, counts: out, ng, nj, slices, voxels: m.slice(2, 2 + slices) };
      },
    };
  }
}

/** One submit, one read-back: the GLSZM of `grey`, equal to computeGlszm(grey, settings). */
export function glszmOnGpu(gpu: GpuContext, grey: GreyLevels, settings: GlszmGpuSettings): Promise<ZoneCounts> {
  return runOnGreyLevels(
    gpu,
    'Glszm',
    grey,
    (encoder, pool, levels, shape) => kernelFor(gpu, GlszmKernel).encode(encoder, pool, levels, shape, settings),
    uncropZones,
  );
}
