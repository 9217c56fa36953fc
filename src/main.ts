/** Page entry: the app element, its pipeline worker, and the offline app's service worker. */
import { PipelineClient } from './pipeline/client.js';
import { Activity, trackCalls } from './pwa/activity.js';
import { AppUpdates } from './pwa/app-updates.js';
import './ui/wr-app.js';

const app = document.querySelector('wr-app');
if (app) {
  // Every call into the pipeline worker counts as a running analysis: updates wait for it to end.
  const activity = new Activity();
  app.client = trackCalls(new PipelineClient(), activity, ['research']);
  const updates = new AppUpdates({ activity, container: 'serviceWorker' in navigator ? navigator.serviceWorker : undefined });
  updates.listenForInstallPrompt(window);
  app.updates = updates;
  // The service worker exists only in the build (vite-plugin-pwa), not in the dev server; registered after load so it
  // never slows the start. MODE, not PROD: a build started under NODE_ENV=test (the e2e tests) has PROD false.
  if (import.meta.env.MODE !== 'development') {
    const register = () => void updates.register(new URL('sw.js', document.baseURI).href, './');
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register, { once: true });
  }
}
