import { defineConfig } from 'vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';
import { fileURLToPath } from 'node:url';
import { appPwa, contentSecurityPolicy, previewSecurityHeaders } from './scripts/vite-pwa.js';

const imageIoPipelines = fileURLToPath(new URL('./node_modules/@itk-wasm/image-io/dist/pipelines', import.meta.url));
const dicomPipelines = fileURLToPath(new URL('./node_modules/@itk-wasm/dicom/dist/pipelines', import.meta.url));
// DICOM study import (pipeline worker, src/io/dicom): tags, series volumes, SEG masks, served under itk/dicom.
const dicomTargets = ['read-dicom-tags', 'read-image-dicom-file-series', 'read-segmentation'].flatMap((name) => [
  { src: `${dicomPipelines}/${name}.js`, dest: 'itk/dicom', rename: { stripBase: true as const } },
  { src: `${dicomPipelines}/${name}.wasm.zst`, dest: 'itk/dicom', rename: { stripBase: true as const } },
]);

// Only the itk-wasm pipelines the app uses are copied into the build, so that they are served by the app itself
// (never a CDN). Base './' keeps the build relocatable under any path.
export default defineConfig({
  base: './',
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['itk-wasm', '@itk-wasm/dicom', '@itk-wasm/image-io'] },
  plugins: [
    viteStaticCopy({
      targets: ['nifti-read-image', 'nrrd-read-image'].flatMap((name) => [
        { src: `${imageIoPipelines}/${name}.js`, dest: 'itk/image-io', rename: { stripBase: true } },
        { src: `${imageIoPipelines}/${name}.wasm.zst`, dest: 'itk/image-io', rename: { stripBase: true } },
      ]),
    }),
    viteStaticCopy({ targets: dicomTargets }),
    // Offline app (service worker precaching everything under dist/, itk/ included) and the CSP <meta>.
    appPwa(),
    contentSecurityPolicy(),
  ],
  // `vite preview` (npm start) also sends the CSP as a header, which is what binds the workers.
  preview: { headers: previewSecurityHeaders },
});
