/**
 * Relative-tolerance assertions for the statistics fixtures (refdata/README.md "stats/": closed forms 1e-10, model
 * coefficients 1e-7, SEs and p-values 1e-6). Each check records its relative error under a group name so a test file
 * can print the largest error per group.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parseCsvRecords } from '../../src/core/csv.js';
import { sharedPath } from './refdata.js';

export const TOL = { closedForm: 1e-10, coef: 1e-7, seP: 1e-6 } as const;

/** |a - e| / |e|; 0 when both are equal (including both infinite); |a| when e == 0. */
export function relErr(actual: number, expected: number): number {
  if (actual === expected) return 0;
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}

const worst = new Map<string, { err: number; label: string; count: number }>();

/**
 * Asserts |actual - expected| <= rtol |expected|. `expected` null (R's NA) requires actual NaN/null/undefined.
 * Every call counts as one asserted fixture quantity in `group`.
 */
export function expectRel(
  group: string,
  actual: number | null | undefined,
  expected: number | null,
  rtol: number,
  label = '',
): void {
  const w = worst.get(group) ?? { err: 0, label: '', count: 0 };
  w.count++;
  worst.set(group, w);
  if (expected === null) {
    expect(actual == null || Number.isNaN(actual), `${label}: expected NA, got ${actual}`).toBe(true);
    return;
  }
  expect(typeof actual, `${label}: no value`).toBe('number');
  const err = relErr(actual as number, expected);
  if (err > w.err || Number.isNaN(err)) worst.set(group, { err, label, count: w.count });
  expect(err <= rtol, `${label}: got ${actual}, expected ${expected}, relative error ${err} > ${rtol}`).toBe(true);
}

/** Table of groups: asserted count and largest relative error (for the test log). */
export function errorReport(): string {
  return [...worst.entries()]
    .map(([g, w]) => `${g}: ${w.count} asserted, max rel err ${w.err.toExponential(2)}${w.label ? ` (${w.label})` : ''}`)
    .join('\n');
}

/** Reads a JSON fixture under refdata/stats. */
export function statsJson<T = any>(...parts: string[]): T {
  return JSON.parse(readFileSync(sharedPath('refdata/stats', ...parts), 'utf8')) as T;
}

/** Reads a CSV fixture under refdata/stats into records. */
export function statsCsv(...parts: string[]): Record<string, string>[] {
  return parseCsvRecords(readFileSync(sharedPath('refdata/stats', ...parts), 'utf8'));
}

/** R's printed numbers: NA -> null, Inf/-Inf -> infinities. */
export function rNum(s: string): number | null {
  if (s === 'NA' || s === '') return null;
  if (s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  const v = Number(s);
  if (Number.isNaN(v)) throw new Error(`not a number: ${s}`);
  return v;
}
