/**
 * Validating parser of the model file (model-file.ts). Checks, in order: JSON syntax; the schema name; the schema
 * version (this tool reads version 1 only); every field's presence and type against the schema below, naming the
 * field by its path ("radiomics.features[2].sd"); then consistency (positive SDs, two or more levels for
 * categorical variables, combined-model terms that match the clinical variables' design terms). All problems are
 * collected and thrown together as a ModelFileError. Fields not in the schema are ignored.
 */
import { PHASES } from '../dicom/phase-guess.js';
import { termNames } from './clinical-model.js';
import { MODEL_FILE_SCHEMA, MODEL_FILE_VERSION, type ModelFile } from './model-file.js';

export class ModelFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid model file:\n- ${problems.join('\n- ')}`);
    this.name = 'ModelFileError';
  }
}

type Spec =
  | { t: 'string' | 'number' | 'integer' | 'boolean' | 'scalar' | 'any-object' }
  | { t: 'enum'; values: readonly (string | number)[] }
  | { t: 'array'; of: Spec }
  | { t: 'tuple'; of: Spec[] }
  | { t: 'object'; fields: Record<string, Spec>; optional?: string[] }
  | { t: 'record'; keys: readonly string[]; of: Spec }
  | { t: 'nullable'; of: Spec };

const str: Spec = { t: 'string' };
const num: Spec = { t: 'number' };
const int: Spec = { t: 'integer' };
const bool: Spec = { t: 'boolean' };
const arr = (of: Spec): Spec => ({ t: 'array', of });
const obj = (fields: Record<string, Spec>, optional: string[] = []): Spec => ({ t: 'object', fields, optional });
const nullable = (of: Spec): Spec => ({ t: 'nullable', of });
const oneOf = (...values: (string | number)[]): Spec => ({ t: 'enum', values });
const numOrNull = nullable(num);

const km = obj({
  n: int,
  events: int,
  time: arr(num),
  surv: arr(num),
  lower: arr(numOrNull),
  upper: arr(numOrNull),
  nRisk: arr(int),
  nEvent: arr(int),
  nCensor: arr(int),
  median: numOrNull,
  medianLower: numOrNull,
  medianUpper: numOrNull,
});
const riskSurvival = nullable(
  obj({
    endpoint: str,
    low: km,
    high: km,
    atRiskTimes: arr(num),
    atRiskLow: arr(int),
    atRiskHigh: arr(int),
    logrankChisq: num,
    logrankP: num,
    hazardRatio: num,
    hrCiLower: num,
    hrCiUpper: num,
    coxP: num,
  }),
);
const perModel = (of: Spec): Spec => ({ t: 'record', keys: ['clinical', 'radiomic', 'combined'], of });
const perf = obj({ auc: num, aucCi: { t: 'tuple', of: [num, num] } });
const calibration = obj({
  hosmerLemeshowChisq: numOrNull,
  hosmerLemeshowDf: numOrNull,
  hosmerLemeshowP: numOrNull,
  calibrationIntercept: num,
  calibrationSlope: num,
  brier: num,
});
const predictor = obj(
  {
    variable: str,
    label: str,
    unit: str,
    type: oneOf('numeric', 'categorical'),
    transform: oneOf('none', 'log10', 'ln'),
    cut: num,
    levels: arr(str),
    min: num,
    max: num,
    observedRange: { t: 'tuple', of: [num, num] },
  },
  ['label', 'unit', 'transform', 'cut', 'levels', 'min', 'max', 'observedRange'],
);
const nomogram = nullable(
  obj({
    pointsPerLogit: num,
    lpAtZero: num,
    variables: arr(obj({ variable: str, label: str, minContribution: num, maxContribution: num, axis: arr(obj({ value: { t: 'scalar' }, points: num })) })),
    maxTotalPoints: num,
    probabilityScale: arr(obj({ probability: num, totalPoints: num })),
  }),
);

const MODEL_SPEC = obj({
  schema: str,
  schemaVersion: int,
  provenance: obj({
    toolName: str,
    toolVersion: str,
    createdAt: str,
    cohort: obj({ description: str, nPatients: int, nTraining: int, nValidation: int, centres: arr(str), split: str }),
    syntheticData: bool,
    intendedUse: str,
    notes: arr(str),
  }),
  endpoint: obj({ kind: oneOf('objective-response', 'disease-control'), positive: str, negative: str }),
  extractionSettings: { t: 'any-object' },
  sequences: arr(obj({ name: str, description: str, phase: oneOf(...PHASES), settings: nullable({ t: 'any-object' }), spacing: { t: 'tuple', of: [num, num, num] } }, ['spacing'])),
  radiomics: obj({
    features: arr(obj({ name: str, mean: num, sd: num, coefficient: num, trainingRange: { t: 'tuple', of: [num, num] } })),
    intercept: num,
    lambda: num,
    lambdaRule: oneOf('lambda.min', 'lambda.1se'),
    reduction: arr(obj({ step: str, kept: int, dropped: int })),
  }),
  clinicalVariables: arr(predictor),
  combinedModel: obj({ formula: str, intercept: num, radScoreCoefficient: num, terms: arr(obj({ variable: str, term: str, coefficient: num })) }),
  performance: obj({
    training: perModel(perf),
    validation: nullable(perModel(perf)),
    calibration: obj({ training: calibration, validation: nullable(calibration) }),
  }),
  riskGroups: obj({
    score: oneOf('combined-linear-predictor'),
    method: oneOf('median', 'youden', 'maxstat'),
    cutoff: num,
    highRisk: oneOf('below', 'above'),
    survival: obj({ os: obj({ training: riskSurvival, validation: riskSurvival }), pfs: obj({ training: riskSurvival, validation: riskSurvival }) }),
  }),
  nomogram,
});

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function expected(s: Spec): string {
  switch (s.t) {
    case 'enum':
      return `one of ${s.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'tuple':
      return `an array of ${s.of.length} values`;
    case 'record':
    case 'object':
    case 'any-object':
      return 'object';
    case 'nullable':
      return `${expected(s.of)} or null`;
    case 'scalar':
      return 'number or string';
    case 'array':
      return 'array';
    default:
      return s.t;
  }
}

function check(v: unknown, s: Spec, path: string, out: string[]): void {
  const wrong = (): void => void out.push(`wrong type at "${path}": expected ${expected(s)}, got ${typeName(v)}${typeof v === 'string' ? ` "${v}"` : ''}`);
  switch (s.t) {
    case 'string':
    case 'boolean':
      if (typeof v !== s.t) wrong();
      return;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) wrong();
      return;
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) wrong();
      return;
    case 'enum':
      if (!s.values.includes(v as string)) out.push(`wrong value at "${path}": expected ${expected(s)}, got ${JSON.stringify(v)}`);
      return;
    case 'nullable':
      if (v !== null) check(v, s.of, path, out);
      return;
    case 'scalar':
      if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) wrong();
      return;
    case 'any-object':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) wrong();
      return;
    case 'array':
      if (!Array.isArray(v)) return wrong();
      v.forEach((e, i) => check(e, s.of, `${path}[${i}]`, out));
      return;
    case 'tuple':
      if (!Array.isArray(v) || v.length !== s.of.length) return wrong();
      v.forEach((e, i) => check(e, s.of[i], `${path}[${i}]`, out));
      return;
    case 'record':
    case 'object': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return wrong();
      const rec = v as Record<string, unknown>;
      const fields: [string, Spec][] = s.t === 'record' ? s.keys.map((k) => [k, s.of]) : Object.entries(s.fields);
      for (const [k, fs] of fields) {
        const p = path ? `${path}.${k}` : k;
        if (!(k in rec) || rec[k] === undefined) {
          if (s.t === 'object' && s.optional?.includes(k)) continue;
          out.push(`missing field "${p}"`);
        } else check(rec[k], fs, p, out);
      }
    }
  }
}

function consistency(m: ModelFile, out: string[]): void {
  m.radiomics.features.forEach((f, i) => {
    if (!(f.sd > 0)) out.push(`"radiomics.features[${i}].sd" must be > 0 (feature ${f.name})`);
  });
  const names = new Set<string>();
  for (const f of m.radiomics.features) {
    if (names.has(f.name)) out.push(`feature ${f.name} appears twice in "radiomics.features"`);
    names.add(f.name);
  }
  const seqNames = m.sequences.map((q) => q.name);
  seqNames.forEach((n, i) => {
    if (!/^[A-Za-z0-9-]+$/.test(n)) out.push(`"sequences[${i}].name" must be letters, digits or '-' (it prefixes feature names), got "${n}"`);
    if (seqNames.indexOf(n) !== i) out.push(`sequence ${n} appears twice in "sequences"`);
  });
  if (seqNames.length > 0) {
    for (const f of m.radiomics.features) {
      if (!seqNames.some((n) => f.name.startsWith(`${n}_`))) out.push(`feature ${f.name} belongs to none of the sequences ${seqNames.join(', ')} (names start with "<sequence>_")`);
    }
  }
  const expectedTerms: string[] = [];
  m.clinicalVariables.forEach((p, i) => {
    if (p.type === 'categorical' && (!p.levels || p.levels.length < 2)) {
      out.push(`"clinicalVariables[${i}].levels" needs at least two categories for categorical ${p.variable}`);
      return;
    }
    if (p.min !== undefined && p.max !== undefined && p.min > p.max) out.push(`"clinicalVariables[${i}]": min ${p.min} > max ${p.max}`);
    if (p.observedRange && p.observedRange[0] > p.observedRange[1]) out.push(`"clinicalVariables[${i}].observedRange": ${p.observedRange[0]} > ${p.observedRange[1]}`);
    expectedTerms.push(...termNames(p));
  });
  const got = m.combinedModel.terms.map((t) => t.term);
  if (JSON.stringify(got) !== JSON.stringify(expectedTerms)) {
    out.push(`"combinedModel.terms" (${got.join(', ') || 'none'}) do not match the design terms of "clinicalVariables" (${expectedTerms.join(', ') || 'none'})`);
  }
}

/** Parses and validates a model file (JSON text or an already parsed value). */
export function parseModelFile(input: string | unknown): ModelFile {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw new ModelFileError([`not JSON: ${(e as Error).message}`]);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ModelFileError([`wrong type at the top level: expected object, got ${typeName(value)}`]);
  const rec = value as Record<string, unknown>;
  if (rec.schema !== MODEL_FILE_SCHEMA) {
    throw new ModelFileError([`wrong schema: "schema" is ${rec.schema === undefined ? 'missing' : JSON.stringify(rec.schema)}, expected "${MODEL_FILE_SCHEMA}" (not a WebRadiomics model file)`]);
  }
  if (rec.schemaVersion !== MODEL_FILE_VERSION) {
    throw new ModelFileError([`unsupported schemaVersion ${JSON.stringify(rec.schemaVersion)}: this tool reads version ${MODEL_FILE_VERSION}`]);
  }
  const problems: string[] = [];
  check(value, MODEL_SPEC, '', problems);
  if (problems.length === 0) consistency(value as ModelFile, problems);
  if (problems.length > 0) throw new ModelFileError(problems);
  return value as ModelFile;
}
