/** One Dawn device per Node test file (vitest runs each file in its own process), destroyed after the file. */
import { afterAll, beforeAll } from 'vitest';
import type { GpuContext } from '../../src/gpu/device.js';
import { acquireNodeGpu } from '../../src/gpu/node-gpu.js';

export interface NodeGpu {
  /** the device; throws when none could be had */
  gpu(): GpuContext;
  /** why there is no device ('' when there is one) */
  reason(): string;
}

export function useNodeGpu(): NodeGpu {
  let gpu: GpuContext | undefined;
  let reason = '';
  beforeAll(async () => {
    const got = await acquireNodeGpu();
    if (got.ok) gpu = got.gpu;
    else reason = got.reason;
  });
  afterAll(() => gpu?.device.destroy());
  return {
    gpu: () => {
      if (!gpu) throw new Error(`no WebGPU device: ${reason}`);
      return gpu;
    },
    reason: () => reason,
  };
}
