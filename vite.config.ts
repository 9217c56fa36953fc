import { defineConfig } from 'vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';
import { fileURLToPath } from 'node:url';

const imageIoPipelines = fileURLToPath(new URL('./node_modules/@itk-wasm/image-io/dist/pipelines', import.meta.url));

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
  ],
});
