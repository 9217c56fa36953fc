/**
 * `npm run bench`: speed figures, never a test. Prints the adapter, then the chosen suites as Markdown tables.
 *   --suite kernels|extract|memory|engine|filters|cohort|all   (default all = kernels + extract + filters + cohort;
 *                                 memory and engine only when named)
 *   --cohort-patients N           cohort suite: patients of the synthetic image cohort (default all 239)
 *   --batch N                     memory suite: cases in the batch (default 200)
 *   --max-roi-exponent N          largest kernel ROI, 10^N voxels (default 6; 7 for the full range)
 *   --levels 16,64,256            grey-level counts of the kernel suite
 *   --repeats N                   timed runs per figure (median reported; default 5); kernels: after one warm-up,
 *                                 extract: interleaved rounds over every column of a case (extraction.ts)
 *   --warmup N                    extract suite: untimed interleaved rounds before the timed ones (default 5)
 *   --backend auto|cpu            cpu skips the GPU even where an adapter exists
 * Software adapters (SwiftShader, llvmpipe) are slower than JavaScript here: their GPU columns are not
 * performance figures, and the output says so.
 */
import { parseArgs } from 'node:util';
import { acquireNodeGpu } from '../gpu/node-gpu.js';
import type { GpuContext } from '../gpu/device.js';
import { benchKernels } from './kernels.js';
import { benchExtraction } from './extraction.js';
import { benchMemory } from './memory.js';
import { benchEngine } from './engine-gpu.js';
import { benchCohort } from './cohort.js';
import { benchFilters } from './filters.js';

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      suite: { type: 'string', default: 'all' },
      'max-roi-exponent': { type: 'string', default: '6' },
      levels: { type: 'string', default: '16,64,256' },
      repeats: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '5' },
      batch: { type: 'string', default: '200' },
      'cohort-patients': { type: 'string', default: '239' },
      backend: { type: 'string', default: 'auto' },
    },
    strict: true,
  });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let gpu: GpuContext | undefined;
  let adapter = 'none (CPU only)';
  if (values.backend !== 'cpu') {
    const got = await acquireNodeGpu();
    if (got.ok) {
      gpu = got.gpu;
      adapter = got.gpu.adapterName;
    } else adapter = `none: ${got.reason}`;
  }
  const software = /swiftshader|llvmpipe|software/i.test(adapter);
  const out: string[] = [
    `# WebRadiomics benchmark`,
    ``,
    `Node ${process.version}, ${process.platform}/${process.arch}; GPU adapter: ${adapter}` +
      (software ? ' (a software adapter: its GPU columns are not performance figures)' : ''),
    ``,
  ];
  if (values.suite === 'kernels' || values.suite === 'all') {
    out.push('## Texture kernels: CPU twin vs GPU (upload + dispatch + one read-back), median ms', '');
    out.push(
      await benchKernels({
        maxExponent: Number(values['max-roi-exponent']),
        levels: values.levels.split(',').map(Number),
        repeats: Number(values.repeats),
        gpu,
        log,
      }),
      '',
    );
  }
  if (values.suite === 'extract' || values.suite === 'all') {
    out.push(await benchExtraction({ repeats: Number(values.repeats), warmup: Number(values.warmup), log }), '');
  }
  if (values.suite === 'filters' || values.suite === 'all') {
    out.push(await benchFilters({ repeats: Number(values.repeats), gpu, log }), '');
  }
  if (values.suite === 'cohort' || values.suite === 'all') {
    const backend = values.backend === 'cpu' ? 'cpu' : 'auto';
    out.push(await benchCohort({ patients: Number(values['cohort-patients']), backend, getGpu: acquireNodeGpu, log }), '');
  }
  if (values.suite === 'memory') {
    out.push(await benchMemory({ batch: Number(values.batch), log }), '');
  }
  if (values.suite === 'engine') {
    out.push(await benchEngine({ repeats: Number(values.repeats), gpu, log }), '');
  }
  process.stdout.write(out.join('\n'));
  return 0;
}
