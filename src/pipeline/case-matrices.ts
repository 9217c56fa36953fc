/**
 * The matrices of one case for extractCase (extract-case.ts), from the backend chosen:
 * - 'cpu': the CPU twins;
 * - 'auto': the GPU when getGpu() gives a device (one CaseRunner submit for every image and family), else the CPU
 *   twins with the reason in BackendUsed.description;
 * - 'gpu': the GPU, or BackendError.
 * Requests beyond the device's limits run in chunks or on the CPU (src/gpu/engine-matrices.ts) with a warning,
 * never a crash. A device lost during the case is re-acquired once (getGpu again) and the case rerun; if that
 * fails too, the CPU twins run ('auto') with the reason. The submits and read-backs of the case are counted.
 */
import { computeMatricesCpu, type MatrixImage, type MatrixResults } from '../core/extract.js';
import { requestCount } from '../core/extract/matrix-plan.js';
import { caseRunnerFor } from '../gpu/case-runner.js';
import type { GpuAcquisition, GpuContext } from '../gpu/device.js';
import { computeMatricesGpu } from '../gpu/engine-matrices.js';
import { BackendError, type BackendChoice, type BackendUsed } from './extract-slice.js';

/** What the GPU stages of a case did: the filters (gpu-prefilter.ts) and the matrices. */
export interface EngineStats {
  /**
   * queue submits and read-backs (mapAsync) of this case, both stages: 1 and 1 for a case that fits the GPU, 2 and
   * 2 when image types were also filtered on the GPU, 0 on the CPU
   */
  submits: number;
  readbacks: number;
  /** texture matrices computed on the GPU and by the CPU twins */
  gpuMatrices: number;
  cpuMatrices: number;
  /** image types other than Original filtered on the GPU and by the CPU filters (extractCase always sets them) */
  gpuFilters?: number;
  cpuFilters?: number;
  /** milliseconds of the matrices stage */
  ms: number;
  /** milliseconds of the GPU filter stage (0 when the plan filtered on the CPU) */
  filterMs?: number;
}

export interface CaseMatrices {
  results: MatrixResults[];
  backend: BackendUsed;
  engine: EngineStats;
  warnings: string[];
}

/** Waits briefly for a device's `lost` promise: its reason when the device is lost (after a failed run), else null. */
export async function isLost(gpu: GpuContext): Promise<string | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 100));
  return Promise.race([gpu.device.lost.then((info) => `${info.reason}: ${info.message}`), timeout]);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function caseMatrices(images: MatrixImage[], backend: BackendChoice, getGpu: () => Promise<GpuAcquisition>): Promise<CaseMatrices> {
  const t0 = Date.now();
  const total = images.reduce((n, m) => n + requestCount(m.requests), 0);
  const onCpu = (description: string, warnings: string[] = []): CaseMatrices => {
    const results = computeMatricesCpu(images);
    return { results, backend: { kind: 'cpu', description }, engine: { submits: 0, readbacks: 0, gpuMatrices: 0, cpuMatrices: total, gpuFilters: 0, cpuFilters: 0, ms: Date.now() - t0, filterMs: 0 }, warnings };
  };
  if (backend === 'cpu') return onCpu('CPU (selected)');
  let got = await getGpu();
  if (!got.ok) {
    if (backend === 'gpu') throw new BackendError(`the GPU backend was requested but ${got.reason}`);
    return onCpu(`CPU (${got.reason})`);
  }
  for (let attempt = 0; ; attempt++) {
    const gpu: GpuContext = got.gpu;
    const runner = caseRunnerFor(gpu);
    const before = { ...runner.counters };
    try {
      const run = await computeMatricesGpu(runner, images);
      const engine: EngineStats = {
        submits: runner.counters.submits - before.submits,
        readbacks: runner.counters.readbacks - before.readbacks,
        gpuMatrices: run.gpuMatrices,
        cpuMatrices: run.cpu.length,
        gpuFilters: 0,
        cpuFilters: 0,
        ms: Date.now() - t0,
        filterMs: 0,
      };
      const warnings: string[] = [];
      let description = gpu.adapterName;
      if (run.cpu.length > 0) {
        const reasons = [...new Set(run.cpu.map((c) => `${c.family}: ${c.reason}`))];
        description += `; ${run.cpu.length} of ${total} matrices on the CPU (${reasons.join('; ')})`;
        warnings.push(`GPU: ${run.cpu.length} of ${total} texture matrices were computed on the CPU: ${reasons.join('; ')}`);
      }
      if (run.runs > 1) warnings.push(`GPU: the case did not fit this GPU in one submit and ran in ${run.runs} parts`);
      if (attempt > 0) warnings.push('GPU: the device was lost during the case; it was re-acquired and the case rerun');
      // nothing fitted the device: the CPU ran it all, and says why
      if (run.gpuMatrices === 0 && total > 0) description = `CPU (${description.slice(gpu.adapterName.length + 2)})`;
      return { results: run.results, backend: { kind: run.gpuMatrices === 0 && total > 0 ? 'cpu' : 'gpu', description }, engine, warnings };
    } catch (e) {
      const lost = await isLost(gpu);
      if (lost !== null && attempt === 0) {
        got = await getGpu();
        if (got.ok && got.gpu.device !== gpu.device) continue;
      }
      const reason = lost !== null ? `the GPU device was lost (${lost})${attempt > 0 ? ' twice' : ''}` : `the GPU run failed: ${message(e)}`;
      if (backend === 'gpu') throw new BackendError(reason);
      return onCpu(`CPU (${reason})`, [`GPU: ${reason}; the CPU twins computed the matrices`]);
    }
  }
}
