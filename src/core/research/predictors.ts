/**
 * Candidate clinical predictors of the clinical model: the default set inferred from the clinical table, and the
 * predictor spec file (JSON) that states them explicitly with encodings, units and allowed ranges:
 *   { "schema": "webradiomics-predictors", "syntheticData"?: boolean, "description"?: string,
 *     "predictors": [ { "variable": "AFP", "type": "numeric", "cut": 400, "unit": "ng/mL", "min": 0 }, ... ] }
 * (a bare array of predictors is accepted too). Field meanings are those of ClinicalPredictor (clinical-model.ts).
 * Problems are reported with the file and the field path: "predictors.json: predictors[2].levels: ...".
 */
import type { ClinicalPredictor } from '../model/clinical-model.js';
import type { ClinicalVariableSpec } from '../model/cohort-clinical.js';
import { IssueList, type CohortIssue } from '../model/cohort-table.js';

export const PREDICTOR_SPEC_SCHEMA = 'webradiomics-predictors';

/** What the clinical table holds in one variable column (for choosing and encoding predictors). */
export interface ClinicalColumnInfo {
  name: string;
  /** At least 80 % of the non-missing values are plain numbers (the others are then reported as errors). */
  numeric: boolean;
  /** Distinct non-missing values, sorted (numbers numerically); at most 50. */
  levels: string[];
  nDistinct: number;
  missing: number;
  min: number | null;
  max: number | null;
}

/** Most categories a variable may have to enter the default predictor set. */
export const MAX_DEFAULT_LEVELS = 8;

/**
 * Default candidates: every variable column; numeric as is, text columns as categorical with their sorted
 * categories (the first is the reference). Columns with one value, or text with more than MAX_DEFAULT_LEVELS
 * categories, are left out (with the reason, for the caller to show).
 */
export function defaultPredictors(columns: readonly ClinicalColumnInfo[]): { predictors: ClinicalPredictor[]; skipped: { variable: string; reason: string }[] } {
  const predictors: ClinicalPredictor[] = [];
  const skipped: { variable: string; reason: string }[] = [];
  for (const c of columns) {
    if (c.nDistinct < 2) skipped.push({ variable: c.name, reason: c.nDistinct === 0 ? 'no values' : 'only one value' });
    else if (c.numeric) predictors.push({ variable: c.name, type: 'numeric' });
    else if (c.nDistinct > MAX_DEFAULT_LEVELS) skipped.push({ variable: c.name, reason: `${c.nDistinct} categories (more than ${MAX_DEFAULT_LEVELS})` });
    else predictors.push({ variable: c.name, type: 'categorical', levels: [...c.levels] });
  }
  return { predictors, skipped };
}

/** Clinical-table column specs that read and check exactly the predictors' columns. */
export function predictorVariables(predictors: readonly ClinicalPredictor[]): ClinicalVariableSpec[] {
  return predictors.map((p) => ({
    name: p.variable,
    type: p.type,
    ...(p.label !== undefined ? { label: p.label } : {}),
    ...(p.unit !== undefined ? { unit: p.unit } : {}),
    ...(p.min !== undefined ? { min: p.min } : {}),
    ...(p.max !== undefined ? { max: p.max } : {}),
    ...(p.levels !== undefined ? { levels: [...p.levels] } : {}),
  }));
}

export interface PredictorSpec {
  predictors: ClinicalPredictor[];
  syntheticData: boolean;
  description: string | null;
  issues: CohortIssue[];
  ok: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks one predictor object; problems go to `bad(path, detail)`. */
export function checkPredictor(v: unknown, path: string, bad: (path: string, detail: string) => void): ClinicalPredictor | null {
  if (!isObj(v)) {
    bad(path, 'must be an object with "variable" and "type"');
    return null;
  }
  const before = { n: 0 };
  const fail = (p: string, d: string) => {
    before.n++;
    bad(`${path}.${p}`, d);
  };
  if (typeof v.variable !== 'string' || v.variable.trim() === '') fail('variable', 'must be a non-empty string (the clinical column name)');
  if (v.type !== 'numeric' && v.type !== 'categorical') fail('type', 'must be "numeric" or "categorical"');
  for (const k of ['label', 'unit'] as const) if (v[k] !== undefined && typeof v[k] !== 'string') fail(k, 'must be a string');
  for (const k of ['cut', 'min', 'max'] as const) if (v[k] !== undefined && (typeof v[k] !== 'number' || !Number.isFinite(v[k]))) fail(k, 'must be a finite number');
  if (v.transform !== undefined && !['none', 'log10', 'ln'].includes(v.transform as string)) fail('transform', 'must be "none", "log10" or "ln"');
  if (v.type === 'categorical') {
    const levels = v.levels;
    if (!Array.isArray(levels) || levels.length < 2 || !levels.every((l) => typeof l === 'string')) fail('levels', 'a categorical predictor needs "levels": two or more strings, the reference first');
    else if (new Set(levels).size !== levels.length) fail('levels', 'levels must be distinct');
    if (v.cut !== undefined || (v.transform !== undefined && v.transform !== 'none')) fail('type', 'a categorical predictor takes no cut or transform');
  } else if (v.levels !== undefined) fail('levels', 'only categorical predictors have levels');
  if (typeof v.min === 'number' && typeof v.max === 'number' && v.min > v.max) fail('min', `min ${v.min} is above max ${v.max}`);
  if (v.cut !== undefined && v.transform !== undefined && v.transform !== 'none') fail('cut', 'use either a cut or a transform, not both');
  if (before.n > 0) return null;
  const p: ClinicalPredictor = { variable: (v.variable as string).trim(), type: v.type as 'numeric' | 'categorical' };
  if (v.label !== undefined) p.label = v.label as string;
  if (v.unit !== undefined) p.unit = v.unit as string;
  if (v.transform !== undefined) p.transform = v.transform as ClinicalPredictor['transform'];
  if (v.cut !== undefined) p.cut = v.cut as number;
  if (v.levels !== undefined) p.levels = [...(v.levels as string[])];
  if (v.min !== undefined) p.min = v.min as number;
  if (v.max !== undefined) p.max = v.max as number;
  return p;
}

/** Parses and checks a predictor spec file. */
export function parsePredictorSpec(text: string, file = 'predictors.json'): PredictorSpec {
  const issues = new IssueList();
  const bad = (path: string, detail: string) => issues.error(file, undefined, undefined, `${path}: ${detail}`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    issues.error(file, undefined, undefined, `not valid JSON (${(e as Error).message})`);
    return { predictors: [], syntheticData: false, description: null, issues: issues.items, ok: false };
  }
  let list: unknown = doc;
  let syntheticData = false;
  let description: string | null = null;
  if (isObj(doc)) {
    if (doc.schema !== undefined && doc.schema !== PREDICTOR_SPEC_SCHEMA) bad('schema', `must be "${PREDICTOR_SPEC_SCHEMA}"`);
    if (doc.syntheticData !== undefined && typeof doc.syntheticData !== 'boolean') bad('syntheticData', 'must be true or false');
    else syntheticData = doc.syntheticData === true;
    if (doc.description !== undefined && typeof doc.description !== 'string') bad('description', 'must be a string');
    else if (typeof doc.description === 'string') description = doc.description;
    list = doc.predictors;
  }
  const predictors: ClinicalPredictor[] = [];
  if (!Array.isArray(list) || list.length === 0) bad('predictors', 'must be a non-empty array of predictors');
  else {
    const seen = new Set<string>();
    list.forEach((v, k) => {
      const p = checkPredictor(v, `predictors[${k}]`, bad);
      if (!p) return;
      if (seen.has(p.variable)) bad(`predictors[${k}].variable`, `"${p.variable}" is listed twice`);
      seen.add(p.variable);
      predictors.push(p);
    });
  }
  return { predictors, syntheticData, description, issues: issues.items, ok: !issues.hasErrors };
}

/** The spec file of a list of predictors (what the synthetic cohort writer and the app's download save). */
export function predictorSpecJson(predictors: readonly ClinicalPredictor[], meta: { syntheticData?: boolean; description?: string } = {}): string {
  const doc = {
    schema: PREDICTOR_SPEC_SCHEMA,
    ...(meta.syntheticData !== undefined ? { syntheticData: meta.syntheticData } : {}),
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    predictors,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
