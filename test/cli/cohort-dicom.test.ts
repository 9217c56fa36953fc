/**
 * DICOM cohort manifests: the app's cohort extraction (cohort-browser.ts extractCohortFiles + cohort-files.ts, here
 * with the Node DICOM runner instead of the worker's browser runner) on a two-patient DICOM cohort built in code
 * (a study folder with two series + RTSTRUCT, a study folder with one oblique series + SEG) gives the same feature
 * table, byte for byte, as `webradiomics extract-cohort` on the same files written to a temp dir; and both refuse a
 * missing series, a missing ROI or segment, naming row, path and problem.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/csv.js';
import { pyradiomicsDefaults } from '../../src/core/settings.js';
import { acquireNodeGpu } from '../../src/gpu/node-gpu.js';
import { closeDicomRunner, nodeRunner } from '../../src/io/dicom/runner-node.js';
import { closeImageReader, readImageFile } from '../../src/io/read-image-node.js';
import { extractCohortFiles, type CohortFile } from '../../src/pipeline/cohort-browser.js';
import { dicomCohort, dicomCohortManifest, dicomCohortVariants, P01_ART, P01_T2 } from '../helpers/dicom-cohort.js';

const BIN = path.resolve('bin/webradiomics.js');
const dir = mkdtempSync(path.join(tmpdir(), 'wr-cohort-dicom-'));
const root = path.join(dir, 'cohort');
const cohort = dicomCohort();
const variants = dicomCohortVariants();
const allFiles = [...cohort.files, ...variants.files];
/** the picked folder, paths as webkitdirectory gives them (the folder's name first) */
const picked: CohortFile[] = allFiles.map((f) => ({ path: `cohort/${f.path}`, bytes: f.bytes }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: process.env, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

function writeManifest(name: string, text: string): string {
  const file = path.join(root, name);
  writeFileSync(file, text);
  return file;
}

/** The app's extraction (the worker's code) with the Node readers. */
function appExtract(manifest: string, files: CohortFile[] = picked) {
  return extractCohortFiles(
    { manifest: { name: 'manifest.csv', text: manifest }, files, settings: pyradiomicsDefaults(), backend: 'cpu' },
    // label maps are read from the written copy, as the CLI reads them (none in this cohort)
    { decode: ({ name }) => readImageFile(path.join(root, name)), dicomRunner: nodeRunner, getGpu: acquireNodeGpu },
  );
}

beforeAll(() => {
  for (const f of allFiles) {
    mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
    writeFileSync(path.join(root, f.path), f.bytes);
  }
  writeManifest('manifest.csv', cohort.manifest);
});
afterAll(async () => {
  await closeDicomRunner();
  await closeImageReader();
});

describe('DICOM cohort manifests: the app and `webradiomics extract-cohort`', () => {
  it('give the same feature table, byte for byte, for a study with two series + RTSTRUCT and an oblique series + SEG', async () => {
    const out = path.join(dir, 'cli.csv');
    const r = await cli('extract-cohort', '--manifest', path.join(root, 'manifest.csv'), '--backend', 'cpu', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const expected = readFileSync(out, 'utf8');
    const app = await appExtract(cohort.manifest);
    expect(app.csv).toBe(expected);
    expect(app.patients).toBe(2);
    expect(app.sequences).toEqual(['T2']);

    const rows = parseCsv(expected.trim());
    expect(rows.map((row) => row[0])).toEqual(['patient_id', 'P01', 'P02']);
    const header = rows[0];
    expect(header.length).toBeGreaterThan(100);
    const at = (id: number, name: string) => Number(rows[id][header.indexOf(name)]);
    // the ROIs as chosen: GTV of the T2 series (not Body, not the arterial series) and SEG segment 1
    expect(at(1, 'T2_original_shape_VoxelVolume')).toBeGreaterThan(0);
    expect(at(1, 'T2_original_shape_VoxelVolume')).toBeLessThan(0.5 * 15 * 15 * 6 * 0.8 * 0.8 * 2.5);
    expect(at(2, 'T2_original_shape_VoxelVolume')).toBeGreaterThan(0);
    expect(at(1, 'T2_original_firstorder_Mean')).not.toBe(at(2, 'T2_original_firstorder_Mean'));
    for (const name of header.slice(1)) expect(Number.isNaN(at(1, name)), name).toBe(false);
  });

  it('the other series of the P01 study gives other values, in the app as in the CLI', async () => {
    const manifest = dicomCohortManifest([{ id: 'P01', image: 'P01/study', mask: 'P01/rtstruct.dcm', series: P01_ART.seriesUid, roi: 'GTV' }]);
    const out = path.join(dir, 'art.csv');
    const r = await cli('extract-cohort', '--manifest', writeManifest('art.csv', manifest), '--backend', 'cpu', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const app = await appExtract(manifest);
    expect(app.csv).toBe(readFileSync(out, 'utf8'));
    const t2 = await appExtract(dicomCohortManifest([{ id: 'P01', image: 'P01/study', mask: 'P01/rtstruct.dcm', series: P01_T2.seriesUid, roi: 'GTV' }]));
    expect(app.csv).not.toBe(t2.csv);
  });

  it('a NIfTI image with an RTSTRUCT, a zipped study with a SEG, a study with a NIfTI label map: as the CLI reads them', async () => {
    const out = path.join(dir, 'variants.csv');
    const r = await cli('extract-cohort', '--manifest', writeManifest('variants.csv', variants.manifest), '--backend', 'cpu', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const expected = readFileSync(out, 'utf8');
    const app = await appExtract(variants.manifest);
    expect(app.csv).toBe(expected);
    const rows = parseCsv(expected.trim());
    const base = parseCsv((await appExtract(cohort.manifest)).csv.trim());
    const column = (name: string) => rows[0].indexOf(name);
    // the zipped study is P02's folder: the same row; the NIfTI copy of P01's T2 series keeps its GTV volume
    expect(rows[2].slice(1)).toEqual(base[2].slice(1));
    // (NIfTI stores the spacing in float32: 0.8 mm becomes 0.800000011920929 mm)
    expect(Number(rows[1][column('T2_original_shape_VoxelVolume')])).toBeCloseTo(Number(base[1][column('T2_original_shape_VoxelVolume')]), 4);
    // the label map's voxels on the T2 series: 4 slices x 9 rows x (8 or 9) columns = 306 voxels of 0.8 x 0.8 x 2.5 mm
    expect(Number(rows[3][column('T2_original_shape_VoxelVolume')])).toBeCloseTo(306 * 0.8 * 0.8 * 2.5, 9);
    // `segment` = 2 of the same label map on the DICOM image: label 2 only (18 voxels), not every non-zero label
    expect(Number(rows[4][column('T2_original_shape_VoxelVolume')])).toBeCloseTo(18 * 0.8 * 0.8 * 2.5, 9);
  });

  it('a series UID that is not in the study: the row, the folder and the series it holds are named', async () => {
    const manifest = dicomCohortManifest([{ id: 'P01', image: 'P01/study', mask: 'P01/rtstruct.dcm', series: '1.2.3.999', roi: 'GTV' }]);
    const error = await appExtract(manifest).then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(/^patient P01, sequence "T2" \(manifest row 2\): P01\/study: no series 1\.2\.3\.999 in the study; it holds:/);
    expect(error?.message).toContain(P01_T2.seriesUid);
    expect(error?.message).toContain(P01_ART.seriesUid);
    const r = await cli('extract-cohort', '--manifest', writeManifest('bad-series.csv', manifest), '--backend', 'cpu', '--out', path.join(dir, 'x.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no series 1.2.3.999 in the study');
  });

  it('a study with two series and no series column: the app lists them and asks for the column', async () => {
    const manifest = dicomCohortManifest([{ id: 'P01', image: 'P01/study', mask: 'P01/rtstruct.dcm', roi: 'GTV' }]);
    const error = await appExtract(manifest).then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(/manifest row 2\): P01\/study holds 2 image series; choose one in the manifest column "series"/);
    expect(error?.message).toContain(`"T2 axial" (MR, 6 slices, 16x16): ${P01_T2.seriesUid}`);
  });

  it('an ROI name that the RTSTRUCT lacks, and a SEG segment it lacks: the mask and what it holds are named', async () => {
    const noRoi = dicomCohortManifest([{ id: 'P01', image: 'P01/study', mask: 'P01/rtstruct.dcm', series: P01_T2.seriesUid, roi: 'Liver' }]);
    const error = await appExtract(noRoi).then(() => null, (e: Error) => e);
    expect(error?.message).toBe('patient P01, sequence "T2" (manifest row 2): P01/rtstruct.dcm has no ROI "Liver" (ROIs: "Body" (6 contours), "GTV" (4 contours))');
    const r = await cli('extract-cohort', '--manifest', writeManifest('bad-roi.csv', noRoi), '--backend', 'cpu', '--out', path.join(dir, 'x.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no ROI "Liver" (ROIs: "Body" (6 contours), "GTV" (4 contours))');

    const noSegment = dicomCohortManifest([{ id: 'P02', image: 'P02/study', mask: 'P02/seg.dcm', segment: 3 }]);
    const segError = await appExtract(noSegment).then(() => null, (e: Error) => e);
    expect(segError?.message).toBe('patient P02, sequence "T2" (manifest row 2): P02/seg.dcm has no segment "3" (segments: 1 "tumour", 2 "ring")');
  });

  it('a folder with no DICOM image, a mask given as a folder, a folder not picked: named before or at the case', async () => {
    const text = (p: string) => ({ path: p, bytes: new TextEncoder().encode('not dicom\n') });
    const files = [...picked, text('cohort/P03/study/readme.txt'), text('cohort/P03/study/notes.txt')];
    const noImage = await appExtract(dicomCohortManifest([{ id: 'P03', image: 'P03/study', mask: 'P01/rtstruct.dcm', roi: 'GTV' }]), files).then(() => null, (e: Error) => e);
    expect(noImage?.message).toMatch(/^patient P03, sequence "T2" \(manifest row 2\): P03\/study holds no DICOM image series \(2 file\(s\) unreadable, e\.g\. notes\.txt: not a DICOM file/);

    const maskFolder = await appExtract(dicomCohortManifest([{ id: 'P01', image: 'P01/study', mask: 'P01/study', series: P01_T2.seriesUid }])).then(() => null, (e: Error) => e);
    expect(maskFolder?.message).toBe('patient P01, sequence "T2" (manifest row 2): P01/study: a folder (12 files), not a mask file: give the SEG, RTSTRUCT or label map file');

    const missing = await appExtract(dicomCohortManifest([{ id: 'P09', image: 'P09/study', mask: 'P01/rtstruct.dcm', roi: 'GTV' }])).then(() => null, (e: Error) => e);
    expect(missing?.message).toBe('manifest.csv: 1 problem (nothing was extracted):\n  - manifest.csv, row 2, column "image": image file or folder not found: P09/study');
  });
});
