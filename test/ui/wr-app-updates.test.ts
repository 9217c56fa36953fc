import { expect } from 'chai';
import '../../src/ui/wr-app-updates.js';
import { Activity, trackCalls } from '../../src/pwa/activity.js';
import { AppUpdates, type BeforeInstallPromptEvent } from '../../src/pwa/app-updates.js';

async function mount(updates: AppUpdates) {
  const el = document.createElement('wr-app-updates');
  el.updates = updates;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const $ = (el: HTMLElement, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

/** Lit renders after a microtask; an event-driven change needs one more turn. */
async function rendered(el: HTMLElement & { updateComplete: Promise<boolean> }) {
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
}

/** A stand-in for Chromium's beforeinstallprompt event. */
function installPromptEvent(outcome: 'accepted' | 'dismissed') {
  const calls: string[] = [];
  const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
    prompt: async () => void calls.push('prompt'),
    userChoice: Promise.resolve({ outcome }),
  }) as BeforeInstallPromptEvent;
  return { event, calls };
}

/** A stand-in for navigator.serviceWorker and its registration, enough for AppUpdates.register(). */
function fakeContainer(controlled: boolean) {
  const registration = Object.assign(new EventTarget(), { active: {}, waiting: null, installing: null, update: async () => undefined });
  const container = Object.assign(new EventTarget(), {
    controller: controlled ? {} : null,
    register: async () => registration,
  });
  return { container: container as unknown as ServiceWorkerContainer, registration };
}

describe('<wr-app-updates>', () => {
  it('turns the browser install prompt into an "Install app" button that shows the prompt once', async () => {
    const updates = new AppUpdates({ activity: new Activity() });
    const target = new EventTarget();
    updates.listenForInstallPrompt(target);
    const el = await mount(updates);
    expect($(el, '#install-app')).to.equal(null);

    const { event, calls } = installPromptEvent('accepted');
    target.dispatchEvent(event);
    expect(event.defaultPrevented, 'the mini-infobar is suppressed').to.equal(true);
    await rendered(el);
    $(el, '#install-app')!.click();
    await rendered(el);
    expect(calls).to.deep.equal(['prompt']);
    expect($(el, '#install-app')).to.equal(null);
    el.remove();
  });

  it('offers a waiting version only while idle, and sends SKIP_WAITING only when accepted', async () => {
    const activity = new Activity();
    const updates = new AppUpdates({ activity });
    const el = await mount(updates);
    const messages: unknown[] = [];

    // An analysis is running when the new version arrives: nothing is offered, nothing is applied.
    const end = activity.begin();
    updates.setWaiting({ postMessage: (m) => messages.push(m) });
    await rendered(el);
    expect(updates.updateReady).to.equal(true);
    expect($(el, '#update-app')).to.equal(null);
    expect(updates.applyUpdate(), 'refused while busy').to.equal(false);
    expect(messages).to.deep.equal([]);

    // The analysis ends: the offer appears; the new version waits until the user clicks.
    end();
    await rendered(el);
    expect($(el, '#update-status')!.textContent).to.match(/new version/);
    expect(messages).to.deep.equal([]);
    $(el, '#update-app')!.click();
    expect(messages).to.deep.equal([{ type: 'SKIP_WAITING' }]);

    // Another analysis starts: the offer is withdrawn.
    const again = activity.begin();
    await rendered(el);
    expect($(el, '#update-app')).to.equal(null);
    again();
    el.remove();
  });

  it('reloads when the accepted version takes control, and never for an update it did not accept', async () => {
    let reloads = 0;
    const { container } = fakeContainer(true);
    const updates = new AppUpdates({ activity: new Activity(), container, reload: () => reloads++ });
    await updates.register('sw.js', './');
    expect(updates.offlineReady).to.equal(true);

    // Another tab applied an update: no reload here, but a reload is offered.
    container.dispatchEvent(new Event('controllerchange'));
    expect(reloads).to.equal(0);
    expect(updates.updateReady).to.equal(true);

    updates.setWaiting({ postMessage: () => undefined });
    expect(updates.applyUpdate()).to.equal(true);
    container.dispatchEvent(new Event('controllerchange'));
    expect(reloads).to.equal(1);
  });

  it('a first installation (no controller yet) is not an update', async () => {
    const { container, registration } = fakeContainer(false);
    const updates = new AppUpdates({ activity: new Activity(), container, reload: () => undefined });
    await updates.register('sw.js', './');
    const installing = Object.assign(new EventTarget(), { state: 'installing' });
    Object.assign(registration, { installing });
    registration.dispatchEvent(new Event('updatefound'));
    installing.state = 'installed';
    installing.dispatchEvent(new Event('statechange'));
    expect(updates.updateReady).to.equal(false);
  });
});

describe('trackCalls', () => {
  it('counts each pending call of the wrapped client as activity, failures included', async () => {
    const activity = new Activity();
    let release!: () => void;
    const client = {
      work: () => new Promise<number>((resolve) => (release = () => resolve(42))),
      fail: async () => {
        throw new Error('bad input');
      },
      name: 'client',
    };
    const tracked = trackCalls(client, activity);
    expect(tracked.name).to.equal('client');
    const pending = tracked.work();
    expect(activity.busy).to.equal(true);
    release();
    expect(await pending).to.equal(42);
    expect(activity.busy).to.equal(false);

    let caught = '';
    await tracked.fail().catch((e: Error) => (caught = e.message));
    expect(caught).to.equal('bad input');
    expect(activity.busy).to.equal(false);
  });

  it('covers the named sub-client too, keeping its identity', async () => {
    const activity = new Activity();
    let release!: () => void;
    const client = { research: { run: () => new Promise<void>((resolve) => (release = resolve)) }, other: { run: async () => undefined } };
    const tracked = trackCalls(client, activity, ['research']);
    expect(tracked.research).to.equal(tracked.research);
    const pending = tracked.research.run();
    expect(activity.busy).to.equal(true);
    release();
    await pending;
    expect(activity.busy).to.equal(false);
    void tracked.other.run();
    expect(activity.busy, 'sub-objects not named are left alone').to.equal(false);
  });
});
