/**
 * Per-kernel benchmark: each texture matrix and the histogram on the CPU twin and (where an adapter exists) on
 * the GPU through the case runner (upload + dispatch + one read-back), and a whole case of all families in one
 * submit. ROIs of 10^3..10^maxExponent voxels, 16 / 64 / 256 grey levels.
 */
import type { GreyLevels } from '../core/discretise.js';
import { computeGlcm } from '../core/matrices/glcm.js';
import { computeGldzm } from '../core/matrices/gldzm.js';
import { computeGlrlm } from '../core/matrices/glrlm.js';
import { computeGlszm } from '../core/matrices/glszm.js';
import { computeNgldm } from '../core/matrices/ngldm.js';
import { computeNgtdm } from '../core/matrices/ngtdm.js';
import { CaseRunner, type CaseFamilies } from '../gpu/case-runner.js';
import type { GpuContext } from '../gpu/device.js';
import { syntheticGreyLevels } from './synthetic.js';
import { formatMs, formatRate, medianMs, table } from './timing.js';

interface Kernel {
  name: string;
  cpu: (g: GreyLevels) => unknown;
  families: CaseFamilies;
}

const KERNELS: Kernel[] = [
  { name: 'histogram', cpu: histogram, families: { histogram: true } },
  { name: 'GLCM 3D (13 dirs)', cpu: (g) => computeGlcm(g, { dimension: '3d', distance: 1 }), families: { glcm: [{ dimension: '3d', distance: 1 }] } },
  { name: 'GLRLM 3D (13 dirs)', cpu: (g) => computeGlrlm(g, { dimension: '3d' }), families: { glrlm: [{ dimension: '3d' }] } },
  { name: 'GLSZM 3D', cpu: (g) => computeGlszm(g, { dimension: '3d' }), families: { glszm: [{ dimension: '3d' }] } },
  { name: 'GLDZM 3D', cpu: (g) => computeGldzm(g, { dimension: '3d' }), families: { gldzm: [{ dimension: '3d' }] } },
  { name: 'NGTDM 3D', cpu: (g) => computeNgtdm(g, { dimension: '3d', distance: 1 }), families: { ngtdm: [{ dimension: '3d', distance: 1 }] } },
  { name: 'NGLDM 3D', cpu: (g) => computeNgldm(g, { dimension: '3d', distance: 1, alpha: 0 }), families: { ngldm: [{ dimension: '3d', distance: 1, alpha: 0 }] } },
];

function histogram(g: GreyLevels): Float64Array {
  const h = new Float64Array(g.ng);
  for (let i = 0; i < g.levels.length; i++) if (g.levels[i]) h[g.levels[i] - 1]++;
  return h;
}

const ALL_FAMILIES: CaseFamilies = Object.assign({}, ...KERNELS.map((k) => k.families));

export interface KernelBenchOptions {
  maxExponent: number;
  levels: number[];
  repeats: number;
  gpu?: GpuContext;
  log: (line: string) => void;
}

/** Column names of the kernel table. */
export const KERNEL_HEADER = ['kernel', 'ROI voxels', 'Ng', 'CPU ms', 'CPU voxels/s', 'GPU ms', 'GPU voxels/s'];

export async function benchKernels(o: KernelBenchOptions): Promise<string> {
  return table(KERNEL_HEADER, await kernelRows(o));
}

/** The kernel table's rows (KERNEL_HEADER), as the CLI benchmark and the app's benchmark page print them. */
export async function kernelRows(o: KernelBenchOptions): Promise<string[][]> {
  const runner = o.gpu ? new CaseRunner(o.gpu) : undefined;
  const rows: string[][] = [];
  for (let e = 3; e <= o.maxExponent; e++) {
    for (const ng of o.levels) {
      const grey = syntheticGreyLevels(10 ** e, ng);
      const repeats = e >= 6 ? Math.max(1, Math.min(o.repeats, 3)) : o.repeats;
      const caseRows: string[][] = [];
      let cpuTotal = 0;
      for (const k of KERNELS) {
        const cpu = await medianMs(() => k.cpu(grey), repeats);
        cpuTotal += cpu;
        const gpu = runner ? await medianMs(() => runner.run([{ grey, families: k.families }]), repeats) : NaN;
        caseRows.push(row(k.name, grey, cpu, gpu));
      }
      const gpuCase = runner ? await medianMs(() => runner.run([{ grey, families: ALL_FAMILIES }]), repeats) : NaN;
      caseRows.push(row('whole case (all above)', grey, cpuTotal, gpuCase));
      for (const r of caseRows) o.log(r.join('  '));
      rows.push(...caseRows);
    }
  }
  runner?.destroy();
  return rows;
}

function row(name: string, g: GreyLevels, cpu: number, gpu: number): string[] {
  return [
    name,
    g.count.toLocaleString('en'),
    String(g.ng),
    formatMs(cpu),
    formatRate(g.count, cpu),
    Number.isNaN(gpu) ? '-' : formatMs(gpu),
    Number.isNaN(gpu) ? '-' : formatRate(g.count, gpu),
  ];
}
