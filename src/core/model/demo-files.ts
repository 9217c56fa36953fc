/**
 * The contents of the shipped demo files (scripts/make-demo.ts writes them; test/core/demo-files.test.ts checks the
 * committed copies against them):
 *   public/demo/demo-model.json           the image demo model (demo-image-model.ts), syntheticData true
 *   public/demo/patient/AP.nii.gz ...     the demo patient's volumes and mask (label 1), one grid
 *   public/demo/patient/clinical.json     { "<variable>": value } for every clinical variable of the cohort
 *   public/demo/patient/README.md         says it is synthetic, and what the model predicts for it
 * Volumes are returned as volumes; the caller encodes them (NIfTI-1, gzip with mtime 0, so the bytes are stable).
 */
import type { Volume } from '../volume.js';
import type { ImageDemoModel } from './demo-image-model.js';
import { serialiseModelFile } from './model-file.js';
import { SYNTHETIC_IMAGE_DIMS, SYNTHETIC_IMAGE_SPACING, SYNTHETIC_SEQUENCES } from './synthetic-images.js';

export const DEMO_MODEL_PATH = 'public/demo/demo-model.json';
export const DEMO_PATIENT_DIR = 'public/demo/patient';
/** The cohort's extracted feature table, the model's input (checked by the drift test, not shipped to the app). */
export const DEMO_FEATURES_PATH = 'test/fixtures/model/synthetic-image-features.csv';

export interface DemoFiles {
  modelJson: string;
  /** file name -> volume (AP.nii.gz, PVP.nii.gz, T2.nii.gz, mask.nii.gz) */
  volumes: Record<string, Volume>;
  clinicalJson: string;
  readme: string;
}

export function demoFiles(demo: ImageDemoModel): DemoFiles {
  const d = demo.demoPatient;
  const patient = demo.cohort.cohort.patients[d.index];
  const images = demo.cohort.images(d.index);
  const volumes: Record<string, Volume> = {};
  for (const q of SYNTHETIC_SEQUENCES) volumes[`${q}.nii.gz`] = images.images[q];
  volumes['mask.nii.gz'] = images.mask;
  const clinical = Object.fromEntries(demo.cohort.cohort.variables.map((v) => [v.name, patient.clinical[v.name]]));
  const m = demo.modelFile;
  const readme = [
    '# Demo patient (SYNTHETIC)',
    '',
    'GENERATED DATA, not a patient: made by WebRadiomics (`scripts/make-demo.ts`, `src/core/model/synthetic-images.ts`) for',
    'demonstration and software testing only. Not for clinical use.',
    '',
    `Synthetic patient ${d.id} of the synthetic image cohort (${demo.cohort.cohort.patients.length} generated patients, seed ${JSON.stringify(demo.cohort.seed)}),`,
    'a validation-set patient of the demo model `../demo-model.json`, chosen because its prediction is unambiguous.',
    '',
    '| file | what |',
    '| --- | --- |',
    `| \`AP.nii.gz\` | arterial phase, int16, ${SYNTHETIC_IMAGE_DIMS.join(' x ')} voxels of ${SYNTHETIC_IMAGE_SPACING.join(' x ')} mm |`,
    '| `PVP.nii.gz` | portal venous phase, same grid |',
    '| `T2.nii.gz` | T2-weighted, same grid |',
    '| `mask.nii.gz` | tumour label map (label 1), same grid |',
    '| `clinical.json` | the clinical variables, named as in the model file |',
    '',
    `Generated outcome: mRECIST ${patient.response}. The demo model (${m.endpoint.kind}, extraction settings in the model file)`,
    `gives p(${m.endpoint.positive}) = ${d.probability.toFixed(3)}, ${d.riskGroup} risk group.`,
    '',
  ].join('\n');
  return { modelJson: serialiseModelFile(m), volumes, clinicalJson: `${JSON.stringify(clinical, null, 2)}\n`, readme };
}
