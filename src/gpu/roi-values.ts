/**
 * The inputs of the intensity-based statistics (IBSI 1 section 3.3) from the GPU, exactly: the sorted ROI
 * intensities of sortedCopy(roiIntensities(image, mask)) (src/core/features/), so that summariseSorted gives
 * bit-identical features. Moments cannot be reduced on the GPU exactly (no f64 in WGSL, and the twin's f64 sums
 * depend on their order), so the GPU reduces the data to what determines them:
 *  - integer-valued ROIs (CT, most MR): a value histogram over [min, max] (discretise.wgsl with levels
 *    x - min + 1, then intensity-histogram.wgsl), which a counting sort turns back into the sorted values;
 *  - other ROIs: the ROI values compacted by shaders/roi-values.wgsl, sorted on the CPU.
 */
import roiValuesWgsl from '../../shaders/roi-values.wgsl?raw';
import valuesWgsl from '../../shaders/values.wgsl?raw';
import type { Mask, Volume } from '../core/volume.js';
import { BufferPool } from './buffer-pool.js';
import type { GpuContext } from './device.js';
import { DiscretiseKernel, uploadImage, type ImageOnGpu } from './discretise.js';
import { planValueLevels, scanRoi, wordsPerValue, type RoiScan } from './discretise-edges.js';
import { IntensityHistogramKernel } from './intensity-histogram.js';
import { bound, ComputeKernel, dispatch, kernelFor } from './kernel.js';
import { checkStorageBytes, sliceGroupsX } from './limits.js';
import { mapOutput, submitAndRead, withErrorScopes, type GpuOutput } from './readback.js';

export interface RoiIntensities {
  /** the ROI's non-NaN intensities, ascending */
  sorted: Float64Array;
  /** how the GPU reduced them */
  method: 'value-histogram' | 'value-list';
}

export function checkRoiValues(gpu: GpuContext, scan: RoiScan): void {
  const plan = planValueLevels(scan);
  if (plan) checkStorageBytes(gpu, plan.ng * 4, 'the ROI value histogram');
  else checkStorageBytes(gpu, scan.count * 4 * wordsPerValue(scan.kind), 'the ROI value list');
}

function typedView(kind: RoiScan['kind'], words: Uint32Array): ArrayLike<number> {
  const copy = words.slice().buffer;
  switch (kind) {
    case 1:
    case 3:
    case 5:
      return new Int32Array(copy);
    case 6:
      return new Float32Array(copy);
    case 7:
      return new Float64Array(copy);
    default:
      return new Uint32Array(copy);
  }
}

export class RoiValuesKernel {
  readonly kernel: ComputeKernel;

  constructor(private readonly gpu: GpuContext) {
    this.kernel = new ComputeKernel(gpu, {
      label: 'RoiValues',
      code: `${valuesWgsl}\n${roiValuesWgsl}`,
      bindings: ['uniform', 'read', 'read', 'write', 'write'],
    });
  }

  /** Records the reduction of the ROI intensities of `image` (scanned by scanRoi). */
  encode(encoder: GPUCommandEncoder, pool: BufferPool, image: ImageOnGpu, scan: RoiScan): GpuOutput<RoiIntensities> {
    checkRoiValues(this.gpu, scan);
    const [nx, ny, nz] = image.dims;
    const plan = planValueLevels(scan);
    if (plan) {
      const levels = kernelFor(this.gpu, DiscretiseKernel).encode(encoder, pool, image, plan, 'RoiValues.levels');
      const histogram = kernelFor(this.gpu, IntensityHistogramKernel).encode(encoder, pool, levels, { dims: image.dims, ng: plan.ng, count: scan.count });
      return mapOutput(histogram, (counts) => {
        const sorted = new Float64Array(scan.count);
        for (let i = 0, o = 0; i < counts.length; i++) sorted.fill(scan.min + i, o, (o += counts[i]));
        return { sorted, method: 'value-histogram' as const };
      });
    }
    const words = wordsPerValue(scan.kind);
    const bytes = scan.count * 4 * words;
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const list = bound(pool.acquire('RoiValues.list', bytes, usage), bytes);
    const total = bound(pool.acquire('RoiValues.total', 4, usage), 4);
    encoder.clearBuffer(total.buffer, 0, total.size);
    const groupsX = sliceGroupsX(this.gpu, nx * ny);
    const params = this.kernel.params(pool, { dims: [nx, ny, nz], groups_x: groupsX });
    const pass = encoder.beginComputePass({ label: 'RoiValues.pass' });
    const pipeline = this.kernel.pipeline('compact', { VALUE_KIND: scan.kind, WORDS: words });
    dispatch(pass, pipeline, this.kernel.bindGroup([params, image.values, image.mask, list, total]), groupsX, nz);
    pass.end();
    return {
      reads: [
        { buffer: list.buffer, bytes },
        { buffer: total.buffer, bytes: 4 },
      ],
      decode: ([w, t]) => {
        if (t[0] !== scan.count) throw new Error(`ROI values: the GPU found ${t[0]} values, the scan ${scan.count}`);
        return { sorted: Float64Array.from(typedView(scan.kind, w)).sort(), method: 'value-list' as const };
      },
    };
  }
}

/** One submit, one read-back: the sorted ROI intensities of `image` in `mask`. */
export async function roiIntensitiesOnGpu(gpu: GpuContext, image: Volume, mask: Mask): Promise<RoiIntensities> {
  const scan = scanRoi(image, mask);
  const pool = new BufferPool(gpu);
  try {
    return await withErrorScopes(gpu, 'RoiValues', async () => {
      const encoder = gpu.device.createCommandEncoder({ label: 'RoiValues.encoder' });
      const out = kernelFor(gpu, RoiValuesKernel).encode(encoder, pool, uploadImage(gpu, pool, image, mask), scan);
      const [result] = await submitAndRead<[RoiIntensities]>(gpu, pool, encoder, [out]);
      return result;
    });
  } finally {
    pool.destroy();
  }
}
