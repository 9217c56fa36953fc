/**
 * The issue's cohort benchmark: time to extract the SYNTHETIC 239-patient image cohort (core/model/
 * synthetic-image-cohort.ts: AP, PVP, T2 per patient, 64 x 64 x 24 voxels, tumour ROIs of about 300-5,500 voxels)
 * through the cohort runner (pipeline/cohort-extract.ts -> extractCase), with the demo model's settings (PyRadiomics
 * profile, Original image type, all 7 classes, bin width 15): one pass, in memory (file decoding excluded, as in the
 * extract suite), volume generation timed separately. One run, not a median: the pass itself is 717 cases. The
 * process's CPU time is printed beside the wall time, which a busy machine inflates.
 */
import { cohortPlan, parseManifest } from '../core/model/cohort-manifest.js';
import { IssueList } from '../core/model/cohort-table.js';
import { demoExtractionSettings } from '../core/model/demo-image-model.js';
import { syntheticImageCohort, syntheticImageManifestCsv } from '../core/model/synthetic-image-cohort.js';
import type { SyntheticPatientImages, SyntheticSequence } from '../core/model/synthetic-images.js';
import type { GpuAcquisition } from '../gpu/device.js';
import { extractCohort } from '../pipeline/cohort-extract.js';
import type { BackendChoice } from '../pipeline/extract-case.js';
import { table } from './timing.js';

export async function benchCohort(o: { patients: number; backend: BackendChoice; getGpu: () => Promise<GpuAcquisition>; log: (line: string) => void }): Promise<string> {
  const c = syntheticImageCohort();
  const n = Math.max(1, Math.min(o.patients, c.cohort.patients.length));
  const t0 = performance.now();
  const gen0 = process.cpuUsage();
  const images = new Map<string, SyntheticPatientImages>();
  for (let i = 0; i < n; i++) images.set(c.cohort.patients[i].id, c.images(i));
  const generateMs = performance.now() - t0;
  const gen = process.cpuUsage(gen0);
  const generateCpuS = (gen.user + gen.system) / 1e6;
  o.log(`generated ${n} synthetic patients' volumes in ${(generateMs / 1000).toFixed(1)} s`);

  const issues = new IssueList();
  const manifest = parseManifest(syntheticImageManifestCsv(c.cohort, Array.from({ length: n }, (_, i) => i)), issues);
  const plan = cohortPlan(manifest.entries, issues);
  if (issues.hasErrors) throw new Error(issues.items.map((i) => i.message).join('\n'));
  let roiVoxels = 0;
  for (const p of images.values()) for (const v of p.mask.data) roiVoxels += v;
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await extractCohort(plan.patients, {
    sequences: plan.sequences,
    prefixed: true,
    settings: demoExtractionSettings(),
    backend: o.backend,
    getGpu: o.getGpu,
    loadCase: async (e) => {
      const p = images.get(e.patientId)!;
      return { image: p.images[e.sequence as SyntheticSequence], mask: p.mask, imageName: e.image, maskName: e.mask };
    },
    onProgress: (p) => p.done % 60 === 0 && o.log(`  ${p.done}/${p.total} cases, ${(p.elapsedMs / 1000).toFixed(1)} s`),
  });
  const extractMs = performance.now() - t1;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const cases = n * plan.sequences.length;
  const backend = result.backend ? `${result.backend.kind}: ${result.backend.description}` : '-';
  return [
    `## Cohort extraction: the SYNTHETIC ${n}-patient image cohort (AP + PVP + T2, PyRadiomics profile, ${result.table.names.length} features per patient)`,
    '',
    table(
      ['patients', 'cases', 'mean ROI voxels', 'generate volumes s (wall / CPU)', 'extract s (wall / CPU)', 'ms per case', 'backend'],
      [[String(n), String(cases), String(Math.round(roiVoxels / n)), `${(generateMs / 1000).toFixed(1)} / ${generateCpuS.toFixed(1)}`, `${(extractMs / 1000).toFixed(1)} / ${cpuS.toFixed(1)}`, (extractMs / cases).toFixed(1), backend]],
    ),
  ].join('\n');
}
