/**
 * The app's Content-Security-Policy. Shipped in the built index.html as <meta http-equiv> (vite.config.ts) and, where
 * the app is served by `vite preview`, also as an HTTP header: a <meta> policy binds the page only, while workers
 * (the pipeline worker runs itk-wasm) take their policy from the response that delivered their script.
 *
 * - script-src 'self' 'wasm-unsafe-eval': no inline script, no eval; wasm compilation is allowed (itk-wasm, zstd).
 * - style-src 'self': lit styles are constructable stylesheets (adoptedStyleSheets), which CSP does not govern, so
 *   'unsafe-inline' is not needed; built CSS files come from the app itself.
 * - connect-src 'self' data:: fetch/XHR only to the app's own origin (pipelines, demo files), so nothing can be
 *   uploaded; data: because itk-wasm's zstd decoder fetches its own wasm from a data: URL (which never leaves the
 *   device; without it every itk-wasm read fails in the worker).
 * - worker-src 'self': the pipeline worker and the service worker are files of the app; no blob: workers.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' data:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Directives that a <meta> policy ignores (with a console warning) but a response header honours. */
export const HEADER_ONLY_DIRECTIVES = "frame-ancestors 'none'";
