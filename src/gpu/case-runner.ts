/**
 * Runs every texture and first-order family of one case (one or several images) on the GPU.
 *
 * Submits and read-backs per case: exactly ONE queue submit and ONE read-back (one mapAsync of one staging
 * buffer), however many images and families. The results equal the CPU twins' bit for bit.
 *
 * Per image: it is cropped to its ROI bounding box (crop.ts); its grey levels are uploaded once (or its raw
 * intensities and mask, discretised on the GPU with CPU-computed bin edges, see discretise-edges.ts); every
 * requested family's kernels are recorded into one command encoder; every output is copied into one staging
 * buffer at the end of that encoder; after the read-back the results are mapped back to the twins' full-grid
 * layouts. Besides the submit, the queue sees only writeBuffer uploads: the volume (or image + mask + bin edges)
 * and one small uniform (and offset list) per kernel. Zone labels are computed once per (dimension, connectivity)
 * and shared by the GLSZM and GLDZM.
 *
 * Before anything is created on the GPU, every buffer of the case is sized against the device's limits
 * (limits.ts and the plan... functions of each wrapper); a case that does not fit throws GpuLimitError and the
 * caller falls back to the CPU twins. Buffers are pooled and reused by the next case (buffer-pool.ts); cases run
 * one at a time.
 */
import { DiscretisationError, type Discretisation, type GreyLevels } from '../core/discretise.js';
import type { GldzmSettings } from '../core/matrices/gldzm.js';
import type { GlcmCounts, GlcmSettings } from '../core/matrices/glcm.js';
import type { GlrlmCounts, GlrlmSettings } from '../core/matrices/glrlm.js';
import type { ZoneCounts } from '../core/matrices/glszm.js';
import { defaultConnectivity, type Connectivity } from '../core/matrices/neighbourhood.js';
import type { NgldmCounts, NgldmSettings } from '../core/matrices/ngldm.js';
import type { NgtdmCounts, NgtdmSettings } from '../core/matrices/ngtdm.js';
import type { Mask, Vec3, Volume } from '../core/volume.js';
import { BufferPool } from './buffer-pool.js';
import { boundingBox, cropArray, cropGreyLevels, uncropArray, uncropGlcm, uncropGlrlm, uncropNgldm, uncropNgtdm, uncropZones, type Crop } from './crop.js';
import type { GpuContext } from './device.js';
import { checkImageFits, DiscretiseKernel, greyLevelsOutput, uploadImage } from './discretise.js';
import { planDiscretisation, scanRoi, type DiscretisationPlan, type RoiScan } from './discretise-edges.js';
import { GlcmKernel, planGlcm, planGlcmOffsets, type GlcmOffsetsGpuSettings } from './glcm.js';
import { GldzmKernel, planGldzm } from './gldzm.js';
import { GlrlmKernel, planGlrlm } from './glrlm.js';
import { GlszmKernel, planGlszm, type GlszmGpuSettings } from './glszm.js';
import { checkIntensityHistogram, IntensityHistogramKernel } from './intensity-histogram.js';
import { kernelFor, type Bound, type GreyShape } from './kernel.js';
import { checkVolume } from './limits.js';
import { NgldmKernel, planNgldm } from './ngldm.js';
import { NgtdmKernel, planNgtdm } from './ngtdm.js';
import { uploadGreyLevels } from './one-shot.js';
import { checkRoiValues, RoiValuesKernel, type RoiIntensities } from './roi-values.js';
import { mapOutput, submitAndRead, withErrorScopes, type GpuCounters, type GpuOutput } from './readback.js';
import { ZonesKernel, type ZonesOnGpu } from './zones.js';

/** Families to compute for one image; each texture family may be asked for several settings (e.g. 2D and 3D). */
export interface CaseFamilies {
  /** n_i of the grey levels (intensity histogram family) */
  histogram?: boolean;
  /** sorted ROI intensities (intensity-based statistics); images given as intensities only */
  intensities?: boolean;
  glcm?: readonly GlcmSettings[];
  /** PyRadiomics' GLCM: any offsets, one matrix each, symmetric or not (glcm.ts) */
  glcmOffsets?: readonly GlcmOffsetsGpuSettings[];
  glrlm?: readonly GlrlmSettings[];
  glszm?: readonly GlszmGpuSettings[];
  gldzm?: readonly GldzmSettings[];
  ngtdm?: readonly NgtdmSettings[];
  ngldm?: readonly NgldmSettings[];
}

export type CaseImage =
  | { grey: GreyLevels; families: CaseFamilies }
  | { image: Volume; mask: Mask; discretisation: Discretisation; families: CaseFamilies; /** also read the grey levels back */ readLevels?: boolean };

/** Grey-level volume description; `levels` only where given or read back. */
export type GreyInfo = Omit<GreyLevels, 'levels'> & { levels?: Uint32Array };

export interface CaseImageResult {
  grey: GreyInfo;
  histogram?: Float64Array;
  intensities?: RoiIntensities;
  glcm?: GlcmCounts[];
  /** nOffsets x ng x ng per request, the layout of computeGlcmByOffsets */
  glcmOffsets?: Uint32Array[];
  glrlm?: GlrlmCounts[];
  glszm?: ZoneCounts[];
  gldzm?: ZoneCounts[];
  ngtdm?: NgtdmCounts[];
  ngldm?: NgldmCounts[];
}

/**
 * What the CPU knows of an image before recording: the ROI box and what is uploaded (cropped to it), the shape
 * the kernels see, and for raw images the ROI scan and discretisation plan.
 */
interface PlannedImage {
  input: CaseImage;
  crop: Crop;
  shape: GreyShape;
  spacing: Vec3;
  grey?: GreyLevels;
  raw?: { image: Volume; mask: Mask; scan: RoiScan; plan: DiscretisationPlan };
}

/**
 * Crops one image to its ROI box (or to the whole grid when `crop` is off) and sizes all of its buffers against
 * the device limits (throws GpuLimitError); creates nothing on the GPU.
 */
function planImage(gpu: GpuContext, input: CaseImage, crop: boolean): PlannedImage {
  let planned: PlannedImage;
  if ('grey' in input) {
    const g = input.grey;
    const box = crop ? boundingBox(g.levels, g.dims) : { full: g.dims, offset: [0, 0, 0] as Vec3, dims: g.dims };
    checkVolume(gpu, box.dims);
    const grey = crop ? cropGreyLevels(g, box) : g;
    planned = { input, crop: box, shape: { dims: box.dims, ng: g.ng, count: g.count }, spacing: g.spacing, grey };
  } else {
    if (input.mask.data.length !== input.image.data.length) throw new DiscretisationError('image and mask have different sizes');
    const full = input.image.dims;
    const box = crop ? boundingBox(input.mask.data, full) : { full, offset: [0, 0, 0] as Vec3, dims: full };
    const image = crop ? { ...input.image, dims: box.dims, data: cropArray(input.image.data, box) } : input.image;
    const mask = crop ? { ...input.mask, dims: box.dims, data: cropArray(input.mask.data, box) } : input.mask;
    checkImageFits(gpu, image);
    // the box holds every ROI voxel in the same relative order, so this scan is the full image's
    const scan = scanRoi(image, mask);
    const plan = planDiscretisation(scan, input.discretisation);
    planned = { input, crop: box, shape: { dims: box.dims, ng: plan.ng, count: plan.count }, spacing: input.image.spacing, raw: { image, mask, scan, plan } };
    if (input.families.intensities) checkRoiValues(gpu, scan);
  }
  const f = input.families;
  const s = planned.shape;
  if (f.histogram) checkIntensityHistogram(gpu, s);
  for (const x of f.glcm ?? []) planGlcm(gpu, s, x);
  for (const x of f.glcmOffsets ?? []) planGlcmOffsets(gpu, s, x);
  for (const x of f.glrlm ?? []) planGlrlm(gpu, s, x);
  for (const x of f.glszm ?? []) planGlszm(gpu, s, x);
  for (const x of f.gldzm ?? []) planGldzm(gpu, s, x);
  for (const x of f.ngtdm ?? []) planNgtdm(gpu, s, x);
  for (const x of f.ngldm ?? []) planNgldm(gpu, s, x);
  if (f.intensities && !planned.raw) throw new Error('ROI intensities need the image itself, not its grey levels');
  return planned;
}

export interface CaseRunnerOptions {
  /** crop each image to its ROI box before upload (default true; see crop.ts) */
  crop?: boolean;
  /** free pooled GPU memory kept between cases (default 512 MiB) */
  keepBytes?: number;
}

export class CaseRunner {
  private readonly pool: BufferPool;
  private last: Promise<unknown> = Promise.resolve();

  private readonly crop: boolean;
  private readonly keepBytes: number;
  /** queue submits and read-backs of every case run so far (one of each per case) */
  readonly counters: GpuCounters = { submits: 0, readbacks: 0 };

  constructor(
    private readonly gpu: GpuContext,
    options: CaseRunnerOptions = {},
  ) {
    this.pool = new BufferPool(gpu);
    this.crop = options.crop ?? true;
    this.keepBytes = options.keepBytes ?? 512 * 2 ** 20;
  }

  /** Checks that every image of a case fits this device; throws GpuLimitError (with the reason) when not. */
  check(images: readonly CaseImage[]): void {
    for (const input of images) planImage(this.gpu, input, this.crop);
  }

  /** Runs one case: one submit, one read-back. Cases queue behind each other (they share pooled buffers). */
  run(images: readonly CaseImage[]): Promise<CaseImageResult[]> {
    const next = this.last.then(
      () => this.runNow(images),
      () => this.runNow(images),
    );
    this.last = next.catch(() => undefined);
    return next;
  }

  /** Bytes of GPU memory the pool holds. */
  heldBytes(): number {
    return this.pool.heldBytes();
  }

  destroy(): void {
    this.pool.destroy();
  }

  private async runNow(images: readonly CaseImage[]): Promise<CaseImageResult[]> {
    const { gpu } = this;
    const planned = images.map((input) => planImage(gpu, input, this.crop));
    try {
      return await withErrorScopes(gpu, 'GPU case', async () => {
        const encoder = gpu.device.createCommandEncoder({ label: 'Case.encoder' });
        const outputs: GpuOutput<unknown>[] = [];
        const assemble = planned.map((p) => this.recordImage(encoder, p, outputs));
        const values = await submitAndRead<unknown[]>(gpu, this.pool, encoder, outputs, this.counters);
        return assemble.map((finish) => finish(values));
      });
    } finally {
      this.pool.recycle();
      this.pool.trim(this.keepBytes);
    }
  }

  /** Records one image's kernels, appends its outputs, and returns how to assemble its result from the values. */
  private recordImage(encoder: GPUCommandEncoder, p: PlannedImage, outputs: GpuOutput<unknown>[]): (values: unknown[]) => CaseImageResult {
    const { gpu, pool } = this;
    const { input, shape } = p;
    const f = input.families;
    const slots: Partial<Record<keyof CaseImageResult, number[]>> = {};
    const add = (key: keyof CaseImageResult, out: GpuOutput<unknown>) => {
      (slots[key] ??= []).push(outputs.length);
      outputs.push(out);
    };

    // a family asked for with an empty settings list gets an empty result list
    for (const key of ['glcm', 'glcmOffsets', 'glrlm', 'glszm', 'gldzm', 'ngtdm', 'ngldm'] as const) if (f[key]) slots[key] = [];

    const { crop } = p;
    let levels: Bound;
    if (p.grey) {
      levels = uploadGreyLevels(gpu, pool, p.grey);
    } else {
      const { image: cropped, mask, scan, plan } = p.raw!;
      const image = uploadImage(gpu, pool, cropped, mask);
      levels = kernelFor(gpu, DiscretiseKernel).encode(encoder, pool, image, plan);
      if (f.intensities) add('intensities', kernelFor(gpu, RoiValuesKernel).encode(encoder, pool, image, scan));
      if ('readLevels' in input && input.readLevels) {
        const full = { dims: crop.full, spacing: p.spacing };
        add('grey', mapOutput(greyLevelsOutput(levels, cropped, plan), (g) => ({ ...g, ...full, levels: uncropArray(g.levels, crop) })));
      }
    }
    if (f.histogram) add('histogram', kernelFor(gpu, IntensityHistogramKernel).encode(encoder, pool, levels, shape));
    for (const s of f.glcm ?? []) add('glcm', mapOutput(kernelFor(gpu, GlcmKernel).encodeOutput(encoder, pool, levels, shape, s), (m) => uncropGlcm(m, crop, s.dimension)));
    // whole-grid counts per offset: the crop to the ROI box changes nothing
    for (const s of f.glcmOffsets ?? []) add('glcmOffsets', kernelFor(gpu, GlcmKernel).encodeOffsetsOutput(encoder, pool, levels, shape, s));
    for (const s of f.glrlm ?? []) add('glrlm', mapOutput(kernelFor(gpu, GlrlmKernel).encode(encoder, pool, levels, shape, s), (m) => uncropGlrlm(m, crop)));
    for (const s of f.ngtdm ?? []) add('ngtdm', mapOutput(kernelFor(gpu, NgtdmKernel).encode(encoder, pool, levels, shape, s), (m) => uncropNgtdm(m, crop)));
    for (const s of f.ngldm ?? []) add('ngldm', mapOutput(kernelFor(gpu, NgldmKernel).encode(encoder, pool, levels, shape, s), (m) => uncropNgldm(m, crop)));

    const zones = new Map<string, ZonesOnGpu>();
    const zonesFor = (dimension: '2d' | '3d', connectivity: Connectivity | undefined): ZonesOnGpu => {
      const c = connectivity ?? defaultConnectivity(dimension);
      const key = `${dimension}:${c}`;
      let z = zones.get(key);
      if (!z) {
        z = kernelFor(gpu, ZonesKernel).encode(encoder, pool, levels, shape, dimension, c);
        zones.set(key, z);
      }
      return z;
    };
    for (const s of f.glszm ?? []) {
      const out = kernelFor(gpu, GlszmKernel).encode(encoder, pool, levels, shape, s, zonesFor(s.dimension, s.connectivity));
      add('glszm', mapOutput(out, (m) => uncropZones(m, crop)));
    }
    for (const s of f.gldzm ?? []) {
      const out = kernelFor(gpu, GldzmKernel).encode(encoder, pool, levels, shape, s, zonesFor(s.dimension, s.connectivity));
      add('gldzm', mapOutput(out, (m) => uncropZones(m, crop)));
    }

    const greyInfo: GreyInfo = 'grey' in input ? input.grey : { dims: crop.full, spacing: p.spacing, ng: shape.ng, count: shape.count };
    return (values) => {
      const result: Record<string, unknown> = { grey: greyInfo };
      for (const [key, indices] of Object.entries(slots)) {
        const got = indices.map((i) => values[i]);
        result[key] = key === 'grey' || key === 'histogram' || key === 'intensities' ? got[0] : got;
      }
      return result as unknown as CaseImageResult;
    };
  }
}

/**
 * One runner per GPU context (pooled buffers are per runner, kernels per device): an acquisition's context is one
 * object for its lifetime, and a context with other limits over the same device (tests) gets its own runner.
 */
const runners = new WeakMap<GpuContext, CaseRunner>();

export function caseRunnerFor(gpu: GpuContext): CaseRunner {
  let runner = runners.get(gpu);
  if (!runner) {
    runner = new CaseRunner(gpu);
    runners.set(gpu, runner);
  }
  return runner;
}
