import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { TOOL_VERSION } from '../../src/version.js';

it('writes the package version into outputs', () => {
  expect(TOOL_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
});
