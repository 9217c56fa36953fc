// Browser-side tests in Debian's Chromium with WebGPU (SwiftShader where there is no GPU):
// test/gpu/*.browser.test.ts run the real WGSL kernels, test/ui/*.test.ts the lit components.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

const root = path.dirname(fileURLToPath(import.meta.url));
const shared = process.env.WEBRADIOMICS_SHARED ?? path.resolve(root, '../shared');
const chromium = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((p) => existsSync(p));

/** `import text from './x.wgsl?raw'`, as in Vite. */
const rawImports = {
  name: 'raw-imports',
  async serve(context) {
    if (context.URL.searchParams.has('raw')) {
      const file = path.join(root, decodeURIComponent(context.path));
      return { body: `export default ${JSON.stringify(await readFile(file, 'utf8'))};`, type: 'js' };
    }
  },
};

/** itk-wasm's Emscripten loaders import Node modules behind a runtime check: leave their imports alone. */
const itkPipelines = {
  name: 'itk-pipelines',
  resolveImport({ source, context }) {
    if (context.path.includes('/dist/pipelines/')) return source;
  },
};

/** Read-only access to ../shared (reference data) under /__shared/. */
const sharedFiles = {
  name: 'shared-files',
  async serve(context) {
    if (context.path.startsWith('/__shared/')) {
      const file = path.join(shared, decodeURIComponent(context.path.slice('/__shared/'.length)));
      if (!file.startsWith(shared)) return;
      const body = await readFile(file);
      return { body, type: file.endsWith('.csv') ? 'text/csv' : 'application/octet-stream' };
    }
  },
};

export default {
  rootDir: root,
  files: ['test/gpu/**/*.browser.test.ts', 'test/ui/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'], browser: true },
  concurrency: 1,
  browserStartTimeout: 120_000,
  testsStartTimeout: 120_000,
  testsFinishTimeout: 600_000,
  testFramework: { config: { timeout: 120_000 } },
  plugins: [itkPipelines, rawImports, sharedFiles, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: path.join(root, 'tsconfig.json') })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: chromium,
        args: [
          '--no-sandbox',
          '--disable-gpu-sandbox',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
          '--enable-unsafe-webgpu',
        ],
      },
    }),
  ],
};
