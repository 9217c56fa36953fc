#!/usr/bin/env node
// `npm run bench`: runs src/bench/main.ts with tsx and `?raw` shader imports, like bin/webradiomics.js.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
register('./raw-loader.js', import.meta.url);
const { main } = await import('../src/bench/main.ts');
process.exitCode = await main(process.argv.slice(2));
