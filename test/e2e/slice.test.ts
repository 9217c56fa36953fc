import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { foreignRequests, openApp, type AppSession } from './browser.js';
import { ibsiPhantomReference, PHANTOM_IMAGE, PHANTOM_MASK, sharedPath, sig3 } from '../helpers/refdata.js';
import { writeNifti1 } from '../helpers/nifti.js';

let app: AppSession;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

async function tableValues(): Promise<Map<string, number>> {
  const rows = await app.page.locator('wr-feature-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [
      `${tr.getAttribute('data-code')}/${tr.getAttribute('data-aggregation')}`,
      Number(tr.querySelector('td.value')!.getAttribute('data-value')),
    ]),
  );
  return new Map(rows as [string, number][]);
}

function expectIbsiGlcm(values: Map<string, number>) {
  const refs = ibsiPhantomReference().filter((r) => r.family === 'GLCM' && (r.aggregation_code === 'ITBB' || r.aggregation_code === 'IAZD'));
  expect(refs.length).toBe(50);
  expect(values.size).toBe(50);
  for (const ref of refs) {
    const v = values.get(`${ref.ibsi_code}/${ref.aggregation_code}`);
    expect(v, `${ref.feature} ${ref.aggregation_code}`).toBeDefined();
    expect(sig3(v!), `${ref.feature} ${ref.aggregation_code}`).toBe(sig3(ref.reference_value));
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

describe('the built app, first slice', () => {
  it('runs the built-in demo on the GPU and shows IBSI GLCM values (ITBB, IAZD) with the backend', async () => {
    await app.page.locator('#demo').click();
    await app.page.locator('#result wr-feature-table tbody tr').first().waitFor({ timeout: 120_000 });
    const backend = app.page.locator('#backend-used');
    expect(await backend.getAttribute('data-kind')).toBe('gpu');
    expect(await backend.textContent()).toMatch(/GPU: .*swiftshader/i);
    expectIbsiGlcm(await tableValues());
  });

  it('computes the same values on the CPU twin when the CPU is chosen, from files the user picks', async () => {
    await app.page.locator('#backend').selectOption('cpu');
    await pick(phantomImage(), phantomMask());
    await app.page.locator('#backend-used[data-kind="cpu"]').waitFor({ timeout: 60_000 });
    expect(await app.page.locator('#backend-used').textContent()).toMatch(/CPU \(selected\)/);
    expectIbsiGlcm(await tableValues());
    await app.page.locator('#backend').selectOption('auto');
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

  it('refuses an empty mask', async () => {
    const empty = writeNifti1({ dims: [5, 4, 4], spacing: [2, 2, 2], data: new Int16Array(80) });
    await pick(phantomImage(), { name: 'empty-mask.nii', buffer: Buffer.from(empty) });
    await expectError(/empty-mask\.nii: the mask is empty/);
  });

  it('after bad input, the demo still runs', async () => {
    await app.page.locator('#demo').click();
    await app.page.locator('#backend-used').waitFor({ timeout: 60_000 });
    expectIbsiGlcm(await tableValues());
  });

  it('made no request outside its own origin, page and workers alike', () => {
    expect(app.requests.length).toBeGreaterThan(5);
    expect(app.requests.some((u) => u.includes('/itk/image-io/nifti-read-image'))).toBe(true);
    expect(foreignRequests(app)).toEqual([]);
  });
});
