#!/usr/bin/env node
// The `webradiomics` command: runs the TypeScript CLI directly (tsx), with `?raw` shader imports as in Vite.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
register('./raw-loader.js', import.meta.url);
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
