/**
 * The built app under Playwright in Debian's Chromium (Playwright gives each launch a fresh profile): build once, serve with `vite preview` on localhost,
 * record every request of the page and its workers, and fail on any that leaves the origin.
 */
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((p) => existsSync(p));

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
  // Any request to another host fails loudly instead of leaving the machine.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

export interface AppSession {
  server: PreviewServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  origin: string;
  requests: string[];
  /** the build folder served */
  outDir: string;
  /** Stops the web server (the app must then run from its service worker's cache); idempotent. */
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  /** build folder; tests that change the build (pwa.test.ts) use their own, so that others keep `dist` */
  outDir?: string;
}

export async function openApp(options: OpenAppOptions = {}): Promise<AppSession> {
  if (!CHROMIUM) throw new Error('Debian chromium is not installed (apt-get install -y chromium)');
  const outDir = options.outDir ?? 'dist';
  await build({ logLevel: 'warn', build: { outDir } });
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const origin = new URL(server.resolvedUrls!.local[0]).origin;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext();
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') console.error('[page]', m.text());
  });
  await page.goto(origin + '/');
  let stopped: Promise<void> | undefined;
  const stopServer = () => {
    stopped ??= new Promise<void>((resolve) => {
      server.httpServer.close(() => resolve());
      // Kept-alive connections would keep serving the page: drop them too.
      (server.httpServer as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
    return stopped;
  };
  return {
    server,
    browser,
    context,
    page,
    origin,
    requests,
    outDir,
    stopServer,
    async close() {
      await browser.close();
      await stopServer();
    },
  };
}

/** Requests that went anywhere but the app's own origin (data: and blob: URLs stay on the device). */
export function foreignRequests(session: AppSession): string[] {
  return session.requests.filter((u) => !u.startsWith(session.origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
}
