/**
 * The Images and ROI page in the built app: a DICOM folder built in code (two series with their files shuffled
 * into one folder, plus an RTSTRUCT) is picked as a folder, a series chosen, the RTSTRUCT ROI applied and shown,
 * features computed and checked against `webradiomics extract` on the same folder and RTSTRUCT; then a ROI drawn
 * with the brush is saved as DICOM SEG and as NIfTI, and the SEG read back in Node (the project's SEG reader onto
 * the series' grid) must equal the NIfTI the page wrote, voxel for voxel. No request may leave the origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Volume } from '../../src/core/volume.js';
import { closeDicomRunner, nodeRunner } from '../../src/io/dicom/runner-node.js';
import { closeImageReader, readImageFile } from '../../src/io/read-image-node.js';
import { StudySession } from '../../src/pipeline/study-session.js';
import { buildRtstruct, buildSeries, IDENTITY, rectangleContour, shuffled, type SeriesSpec } from '../helpers/dicom-synth.js';
import { foreignRequests, openApp, type AppSession } from './browser.js';

const BIN = path.resolve('bin/webradiomics.js');
const dir = mkdtempSync(path.join(tmpdir(), 'wr-e2e-imaging-'));
const study = path.join(dir, 'study');
const RT_NAME = 'RS-synthetic.dcm';

const T2: SeriesSpec = {
  seriesUid: '1.2.826.0.1.3680043.10.7.1',
  description: 'AX T2 FSE',
  seriesNumber: 3,
  dims: [24, 20, 6],
  spacing: [0.8, 0.75, 2.5],
  origin: [-10, -8, 20],
  direction: IDENTITY,
  // a texture with some hundred grey levels, so that the texture features are not trivial
  value: (i, j, k) => 200 + ((i * 37 + j * 61 + k * 17 + i * j) % 97) * 3 + 20 * Math.round(Math.sin(i / 3) * 2),
};
const ART: SeriesSpec = { ...T2, seriesUid: '1.2.826.0.1.3680043.10.7.2', description: 'AX LAVA ART', seriesNumber: 5, value: (i, j) => 400 + i + j };

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: process.env, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let app: AppSession;
const cspViolations: string[] = [];
let cliDoc: { roi_voxels: number; features: { name: string; value: number | null }[] };
let session: StudySession;
let rtMask: Volume;

beforeAll(async () => {
  // Both series' slices under shuffled names in one folder, and the RTSTRUCT beside them.
  const files = shuffled([...buildSeries(T2), ...buildSeries(ART)], 11);
  mkdirSync(study, { recursive: true });
  files.forEach((f, n) => writeFileSync(path.join(study, `IM${String(n).padStart(3, '0')}`), f.bytes));
  const gtv = [1, 2, 3, 4].map((k) => rectangleContour(T2, k, 4.6, 3.6, 14.4, 12.4 - k));
  const body = [0, 1, 2, 3, 4, 5].map((k) => rectangleContour(T2, k, 1.5, 1.5, 21.5, 17.5));
  writeFileSync(path.join(study, RT_NAME), buildRtstruct({ referencedSeriesUid: T2.seriesUid, rois: [{ number: 1, name: 'GTV', contours: gtv }, { number: 2, name: 'Body', contours: body }] }));

  const out = path.join(dir, 'cli.json');
  const [opened, run] = await Promise.all([
    openApp({ outDir: 'dist-imaging' }),
    cli('extract', '--image', study, '--series', T2.seriesUid, '--mask', path.join(study, RT_NAME), '--roi', 'GTV', '--profile', 'pyradiomics', '--backend', 'cpu', '--out', out),
  ]);
  app = opened;
  app.page.on('console', (m) => {
    if (/Content Security Policy/.test(m.text())) cspViolations.push(m.text());
  });
  expect(run.code, run.stderr).toBe(0);
  cliDoc = JSON.parse(readFileSync(out, 'utf8'));

  // The RTSTRUCT rasterised in Node by the project's own code, on the decoded series' grid.
  session = new StudySession({ run: nodeRunner, decodeLabelMap: () => Promise.reject(new Error('not used')) });
  const names = await readdir(study);
  await session.import(await Promise.all(names.map(async (name) => ({ path: `study/${name}`, bytes: new Uint8Array(await readFile(path.join(study, name))) }))));
  rtMask = (await session.mask(T2.seriesUid, { studyFile: `study/${RT_NAME}` }, { rois: ['GTV'] })).mask;
}, 300_000);

afterAll(async () => {
  await app?.close();
  await closeDicomRunner();
  await closeImageReader();
  rmSync(dir, { recursive: true, force: true });
});

const page = () => app.page;
const imaging = (selector: string) => page().locator(`wr-imaging-page ${selector}`);
const count = (v: Volume) => Array.from(v.data as ArrayLike<number>).filter((x) => x !== 0).length;

async function shownLabelVoxels(label: number): Promise<number> {
  return Number(await imaging(`wr-roi-tools tr[data-label="${label}"] td:nth-child(2)`).textContent());
}

describe('the built app, Images and ROI page', () => {
  it('imports a DICOM folder and lists its two series with modality, description, phase guess, size, spacing and slices', async () => {
    await page().locator('nav a[href="#/imaging"]').click();
    await imaging('wr-study-picker #folder').setInputFiles(study);
    await imaging('wr-series-table tbody tr').nth(1).waitFor({ timeout: 120_000 });
    const row = (s: SeriesSpec) => imaging(`wr-series-table tr[data-uid="${s.seriesUid}"]`);
    expect(await imaging('wr-series-table tbody tr').count()).toBe(2);
    expect(await row(T2).locator('.description').textContent()).toBe('AX T2 FSE');
    expect(await row(T2).locator('.modality').textContent()).toBe('MR');
    expect(await row(T2).locator('.size').textContent()).toBe('24 × 20 × 6');
    expect(await row(T2).locator('.spacing').textContent()).toBe('0.8 × 0.75 × 2.5 mm');
    expect(await row(T2).locator('.slices').textContent()).toBe('6');
    expect(await row(T2).locator('select.phase').inputValue()).toBe('t2');
    expect(await row(ART).locator('select.phase').inputValue()).toBe('arterial');
    // the user's phase replaces the guess
    await row(ART).locator('select.phase').selectOption('portal-venous');
    await expect.poll(() => row(ART).locator('.notes').textContent()).toBe('set by you');
    expect(await row(ART).locator('select.phase').inputValue()).toBe('portal-venous');
  });

  it('shows the chosen series with the RTSTRUCT ROI over it: the voxel count of the rasterisation in Node', async () => {
    await imaging(`wr-series-table tr[data-uid="${T2.seriesUid}"] button.open`).click();
    await imaging('wr-roi-editor wr-slice-viewer canvas').waitFor({ timeout: 120_000 });
    expect(await imaging('wr-mask-picker #mask-source').inputValue()).toBe(`study:study/${RT_NAME}`);
    expect(await imaging('wr-mask-picker #mask-items input').count()).toBe(2);
    await imaging('wr-mask-picker #apply-mask').click();
    await imaging('#mask-info').waitFor({ timeout: 60_000 });
    const expected = count(rtMask);
    expect(expected).toBeGreaterThan(100);
    expect(Number(await imaging('#mask-info').getAttribute('data-voxels'))).toBe(expected);
    expect(await shownLabelVoxels(1)).toBe(expected);
    expect(expected).toBe(cliDoc.roi_voxels);
  });

  it('computes the features that `webradiomics extract` gives for the same folder and RTSTRUCT', async () => {
    await imaging('#backend').selectOption('cpu');
    await imaging('#compute').click();
    await imaging('#result').waitFor({ timeout: 240_000 });
    expect(Number(await imaging('#roi-voxels').getAttribute('data-voxels'))).toBe(cliDoc.roi_voxels);
    expect(await imaging('#backend-used').getAttribute('data-kind')).toBe('cpu');
    const names = ['original_shape_VoxelVolume', 'original_firstorder_Mean', 'original_firstorder_Entropy', 'original_glcm_Contrast', 'original_glrlm_RunEntropy', 'original_glszm_ZoneEntropy', 'original_ngtdm_Coarseness'];
    for (const name of names) {
      const ref = cliDoc.features.find((f) => f.name === name)!.value!;
      const shown = Number(await imaging(`wr-feature-table tr[data-key="${name}"] td.value`).getAttribute('data-value'));
      expect(Math.abs(shown - ref), `${name}: ${shown} vs ${ref}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref)));
    }
    expect(await imaging('wr-feature-table tbody tr').count()).toBe(cliDoc.features.length);
  });

  it('saves a ROI drawn with the brush as DICOM SEG, which reads back voxel for voxel', async () => {
    await imaging('wr-mask-picker #empty-mask').click();
    await imaging('wr-roi-tools button[data-tool="brush"]').click();
    const canvas = imaging('wr-roi-editor wr-slice-viewer canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const at = (fx: number, fy: number) => [box.x + fx * box.width, box.y + fy * box.height] as const;
    await page().mouse.move(...at(0.3, 0.4));
    await page().mouse.down();
    for (let s = 1; s <= 10; s++) await page().mouse.move(...at(0.3 + 0.04 * s, 0.4 + 0.02 * s));
    await page().mouse.up();
    const drawn = await shownLabelVoxels(1);
    expect(drawn).toBeGreaterThan(10);
    // features of the drawn ROI (sent to the worker as a label map on the series' grid)
    await imaging('#compute').click();
    await imaging('#result').waitFor({ timeout: 240_000 });
    expect(Number(await imaging('#roi-voxels').getAttribute('data-voxels'))).toBe(drawn);

    const save = async (format: string) => {
      const [download] = await Promise.all([page().waitForEvent('download'), imaging(`wr-roi-tools button[data-format="${format}"]`).click()]);
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      return file;
    };
    const niftiFile = await save('nifti');
    const segFile = await save('seg');
    const pageMask = await readImageFile(niftiFile);
    expect(count(pageMask)).toBe(drawn);
    const seg = await session.mask(T2.seriesUid, { file: { path: path.basename(segFile), bytes: new Uint8Array(readFileSync(segFile)) } });
    expect(seg.kind).toBe('seg');
    expect(seg.mask.dims).toEqual(T2.dims);
    expect(Array.from(seg.mask.data as ArrayLike<number>)).toEqual(Array.from(pageMask.data as ArrayLike<number>));
  });

  it('sent no request off the origin and broke no rule of the Content Security Policy', () => {
    expect(foreignRequests(app)).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
