/**
 * Files for the clinic workflow tests, all SYNTHETIC: a model file (the demo model of buildDemoModel, with
 * extraction settings that produce its features: PyRadiomics profile, Original + Wavelet images) and one generated
 * patient of the synthetic cohort as NIfTI (AP, PVP, T2, mask) with its clinical values as JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildDemoModel } from '../../src/core/model/demo-model.js';
import { serialiseModelFile, type ModelFile } from '../../src/core/model/model-file.js';
import { SYNTHETIC_SEQUENCES, syntheticPatientImages } from '../../src/core/model/synthetic-images.js';
import type { Volume } from '../../src/core/volume.js';
import { writeNifti1 } from './nifti.js';

export const FIXTURE_SETTINGS = { profile: 'pyradiomics', imageTypes: { Original: {}, Wavelet: {} } };

let cached: ReturnType<typeof buildDemoModel> | undefined;
export function fixtureDemo() {
  cached ??= buildDemoModel({ toolVersion: '0.1.0', createdAt: '2026-01-01T00:00:00.000Z', extractionSettings: FIXTURE_SETTINGS });
  return cached;
}

export function fixtureModel(): ModelFile {
  return JSON.parse(serialiseModelFile(fixtureDemo().modelFile));
}

function niftiOf(v: Volume): Uint8Array {
  const data = v.data instanceof Int16Array || v.data instanceof Uint8Array ? v.data : Int16Array.from(v.data as ArrayLike<number>);
  return writeNifti1({ dims: [...v.dims], spacing: [...v.spacing], data, origin: [...v.origin] as [number, number, number] });
}

export interface PatientFiles {
  id: string;
  images: Record<string, string>;
  mask: string;
  clinical: string;
  clinicalValues: Record<string, number | string | null>;
  volumes: ReturnType<typeof syntheticPatientImages>;
}

/** Writes patient `index` of the synthetic cohort into `dir`. */
export function writePatient(dir: string, index: number): PatientFiles {
  const { cohort } = fixtureDemo();
  const p = cohort.patients[index];
  const volumes = syntheticPatientImages(cohort.seed, p.id, cohort.traits[index], p.clinical.max_diameter as number);
  mkdirSync(dir, { recursive: true });
  const images: Record<string, string> = {};
  for (const s of SYNTHETIC_SEQUENCES) {
    images[s] = path.join(dir, `${s}.nii`);
    writeFileSync(images[s], niftiOf(volumes.images[s]));
  }
  const mask = path.join(dir, 'mask.nii');
  writeFileSync(mask, niftiOf(volumes.mask));
  const clinical = path.join(dir, 'clinical.json');
  writeFileSync(clinical, JSON.stringify(p.clinical, null, 2));
  return { id: p.id, images, mask, clinical, clinicalValues: p.clinical, volumes };
}
