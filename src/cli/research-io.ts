/**
 * File and option plumbing shared by the research commands (train, evaluate, survival, synthetic-cohort): read a
 * user's file naming it when it cannot be read, print cohort issues (errors and warnings, each naming file, row
 * and column) to standard error, parse numeric and enumerated options into UsageErrors, write outputs.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CohortIssue } from '../core/model/cohort-table.js';
import type { TableSource } from '../core/research/tables.js';
import { UsageError } from './usage.js';

/** Bad input files: printed as is, exit code 2 (main.ts treats the name InputError as known). */
export class ResearchInputError extends Error {
  override name = 'InputError';
}

export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export async function readSource(file: string): Promise<TableSource> {
  try {
    return { name: path.basename(file), text: await readFile(file, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ResearchInputError(`${file}: ${code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : (e as Error).message}`);
  }
}

/** Prints warnings; with errors, prints them and throws (exit code 2). */
export function reportIssues(issues: readonly CohortIssue[], what = 'the input files'): void {
  for (const i of issues) if (i.severity === 'warning') process.stderr.write(`warning: ${i.message}\n`);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length === 0) return;
  for (const i of errors) process.stderr.write(`error: ${i.message}\n`);
  throw new ResearchInputError(`${errors.length} problem${errors.length > 1 ? 's' : ''} in ${what}; nothing was computed`);
}

export function numberOption(name: string, value: string | undefined, fallback: number, check: { integer?: boolean; min?: number; max?: number } = {}): number {
  if (value === undefined) return fallback;
  const v = Number(value);
  const ok = value.trim() !== '' && Number.isFinite(v) && (!check.integer || Number.isInteger(v)) && (check.min === undefined || v >= check.min) && (check.max === undefined || v <= check.max);
  if (!ok) {
    const range = check.min !== undefined || check.max !== undefined ? ` in [${check.min ?? '-inf'}, ${check.max ?? 'inf'}]` : '';
    throw new UsageError(`--${name} must be ${check.integer ? 'an integer' : 'a number'}${range}, not '${value}'`);
  }
  return v;
}

export function choiceOption<const T extends string>(name: string, value: string | undefined, choices: Record<string, T>, fallback: T): T {
  if (value === undefined) return fallback;
  const v = choices[value];
  if (v === undefined) throw new UsageError(`--${name} must be one of ${Object.keys(choices).join(', ')}, not '${value}'`);
  return v;
}

export async function writeOutput(file: string, text: string, extensions: string[]): Promise<string> {
  const ext = path.extname(file).toLowerCase();
  if (!extensions.includes(ext)) throw new UsageError(`${file}: the file name must end in ${extensions.join(' or ')}`);
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, text);
  return path.resolve(file);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
}
