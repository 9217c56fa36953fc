/**
 * The built app's Extract page end to end: the demo (IBSI digital phantom) through the full engine in the worker,
 * compared with `webradiomics extract` on the same files (every CSV column) and with the IBSI reference; files the
 * user picks; settings files with problems; bad images; no request off the origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { foreignRequests, openApp, type AppSession } from './browser.js';
import { parseCsv } from '../../src/core/csv.js';
import { ibsiPhantomReference, PHANTOM_IMAGE, PHANTOM_MASK, sharedPath, sig3 } from '../helpers/refdata.js';
import { writeNifti1 } from '../helpers/nifti.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'wr-e2e-slice-'));
let app: AppSession;
/** the CLI's CSV for the phantom under the IBSI profile: column -> value */
let cliValues: Map<string, number>;
beforeAll(async () => {
  // a build folder of its own, so that other e2e files (and people) building `dist` at the same time do not clash
  app = await openApp({ outDir: path.join(tmp, 'dist') });
  const out = path.join(tmp, 'phantom.csv');
  await promisify(execFile)(process.execPath, [path.resolve('bin/webradiomics.js'), 'extract', '--image', PHANTOM_IMAGE, '--mask', PHANTOM_MASK, '--profile', 'ibsi', '--backend', 'cpu', '--out', out]);
  const [header, row] = parseCsv(readFileSync(out, 'utf8').trim());
  const first = header.indexOf('morphology_Volume_mesh_DHQ4');
  cliValues = new Map(header.slice(first).map((h, i) => [h, row[first + i] === 'nan' ? Number.NaN : Number(row[first + i])]));
});
afterAll(async () => {
  await app?.close();
});

/** The table's rows: CSV column name -> full value. */
async function tableValues(): Promise<Map<string, number>> {
  const rows = await app.page.locator('wr-feature-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.getAttribute('data-key'), Number(tr.querySelector('td.value')!.getAttribute('data-value'))]),
  );
  return new Map(rows as [string, number][]);
}

/**
 * Same value up to the last bits: the browser's and Node's V8 may round a Math.pow / Math.log differently
 * (seen: 80.38549126400302 vs 80.38549126400301), so 1e-12 relative; NaN only where the CLI has NaN.
 */
function expectSame(actual: number | undefined, expected: number, what: string) {
  expect(actual, what).toBeDefined();
  if (Number.isNaN(expected)) expect(actual, what).toBeNaN();
  else expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

/** Every feature of the page equals the CLI's for the same files, and the GLCM values match IBSI. */
function expectCliAndIbsi(values: Map<string, number>) {
  expect(cliValues.size).toBe(483);
  expect(values.size).toBe(cliValues.size);
  for (const [column, v] of cliValues) expectSame(values.get(column), v, column);
  for (const ref of ibsiPhantomReference().filter((r) => r.family === 'GLCM' && (r.aggregation_code === 'ITBB' || r.aggregation_code === 'IAZD'))) {
    const column = `GLCM_${ref.feature.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}_${ref.aggregation_code}`;
    expect(sig3(values.get(column)!), column).toBe(sig3(ref.reference_value));
  }
}

async function pick(image: { name: string; buffer: Buffer }, mask: { name: string; buffer: Buffer }) {
  await app.page.locator('#image').setInputFiles({ ...image, mimeType: 'application/octet-stream' });
  await app.page.locator('#mask').setInputFiles({ ...mask, mimeType: 'application/octet-stream' });
  await app.page.locator('#run').click();
}

async function expectError(pattern: RegExp) {
  const alert = app.page.locator('#error');
  await alert.waitFor({ timeout: 60_000 });
  expect(await alert.textContent()).toMatch(pattern);
  // The page stays usable: the form is still there and enabled.
  expect(await app.page.locator('#run').isEnabled()).toBe(true);
}

const phantomImage = () => ({ name: 'phantom.nii.gz', buffer: readFileSync(PHANTOM_IMAGE) });
const phantomMask = () => ({ name: 'mask.nii.gz', buffer: readFileSync(PHANTOM_MASK) });

describe('the built app, Extract page', () => {
  it('runs the built-in demo on the GPU: every IBSI feature, equal to the CLI on the same files, with the backend', async () => {
    await app.page.locator('#demo').click();
    await app.page.locator('#result wr-feature-table tbody tr').first().waitFor({ timeout: 120_000 });
    const backend = app.page.locator('#backend-used');
    expect(await backend.getAttribute('data-kind')).toBe('gpu');
    expect(await backend.textContent()).toMatch(/GPU: .*swiftshader/i);
    expectCliAndIbsi(await tableValues());
    expect(await app.page.locator('wr-feature-table #count').textContent()).toBe('483 features');
  });

  it('filters the table and downloads the same CSV as the CLI', async () => {
    await app.page.locator('wr-feature-table #filter').fill('glcm itbb');
    expect(await app.page.locator('wr-feature-table tbody tr').count()).toBe(25);
    await app.page.locator('wr-feature-table #filter').fill('');
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.locator('#download-csv').click()]);
    const [header, row] = parseCsv(readFileSync((await download.path())!, 'utf8').trim());
    expect(header.slice(0, 3)).toEqual(['Image', 'Mask', 'Label']);
    expect(row.slice(0, 3)).toEqual(['ibsi-phantom-image.nii.gz', 'ibsi-phantom-mask.nii.gz', '']);
    const first = header.indexOf('morphology_Volume_mesh_DHQ4');
    expect(header.slice(first)).toEqual([...cliValues.keys()]);
    header.slice(first).forEach((column, i) => expectSame(row[first + i] === 'nan' ? Number.NaN : Number(row[first + i]), cliValues.get(column)!, column));
  });

  it('computes the same values on the CPU twin when the CPU is chosen, from files the user picks', async () => {
    await app.page.locator('#backend').selectOption('cpu');
    await pick(phantomImage(), phantomMask());
    await app.page.locator('#backend-used[data-kind="cpu"]').waitFor({ timeout: 60_000 });
    expect(await app.page.locator('#backend-used').textContent()).toMatch(/CPU \(selected\)/);
    expectCliAndIbsi(await tableValues());
    await app.page.locator('#backend').selectOption('auto');
  });

  it('lists each problem of a PyRadiomics parameter file next to it and keeps the form', async () => {
    await app.page.locator('#profile').selectOption('pyradiomics');
    await app.page.locator('#settings').setInputFiles({ name: 'params.yaml', mimeType: 'text/yaml', buffer: Buffer.from('setting:\n  binWidth: 25\n  resampledPixelSpacing: [1, 1]\n  normalise: true\n') });
    const problems = app.page.locator('#settings-problems');
    await problems.waitFor({ timeout: 10_000 });
    const items = await problems.locator('li').allTextContents();
    expect(items).toContain('setting.normalise: unknown setting');
    expect(items.some((t) => t.startsWith('setting.resampledPixelSpacing: must be 3 numbers >= 0'))).toBe(true);
    expect(await problems.textContent()).toContain('params.yaml cannot be used');
    await app.page.locator('#demo').click();
    await expectError(/The settings file params\.yaml cannot be used/);
    // a good PyRadiomics file runs: PyRadiomics names in the table
    await app.page.locator('#settings').setInputFiles({ name: 'params.yaml', mimeType: 'text/yaml', buffer: Buffer.from('setting:\n  binWidth: 1\nfeatureClass:\n  glcm: [Contrast, JointEnergy]\n') });
    await app.page.locator('#demo').click();
    await app.page.locator('#error').waitFor({ state: 'detached', timeout: 60_000 });
    await app.page.locator('#result wr-feature-table tr[data-key="original_glcm_Contrast"]').waitFor({ timeout: 60_000 });
    expect((await tableValues()).size).toBe(2);
    await app.page.locator('#settings').setInputFiles([]);
    await app.page.locator('#profile').selectOption('ibsi');
    expect(await problems.count()).toBe(0);
  });

  it('names the file that is not NIfTI', async () => {
    await pick({ name: 'notes.nii.gz', buffer: Buffer.from('this is a text file, not an image') }, phantomMask());
    await expectError(/notes\.nii\.gz: .*not a NIfTI|notes\.nii\.gz: .*could not be decoded/);
  });

  it('refuses an image and a mask of different sizes, naming both', async () => {
    const brain = { name: 'brain1_image.nrrd', buffer: readFileSync(sharedPath('refdata/pyradiomics/brain1/brain1_image.nrrd')) };
    await pick(brain, phantomMask());
    await expectError(/mask\.nii\.gz does not lie on the grid of brain1_image\.nrrd: size 256x256x25 vs 5x4x4/);
  });

  it('refuses an MR image under the IBSI profile without discretisation, saying what to add', async () => {
    const brain = (f: string) => ({ name: f, buffer: readFileSync(sharedPath('refdata/pyradiomics/brain1', f)) });
    await pick(brain('brain1_image.nrrd'), brain('brain1_label.nrrd'));
    await expectError(/brain1_image\.nrrd: the ROI has grey levels up to \d+; without discretisation at most 1024 are supported .*fixed bin width or bin count/);
  });

  it('refuses an empty mask', async () => {
    const empty = writeNifti1({ dims: [5, 4, 4], spacing: [2, 2, 2], data: new Int16Array(80) });
    await pick(phantomImage(), { name: 'empty-mask.nii', buffer: Buffer.from(empty) });
    await expectError(/empty-mask\.nii: the mask is empty/);
  });

  it('after bad input, the demo still runs', async () => {
    await app.page.locator('#demo').click();
    await app.page.locator('#backend-used').waitFor({ timeout: 60_000 });
    expectCliAndIbsi(await tableValues());
  });

  it('made no request outside its own origin, page and workers alike', () => {
    expect(app.requests.length).toBeGreaterThan(5);
    expect(app.requests.some((u) => u.includes('/itk/image-io/nifti-read-image'))).toBe(true);
    expect(foreignRequests(app)).toEqual([]);
  });
});
