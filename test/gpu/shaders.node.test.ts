/**
 * Every WGSL module compiles without errors or warnings, and every entry point builds a valid pipeline with each
 * override variant the wrappers use (per value kind, workgroup histogram on and off).
 */
import { describe, expect, it } from 'vitest';
import type { GpuContext } from '../../src/gpu/device.js';
import { DiscretiseKernel } from '../../src/gpu/discretise.js';
import { GldzmKernel } from '../../src/gpu/gldzm.js';
import { GlrlmKernel } from '../../src/gpu/glrlm.js';
import { GlszmKernel } from '../../src/gpu/glszm.js';
import { IntensityHistogramKernel } from '../../src/gpu/intensity-histogram.js';
import { kernelFor, type ComputeKernel } from '../../src/gpu/kernel.js';
import { NgldmKernel } from '../../src/gpu/ngldm.js';
import { NgtdmKernel } from '../../src/gpu/ngtdm.js';
import { RoiValuesKernel } from '../../src/gpu/roi-values.js';
import { ZonesKernel } from '../../src/gpu/zones.js';
import { useNodeGpu } from './node-gpu-setup.js';

const node = useNodeGpu();

const kinds = [0, 1, 2, 3, 4, 5, 6, 7];
const local = [{ USE_LOCAL: 0, LOCAL_WORDS: 1 }, { USE_LOCAL: 1, LOCAL_WORDS: 4096 }];
const VARIANTS: [new (gpu: GpuContext) => { kernel: ComputeKernel }, string[], Record<string, number>[]][] = [
  [DiscretiseKernel, ['discretise'], kinds.map((k) => ({ VALUE_KIND: k }))],
  [RoiValuesKernel, ['compact'], kinds.map((k) => ({ VALUE_KIND: k, WORDS: k === 7 ? 2 : 1 }))],
  [IntensityHistogramKernel, ['histogram'], local],
  [NgldmKernel, ['dependence_counts'], local],
  [NgtdmKernel, ['tone_differences'], local],
  [GlrlmKernel, ['runs'], [{}]],
  [ZonesKernel, ['init_labels', 'merge', 'resolve'], [{}]],
  [GlszmKernel, ['size_zones'], [{}]],
  [GldzmKernel, ['distance_x', 'distance_y', 'distance_z', 'zone_distance', 'distance_zones'], [{}]],
];

describe('WGSL modules', () => {
  it('compile cleanly and build every pipeline variant', async () => {
    const gpu = node.gpu();
    for (const [Kind, entries, constants] of VARIANTS) {
      gpu.device.pushErrorScope('validation');
      const { kernel } = kernelFor(gpu, Kind);
      for (const entry of entries) for (const c of constants) kernel.pipeline(entry, c);
      const error = await gpu.device.popErrorScope();
      expect(await kernel.compilationMessages(), Kind.name).toEqual([]);
      expect(error?.message ?? null, Kind.name).toBeNull();
    }
  });
});
