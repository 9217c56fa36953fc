import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { writePatient, type PatientFiles } from '../helpers/clinic-fixture.js';
import { foreignRequests, openApp, type AppSession } from './browser.js';

// The clinic workflow in the built app: the demo patient from the start page and a second synthetic patient from
// files, each checked against `webradiomics score` on the same files; the printed report; errors at their step.
const BIN = path.resolve('bin/webradiomics.js');
const tmp = mkdtempSync(path.join(tmpdir(), 'wr-e2e-clinic-'));
const DEMO = path.resolve('public/demo');
const MODEL = path.join(DEMO, 'demo-model.json');

interface CliScore {
  probability: number;
  radScore: number;
  linearPredictor: number;
  riskGroup: string;
  features: Record<string, number>;
  contributions: { name: string; logit: number }[];
}

async function score(images: Record<string, string>, mask: string, clinical: string): Promise<CliScore> {
  const args = ['score', '--model', MODEL, ...Object.entries(images).flatMap(([s, f]) => ['--image', `${s}=${f}`]), '--mask', mask, '--clinical', clinical];
  const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: process.env, maxBuffer: 64 << 20 });
  return JSON.parse(stdout);
}

let app: AppSession;
let second: PatientFiles;
let demoCli: CliScore;
let secondCli: CliScore;
const cspViolations: string[] = [];

beforeAll(async () => {
  second = writePatient(path.join(tmp, 'patient-7'), 7);
  const demoImages = Object.fromEntries(['AP', 'PVP', 'T2'].map((s) => [s, path.join(DEMO, 'patient', `${s}.nii.gz`)]));
  [app, demoCli, secondCli] = await Promise.all([
    openApp({ outDir: path.join(tmp, 'dist') }),
    score(demoImages, path.join(DEMO, 'patient', 'mask.nii.gz'), path.join(DEMO, 'patient', 'clinical.json')),
    score(second.images, second.mask, second.clinical),
  ]);
  app.page.on('console', (m) => {
    if (/Content Security Policy/.test(m.text())) cspViolations.push(m.text());
  });
});
afterAll(async () => {
  await app?.close();
});

const page = () => app.page;
const clinic = (sel: string) => page().locator(`wr-clinic-page ${sel}`);
const result = (sel: string) => page().locator(`wr-clinic-result ${sel}`);

/** Same code in Node and Chromium: equal up to the last bits of exp/log (1e-12 relative). */
function expectSame(actual: number, expected: number, what: string) {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

async function expectPageEqualsCli(cli: CliScore) {
  await result('#probability').waitFor({ timeout: 150_000 });
  expectSame(Number(await result('#probability').getAttribute('data-value')), cli.probability, 'probability');
  expectSame(Number(await result('#rad-score').getAttribute('data-value')), cli.radScore, 'rad-score');
  expectSame(Number(await result('#linear-predictor').getAttribute('data-value')), cli.linearPredictor, 'linear predictor');
  expect(await result('#risk-group').getAttribute('data-value')).toBe(cli.riskGroup);
  expect((await result('#probability').textContent())!.trim()).toBe(`${(100 * cli.probability).toFixed(1)} %`);
  const feats = await result('#feature-table tr[data-name]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-name'), Number(r.querySelector('td[data-value]')!.getAttribute('data-value'))] as const));
  expect(feats.map(([n]) => n).sort()).toEqual(Object.keys(cli.features).sort());
  for (const [n, v] of feats) expectSame(v, cli.features[n!], n!);
}

describe('the built app, clinic workflow', () => {
  it('the start page runs the demo patient; the numbers equal `webradiomics score` on the same files', async () => {
    await page().locator('#clinic-demo').click();
    await expectPageEqualsCli(demoCli);
    expect(await clinic('#model-synthetic').textContent()).toMatch(/SYNTHETIC/);
    expect(await result('#warnings li[data-kind="synthetic-model"]').count()).toBe(1);
    expect(await result('#km-os').count()).toBe(1);
    expect(await result('#km-pfs').count()).toBe(1);
    expect(await result('.contributions svg rect[data-logit]').count()).toBe(demoCli.contributions.length);
    expect(await result('canvas[data-thumb]').count()).toBe(3);
  });

  it('prints the report to PDF: print media shows the result and disclaimer, not the steps', async () => {
    await page().emulateMedia({ media: 'print' });
    expect(await clinic('#step-model').isVisible()).toBe(false);
    expect(await page().locator('nav').isVisible()).toBe(false);
    expect(await result('#disclaimer').isVisible()).toBe(true);
    expect(await result('#print').isVisible()).toBe(false);
    expect(await result('#disclaimer').textContent()).toMatch(/DEMONSTRATION ONLY: the model was trained on synthetic/);
    const pdf = await page().pdf({ format: 'A4', printBackground: true });
    await page().emulateMedia({ media: 'screen' });
    writeFileSync(path.join(tmp, 'report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
  });

  it('the ROI drawn on the demo patient (from its mask, plus brush strokes) gives `webradiomics score` with that mask', async () => {
    await clinic('#roi-mode-draw').click();
    const canvas = page().locator('wr-clinic-page wr-roi-editor wr-slice-viewer canvas');
    await canvas.waitFor({ timeout: 60_000 });
    await clinic('wr-roi-tools button[data-tool="brush"]').click();
    const box = (await canvas.boundingBox())!;
    const [x, y] = [box.x + box.width * 0.5, box.y + box.height * 0.5];
    await page().mouse.move(x, y);
    await page().mouse.down();
    await page().mouse.move(x + box.width * 0.1, y, { steps: 5 });
    await page().mouse.move(x + box.width * 0.1, y + box.height * 0.08, { steps: 5 });
    await page().mouse.up();
    await clinic('#roi-draw-use').click();
    const voxels = Number(await clinic('#roi-drawn').getAttribute('data-voxels'));
    expect(voxels).toBeGreaterThan(0);
    // the mask the page will send (drawn-roi.nii.gz), scored by the CLI on the same images
    const bytes = await page().evaluate(async () => {
      const el = document.querySelector('wr-app')!.shadowRoot!.querySelector('wr-clinic-page') as unknown as { drawn: { name: string; bytes(): Promise<Uint8Array> } };
      return { name: el.drawn.name, bytes: Array.from(await el.drawn.bytes()) };
    });
    expect(bytes.name).toBe('drawn-roi.nii.gz');
    const drawnMask = path.join(tmp, 'drawn-roi.nii.gz');
    writeFileSync(drawnMask, Buffer.from(bytes.bytes));
    const demoImages = Object.fromEntries(['AP', 'PVP', 'T2'].map((s) => [s, path.join(DEMO, 'patient', `${s}.nii.gz`)]));
    const drawnCli = await score(demoImages, drawnMask, path.join(DEMO, 'patient', 'clinical.json'));
    expect(drawnCli.probability).not.toBe(demoCli.probability);
    const before = await result('#probability').getAttribute('data-value');
    await clinic('#run-clinic').click();
    await page().waitForFunction(
      (b) => {
        const out = document.querySelector('wr-app')?.shadowRoot?.querySelector('wr-clinic-page')?.shadowRoot?.querySelector('wr-clinic-result')?.shadowRoot?.querySelector('#probability');
        return out && out.getAttribute('data-value') !== b;
      },
      before,
      { timeout: 150_000 },
    );
    await expectPageEqualsCli(drawnCli);
    expect(await result('#inputs').textContent()).toContain(`drawn-roi.nii.gz (drawn on the AP image, ${voxels} voxels)`);
    // back to the mask file for the next patient; the drawing stays
    await clinic('#roi-mode-file').click();
    expect(await clinic('wr-roi-editor').count()).toBe(0);
  });

  it('a second synthetic patient from files gives the numbers of `webradiomics score`', async () => {
    for (const s of ['AP', 'PVP', 'T2']) await clinic(`#image-${s}`).setInputFiles(second.images[s]);
    await clinic('#mask').setInputFiles(second.mask);
    const values = JSON.parse(readFileSync(second.clinical, 'utf8'));
    await page().locator('wr-clinic-page wr-clinical-form #clinical-Child_Pugh').selectOption(String(values.Child_Pugh));
    const before = await result('#probability').getAttribute('data-value');
    await clinic('#run-clinic').click();
    await page().waitForFunction(
      (b) => {
        const out = document.querySelector('wr-app')?.shadowRoot?.querySelector('wr-clinic-page')?.shadowRoot?.querySelector('wr-clinic-result')?.shadowRoot?.querySelector('#probability');
        return out && out.getAttribute('data-value') !== b;
      },
      before,
      { timeout: 150_000 },
    );
    await expectPageEqualsCli(secondCli);
    expect(await result('#inputs').textContent()).toContain('AP.nii');
  });

  it('errors at their step, nothing lost: an invalid model file, then a study lacking a sequence', async () => {
    const bad = JSON.parse(readFileSync(MODEL, 'utf8'));
    delete bad.combinedModel;
    await clinic('#model-file').setInputFiles({ name: 'bad-model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await clinic('#model-error').waitFor();
    expect(await clinic('#model-error').textContent()).toContain('missing field "combinedModel"');
    expect(await clinic('#model-error').textContent()).toContain('still using');
    // the inputs of the previous run are still there: a run gives the same result
    await clinic('#run-clinic').click();
    await expectPageEqualsCli(secondCli);
    // a model needing a sequence the study lacks
    const more = JSON.parse(readFileSync(MODEL, 'utf8'));
    more.sequences.push({ name: 'DWI', description: 'diffusion-weighted, b = 800', phase: 'dwi', settings: null });
    await clinic('#model-file').setInputFiles({ name: 'dwi-model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(more)) });
    await clinic('#image-DWI').waitFor();
    await clinic('#run-clinic').click();
    await clinic('#study-error').waitFor();
    expect(await clinic('#study-error').textContent()).toContain('the model needs the DWI sequence (diffusion-weighted, b = 800) and none was given');
    expect(await clinic('[data-image-name="AP"]').textContent()).toContain('AP.nii');
    expect(await page().locator('wr-clinic-page wr-clinical-form #clinical-Child_Pugh').inputValue()).not.toBe('');
  });

  it('no request left the origin and the CSP held', () => {
    expect(foreignRequests(app)).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
