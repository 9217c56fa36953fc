import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openApp, type AppSession } from './browser.js';

/**
 * Resuming a cohort extraction after a page reload, in the built app (its own build folder) through PipelineClient
 * and the real pipeline worker: a SYNTHETIC image cohort of 2 patients x AP / PVP / T2 from `webradiomics
 * synthetic-cohort --images`. Without consent nothing is stored; with it, a cancelled run's finished cases survive a
 * reload, the next run takes them from IndexedDB and gives the same CSV, byte for byte, as the uncached run; the
 * privacy panel lists the cache and erases it.
 */
const BIN = path.resolve('bin/webradiomics.js');
const dir = mkdtempSync(path.join(tmpdir(), 'wr-e2e-cohort-cache-'));
const images = path.join(dir, 'cohort');
const CASES = 2 * 3;

let app: AppSession;

beforeAll(async () => {
  const prepare = promisify(execFile)(process.execPath, [BIN, 'synthetic-cohort', '--images', '--limit', '2', '--out', images], { env: process.env });
  const [session] = await Promise.all([openApp({ outDir: path.join(dir, 'dist') }), prepare]);
  app = session;
});
afterAll(async () => {
  await app?.close();
});

const page = () => app.page;
const step = (selector: string) => page().locator(`wr-research-page wr-cohort-extract ${selector}`);
const idb = () => page().evaluate(async () => (await indexedDB.databases()).map((d) => d.name));

async function openResearch() {
  await page().locator('nav a[href="#/research"]').click();
  await step('summary').waitFor();
  if (!(await step('details').evaluate((d) => (d as HTMLDetailsElement).open))) await step('summary').click();
  await step('#manifest').setInputFiles(path.join(images, 'synthetic-manifest.csv'));
  await step('#folder').setInputFiles(images);
  await step('#settings').setInputFiles(path.join(images, 'synthetic-settings.json'));
}

async function extract(): Promise<{ status: string; csv: string }> {
  await step('#extract').click();
  await step('#download').waitFor({ timeout: 240_000 });
  const [download] = await Promise.all([page().waitForEvent('download'), step('#download').click()]);
  return { status: (await step('#extract-status').textContent())!, csv: readFileSync((await download.path())!, 'utf8') };
}

describe('the built app: resumable cohort extraction with the on-device cache', () => {
  it('keeps nothing without consent; with it, resumes after a reload with the same CSV; the privacy panel erases it', async () => {
    await openResearch();
    expect(await step('#keep-on-device').isChecked()).toBe(false);
    const uncached = await extract();
    expect(uncached.status).not.toContain('cache');
    expect(uncached.csv.split('\n').filter(Boolean)).toHaveLength(3);
    expect(await idb()).toEqual([]);

    // consent, run, cancel once a case is done
    await step('#keep-on-device').check();
    await step('#extract').click();
    await page().waitForFunction(() => {
      const el = document.querySelector('wr-app')?.shadowRoot?.querySelector('wr-research-page')?.shadowRoot?.querySelector('wr-cohort-input')?.shadowRoot?.querySelector('wr-cohort-extract');
      return /^\s*[1-9]\d* \/ 6 cases/.test(el?.shadowRoot?.querySelector('#extract-progress')?.textContent ?? '');
    }, undefined, { timeout: 120_000 });
    await step('#cancel-extract').click();
    await step('#extract-status').waitFor({ state: 'attached', timeout: 120_000 });
    const status = (await step('#extract-status').textContent())!;
    expect(status).toMatch(/^Cancelled \(cancelled after \d of 6 cases\)\. The finished cases are kept on this device; run again to resume\.$/);
    const kept = Number(/cancelled after (\d) of/.exec(status)![1]);
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThan(CASES);
    expect(await idb()).toEqual(['webradiomics-cohort-cache']);

    // reload: the consent is asked again (not stored); the kept cases are used
    await page().reload();
    await openResearch();
    expect(await step('#keep-on-device').isChecked()).toBe(false);
    await step('#keep-on-device').check();
    const resumed = await extract();
    expect(resumed.status).toContain(`${kept} of the cases came from this device's cache`);
    expect(resumed.csv).toBe(uncached.csv);

    // the privacy panel lists it as user data and erases it
    await page().locator('#privacy-details').click();
    const item = page().locator('#local-data li[data-name="webradiomics-cohort-cache"]');
    await item.waitFor({ timeout: 30_000 });
    expect(await item.getAttribute('data-app-files')).toBe('false');
    expect(await item.textContent()).toMatch(new RegExp(`features of ${CASES} cohort cases \\(about [\\d.]+ KB\\).*last run: synthetic-manifest\\.csv`));
    await page().locator('#erase-local-data').click();
    await page().locator('#erase-result').waitFor({ timeout: 30_000 });
    expect(await idb()).toEqual([]);
  }, 600_000);
});
