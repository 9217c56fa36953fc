/**
 * Memory benchmark (issue "large studies"): a 512 x 512 x 300 MR-like series with a 10^6-voxel ROI through the full
 * extraction (PyRadiomics defaults, CPU path, via extractCase as the app's worker and the CLI run it), then a batch of
 * 200 small cases (128 x 128 x 32, about 20,000-voxel ROI) one after another. Reported: process RSS and V8 heap
 * (used, and external, which holds the typed-array buffers) before, at the peak (sampled every 20 ms during the case) and after a
 * forced garbage collection; for the batch, the heap after GC every 20 cases, whose trend shows whether memory is
 * released after each case (a bounded footprint) or grows with the number of cases.
 * Figures, never a test: they depend on V8's heuristics and the machine.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pyradiomicsDefaults } from '../core/settings.js';
import type { Vec3, Volume } from '../core/volume.js';
import { extractCase } from '../pipeline/extract-case.js';
import { table } from './timing.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(0);

interface Sample {
  rss: number;
  heapUsed: number;
  external: number;
}

function sample(): Sample {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
}

function settled(): Sample {
  gc();
  gc();
  return sample();
}

/** Seeded MR-like int16 volume: smooth background + noise, a spherical tumour of `roiVoxels` with texture. */
export function mrLikeCase(dims: Vec3, spacing: Vec3, roiVoxels: number, seed: number): { image: Volume; mask: Volume } {
  const [nx, ny, nz] = dims;
  const n = nx * ny * nz;
  const image = new Int16Array(n);
  const mask = new Uint8Array(n);
  let state = seed >>> 0 || 1;
  const noise = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  // radius in mm of a sphere holding roiVoxels voxels of this spacing
  const voxelVolume = spacing[0] * spacing[1] * spacing[2];
  const r = Math.cbrt((3 * roiVoxels * voxelVolume) / (4 * Math.PI));
  const c = dims.map((d) => (d - 1) / 2);
  for (let z = 0; z < nz; z++) {
    const dz = (z - c[2]) * spacing[2];
    for (let y = 0; y < ny; y++) {
      const dy = (y - c[1]) * spacing[1];
      const row = nx * (y + ny * z);
      for (let x = 0; x < nx; x++) {
        const dx = (x - c[0]) * spacing[0];
        const inside = dx * dx + dy * dy + dz * dz <= r * r;
        const base = 400 + 60 * Math.sin(x / 40) + 40 * Math.cos(y / 50) + 30 * Math.sin(z / 20);
        const tumour = inside ? 250 + 120 * Math.sin(x / 3) * Math.cos(y / 4) + 80 * Math.sin(z / 2) : 0;
        image[row + x] = Math.round(base + tumour + 50 * (noise() - 0.5));
        mask[row + x] = inside ? 1 : 0;
      }
    }
  }
  const geometry = { dims, spacing, origin: [0, 0, 0] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  return { image: { ...geometry, data: image }, mask: { ...geometry, data: mask } };
}

async function withPeak<T>(run: () => Promise<T>): Promise<{ result: T; peak: Sample }> {
  const peak = sample();
  const timer = setInterval(() => {
    const s = sample();
    peak.rss = Math.max(peak.rss, s.rss);
    peak.heapUsed = Math.max(peak.heapUsed, s.heapUsed);
    peak.external = Math.max(peak.external, s.external);
  }, 20);
  try {
    const result = await run();
    const s = sample();
    peak.rss = Math.max(peak.rss, s.rss);
    peak.heapUsed = Math.max(peak.heapUsed, s.heapUsed);
    peak.external = Math.max(peak.external, s.external);
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

const cpuOnly = async () => ({ ok: false as const, reason: 'memory benchmark: CPU path' });

export async function benchMemory(o: { batch: number; log: (line: string) => void }): Promise<string> {
  const rows: string[][] = [];
  const row = (what: string, s: Sample, note = '') => {
    rows.push([what, mb(s.rss), mb(s.heapUsed), mb(s.external), note]);
    o.log(rows[rows.length - 1].join('  '));
  };
  const settings = pyradiomicsDefaults();
  row('start', settled());

  // the large study: 512 x 512 x 300, 0.75 x 0.75 x 1.5 mm, 10^6-voxel ROI
  let big: { image: Volume; mask: Volume } | null = mrLikeCase([512, 512, 300], [0.75, 0.75, 1.5], 1_000_000, 7);
  row('large study in memory (int16 image + uint8 mask)', settled(), `${(big.image.data.length / 1e6).toFixed(1)} M voxels`);
  const t0 = performance.now();
  const { result, peak } = await withPeak(() =>
    extractCase({ image: big!.image, mask: big!.mask, imageName: 'synthetic-512x512x300', maskName: 'sphere-1e6' }, { settings, backend: 'cpu' }, cpuOnly),
  );
  const ms = performance.now() - t0;
  row('large study: peak during extraction', peak, `${result.features.length} features in ${(ms / 1000).toFixed(1)} s`);
  big = null;
  row('large study: after the case, volumes dropped, GC', settled());

  // the batch: cases generated and extracted one at a time, as a cohort run does
  const trend: number[] = [];
  const before = settled();
  let batchPeak = before;
  const tb = performance.now();
  for (let i = 0; i < o.batch; i++) {
    const c = mrLikeCase([128, 128, 32], [1, 1, 2], 20_000, 100 + i);
    const { peak: p } = await withPeak(() => extractCase({ image: c.image, mask: c.mask, imageName: `case-${i}`, maskName: `mask-${i}` }, { settings, backend: 'cpu' }, cpuOnly));
    batchPeak = { rss: Math.max(batchPeak.rss, p.rss), heapUsed: Math.max(batchPeak.heapUsed, p.heapUsed), external: Math.max(batchPeak.external, p.external) };
    if ((i + 1) % 20 === 0) {
      const s = settled();
      trend.push(s.heapUsed + s.external);
      o.log(`batch: ${i + 1} cases, heap+external after GC ${mb(s.heapUsed + s.external)} MB`);
    }
  }
  const batchMs = performance.now() - tb;
  row(`batch of ${o.batch} cases: before`, before);
  row(`batch: peak`, batchPeak, `${(batchMs / o.batch).toFixed(0)} ms per case (generation + extraction)`);
  row(`batch: after ${o.batch} cases, GC`, settled());
  const growth = trend.length > 1 ? (trend[trend.length - 1] - trend[0]) / (trend.length - 1) : 0;
  return [
    '## Memory: large study and a batch, CPU path, PyRadiomics defaults (MB; process.memoryUsage, peaks sampled every 20 ms, "GC" = after two forced collections)',
    '',
    table(['stage', 'RSS', 'V8 heap used', 'external (typed arrays)', 'note'], rows),
    '',
    `Batch heap+external after GC every 20 cases (MB): ${trend.map(mb).join(', ')}; mean change per 20 cases ${(growth / MB).toFixed(2)} MB.`,
  ].join('\n');
}
