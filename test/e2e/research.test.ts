import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseModelFile } from '../../src/core/model/model-file-parse.js';
import type { ResearchSummary } from '../../src/core/research/summary.js';
import { foreignRequests, openApp, type AppSession } from './browser.js';

// The research workflow in the built app on the synthetic cohort, checked against `webradiomics train` on the
// same cohort with the same (default) seeds: both must show the same numbers.
const BIN = path.resolve('bin/webradiomics.js');
const dir = mkdtempSync(path.join(tmpdir(), 'wr-e2e-research-'));

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: process.env, maxBuffer: 64 << 20 });
  return stdout;
}

let app: AppSession;
let cliSummary: ResearchSummary;
const cspViolations: string[] = [];
const MODELS = ['clinical', 'radiomic', 'combined'] as const;
const SETS = ['training', 'validation'] as const;

beforeAll(async () => {
  const [session, stdout] = await Promise.all([openApp(), cli('synthetic-cohort', '--out', dir).then(() => cli('train', '--synthetic'))]);
  app = session;
  app.page.on('console', (m) => {
    if (/Content Security Policy/.test(m.text())) cspViolations.push(m.text());
  });
  cliSummary = JSON.parse(stdout);
});
afterAll(async () => {
  await app?.close();
});

const page = () => app.page;
const research = (selector: string) => page().locator(`wr-research-page ${selector}`);

async function runAndWait() {
  await research('#run').click();
  await research('wr-research-results #results').waitFor({ timeout: 150_000 });
}

async function shownAucs(): Promise<Record<string, { value: number; text: string }>> {
  const out: Record<string, { value: number; text: string }> = {};
  for (const set of SETS) {
    for (const m of MODELS) {
      const cell = research(`[data-key="auc/${set}/${m}"]`);
      out[`${set}/${m}`] = { value: Number(await cell.getAttribute('data-value')), text: (await cell.textContent())!.trim() };
    }
  }
  return out;
}

/**
 * Same code, same inputs: AUCs (sums and ratios) are identical; values through exp/log/pow (p-values, hazard
 * ratios) may differ in the last bits between Node's and Chromium's V8, hence 1e-12 relative there.
 */
function expectClose(actual: number, expected: number, what: string) {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

function expectAucsOfCli(shown: Record<string, { value: number; text: string }>) {
  for (const set of SETS) {
    for (const m of MODELS) {
      const ref = cliSummary[set]!.models[m];
      expect(shown[`${set}/${m}`].value, `${set} ${m}`).toBe(ref.auc);
      expect(shown[`${set}/${m}`].text, `${set} ${m}`).toBe(`${ref.auc.toFixed(3)} (${ref.aucCi[0].toFixed(3)}-${ref.aucCi[1].toFixed(3)})`);
    }
  }
}

describe('the built app, research workflow', () => {
  it('runs the synthetic demo cohort end to end and shows the AUCs that `webradiomics train` prints', async () => {
    await page().locator('nav a[href="#/research"]').click();
    await research('wr-cohort-input #demo').click();
    await research('#cohort-overview').waitFor();
    expect(await research('wr-cohort-input #source-label').textContent()).toMatch(/^SYNTHETIC/);
    await runAndWait();
    expect(await research('#synthetic-banner').isVisible()).toBe(true);
    expectAucsOfCli(await shownAucs());
    // DeLong, calibration and survival tables carry the CLI's numbers too
    const shown = async (key: string) => Number(await research(`[data-key="${key}"]`).getAttribute('data-value'));
    expectClose(await shown('delong/validation/clinical-combined'), cliSummary.validation!.delong[1].pValue, 'DeLong p');
    expectClose(await shown('hl/training/combined'), cliSummary.training.models.combined.hosmerLemeshow!.pValue, 'Hosmer-Lemeshow p');
    for (const set of SETS) {
      for (const ep of ['os', 'pfs'] as const) {
        expectClose(await shown(`hr/${ep}/${set}`), cliSummary[set]!.survival[ep]!.hazardRatio, `${ep} ${set} HR`);
        expectClose(await shown(`logrank/${ep}/${set}`), cliSummary[set]!.survival[ep]!.logrankP, `${ep} ${set} log-rank p`);
        expect(await shown(`cindex/${ep}/${set}`)).toBe(cliSummary[set]!.survival[ep]!.cIndex!);
      }
    }
  });

  it('shows the risk groups with KM curves (CI bands, numbers at risk) and every other plot, drawn by uPlot', async () => {
    const km = research('wr-km-plot');
    expect(await km.count()).toBe(4);
    for (let i = 0; i < 4; i++) {
      const rows = km.nth(i).locator('table[data-table="at-risk"] tbody tr');
      expect(await rows.count()).toBe(2);
      expect(await rows.first().locator('td').first().textContent()).toBe('Low risk');
      expect(await km.nth(i).locator('canvas').count()).toBeGreaterThan(0);
    }
    for (const tag of ['wr-roc-plot', 'wr-calibration-plot', 'wr-decision-curve-plot', 'wr-lasso-path-plot', 'wr-cv-curve-plot', 'wr-feature-distribution-plot']) {
      expect(await research(tag).count(), tag).toBeGreaterThan(0);
      expect(await research(tag).first().locator('.uplot canvas').count(), tag).toBe(1);
    }
    expect(await research('wr-nomogram svg').count()).toBe(1);
  });

  it('downloads a model file that the model-file parser accepts, with the same performance', async () => {
    const [download] = await Promise.all([page().waitForEvent('download'), research('#download-model').click()]);
    expect(download.suggestedFilename()).toBe('synthetic-model.json');
    const model = parseModelFile(readFileSync((await download.path())!, 'utf8'));
    expect(model.provenance.syntheticData).toBe(true);
    for (const m of MODELS) expect(model.performance.validation![m].auc).toBe(cliSummary.validation!.models[m].auc);
    expectClose(model.riskGroups.survival.os.training!.hazardRatio, cliSummary.training.survival.os!.hazardRatio, 'OS HR in the model file');
    const [report] = await Promise.all([page().waitForEvent('download'), research('#download-report').click()]);
    expect(readFileSync((await report.path())!, 'utf8')).toContain('@media print');
    const [png] = await Promise.all([page().waitForEvent('download'), research('wr-roc-plot').first().locator('[data-export="png"]').click()]);
    expect([...readFileSync((await png.path())!).subarray(0, 4)]).toEqual([137, 80, 78, 71]);
  });

  it('names file, row and column of a bad clinical table, keeps the settings, then runs the files `synthetic-cohort` wrote', async () => {
    await research('wr-research-options #lambda-rule').selectOption('lambda.1se');
    const clinical = readFileSync(path.join(dir, 'synthetic-clinical.csv'), 'utf8');
    const bad = clinical.replace(/\nTPI003,([A-C]),([A-Z]{2}),/, '\nTPI003,$1,XR,');
    const put = (id: string, name: string, text: string) => research(`wr-cohort-input #${id}`).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await put('features', 'synthetic-features.csv', readFileSync(path.join(dir, 'synthetic-features.csv'), 'utf8'));
    await put('clinical', 'synthetic-clinical.csv', bad);
    await research('wr-issue-list #errors').waitFor();
    expect(await research('wr-issue-list #errors li[data-column="response"]').textContent()).toBe('synthetic-clinical.csv, row 4, column "response": response "XR" is not one of CR, PR, SD, PD');
    expect(await research('#run').isDisabled()).toBe(true);
    expect(await research('wr-research-options #lambda-rule').inputValue()).toBe('lambda.1se');
    // fix the file, add the second reader and the predictor spec: the same cohort as the demo
    await research('wr-research-options #lambda-rule').selectOption('lambda.min');
    await put('clinical', 'synthetic-clinical.csv', clinical);
    await put('repeat', 'synthetic-features-reader2.csv', readFileSync(path.join(dir, 'synthetic-features-reader2.csv'), 'utf8'));
    await research('wr-cohort-input #predictor-spec').setInputFiles({ name: 'synthetic-predictors.json', mimeType: 'application/json', buffer: readFileSync(path.join(dir, 'synthetic-predictors.json')) });
    await page().waitForFunction(() => {
      const p = document.querySelector('wr-app')?.shadowRoot?.querySelector('wr-research-page');
      return p?.shadowRoot?.querySelector('#cohort-overview')?.textContent?.includes('second reader for 40') && !p.shadowRoot.querySelector('wr-issue-list')?.shadowRoot?.querySelector('#errors');
    });
    await runAndWait();
    expectAucsOfCli(await shownAucs());
  });

  it("kept to the app's Content-Security-Policy (no inline style or script)", () => {
    expect(cspViolations).toEqual([]);
  });

  it('made no request outside its own origin, page and workers alike', () => {
    // the models ran in the modelling worker, a file of the app itself
    expect(app.requests.some((u) => u.startsWith(app.origin + '/') && /\/assets\/research\.worker-[\w-]+\.js$/.test(u))).toBe(true);
    expect(foreignRequests(app)).toEqual([]);
  });
});
