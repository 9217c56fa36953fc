import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseCsv } from '../../src/core/csv.js';
import type { ResearchSummary } from '../../src/core/research/summary.js';
import { dicomCohort } from '../helpers/dicom-cohort.js';
import { foreignRequests, openApp, type AppSession } from './browser.js';

/**
 * The image-cohort path of the research page in the built app, through the real pipeline worker (comlink
 * extractCohort / cancelCohort): a SYNTHETIC NIfTI image cohort written by `webradiomics synthetic-cohort --images`
 * (24 patients x AP, PVP, T2: the fewest of this cohort on which LASSO keeps a feature, with both classes of the
 * endpoint) and a two-patient DICOM cohort built in code (study folders with a series choice, RTSTRUCT and SEG
 * masks). The downloaded feature tables are compared with `webradiomics extract-cohort` on the same files; the
 * extracted table then builds the models, whose AUCs equal `webradiomics train` on the CLI's table.
 */
const BIN = path.resolve('bin/webradiomics.js');
const dir = mkdtempSync(path.join(tmpdir(), 'wr-e2e-research-images-'));
const images = path.join(dir, 'cohort');
const dicom = path.join(dir, 'dicom');
const N = 24;
const CASES = N * 3;
/** the model settings used in the app and passed to `train`: small cohort, so no univariate filter and 3 CV folds */
const TRAIN_OPTIONS = ['--endpoint', 'dcr', '--univariate', 'none', '--nfolds', '3'];

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: process.env, maxBuffer: 64 << 20 });
  return stdout;
}

let app: AppSession;
let niftiCsv: string;
let dicomCsv: string;
let summary: ResearchSummary;

beforeAll(async () => {
  const cohort = dicomCohort();
  for (const f of cohort.files) {
    mkdirSync(path.dirname(path.join(dicom, f.path)), { recursive: true });
    writeFileSync(path.join(dicom, f.path), f.bytes);
  }
  writeFileSync(path.join(dir, 'dicom-manifest.csv'), cohort.manifest);
  const prepare = async () => {
    await cli('synthetic-cohort', '--images', '--limit', String(N), '--out', images);
    await cli('extract-cohort', '--manifest', path.join(images, 'synthetic-manifest.csv'), '--params', path.join(images, 'synthetic-settings.json'), '--backend', 'cpu', '--out', path.join(dir, 'cli-features.csv'));
    niftiCsv = readFileSync(path.join(dir, 'cli-features.csv'), 'utf8');
    summary = JSON.parse(await cli('train', '--features', path.join(dir, 'cli-features.csv'), '--clinical', path.join(images, 'synthetic-clinical.csv'), '--predictors', path.join(images, 'synthetic-predictors.json'), ...TRAIN_OPTIONS));
    // the DICOM manifest beside the folder: paths relative to the folder, as the picked folder's name is dropped
    await cli('extract-cohort', '--manifest', path.join(dicom, 'manifest.csv'), '--backend', 'cpu', '--out', path.join(dir, 'cli-dicom.csv'));
    dicomCsv = readFileSync(path.join(dir, 'cli-dicom.csv'), 'utf8');
  };
  writeFileSync(path.join(dicom, 'manifest.csv'), cohort.manifest);
  const [session] = await Promise.all([openApp({ outDir: path.join(dir, 'dist') }), prepare()]);
  app = session;
});
afterAll(async () => {
  await app?.close();
});

const page = () => app.page;
const research = (selector: string) => page().locator(`wr-research-page ${selector}`);
const step = (selector: string) => research(`wr-cohort-extract ${selector}`);

/** Opens the step's <details> (it closes again when a run ends with neither table nor error, e.g. after Cancel). */
async function openStep() {
  if (!(await step('details').evaluate((d) => (d as HTMLDetailsElement).open))) await step('summary').click();
}

async function chooseCohort(manifest: string, folder: string, settings?: string) {
  await openStep();
  await step('#manifest').setInputFiles(manifest);
  await step('#folder').setInputFiles(folder);
  if (settings) await step('#settings').setInputFiles(settings);
  else await step('#settings').setInputFiles([]);
}

/**
 * Same columns, same patients, every value within 1e-12 relative (NaN where the CLI has NaN). Not byte for byte: the
 * feature maths runs in Chromium's V8 here and in Node's V8 in the CLI, and their Math.pow / log / exp / cbrt differ
 * in the last bit for about 1 argument in 10 (measured: Chromium 156 vs Node 20's V8 11.3), so a few features (GLCM
 * cluster shade / prominence, entropies) differ in the 16th-17th significant digit.
 */
function expectSameTable(csv: string, cliCsv: string) {
  const [got, want] = [parseCsv(csv.trim()), parseCsv(cliCsv.trim())];
  expect(got[0]).toEqual(want[0]);
  expect(got.map((r) => r[0])).toEqual(want.map((r) => r[0]));
  for (let i = 1; i < want.length; i++) {
    expect(got[i].length).toBe(want[0].length);
    for (let j = 1; j < want[0].length; j++) {
      const [a, b] = [Number(got[i][j]), Number(want[i][j])];
      if (Number.isNaN(b)) expect(got[i][j], `${want[i][0]} ${want[0][j]}`).toBe(want[i][j]);
      else expect(Math.abs(a - b), `${want[i][0]} ${want[0][j]}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
    }
  }
}

async function downloaded(): Promise<string> {
  const [download] = await Promise.all([page().waitForEvent('download'), step('#download').click()]);
  return readFileSync((await download.path())!, 'utf8');
}

describe('the built app, research page: feature extraction from an image cohort', () => {
  it('cancel mid-run stops the worker after the case in flight and says so', async () => {
    await page().locator('nav a[href="#/research"]').click();
    await step('summary').waitFor();
    await chooseCohort(path.join(images, 'synthetic-manifest.csv'), images, path.join(images, 'synthetic-settings.json'));
    await step('#extract').click();
    // progress to the total, then Cancel once a case is done
    await page().waitForFunction(() => {
      const step = document.querySelector('wr-app')?.shadowRoot?.querySelector('wr-research-page')?.shadowRoot?.querySelector('wr-cohort-input')?.shadowRoot?.querySelector('wr-cohort-extract');
      return /^\s*[1-9]\d* \/ 72 cases/.test(step?.shadowRoot?.querySelector('#extract-progress')?.textContent ?? '');
    }, undefined, { timeout: 120_000 });
    expect(await step('#extract-progress progress').getAttribute('max')).toBe(String(CASES));
    await step('#cancel-extract').click();
    await step('#extract-status').waitFor({ state: 'attached', timeout: 120_000 });
    const status = (await step('#extract-status').textContent())!;
    const done = Number(/cancelled after (\d+) of 72 cases/.exec(status)?.[1]);
    expect(status, status).toMatch(/^Cancelled \(cancelled after \d+ of 72 cases\)/);
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(CASES);
    expect(await step('#download').count()).toBe(0);
    expect(await step('#extract').isDisabled()).toBe(false);
  }, 300_000);

  it('a DICOM cohort (series choice, RTSTRUCT, SEG) gives the table `extract-cohort` writes', async () => {
    await chooseCohort(path.join(dir, 'dicom-manifest.csv'), dicom);
    await step('#extract').click();
    await step('#download').waitFor({ timeout: 240_000 });
    expect(await step('#extract-error').count()).toBe(0);
    const csv = await downloaded();
    expectSameTable(csv, dicomCsv);
    expect(parseCsv(csv.trim()).map((r) => r[0])).toEqual(['patient_id', 'P01', 'P02']);
  }, 300_000);

  it('the NIfTI cohort gives the table `extract-cohort` writes, and it builds the models with the AUCs of `train`', async () => {
    await chooseCohort(path.join(images, 'synthetic-manifest.csv'), images, path.join(images, 'synthetic-settings.json'));
    await step('#extract').click();
    await step('#extract-progress').waitFor();
    await step('#download').waitFor({ timeout: 600_000 });
    expect(await step('#extract-error').count()).toBe(0);
    expect(await step('#extract-status').textContent()).toMatch(new RegExp(`^Extracted \\d+ features for ${N} patients \\(sequences AP, PVP, T2`));
    const csv = await downloaded();
    expectSameTable(csv, niftiCsv);
    expect(csv.trim().split('\n').length).toBe(1 + N);

    // the extracted table with the clinical table and predictors -> the models, with the settings given to `train`
    const put = (id: string, file: string) => research(`wr-cohort-input #${id}`).setInputFiles(file);
    await put('clinical', path.join(images, 'synthetic-clinical.csv'));
    await put('predictor-spec', path.join(images, 'synthetic-predictors.json'));
    await research('#cohort-overview').waitFor();
    await research('wr-research-options #endpoint').selectOption('disease-control');
    await research('wr-research-options #univariate-test').selectOption('off');
    await research('wr-research-options #nfolds').fill('3');
    await research('wr-research-options #nfolds').dispatchEvent('change');
    await research('#run').click();
    await research('wr-research-results #results').waitFor({ timeout: 150_000 });
    for (const set of ['training', 'validation'] as const) {
      for (const m of ['clinical', 'radiomic', 'combined'] as const) {
        const cell = research(`[data-key="auc/${set}/${m}"]`);
        expect(await cell.isVisible()).toBe(true);
        const [shown, cli] = [Number(await cell.getAttribute('data-value')), summary[set]!.models[m].auc];
        expect(Math.abs(shown - cli), `${set} ${m}: ${shown} vs ${cli}`).toBeLessThanOrEqual(1e-12);
      }
    }
  }, 900_000);

  it('made no request outside its own origin; the extraction ran in the pipeline worker', () => {
    expect(app.requests.some((u) => u.startsWith(app.origin + '/') && /\/assets\/pipeline\.worker-[\w-]+\.js$/.test(u))).toBe(true);
    expect(foreignRequests(app)).toEqual([]);
  });
});
