/**
 * The GPU filter stage of extractCase (extract-case.ts): the PyRadiomics image types other than Original (Wavelet,
 * LoG, ...) filtered on the GPU before the core plan runs, so that the heaviest part of a filtered case is not left
 * to the CPU.
 *
 * 1. The case is prepared once (core prepareExtraction); the plan later starts from the same prepared case, so the
 *    filters see exactly the image and intensity mask the CPU provider would (PreparedCase.image, .intensityMask).
 * 2. ONE submit: the prepared image is uploaded once as f32, every requested image type is recorded with
 *    encodePyradiomicsImageType (src/gpu/pyradiomics-gpu.ts; null = not on the GPU: that type stays with the CPU
 *    provider), and the values of every derived image at the intensity mask's voxels are gathered
 *    (src/gpu/roi-gather.ts) into per-type buffers; ONE read-back of only those ROI values (K images x N voxels x 4
 *    bytes), never whole filtered volumes. After a type's gathers are recorded, the buffers it filtered into are
 *    handed to the next type (commands of one encoder run in order), so a case never holds every type's volumes.
 * 3. Each derived image becomes a Volume on the prepared grid holding the GPU's f32 values at the ROI voxels and 0
 *    elsewhere. The PyRadiomics plan reads a filtered image only at the intensity mask's voxels (cropRoi: by the
 *    mask's runs or by the mask within its box; shape uses the masks alone), so the zeros are never read. The rest
 *    of the case is unchanged: exact f64 bin edges and discretisation on the CPU, matrices by the CaseRunner; the
 *    features are the CPU twins' run on the GPU's f32 filtered values, bit for bit.
 *
 * A filtered case on the GPU thus takes 2 submits and 2 read-backs: this stage's (the ROI values, which first order
 * and the exact bin edges need on the CPU) and the matrices' (case-matrices.ts). Backends: 'cpu' runs the CPU
 * filters; 'auto' runs the GPU when there is one, and any GPU failure or limit falls back to the CPU filters with the
 * reason in the warnings; 'gpu' needs a device (BackendError), and image types the GPU does not compute still run on
 * the CPU, with a warning naming them. A device lost during the stage is acquired again once and the stage rerun.
 */
import type { ImageFilterProvider } from '../core/extract/types.js';
import type { PreparedCase } from '../core/extract/prepare.js';
import type { PyradiomicsImageType } from '../core/filters/pyradiomics/image-types.js';
import { pyradiomicsFilterProvider, pyradiomicsImageType } from '../core/filters/pyradiomics/provider.js';
import type { FilterSettings, ImageTypeName } from '../core/settings.js';
import type { Vec3, Volume } from '../core/volume.js';
import { BufferPool } from '../gpu/buffer-pool.js';
import { GpuLimitError, type GpuAcquisition, type GpuContext } from '../gpu/device.js';
import { uploadVolumeF32 } from '../gpu/filter-gpu.js';
import { bound, kernelFor } from '../gpu/kernel.js';
import { encodePyradiomicsImageType } from '../gpu/pyradiomics-gpu.js';
import { submitAndRead, withErrorScopes, type GpuCounters, type GpuOutput } from '../gpu/readback.js';
import { checkRoiGather, RoiGatherKernel, roiVoxelList } from '../gpu/roi-gather.js';
import { isLost } from './case-matrices.js';
import { BackendError, type BackendChoice } from './extract-slice.js';

/** One image type the plan asks of its filter provider (core pyradiomicsFilterRequests). */
export interface FilterRequest {
  imageType: ImageTypeName;
  settings: FilterSettings;
}

/** One derived image of a type filtered on the GPU: its values at the run's voxels, in their order. */
export interface RoiFiltered {
  name: string;
  values: Float32Array;
}

export interface GpuFilterRun {
  /** the intensity mask's voxel indices, ascending */
  voxels: Uint32Array;
  /** image types filtered on the GPU -> their derived images (pyradiomicsImages' names and order) */
  images: Map<ImageTypeName, RoiFiltered[]>;
  /** image types the GPU does not compute (left to the CPU provider) */
  cpu: ImageTypeName[];
  /** bytes of the one read-back (0 when nothing ran) */
  readbackBytes: number;
}

/** What the filter stage of a case did (EngineStats, case-matrices.ts). */
export interface FilterStageStats {
  submits: number;
  readbacks: number;
  /** image types filtered on the GPU and by the CPU filters */
  gpuFilters: number;
  cpuFilters: number;
  ms: number;
}

export interface FilterStage {
  /** the provider to plan with: the GPU's images for the types done there, the CPU filters for the rest */
  filters: ImageFilterProvider;
  stats: FilterStageStats;
  warnings: string[];
}

/** Free pooled GPU memory kept between cases by this stage. */
const KEEP_BYTES = 256 * 2 ** 20;

/**
 * A BufferPool whose scratch can be handed on within one encoder: `releaseScratch()` makes the buffers acquired
 * since the last call available to later acquires of the same encoder (their earlier commands run first), except
 * those `keep()` names and those written from the CPU (pool.upload, uniforms), whose queue writes would land before
 * the submit and so before commands recorded earlier. Everything goes back to the pool at `recycle()`. This holds
 * as long as the filter kernels write CPU data only through pool.upload and their uniform params, as every wrapper
 * in src/gpu does now; one that wrote a storage buffer with queue.writeBuffer itself would need keep().
 */
class StagePool extends BufferPool {
  private spare = new Map<string, GPUBuffer[]>();
  private scratch: { key: string; buffer: GPUBuffer }[] = [];
  private readonly kept = new Set<GPUBuffer>();
  private uploading = false;

  override acquire(label: string, bytes: number, usage: GPUBufferUsageFlags): GPUBuffer {
    // by usage alone: one type's volumes go to the next type's kernels, whatever their labels
    const key = String(usage);
    const cpuWritten = this.uploading || (usage & (GPUBufferUsage.UNIFORM | GPUBufferUsage.MAP_READ)) !== 0;
    if (cpuWritten) return super.acquire(label, bytes, usage);
    const list = this.spare.get(key) ?? [];
    let best = -1;
    for (let i = 0; i < list.length; i++) if (list[i].size >= bytes && (best < 0 || list[i].size < list[best].size)) best = i;
    const buffer = best >= 0 ? list.splice(best, 1)[0] : super.acquire(label, bytes, usage);
    this.scratch.push({ key, buffer });
    return buffer;
  }

  override upload(label: string, data: ArrayBufferView, usage: GPUBufferUsageFlags): GPUBuffer {
    this.uploading = true;
    try {
      return super.upload(label, data, usage);
    } finally {
      this.uploading = false;
    }
  }

  keep(buffer: GPUBuffer): void {
    this.kept.add(buffer);
  }

  releaseScratch(): void {
    for (const { key, buffer } of this.scratch) {
      if (this.kept.has(buffer)) continue;
      const list = this.spare.get(key);
      if (list) list.push(buffer);
      else this.spare.set(key, [buffer]);
    }
    this.scratch = [];
  }

  override recycle(): void {
    super.recycle();
    this.spare = new Map();
    this.scratch = [];
    this.kept.clear();
  }
}

/** One pool per GPU context, and its runs one at a time (the pool is recycled after each). */
const stages = new WeakMap<GpuContext, { pool: StagePool; last: Promise<unknown> }>();

function stageFor(gpu: GpuContext): { pool: StagePool; last: Promise<unknown> } {
  let s = stages.get(gpu);
  if (!s) {
    s = { pool: new StagePool(gpu), last: Promise.resolve() };
    stages.set(gpu, s);
  }
  return s;
}

/** The PyradiomicsImageType of a request, or null when its settings are not supported (the CPU provider says why). */
function typeOf(r: FilterRequest): PyradiomicsImageType | null {
  try {
    return pyradiomicsImageType(r.imageType, r.settings);
  } catch {
    return null;
  }
}

/**
 * Filters the prepared case's image for every request on the GPU: one upload, ONE submit, ONE read-back of the
 * derived images' values at the intensity mask's voxels. Types the GPU does not compute are listed in `cpu`.
 * Throws GpuLimitError when the case does not fit the device, and what the device throws otherwise.
 */
export function filterRoiOnGpu(gpu: GpuContext, prepared: PreparedCase, requests: readonly FilterRequest[], counters?: GpuCounters): Promise<GpuFilterRun> {
  const stage = stageFor(gpu);
  const next = stage.last.then(
    () => runNow(gpu, stage.pool, prepared, requests, counters),
    () => runNow(gpu, stage.pool, prepared, requests, counters),
  );
  stage.last = next.catch(() => undefined);
  return next;
}

async function runNow(gpu: GpuContext, pool: StagePool, prepared: PreparedCase, requests: readonly FilterRequest[], counters?: GpuCounters): Promise<GpuFilterRun> {
  const { image, intensityMask } = prepared;
  const voxels = roiVoxelList(intensityMask, prepared.intensityRuns);
  const n = voxels.length;
  const images = new Map<ImageTypeName, RoiFiltered[]>();
  const cpu: ImageTypeName[] = [];
  try {
    return await withErrorScopes(gpu, 'GPU filters', async () => {
      const gather = kernelFor(gpu, RoiGatherKernel);
      checkRoiGather(gpu, n, 1);
      const encoder = gpu.device.createCommandEncoder({ label: 'Prefilter.encoder' });
      const input = uploadVolumeF32(gpu, pool, image);
      const list = gather.uploadVoxels(pool, voxels);
      const outputs: GpuOutput<Float32Array[]>[] = [];
      const done: { imageType: ImageTypeName; names: string[] }[] = [];
      for (const r of requests) {
        const t = typeOf(r);
        const derived = t ? encodePyradiomicsImageType(gpu, encoder, pool, input, image, t, intensityMask) : null;
        if (!derived) {
          cpu.push(r.imageType);
          continue;
        }
        for (const d of derived) {
          if (d.volume.dims.some((v, a) => v !== image.dims[a])) throw new Error(`GPU filters: ${d.name} is not on the image grid`);
        }
        done.push({ imageType: r.imageType, names: derived.map((d) => d.name) });
        if (derived.length > 0) {
          checkRoiGather(gpu, n, derived.length);
          const bytes = n * derived.length * 4;
          const gathered = bound(pool.acquire('RoiGather.values', bytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC), bytes);
          pool.keep(gathered.buffer);
          const pass = encoder.beginComputePass({ label: 'RoiGather.pass' });
          derived.forEach((d, k) => gather.encode(pass, pool, d.volume, list, n, gathered, k * n));
          pass.end();
          const count = derived.length;
          outputs.push({
            reads: [{ buffer: gathered.buffer, bytes }],
            decode: ([w]) => {
              const all = new Float32Array(w.buffer, w.byteOffset, n * count);
              return Array.from({ length: count }, (_, k) => all.subarray(k * n, (k + 1) * n));
            },
          });
        } else {
          outputs.push({ reads: [], decode: () => [] });
        }
        // this type's volumes are gathered: later types may filter into the same buffers
        pool.releaseScratch();
      }
      if (done.length === 0) return { voxels, images, cpu, readbackBytes: 0 };
      const values = await submitAndRead<Float32Array[][]>(gpu, pool, encoder, outputs, counters);
      done.forEach(({ imageType, names }, i) => images.set(imageType, names.map((name, k) => ({ name, values: values[i][k] }))));
      return { voxels, images, cpu, readbackBytes: outputs.reduce((t, o) => t + o.reads.reduce((u, r) => u + r.bytes, 0), 0) };
    });
  } finally {
    pool.recycle();
    pool.trim(KEEP_BYTES);
  }
}

/** A Volume on `grid` holding `values` at `voxels` and 0 elsewhere (f32 values; the plan reads only the ROI). */
export function roiVolume(grid: Volume, voxels: Uint32Array, values: Float32Array): Volume {
  const data = new Float32Array(grid.dims[0] * grid.dims[1] * grid.dims[2]);
  for (let k = 0; k < voxels.length; k++) data[voxels[k]] = values[k];
  return { dims: [...grid.dims] as Vec3, spacing: [...grid.spacing] as Vec3, origin: [...grid.origin] as Vec3, direction: [...grid.direction], data };
}

/**
 * The provider the plan is given: the GPU's derived images for the types in `run`, the CPU filters for the rest.
 * Each image's volume is built when the plan reads it (a getter), so at most one full-grid volume of the GPU's
 * values is alive at a time, whatever the number of derived images.
 */
export function gpuFilterProvider(run: GpuFilterRun, prepared: PreparedCase): ImageFilterProvider {
  return (imageType, image, mask, settings) => {
    const done = run.images.get(imageType);
    if (!done || image !== prepared.image) return pyradiomicsFilterProvider(imageType, image, mask, settings);
    return done.map((d) => ({
      name: d.name,
      get image(): Volume {
        return roiVolume(prepared.image, run.voxels, d.values);
      },
    }));
  };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The filter stage of a prepared case under `backend` (see the module comment): the provider to plan with, what
 * ran where, and the warnings. `requests` are the plan's (core pyradiomicsFilterRequests).
 */
export async function filterStage(
  prepared: PreparedCase,
  requests: readonly FilterRequest[],
  backend: BackendChoice,
  getGpu: () => Promise<GpuAcquisition>,
): Promise<FilterStage> {
  const t0 = Date.now();
  const onCpu = (warnings: string[] = []): FilterStage => ({
    filters: pyradiomicsFilterProvider,
    stats: { submits: 0, readbacks: 0, gpuFilters: 0, cpuFilters: requests.length, ms: Date.now() - t0 },
    warnings,
  });
  if (backend === 'cpu' || requests.length === 0) return onCpu();
  let got = await getGpu();
  if (!got.ok) {
    if (backend === 'gpu') throw new BackendError(`the GPU backend was requested but ${got.reason}`);
    return onCpu();
  }
  for (let attempt = 0; ; attempt++) {
    const gpu: GpuContext = got.gpu;
    const counters: GpuCounters = { submits: 0, readbacks: 0 };
    try {
      const run = await filterRoiOnGpu(gpu, prepared, requests, counters);
      const warnings: string[] = [];
      if (attempt > 0) warnings.push('GPU: the device was lost during the filters; it was re-acquired and the filters rerun');
      if (backend === 'gpu' && run.cpu.length > 0) {
        warnings.push(`GPU: image type${run.cpu.length > 1 ? 's' : ''} ${run.cpu.join(', ')} not filtered on the GPU (not implemented there); the CPU filtered ${run.cpu.length > 1 ? 'them' : 'it'}`);
      }
      return {
        filters: gpuFilterProvider(run, prepared),
        stats: { ...counters, gpuFilters: run.images.size, cpuFilters: requests.length - run.images.size, ms: Date.now() - t0 },
        warnings,
      };
    } catch (e) {
      const lost = await isLost(gpu);
      if (lost !== null && attempt === 0) {
        got = await getGpu();
        if (got.ok && got.gpu.device !== gpu.device) continue;
      }
      const reason = lost !== null ? `the GPU device was lost (${lost})${attempt > 0 ? ' twice' : ''}` : e instanceof GpuLimitError ? `beyond this GPU's limits: ${e.message}` : `the GPU run failed: ${message(e)}`;
      // a case beyond the device's limits runs on the CPU under either backend, as its matrices do
      if (backend === 'gpu' && !(e instanceof GpuLimitError)) throw new BackendError(`the GPU filters failed: ${reason}`);
      return onCpu([`GPU: filters on the CPU: ${reason}`]);
    }
  }
}
