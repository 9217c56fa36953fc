/**
 * Real research results for the component tests, computed in the test page by the same core code the worker runs
 * (tests may import src/core; components may not). Computed once per test file.
 */
import { runResearch, type ResearchOutput } from '../../src/core/research/run.js';

let cached: ResearchOutput | undefined;

export function syntheticOutput(): ResearchOutput {
  if (!cached) {
    const r = runResearch({ source: { kind: 'synthetic' }, options: {} }, { toolVersion: 'test', createdAt: '2026-01-01T00:00:00.000Z' });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    cached = r.output;
  }
  return cached;
}

/** Captures files the component saves (an <a download> click on a blob: URL) instead of downloading them. */
export async function captureDownloads<T>(action: () => Promise<T> | T): Promise<{ name: string; blob: Blob }[]> {
  const saved: Promise<{ name: string; blob: Blob }>[] = [];
  const original = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (this.download && this.href.startsWith('blob:')) saved.push(fetch(this.href).then(async (r) => ({ name: this.download, blob: await r.blob() })));
    else original.call(this);
  };
  try {
    await action();
  } finally {
    HTMLAnchorElement.prototype.click = original;
  }
  return Promise.all(saved);
}

export async function settle(el: HTMLElement & { updateComplete: Promise<boolean> }, ready: () => boolean, tries = 200): Promise<void> {
  for (let i = 0; i < tries && !ready(); i++) {
    await new Promise((r) => setTimeout(r, 25));
    await el.updateComplete;
  }
}
