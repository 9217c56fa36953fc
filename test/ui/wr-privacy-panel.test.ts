import { expect } from 'chai';
import '../../src/ui/wr-privacy-panel.js';
import { inventory } from '../../src/pwa/local-data.js';

const $ = (el: HTMLElement, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

async function until(el: HTMLElement & { updateComplete: Promise<boolean> }, selector: string) {
  for (let i = 0; i < 200 && !$(el, selector); i++) {
    await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
  }
  return $(el, selector);
}

function openDb(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('s');
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

/** Puts something in every kind of storage the panel lists, as a page could have. */
async function seed() {
  localStorage.setItem('wr-test-key', 'value');
  sessionStorage.setItem('wr-test-session', 'value');
  await openDb('wr-test-db');
  const root = await navigator.storage.getDirectory();
  const file = await root.getFileHandle('wr-test.txt', { create: true });
  const writable = await file.createWritable();
  await writable.write('private bytes');
  await writable.close();
  const cache = await caches.open('wr-test-cache');
  await cache.put(new Request('/wr-test-entry'), new Response('cached'));
}

describe('<wr-privacy-panel>', () => {
  it('lists what is stored in each place and erases all of it with one click', async () => {
    await seed();
    const el = document.createElement('wr-privacy-panel');
    document.body.append(el);
    await el.updateComplete;
    $(el, '#privacy-details')!.click();
    await until(el, '#local-data');
    expect(($(el, '#privacy-panel') as HTMLDialogElement).open).to.equal(true);

    const items = [...el.shadowRoot!.querySelectorAll('#local-data li')].map((li) => `${li.getAttribute('data-kind')} ${li.textContent}`);
    expect(items.some((t) => t.startsWith('local-storage wr-test-key'))).to.equal(true);
    expect(items.some((t) => t.startsWith('session-storage wr-test-session'))).to.equal(true);
    expect(items.some((t) => t.startsWith('indexeddb wr-test-db'))).to.equal(true);
    expect(items.some((t) => t.startsWith('opfs wr-test.txt') && /13 B/.test(t))).to.equal(true);
    expect(items.some((t) => t.startsWith('cache wr-test-cache') && /1 files.*not made by this app/.test(t))).to.equal(true);

    $(el, '#erase-local-data')!.click();
    const result = await until(el, '#erase-result');
    expect(result!.textContent).to.match(/^Erased: nothing of this app is stored/);
    await until(el, '#local-data-empty');
    expect((await inventory()).items).to.deep.equal([]);
    expect(localStorage.length).to.equal(0);
    expect(await caches.keys()).to.deep.equal([]);
    expect((await indexedDB.databases()).map((d) => d.name)).to.not.include('wr-test-db');
    el.remove();
  });

  it('says so when nothing is stored', async () => {
    const el = document.createElement('wr-privacy-panel');
    el.store = { inventory: async () => ({ items: [], usageBytes: 0, persisted: false }), eraseAll: async () => [] };
    document.body.append(el);
    await el.updateComplete;
    await el.open();
    await el.updateComplete;
    expect($(el, '#local-data-empty')!.textContent).to.equal('Nothing is stored.');
    expect($(el, '#storage-usage')!.textContent).to.match(/0 B .*may clear it/s);
    el.remove();
  });
});
