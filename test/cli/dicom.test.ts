/**
 * `webradiomics extract` on DICOM built in code from the IBSI digital phantom: a folder with two series (the
 * phantom and a decoy), masks as NIfTI, DICOM SEG and RTSTRUCT. Features must match the IBSI reference, as they
 * do from the phantom's NIfTI files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { zipSync } from 'fflate';
import { parseCsv } from '../../src/core/csv.js';
import type { Volume } from '../../src/core/volume.js';
import { closeImageReader, readImageFile } from '../../src/io/read-image-node.js';
import { buildRtstruct, buildSeries, voxelToLps, type SeriesSpec, type SynthFile } from '../helpers/dicom-synth.js';
import { buildSeg } from '../helpers/dicom-seg.js';
import { ibsiPhantomReference, PHANTOM_IMAGE, PHANTOM_MASK, sig3 } from '../helpers/refdata.js';

const BIN = path.resolve('bin/webradiomics.js');
const dir = mkdtempSync(path.join(tmpdir(), 'wr-cli-dicom-'));
const study = path.join(dir, 'study');
const PHANTOM_UID = '1.2.826.0.1.3680043.10.3.1';
const DECOY_UID = '1.2.826.0.1.3680043.10.3.2';

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: process.env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** The GLCM values (3D averaged and merged) among the full engine's output, against IBSI. */
function expectIbsi(all: { family: string; ibsi_code: string; aggregation_code: string; value: number }[]) {
  const refs = ibsiPhantomReference().filter((r) => r.family === 'GLCM' && ['ITBB', 'IAZD'].includes(r.aggregation_code));
  const values = all.filter((f) => f.family === 'GLCM' && ['ITBB', 'IAZD'].includes(f.aggregation_code));
  expect(values.length).toBe(refs.length);
  for (const ref of refs) {
    const v = values.find((f) => f.ibsi_code === ref.ibsi_code && f.aggregation_code === ref.aggregation_code);
    expect(sig3(v!.value), `${ref.feature} ${ref.aggregation_code}`).toBe(sig3(ref.reference_value));
  }
}

function write(root: string, files: SynthFile[]): void {
  for (const f of files) {
    const p = path.join(root, f.path);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, f.bytes);
  }
}

let phantom: Volume;
let mask: Volume;
let spec: SeriesSpec;
let series: SynthFile[];

beforeAll(async () => {
  phantom = await readImageFile(PHANTOM_IMAGE);
  mask = await readImageFile(PHANTOM_MASK);
  await closeImageReader();
  const [nx, ny] = phantom.dims;
  spec = {
    seriesUid: PHANTOM_UID,
    description: 'IBSI phantom',
    seriesNumber: 2,
    dims: phantom.dims,
    spacing: phantom.spacing,
    origin: phantom.origin,
    direction: phantom.direction,
    value: (i, j, k) => phantom.data[i + nx * (j + ny * k)],
    // the same file names in both series' folders
    path: (k) => `phantom/IM${k + 1}`,
  };
  series = buildSeries(spec);
  write(study, series);
  write(study, buildSeries({ ...spec, seriesUid: DECOY_UID, description: 'decoy', seriesNumber: 9, value: () => 7, path: (k) => `decoy/IM${k + 1}` }));
  writeFileSync(path.join(study, 'README.txt'), 'not DICOM');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const inMask = (i: number, j: number, k: number) => mask.data[i + mask.dims[0] * (j + mask.dims[1] * k)] !== 0;

describe('webradiomics extract with DICOM input', () => {
  it('lists the series of a folder that holds several, and asks for --series', async () => {
    const r = await cli('extract', '--image', study, '--mask', PHANTOM_MASK, '--backend', 'cpu');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${study} holds 2 image series; choose one with --series <SeriesInstanceUID>:`);
    expect(r.stderr).toContain(`series 2 "IBSI phantom" (MR, 4 slices, 5x4): ${PHANTOM_UID}`);
    expect(r.stderr).toContain(`series 9 "decoy" (MR, 4 slices, 5x4): ${DECOY_UID}`);
  });

  it('extracts IBSI features from a DICOM series with a NIfTI mask', async () => {
    const out = path.join(dir, 'nifti-mask.json');
    const r = await cli('extract', '--image', study, '--series', PHANTOM_UID, '--mask', PHANTOM_MASK, '--backend', 'cpu', '--out', out);
    expect(r.stderr).toContain('README.txt skipped: not a DICOM file');
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc).toMatchObject({ series_uid: PHANTOM_UID, mask_kind: 'label-map', mask_selection: 'every non-zero label', roi_voxels: 74 });
    expectIbsi(doc.features);
  });

  it('extracts IBSI features with a DICOM SEG mask (--segment)', async () => {
    const seg = path.join(dir, 'seg.dcm');
    writeFileSync(seg, await buildSeg(spec, series, [{ label: 'phantom ROI', voxels: inMask }, { label: 'other', voxels: (i, j, k) => !inMask(i, j, k) }]));
    const out = path.join(dir, 'seg.json');
    const r = await cli('extract', '--image', study, '--series', PHANTOM_UID, '--mask', seg, '--segment', 'phantom roi', '--backend', 'cpu', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc).toMatchObject({ mask_kind: 'seg', mask_selection: 'segment 1 "phantom ROI"', roi_voxels: 74 });
    expectIbsi(doc.features);

    const none = await cli('extract', '--image', study, '--series', PHANTOM_UID, '--mask', seg, '--backend', 'cpu');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('seg.dcm holds 2 segments (1 "phantom ROI", 2 "other"): choose one or several by number or label');
  });

  it('extracts IBSI features with an RTSTRUCT mask (--roi), one square contour per mask voxel', async () => {
    const contours: number[][] = [];
    for (let k = 0; k < 4; k++) for (let j = 0; j < 4; j++) for (let i = 0; i < 5; i++) {
      if (!inMask(i, j, k)) continue;
      contours.push([[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]].flatMap(([di, dj]) => voxelToLps(spec, i + di, j + dj, k)));
    }
    const rt = path.join(dir, 'rt.dcm');
    writeFileSync(rt, buildRtstruct({ referencedSeriesUid: PHANTOM_UID, rois: [{ number: 1, name: 'GTV', contours }, { number: 2, name: 'Body', contours: contours.slice(0, 3) }] }));
    const out = path.join(dir, 'rt.csv');
    const r = await cli('extract', '--image', study, '--series', PHANTOM_UID, '--mask', rt, '--roi', 'GTV', '--backend', 'cpu', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const [header, row] = parseCsv(readFileSync(out, 'utf8').trim());
    const ref = ibsiPhantomReference().find((x) => x.ibsi_code === 'GYBY' && x.aggregation_code === 'ITBB')!;
    expect(sig3(Number(row[header.indexOf('GLCM_Joint_maximum_ITBB')]))).toBe(sig3(ref.reference_value));
    const json = await cli('extract', '--image', study, '--series', PHANTOM_UID, '--mask', rt, '--roi', 'GTV', '--backend', 'cpu');
    expectIbsi(JSON.parse(json.stdout).features);
  });

  it('reads the study from a zip archive', async () => {
    const zip = path.join(dir, 'study.zip');
    writeFileSync(zip, zipSync(Object.fromEntries(series.map((f) => [f.path, f.bytes]))));
    const r = await cli('extract', '--image', zip, '--mask', PHANTOM_MASK, '--backend', 'cpu');
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ series_uid: PHANTOM_UID, roi_voxels: 74 });
    expectIbsi(doc.features);
  });

  it('names the neighbours of a missing slice and exits 2', async () => {
    const gappy = path.join(dir, 'gappy');
    write(gappy, series.filter((_, k) => k !== 2));
    const r = await cli('extract', '--image', gappy, '--mask', PHANTOM_MASK, '--backend', 'cpu');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing slice: 1 slice missing between phantom/IM2 (at 2 mm) and phantom/IM4 (at 6 mm); the other slices are 2 mm apart');
  });

  it('refuses DICOM-only options on NIfTI input', async () => {
    const r = await cli('extract', '--image', PHANTOM_IMAGE, '--mask', PHANTOM_MASK, '--series', PHANTOM_UID);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--series applies to DICOM input');
  });
});
