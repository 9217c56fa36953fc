/**
 * The kernel benchmark for the app's benchmark page (src/ui/bench/wr-bench-page.ts), run in the pipeline worker on
 * the user's own GPU: the adapter, whether it is a software one, and the rows of the kernel table (kernels.ts).
 */
import type { GpuAcquisition } from '../gpu/device.js';
import { KERNEL_HEADER, kernelRows } from './kernels.js';

export interface BenchPageOptions {
  /** largest ROI, 10^maxExponent voxels (from 10^3) */
  maxExponent: number;
  levels: number[];
  repeats: number;
}

export interface BenchReport {
  /** adapter description, or why there is none (the CPU columns are still measured) */
  adapter: string;
  gpu: boolean;
  /** SwiftShader, llvmpipe or another software adapter: its GPU columns are no performance figures */
  software: boolean;
  header: string[];
  rows: string[][];
}

export async function benchPage(getGpu: () => Promise<GpuAcquisition>, o: BenchPageOptions): Promise<BenchReport> {
  const got = await getGpu();
  const adapter = got.ok ? got.gpu.adapterName : `none: ${got.reason}`;
  const rows = await kernelRows({ ...o, gpu: got.ok ? got.gpu : undefined, log: () => undefined });
  return { adapter, gpu: got.ok, software: /swiftshader|llvmpipe|software/i.test(adapter), header: KERNEL_HEADER, rows };
}
