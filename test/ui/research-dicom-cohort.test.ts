import { expect } from 'chai';
import { pyradiomicsDefaults } from '../../src/core/settings.js';
import { parseCsv } from '../../src/core/csv.js';
import { acquireGpu } from '../../src/gpu/device.js';
import { browserRunner, useLocalDicomPipelines } from '../../src/io/dicom/runner-browser.js';
import { readImageBytes, useLocalPipelines } from '../../src/io/read-image-browser.js';
import { extractCohortFiles, type CohortFile, type CohortProgress } from '../../src/pipeline/cohort-browser.js';
import { StudySession } from '../../src/pipeline/study-session.js';
import { dicomCohort, dicomCohortManifest, P01_ART, P01_T2 } from '../helpers/dicom-cohort.js';

/**
 * DICOM cohort manifests in the browser, with the worker's own code (cohort-browser.ts extractCohortFiles with the
 * itk-wasm browser runners) in this thread: a two-patient DICOM cohort built in code (a study folder with two series
 * + RTSTRUCT "GTV", a study folder with an oblique series + SEG segment 1). Each case's values equal those of the
 * Images page's "Compute features" on the same study, series and mask (StudySession.extract, the worker's
 * extractSeries); the CLI comparison of the same cohort runs in Node (test/cli/cohort-dicom.test.ts) and, through the
 * built app's worker, in test/e2e/research-images.test.ts. Errors name row, path and problem.
 */
useLocalDicomPipelines(new URL('/node_modules/@itk-wasm/dicom/dist/pipelines', location.origin).href);
useLocalPipelines(new URL('/node_modules/@itk-wasm/image-io/dist/pipelines', location.origin).href);

const cohort = dicomCohort();
/** the picked folder "cohort", paths as webkitdirectory gives them */
const FILES: CohortFile[] = cohort.files.map((f) => ({ path: `cohort/${f.path}`, bytes: f.bytes }));
const getGpu = () => acquireGpu(navigator.gpu);
const decode = (f: { name: string; bytes: Uint8Array }) => readImageBytes(f.name, f.bytes);

function extract(manifest: string, onProgress?: (p: CohortProgress) => void) {
  return extractCohortFiles(
    { manifest: { name: 'dicom-manifest.csv', text: manifest }, files: structuredClone(FILES), settings: pyradiomicsDefaults(), backend: 'auto' },
    { decode, dicomRunner: browserRunner, getGpu, onProgress },
  );
}

/** The Images page's path: import the patient's study, pick the series, apply the mask, compute (label 1). */
async function imagesPage(prefix: string, series: string | undefined, mask: string, choice: { rois?: string[]; segments?: (string | number)[] }) {
  const session = new StudySession({ run: browserRunner, decodeLabelMap: readImageBytes });
  await session.import(cohort.files.filter((f) => f.path.startsWith(prefix)).map((f) => ({ path: f.path.slice(prefix.length), bytes: f.bytes.slice() })));
  const maskFile = cohort.files.find((f) => f.path === mask)!;
  return session.extract(series, { file: { path: mask, bytes: maskFile.bytes.slice() } }, choice, { backend: 'auto', settings: pyradiomicsDefaults() }, getGpu);
}

const failure = (p: Promise<unknown>) => p.then(() => null, (e: Error) => e);

describe('research page: a DICOM cohort manifest extracted in the browser', function () {
  this.timeout(300_000);

  it('gives per patient the Images page values for the chosen series and ROI / segment, with progress', async () => {
    const progress: CohortProgress[] = [];
    const result = await extract(cohort.manifest, (p) => progress.push(structuredClone(p)));
    expect(progress.map((p) => `${p.done}/${p.total} ${p.patientId}`)).to.deep.equal(['1/2 P01', '2/2 P02']);
    expect(result.patients).to.equal(2);
    const rows = parseCsv(result.csv.trim());
    const header = rows[0];
    expect(rows.map((r) => r[0])).to.deep.equal(['patient_id', 'P01', 'P02']);
    expect(header.length).to.be.greaterThan(100);

    const reference = [
      await imagesPage('P01/study/', P01_T2.seriesUid, 'P01/rtstruct.dcm', { rois: ['GTV'] }),
      await imagesPage('P02/study/', undefined, 'P02/seg.dcm', { segments: [1] }),
    ];
    for (const [p, run] of reference.entries()) {
      const names = run.features.map((f) => `T2_${f.name}`);
      expect(header.slice(1), `patient ${p + 1} columns`).to.deep.equal(names);
      for (const [j, f] of run.features.entries()) {
        const got = Number(rows[p + 1][j + 1]);
        if (Number.isNaN(f.value)) expect(Number.isNaN(got), f.name).to.equal(true);
        else expect(Math.abs(got - f.value), `${rows[p + 1][0]} ${f.name}: ${got} vs ${f.value}`).to.be.at.most(1e-12 * Math.max(1, Math.abs(f.value)));
      }
    }
    // the chosen series matters: the arterial series of P01 gives another mean
    const art = await extract(dicomCohortManifest([{ id: 'P01', image: 'P01/study', mask: 'P01/rtstruct.dcm', series: P01_ART.seriesUid, roi: 'GTV' }]));
    const artRows = parseCsv(art.csv.trim());
    const mean = header.indexOf('T2_original_firstorder_Mean');
    expect(Number(artRows[1][mean])).to.not.equal(Number(rows[1][mean]));
    expect(Number(artRows[1][header.indexOf('T2_original_shape_VoxelVolume')])).to.equal(Number(rows[1][header.indexOf('T2_original_shape_VoxelVolume')]));
  });

  it('a series missing from the study: names the row, the folder and the series it holds', async () => {
    const e = await failure(extract(dicomCohortManifest([{ id: 'P01', image: 'P01/study', mask: 'P01/rtstruct.dcm', series: '1.2.3.999', roi: 'GTV' }])));
    expect(e?.message).to.match(/^patient P01, sequence "T2" \(manifest row 2\): P01\/study: no series 1\.2\.3\.999 in the study; it holds:/);
    expect(e?.message).to.contain(`"T2 axial" (MR, 6 slices, 16x16): ${P01_T2.seriesUid}`);
    expect(e?.message).to.contain(`"arterial" (MR, 6 slices, 16x16): ${P01_ART.seriesUid}`);
  });

  it('an ROI name missing from the RTSTRUCT: names the row, the mask and its ROIs', async () => {
    const e = await failure(extract(dicomCohortManifest([{ id: 'P01', image: 'P01/study', mask: 'P01/rtstruct.dcm', series: P01_T2.seriesUid, roi: 'Liver' }])));
    expect(e?.message).to.equal('patient P01, sequence "T2" (manifest row 2): P01/rtstruct.dcm has no ROI "Liver" (ROIs: "Body" (6 contours), "GTV" (4 contours))');
  });

  it('two series and no series column, and a DICOM row without the DICOM reader, are refused with the reason', async () => {
    const e = await failure(extract(dicomCohortManifest([{ id: 'P01', image: 'P01/study', mask: 'P01/rtstruct.dcm', roi: 'GTV' }])));
    expect(e?.message).to.match(/\(manifest row 2\): P01\/study holds 2 image series; choose one in the manifest column "series"/);
    const noReader = await failure(
      extractCohortFiles(
        { manifest: { name: 'm.csv', text: cohort.manifest }, files: FILES, settings: pyradiomicsDefaults(), backend: 'cpu' },
        { decode, getGpu },
      ),
    );
    expect(noReader?.message).to.equal('patient P01, sequence "T2" (manifest row 2): P01/study / P01/rtstruct.dcm: DICOM input needs the DICOM reader, which this extraction was not given');
  });
});
