/**
 * The SYNTHETIC image cohort: the study's design (domain.md) with images. 239 generated patients (the paper's
 * number; CR 15 / PR 161 / SD 26 / PD 37 exactly, since synthetic-cohort.ts ranks patients into the paper's
 * proportions), three centres, clinical variables, OS and PFS with censoring, and for each patient the volumes of
 * synthetic-images.ts (AP, PVP, T2, tumour mask) drawn from the same latent traits that drive response.
 *
 * The feature-level cohort (syntheticTpiCohort() with its default 240 patients and generated feature values) stays as
 * it is: the research page, `webradiomics train --synthetic` and the R-checked workflow fixture use it. This cohort is
 * syntheticTpiCohort({ n: 239 }): same generator, so clinical variables and outcomes follow the same model; its
 * radiomic features are not drawn but extracted from its images.
 *
 * Files of the cohort on disk (CLI `synthetic-cohort --images`, the manifest below):
 *   images/<id>/AP.nii.gz, PVP.nii.gz, T2.nii.gz    int16 volumes
 *   masks/<id>.nii.gz                                tumour label map (label 1), the grid of the three images
 */
import { syntheticPatientImages, SYNTHETIC_SEQUENCES, type SyntheticPatientImages } from './synthetic-images.js';
import { syntheticTpiCohort, type SyntheticCohort } from './synthetic-cohort.js';

export const SYNTHETIC_IMAGE_SEED = 2026;
export const SYNTHETIC_IMAGE_COHORT_SIZE = 239;

export interface SyntheticImageCohort {
  seed: number | string;
  /** the patients (clinical variables, outcomes, latent traits); its generated features are not used */
  cohort: SyntheticCohort;
  /** the volumes of patient i (0-based), generated on demand (about 15 ms of CPU each) */
  images(i: number): SyntheticPatientImages;
}

export function syntheticImageCohort(options: { seed?: number | string; n?: number } = {}): SyntheticImageCohort {
  const seed = options.seed ?? SYNTHETIC_IMAGE_SEED;
  const cohort = syntheticTpiCohort({ seed, n: options.n ?? SYNTHETIC_IMAGE_COHORT_SIZE, nRepeat: 0 });
  return {
    seed,
    cohort,
    images(i: number) {
      const p = cohort.patients[i];
      if (!p) throw new RangeError(`patient index ${i} is outside 0..${cohort.patients.length - 1}`);
      return syntheticPatientImages(seed, p.id, cohort.traits[i], p.clinical.max_diameter as number);
    },
  };
}

/** Relative paths of one patient's files, as the manifest names them. */
export function syntheticImagePaths(id: string): { images: Record<string, string>; mask: string } {
  return {
    images: Object.fromEntries(SYNTHETIC_SEQUENCES.map((q) => [q, `images/${id}/${q}.nii.gz`])),
    mask: `masks/${id}.nii.gz`,
  };
}

/** The cohort's image manifest (cohort-manifest.ts format): one row per patient and sequence, label 1. */
export function syntheticImageManifestCsv(cohort: SyntheticCohort, patientIndices?: readonly number[]): string {
  const lines = ['patient_id,sequence,image,mask,segment,centre'];
  const indices = patientIndices ?? cohort.patients.map((_, i) => i);
  for (const i of indices) {
    const p = cohort.patients[i];
    const f = syntheticImagePaths(p.id);
    for (const q of SYNTHETIC_SEQUENCES) lines.push([p.id, q, f.images[q], f.mask, 1, p.centre].join(','));
  }
  return `${lines.join('\n')}\n`;
}
