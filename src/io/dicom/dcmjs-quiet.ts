/**
 * dcmjs without its one side effect. dcmjs bundles loglevel and calls `log.setLevel("warn")` when it is first
 * imported; loglevel persists that level in localStorage under the key "loglevel" wherever a window has storage (the
 * page, not the workers). This app persists nothing unless the user asks (privacy: docs/conventions.md, the privacy
 * panel), so the key dcmjs wrote is removed again at once. Every import of dcmjs in src/ goes through this module.
 */
import dcmjs from 'dcmjs';

const KEY = 'loglevel';

try {
  const storage = (globalThis as { localStorage?: Storage }).localStorage;
  if (storage?.getItem(KEY) === 'WARN') storage.removeItem(KEY);
} catch {
  // storage blocked (privacy mode, sandboxed frame): dcmjs could not persist anything either
}

export default dcmjs;
