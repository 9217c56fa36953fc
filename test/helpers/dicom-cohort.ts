/**
 * A two-patient DICOM image cohort built in code (dcmjs; runs in Node and in the browser), as a picked folder and a
 * manifest for cohort extraction:
 *   P01: a study folder with two MR series (T2 and arterial; the manifest's `series` picks T2) and an RTSTRUCT with
 *        the ROIs "GTV" and "Body" (`roi` = GTV);
 *   P02: a study folder with one oblique T2 series and a DICOM SEG (written by the app's SEG writer) with the
 *        segments 1 "tumour" and 2 "ring" (`segment` = 1).
 * Voxel values vary pseudo-randomly so that every texture matrix has several grey levels. All data SYNTHETIC.
 */
import { zipSync } from 'fflate';
import { encodeNifti } from '../../src/core/nifti-write.js';
import type { Volume } from '../../src/core/volume.js';
import { encodeSegmentation } from '../../src/io/dicom/seg-write.js';
import { buildRtstruct, buildSeries, IDENTITY, MR_IMAGE_STORAGE, obliqueDirection, rectangleContour, seriesVoxels, sopUid, type SeriesSpec, type SynthFile } from './dicom-synth.js';

const value = (seed: number) => (i: number, j: number, k: number) => 200 + ((i * 37 + j * 91 + k * 53 + seed * 17 + i * j) % 101);

// 16 x 16 pixels per slice: a multiple of 8, as the SEG reader needs (see seg-write.ts)
export const P01_T2: SeriesSpec = {
  seriesUid: '1.2.826.0.1.3680043.10.77.1.1',
  studyUid: '1.2.826.0.1.3680043.10.77.1',
  frameOfReferenceUid: '1.2.826.0.1.3680043.10.77.1.9',
  description: 'T2 axial',
  seriesNumber: 3,
  dims: [16, 16, 6],
  spacing: [0.8, 0.8, 2.5],
  origin: [-6, 10, 40],
  direction: IDENTITY,
  value: value(1),
  path: (k) => `P01/study/t2/IM${k}.dcm`,
};
export const P01_ART: SeriesSpec = {
  ...P01_T2,
  seriesUid: '1.2.826.0.1.3680043.10.77.1.2',
  description: 'arterial',
  seriesNumber: 5,
  value: value(2),
  path: (k) => `P01/study/art/IM${k}.dcm`,
};
export const P02_T2: SeriesSpec = {
  seriesUid: '1.2.826.0.1.3680043.10.77.2.1',
  studyUid: '1.2.826.0.1.3680043.10.77.2',
  frameOfReferenceUid: '1.2.826.0.1.3680043.10.77.2.9',
  description: 'T2 oblique',
  seriesNumber: 4,
  dims: [16, 16, 5],
  spacing: [0.9, 0.9, 3],
  origin: [12, -4, 20],
  direction: obliqueDirection(10, -6),
  value: value(3),
  path: (k) => `P02/study/IM${String(k).padStart(2, '0')}.dcm`,
};

/** GTV: a rectangle per slice 1..4 that grows with k; Body: most of slices 0..5. */
function p01Rtstruct(): Uint8Array {
  const g = P01_T2;
  const gtv = [1, 2, 3, 4].map((k) => rectangleContour(g, k, 3.5 - (k % 2), 4.5, 10.5 + k / 2, 11.5 - (k % 3)));
  const body = [0, 1, 2, 3, 4, 5].map((k) => rectangleContour(g, k, 0.5, 0.5, 14.5, 14.5));
  return buildRtstruct({
    studyUid: g.studyUid,
    frameOfReferenceUid: g.frameOfReferenceUid,
    referencedSeriesUid: g.seriesUid,
    rois: [
      { number: 1, name: 'Body', contours: body },
      { number: 2, name: 'GTV', contours: gtv },
    ],
  });
}

/** Segment 1: an irregular tumour; segment 2: a ring around it on two slices. */
function p02Seg(): Uint8Array {
  const g = P02_T2;
  const [nx, ny, nz] = g.dims;
  const tumour = (i: number, j: number, k: number) => k >= 1 && k <= 3 && (i - 8) ** 2 + (j - 7) ** 2 <= 20 - 3 * Math.abs(k - 2) && (i * j + k) % 7 !== 0;
  const data = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const r2 = (i - 8) ** 2 + (j - 7) ** 2;
        data[i + nx * (j + ny * k)] = tumour(i, j, k) ? 1 : (k === 1 || k === 3) && r2 > 20 && r2 <= 36 ? 2 : 0;
      }
    }
  }
  const mask: Volume = { dims: [...g.dims], spacing: [...g.spacing], origin: [...g.origin], direction: [...g.direction], data };
  return encodeSegmentation(
    mask,
    [
      { label: 1, name: 'tumour' },
      { label: 2, name: 'ring' },
    ],
    {
      source: {
        studyInstanceUid: g.studyUid!,
        seriesInstanceUid: g.seriesUid,
        frameOfReferenceUid: g.frameOfReferenceUid!,
        sopClassUid: MR_IMAGE_STORAGE,
        sopInstanceUids: Array.from({ length: nz }, (_, k) => sopUid(g, k)),
        patientName: 'Synthetic^Phantom',
        patientId: 'SYNTH-1',
      },
      seriesInstanceUid: '1.2.826.0.1.3680043.10.77.2.30',
      sopInstanceUid: '1.2.826.0.1.3680043.10.77.2.30.1',
      contentDateTime: new Date(Date.UTC(2026, 0, 1, 12)),
    },
  );
}

export interface DicomCohort {
  /** every file, paths relative to the cohort folder */
  files: SynthFile[];
  manifest: string;
}

/** The manifest's columns: patient_id, sequence, image, mask, series, segment, roi. */
export function dicomCohortManifest(rows: { id: string; image: string; mask: string; series?: string; segment?: number; roi?: string }[]): string {
  const lines = rows.map((r) => [r.id, 'T2', r.image, r.mask, r.series ?? '', r.segment ?? '', r.roi ?? ''].join(','));
  return ['patient_id,sequence,image,mask,series,segment,roi', ...lines].join('\n') + '\n';
}

export function dicomCohort(): DicomCohort {
  const files: SynthFile[] = [
    ...buildSeries(P01_T2),
    ...buildSeries(P01_ART),
    { path: 'P01/rtstruct.dcm', bytes: p01Rtstruct() },
    ...buildSeries(P02_T2),
    { path: 'P02/seg.dcm', bytes: p02Seg() },
  ];
  const manifest = dicomCohortManifest([
    { id: 'P01', image: 'P01/study', mask: 'P01/rtstruct.dcm', series: P01_T2.seriesUid, roi: 'GTV' },
    { id: 'P02', image: 'P02/study', mask: 'P02/seg.dcm', segment: 1 },
  ]);
  return { files, manifest };
}

/**
 * The other input kinds of the manifest, on the same data: P01's T2 series as a NIfTI file (with the RTSTRUCT as
 * mask), a label map NIfTI on P01's grid with labels 1 and 2 (with the study folder as image; `segment` picks the
 * label), and P02's study as a zip (with the SEG).
 */
export function dicomCohortVariants(): DicomCohort {
  const grid = (g: SeriesSpec) => ({ dims: [...g.dims] as [number, number, number], spacing: [...g.spacing] as [number, number, number], origin: [...g.origin] as [number, number, number], direction: [...g.direction] });
  const [nx, ny, nz] = P01_T2.dims;
  const labels = new Uint8Array(nx * ny * nz);
  for (let k = 1; k <= 4; k++) for (let j = 3; j <= 11; j++) for (let i = 4 + (k % 2); i <= 12; i++) labels[i + nx * (j + ny * k)] = 1;
  // label 2 beside it: 3 x 3 x 2 = 18 voxels (chosen by `segment` = 2)
  for (let k = 1; k <= 2; k++) for (let j = 12; j <= 14; j++) for (let i = 4; i <= 6; i++) labels[i + nx * (j + ny * k)] = 2;
  const study = Object.fromEntries(buildSeries(P02_T2).map((f) => [`study/${f.path.slice('P02/study/'.length)}`, f.bytes]));
  const files: SynthFile[] = [
    { path: 'P01/t2.nii.gz', bytes: encodeNifti({ ...grid(P01_T2), data: seriesVoxels(P01_T2) }, { gzip: true }) },
    { path: 'P01/mask.nii.gz', bytes: encodeNifti({ ...grid(P01_T2), data: labels }, { gzip: true }) },
    { path: 'P02/study.zip', bytes: zipSync(study, { level: 1 }) },
  ];
  const manifest = dicomCohortManifest([
    { id: 'P01', image: 'P01/t2.nii.gz', mask: 'P01/rtstruct.dcm', roi: 'GTV' },
    { id: 'P02', image: 'P02/study.zip', mask: 'P02/seg.dcm', segment: 1 },
    { id: 'P03', image: 'P01/study', mask: 'P01/mask.nii.gz', series: P01_T2.seriesUid, segment: 1 },
    { id: 'P04', image: 'P01/study', mask: 'P01/mask.nii.gz', series: P01_T2.seriesUid, segment: 2 },
  ]);
  return { files, manifest };
}
