/**
 * The offline app and its privacy guarantees, on the built app in Chromium (its own build folder, dist-pwa):
 * install (service worker active, every app file precached), an update that waits for the user and never reloads
 * a running analysis, then the web server is stopped and the browser set offline, the page reloaded, and the demo
 * and bad inputs run from the cache alone with a network audit; the CSP blocks injected script; nothing is
 * persisted by default; the erase button removes the offline copy and every other store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Worker } from 'playwright-core';
import { foreignRequests, openApp, type AppSession } from './browser.js';
import { ibsiPhantomReference, sig3 } from '../helpers/refdata.js';
import { badInputCases } from '../helpers/bad-inputs.js';
import { CONTENT_SECURITY_POLICY } from '../../src/pwa/csp.js';

const OUT_DIR = 'dist-pwa';
let app: AppSession;
/** CSP complaints from the page, its workers and the service worker, before the injection test adds its own. */
const cspMessages: string[] = [];

/** Requests issued while the server was still up: the offline reload may abort those still in flight. */
const online = new WeakSet<Request>();
const markOnline = (r: Request) => online.add(r);

beforeAll(async () => {
  app = await openApp({ outDir: OUT_DIR });
  app.context.on('request', markOnline);
  app.context.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspMessages.push(m.text());
  });
  // A dedicated worker's CSP reports reach no console Playwright sees: the worker logs its violations itself.
  const watch = (worker: Worker) => {
    worker.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) cspMessages.push(`[${worker.url()}] ${m.text()}`);
    });
    worker
      .evaluate(() => self.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.effectiveDirective} ${e.blockedURI}`)))
      .catch(() => undefined);
  };
  app.page.on('worker', watch);
  app.page.workers().forEach(watch);
});
afterAll(async () => {
  await app?.close();
});

/** Every file of the build the service worker must hold: all but source maps and the worker's own scripts. */
function appFiles(): string[] {
  const root = path.resolve(OUT_DIR);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.filter((f) => !f.endsWith('.map') && f !== 'sw.js' && !/^workbox-[\w-]+\.js$/.test(f)).sort();
}

/** Paths (relative to the app) of everything in Cache Storage, per cache. */
async function cachedFiles(): Promise<Record<string, string[]>> {
  return app.page.evaluate(async () => {
    const base = new URL('./', document.baseURI).href;
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const keys = await (await caches.open(name)).keys();
      out[name] = keys.map((r) => r.url.replace(base, '').replace(/\?__WB_REVISION__=\w+$/, '')).sort();
    }
    return out;
  });
}

async function runDemo() {
  await app.page.locator('#demo').click();
  await app.page.locator('#result wr-feature-table tbody tr').first().waitFor({ timeout: 120_000 });
}

async function expectIbsiDemoValues() {
  // the GLCM rows (3D averaged and merged) among every IBSI feature of the demo
  const rows = await app.page.locator('wr-feature-table tbody tr[data-key^="GLCM_"]').evaluateAll((trs) =>
    trs.map((tr) => [`${tr.getAttribute('data-code')}/${tr.getAttribute('data-aggregation')}`, Number(tr.querySelector('td.value')!.getAttribute('data-value'))]),
  );
  const values = new Map((rows as [string, number][]).filter(([key]) => key.endsWith('/ITBB') || key.endsWith('/IAZD')));
  const refs = ibsiPhantomReference().filter((r) => r.family === 'GLCM' && (r.aggregation_code === 'ITBB' || r.aggregation_code === 'IAZD'));
  expect(values.size).toBe(refs.length);
  for (const ref of refs) expect(sig3(values.get(`${ref.ibsi_code}/${ref.aggregation_code}`)!), ref.feature).toBe(sig3(ref.reference_value));
}

describe('the offline app', () => {
  it('installs: the service worker is active and has precached every app file, itk-wasm pipelines included', async () => {
    const state = await app.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      const worker = registration.active!;
      if (worker.state !== 'activated') await new Promise((r) => worker.addEventListener('statechange', () => worker.state === 'activated' && r(null)));
      return { state: worker.state, script: worker.scriptURL, scope: registration.scope };
    });
    expect(state.state).toBe('activated');
    expect(state.script).toBe(`${app.origin}/sw.js`);
    expect(state.scope).toBe(`${app.origin}/`);

    const expected = appFiles();
    expect(expected).toEqual(expect.arrayContaining(['index.html', 'manifest.webmanifest', 'demo/ibsi-phantom-image.nii.gz', 'icons/icon-512.png']));
    expect(expected.some((f) => /^assets\/pipeline\.worker-[\w-]+\.js$/.test(f)), 'the pipeline worker (shaders inside)').toBe(true);
    const itk = expected.filter((f) => f.startsWith('itk/'));
    expect(itk).toEqual(expect.arrayContaining(['itk/image-io/nifti-read-image.js', 'itk/image-io/nifti-read-image.wasm.zst', 'itk/image-io/nrrd-read-image.wasm.zst']));
    const caches = await cachedFiles();
    const names = Object.keys(caches);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^workbox-precache-v2-/);
    expect(caches[names[0]]).toEqual(expected);
    // Larger than Workbox's default 2 MiB per file: the raised limit lets them in (the DICOM pipelines, when built).
    const big = itk.filter((f) => statSync(path.join(OUT_DIR, f)).size > 2 * 1024 * 1024);
    for (const f of big) expect(caches[names[0]]).toContain(f);

    await app.page.locator('#offline-ready').waitFor({ timeout: 10_000 });
    await app.page.reload();
    expect(await app.page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
  });

  it('has a web app manifest with its icons', async () => {
    const manifest = await app.page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
      const m = await (await fetch(href)).json();
      const icons = [];
      for (const icon of m.icons) {
        const r = await fetch(new URL(icon.src, href));
        const bytes = new Uint8Array(await r.arrayBuffer());
        icons.push({ src: icon.src, ok: r.ok, type: r.headers.get('content-type'), png: bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47 });
      }
      return { name: m.name, display: m.display, start: m.start_url, scope: m.scope, icons };
    });
    expect(manifest).toMatchObject({ name: 'WebRadiomics', display: 'standalone', start: './', scope: './' });
    expect(manifest.icons.every((i) => i.ok)).toBe(true);
    expect(manifest.icons.filter((i) => i.png).map((i) => i.src)).toEqual(expect.arrayContaining(['icons/icon-192.png', 'icons/icon-512.png']));
  });

  it('a new version waits: it never reloads a running analysis and is applied only when the user accepts', async () => {
    await app.page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    // A new build of the service worker (any byte change is a new version).
    appendFileSync(path.join(OUT_DIR, 'sw.js'), `\n// build ${Date.now()}\n`);
    // An analysis runs while the browser finds the new version.
    await app.page.locator('#demo').click();
    await app.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await app.page.locator('#result wr-feature-table tbody tr').first().waitFor({ timeout: 120_000 });
    await app.page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state === 'installed', null, { timeout: 60_000 });
    // The page was not reloaded, the old version still serves it, and the result is there.
    expect(await app.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await expectIbsiDemoValues();
    // Idle now: the offer is shown; accepting it switches and reloads.
    await app.page.locator('#update-app').waitFor({ timeout: 10_000 });
    await Promise.all([app.page.waitForEvent('load', { timeout: 60_000 }), app.page.locator('#update-app').click()]);
    await app.page.locator('wr-app').waitFor();
    expect(await app.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
    const after = await app.page.evaluate(async () => {
      const r = (await navigator.serviceWorker.getRegistration())!;
      return { waiting: r.waiting, active: r.active?.state, controlled: navigator.serviceWorker.controller !== null };
    });
    expect(after).toEqual({ waiting: null, active: 'activated', controlled: true });
    expect(await app.page.locator('#update-app').count()).toBe(0);
  });

  describe('with the server gone and the browser offline', () => {
    const responses: { url: string; fromServiceWorker: boolean; status: number }[] = [];
    const failed: string[] = [];
    let firstRequest = 0;

    beforeAll(async () => {
      await app.stopServer();
      await app.context.setOffline(true);
      app.context.off('request', markOnline);
      firstRequest = app.requests.length;
      app.context.on('response', (r: Response) => responses.push({ url: r.url(), fromServiceWorker: r.fromServiceWorker(), status: r.status() }));
      app.context.on('requestfailed', (r) => {
        // a request of the previous document (e.g. its worker's script) cancelled by the reload is no network access
        if (online.has(r) && r.failure()?.errorText === 'net::ERR_ABORTED') return;
        failed.push(`${r.url()} ${r.failure()?.errorText}`);
      });
      await app.page.reload();
      await app.page.locator('wr-app').waitFor();
    });

    it('reloads and runs the demo extraction on the GPU from the cache alone', async () => {
      await runDemo();
      expect(await app.page.locator('#backend-used').getAttribute('data-kind')).toBe('gpu');
      await expectIbsiDemoValues();
    });

    it('names the problem of bad inputs, and stays usable', async () => {
      const cases = badInputCases();
      const pick = async (id: string) => {
        const c = cases.find((x) => x.id === id)!;
        await app.page.locator('#image').setInputFiles({ name: c.image.name, mimeType: 'application/octet-stream', buffer: Buffer.from(c.image.bytes) });
        await app.page.locator('#mask').setInputFiles({ name: c.mask.name, mimeType: 'application/octet-stream', buffer: Buffer.from(c.mask.bytes) });
        await app.page.locator('#run').click();
        return c;
      };
      for (const id of ['zero-byte image', 'truncated gzip', 'truncated NIfTI voxel data', 'NRRD with an unknown type', 'mask from another study (other origin)', 'one-voxel mask', 'absurd grey levels']) {
        const c = await pick(id);
        await app.page.locator('#error').waitFor({ timeout: 60_000 });
        expect(await app.page.locator('#error').textContent(), id).toMatch(c.error!);
        expect(await app.page.locator('#run').isEnabled()).toBe(true);
      }
      const nan = await pick('NaN voxels in the ROI');
      await app.page.locator('#result').waitFor({ timeout: 60_000 });
      expect(await app.page.locator('#result').textContent()).toMatch(nan.warning!);
      expect(await app.page.locator('#error').count()).toBe(0);
      await runDemo();
      await expectIbsiDemoValues();
    });

    it('runs the research workflow on the synthetic cohort offline (cohort, models, validation, survival)', async () => {
      const research = (selector: string) => app.page.locator(`wr-research-page ${selector}`);
      await app.page.locator('nav a[href="#/research"]').click();
      await research('wr-cohort-input #demo').click();
      await research('#cohort-overview').waitFor({ timeout: 60_000 });
      await research('#run').click();
      await research('wr-research-results #results').waitFor({ timeout: 150_000 });
      for (const set of ['training', 'validation']) {
        for (const m of ['clinical', 'radiomic', 'combined']) {
          const auc = Number(await research(`[data-key="auc/${set}/${m}"]`).getAttribute('data-value'));
          expect(auc, `${set} ${m}`).toBeGreaterThan(m === 'combined' ? 0.5 : 0);
          expect(auc, `${set} ${m}`).toBeLessThanOrEqual(1);
        }
      }
      await app.page.locator('nav a[href="#/extract"]').click();
      await app.page.locator('#demo').waitFor();
    });

    it('runs the clinic workflow on the demo patient offline (model, three sequences, ROI, clinical values, result)', async () => {
      // a same-document hash change, as the start page's link does (page.goto would reload the app)
      await app.page.evaluate(() => (location.hash = '#/clinic/demo'));
      const result = (selector: string) => app.page.locator(`wr-clinic-result ${selector}`);
      await result('#probability').waitFor({ timeout: 150_000 });
      const p = Number(await result('#probability').getAttribute('data-value'));
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
      expect(['high', 'low']).toContain(await result('#risk-group').getAttribute('data-value'));
      expect(await result('#km-os').count()).toBe(1);
      await app.page.evaluate(() => (location.hash = '#/extract'));
      await app.page.locator('#demo').waitFor();
    });

    it('network audit: nothing left the origin, nothing reached the network, all came from the service worker', () => {
      const offline = app.requests.slice(firstRequest);
      expect(offline.some((u) => u.includes('/itk/image-io/nifti-read-image.wasm.zst'))).toBe(true);
      expect(offline.some((u) => u.includes('/demo/ibsi-phantom-image.nii.gz'))).toBe(true);
      expect(foreignRequests({ ...app, requests: offline })).toEqual([]);
      expect(failed).toEqual([]);
      const fromOrigin = responses.filter((r) => r.url.startsWith(app.origin + '/'));
      expect(fromOrigin.length).toBeGreaterThan(5);
      expect(fromOrigin.filter((r) => !r.fromServiceWorker || r.status !== 200)).toEqual([]);
    });

    it('the app itself (page, workers, itk-wasm, WebGPU, service worker) ran without a single CSP violation', () => {
      expect(cspMessages).toEqual([]);
    });

    it('the Content-Security-Policy is active: injected inline script and handlers do not run, nothing connects out', async () => {
      expect(await app.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(CONTENT_SECURITY_POLICY);
      const r = await app.page.evaluate(async () => {
        const w = window as unknown as Record<string, unknown>;
        const violations: string[] = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
        const script = document.createElement('script');
        script.textContent = 'window.injected = true;';
        document.head.append(script);
        const img = document.createElement('img');
        img.setAttribute('onerror', 'window.handler = true');
        img.src = 'data:image/png;base64,AAAA';
        document.body.append(img);
        let fetchBlocked = false;
        try {
          await fetch('https://example.org/upload', { method: 'POST', body: 'data' });
        } catch {
          fetchBlocked = true;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
        return { injected: w.injected, handler: w.handler, fetchBlocked, violations };
      });
      expect(r.injected).toBeUndefined();
      expect(r.handler).toBeUndefined();
      expect(r.fetchBlocked).toBe(true);
      expect(r.violations).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr', 'connect-src']));
      // eval cannot be probed from here (DevTools evaluation is exempt from CSP): the policy simply never allows it.
      expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|'unsafe-inline'|\*/);
    });

    it('the workers get the policy too: the cached worker script carries it as a header', async () => {
      const header = await app.page.evaluate(async () => {
        const url = performance.getEntriesByType('resource').map((e) => e.name).find((n) => /pipeline\.worker-[\w-]+\.js$/.test(n))!;
        return (await fetch(url)).headers.get('content-security-policy');
      });
      expect(header).toContain(CONTENT_SECURITY_POLICY);
      expect(header).toContain("frame-ancestors 'none'");
    });

    it('persists nothing by default: no storage besides the app files in the precache', async () => {
      const stores = await app.page.evaluate(async () => {
        const opfs: string[] = [];
        const root = (await navigator.storage.getDirectory()) as unknown as { keys(): AsyncIterable<string> };
        for await (const name of root.keys()) opfs.push(name);
        return {
          local: localStorage.length,
          session: sessionStorage.length,
          idb: (await indexedDB.databases()).map((d) => d.name),
          opfs,
          persisted: await navigator.storage.persisted(),
        };
      });
      expect(stores).toEqual({ local: 0, session: 0, idb: [], opfs: [], persisted: false });
      const caches = await cachedFiles();
      expect(Object.keys(caches)).toHaveLength(1);
      expect(Object.values(caches)[0]).toEqual(appFiles());
    });

    it('lists what is stored and erases it all with one click, the offline copy included', async () => {
      await app.page.locator('#privacy-details').click();
      await app.page.locator('#local-data li').first().waitFor({ timeout: 30_000 });
      const items = await app.page.locator('#local-data li').evaluateAll((lis) => lis.map((li) => ({ kind: li.getAttribute('data-kind'), app: li.getAttribute('data-app-files'), text: li.textContent })));
      expect(items.find((i) => i.kind === 'service-worker')?.app).toBe('true');
      const cache = items.find((i) => i.kind === 'cache')!;
      expect(cache.app).toBe('true');
      expect(cache.text).toMatch(new RegExp(`${appFiles().length} files, [\\d.]+ MB: the app itself, for offline use`));

      await app.page.locator('#erase-local-data').click();
      await app.page.locator('#erase-result').waitFor({ timeout: 30_000 });
      expect(await app.page.locator('#erase-result').textContent()).toMatch(/^Erased: nothing of this app is stored/);
      await app.page.locator('#local-data-empty').waitFor({ timeout: 10_000 });
      const left = await app.page.evaluate(async () => ({
        caches: await caches.keys(),
        registrations: (await navigator.serviceWorker.getRegistrations()).length,
        local: localStorage.length,
      }));
      expect(left).toEqual({ caches: [], registrations: 0, local: 0 });
      // Offline, with the copy erased, the app no longer loads: it was the only copy on this device.
      const reloaded = await app.page.reload().then(
        () => true,
        () => false,
      );
      if (reloaded) expect(await app.page.locator('wr-app').count()).toBe(0);
    });
  });
});
