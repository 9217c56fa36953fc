/** Reads the committed R fixtures of the modelling stage (test/fixtures/model, made by test/fixtures/r/*.R). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function modelFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/model/${name}`, import.meta.url)), 'utf8')) as T;
}

/** Columns (one array per variable) of a row-major matrix. */
export function columnsOf(rows: number[][]): number[][] {
  return rows[0].map((_, j) => rows.map((r) => r[j]));
}
