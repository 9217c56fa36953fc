/**
 * Writes the shipped demo files (src/core/model/demo-files.ts): the demo model built from features extracted from the
 * SYNTHETIC image cohort, the demo patient's volumes, clinical values and README, and the cohort's feature table
 * (test/fixtures/model/synthetic-image-features.csv, the model's input, which the drift test checks).
 *
 *   node --import tsx scripts/make-demo.ts                    extract all 239 x 3 cases (about 20 s of CPU), then build
 *   node --import tsx scripts/make-demo.ts --reuse-features   rebuild from the committed feature table (a model-file
 *                                                             or modelling change, same extraction)
 * test/core/demo-files.test.ts fails when the committed files differ from what this produces.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { niftiGz } from '../src/cli/synthetic-images-write.js';
import { featureTableCsv } from '../src/core/model/cohort-features.js';
import { buildImageDemoModel, syntheticCohortFeatures } from '../src/core/model/demo-image-model.js';
import { DEMO_FEATURES_PATH, DEMO_MODEL_PATH, DEMO_PATIENT_DIR, demoFiles } from '../src/core/model/demo-files.js';
import { parseFeatureTable } from '../src/core/model/feature-table.js';
import { syntheticImageCohort } from '../src/core/model/synthetic-image-cohort.js';
import { TOOL_VERSION } from '../src/version.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { 'reuse-features': { type: 'boolean', default: false } }, strict: true });
const log = (line: string) => process.stderr.write(`${line}\n`);

const cohort = syntheticImageCohort();
let table;
if (values['reuse-features']) {
  const parsed = parseFeatureTable(await readFile(path.join(ROOT, DEMO_FEATURES_PATH), 'utf8'), { file: DEMO_FEATURES_PATH });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  table = { ids: parsed.ids, names: parsed.names, values: parsed.values };
} else {
  const t0 = performance.now();
  table = syntheticCohortFeatures(cohort, { onPatient: (done, total) => done % 20 === 0 && log(`extracted ${done}/${total} patients`) });
  log(`extraction: ${((performance.now() - t0) / 1000).toFixed(1)} s for ${table.ids.length} patients x 3 sequences`);
  await writeFile(path.join(ROOT, DEMO_FEATURES_PATH), featureTableCsv(table));
}
const demo = buildImageDemoModel(table, { toolVersion: TOOL_VERSION }, cohort);
const files = demoFiles(demo);
await writeFile(path.join(ROOT, DEMO_MODEL_PATH), files.modelJson);
const dir = path.join(ROOT, DEMO_PATIENT_DIR);
await mkdir(dir, { recursive: true });
for (const [name, volume] of Object.entries(files.volumes)) await writeFile(path.join(dir, name), niftiGz(volume));
await writeFile(path.join(dir, 'clinical.json'), files.clinicalJson);
await writeFile(path.join(dir, 'README.md'), files.readme);
const perf = demo.modelFile.performance;
log(`demo patient ${demo.demoPatient.id} (${demo.demoPatient.response}): p = ${demo.demoPatient.probability.toFixed(3)}, ${demo.demoPatient.riskGroup} risk`);
log(`AUC training / validation: radiomic ${perf.training.radiomic.auc.toFixed(3)} / ${perf.validation?.radiomic.auc.toFixed(3)}, combined ${perf.training.combined.auc.toFixed(3)} / ${perf.validation?.combined.auc.toFixed(3)}`);
