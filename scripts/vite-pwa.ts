/**
 * Build-time pieces of the offline app, used by vite.config.ts:
 * - appPwa(): web app manifest + a Workbox service worker (vite-plugin-pwa, generateSW) that precaches every file of
 *   the build: the page, its chunks, the pipeline worker (shaders are bundled in it), the itk-wasm pipelines under
 *   itk/ and the demo case. Nothing is cached at run time, so a user's images and results never enter a cache.
 * - contentSecurityPolicy(): the CSP as the first element of the built index.html's <head>.
 * The service worker is registered by src/pwa/app-updates.ts, which owns the update flow (no skipWaiting here: a new
 * version waits until the user accepts it, see there).
 */
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { CONTENT_SECURITY_POLICY, HEADER_ONLY_DIRECTIVES } from '../src/pwa/csp.js';

/** Largest file the precache accepts. itk-wasm's read-segmentation.wasm.zst is 3.5 MB, Workbox's default 2 MiB. */
export const PRECACHE_MAX_FILE_BYTES = 32 * 1024 * 1024;

/** What the service worker precaches, relative to the build folder (source maps stay out). */
export const PRECACHE_GLOBS = ['**/*.{html,js,css,svg,png,ico,json,wasm,zst,gz,nii,nrrd,md}'];
export const PRECACHE_IGNORES = ['**/*.map'];

export const THEME_COLOR = '#355070';

export function appPwa() {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    // The icons are in public/icons and matched by PRECACHE_GLOBS; vite-plugin-pwa adds the manifest itself.
    includeManifestIcons: false,
    manifest: {
      name: 'WebRadiomics',
      short_name: 'WebRadiomics',
      description: 'On-device radiomics: medical images to IBSI features, without any data leaving this computer.',
      id: './',
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: THEME_COLOR,
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      ],
    },
    workbox: {
      globPatterns: PRECACHE_GLOBS,
      globIgnores: PRECACHE_IGNORES,
      maximumFileSizeToCacheInBytes: PRECACHE_MAX_FILE_BYTES,
      // Hash routes (#/extract) all load index.html; any other navigation inside the scope gets it too, offline.
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
      // The new version waits: src/pwa/app-updates.ts sends SKIP_WAITING only when the user accepts it.
      skipWaiting: false,
      clientsClaim: false,
      runtimeCaching: [],
      // Workbox's quiet production build even when the build runs under NODE_ENV=test (the e2e tests).
      mode: 'production',
    },
  });
}

/** Puts the CSP <meta> first in <head> of the built page (not in the dev server, whose HMR injects <style>). */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'webradiomics-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
      ],
    },
  };
}

/** Response headers of `vite preview`: the same policy binds the workers, and the page cannot be framed. */
export const previewSecurityHeaders: Record<string, string> = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; ${HEADER_ONLY_DIRECTIVES}`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
