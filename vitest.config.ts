import { defineConfig } from 'vitest/config';

// Three Node-side test projects: pure core stages, real WGSL through Dawn (npm `webgpu`), and the built app
// driven end to end by Playwright. Browser-side GPU and UI tests run under @web/test-runner.
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'core', include: ['test/core/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
      },
      {
        test: {
          name: 'gpu-node',
          include: ['test/gpu/**/*.node.test.ts'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 120_000,
        },
      },
      {
        test: { name: 'cli', include: ['test/cli/**/*.test.ts'], environment: 'node', testTimeout: 120_000 },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
