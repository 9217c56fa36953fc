import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/core/model/build-model.js';
import { assembleModelFile } from '../../src/core/model/model-file-build.js';
import { MODEL_FILE_SCHEMA, serialiseModelFile, type ModelFile } from '../../src/core/model/model-file.js';
import { ModelFileError, parseModelFile } from '../../src/core/model/model-file-parse.js';
import { nomogramProbability } from '../../src/core/model/nomogram.js';
import { scorePatient } from '../../src/core/model/scoring.js';
import { syntheticTpiCohort } from '../../src/core/model/synthetic-cohort.js';
import { WORKFLOW_FIXTURE_OPTIONS, workflowInput } from '../helpers/synthetic-fixture.js';

const cohort = syntheticTpiCohort({ seed: 2026 });
const input = workflowInput(cohort);
const result = buildModel(input, WORKFLOW_FIXTURE_OPTIONS);
const META = {
  toolVersion: '0.1.0',
  createdAt: '2026-01-01T00:00:00.000Z',
  cohortDescription: 'synthetic TPI cohort (seed 2026)',
  syntheticData: true,
  intendedUse: 'demonstration and testing only; not for clinical use',
  extractionSettings: { binWidth: 25, resampledPixelSpacing: [1, 1, 1], imageTypes: { Original: {}, LoG: { sigma: [3] } } },
};
const model = assembleModelFile(input, result, META);
const text = serialiseModelFile(model);
const clone = (): any => JSON.parse(text);
const problemsOf = (v: unknown): string[] => {
  try {
    parseModelFile(v);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFileError);
    return (e as ModelFileError).problems;
  }
};
const patientInput = (id: string) => {
  const i = cohort.patients.findIndex((p) => p.id === id);
  return { features: Object.fromEntries(cohort.featureNames.map((n, j) => [n, cohort.features[i][j]])), clinical: { ...cohort.patients[i].clinical } };
};

describe('model file', () => {
  it('round trip: serialise, parse, identical content', () => {
    const back = parseModelFile(text);
    expect(back).toEqual(JSON.parse(text));
    expect(serialiseModelFile(back)).toBe(text);
    expect(back.schema).toBe(MODEL_FILE_SCHEMA);
    expect(back.provenance.syntheticData).toBe(true);
    expect(back.extractionSettings).toEqual(META.extractionSettings);
    expect(back.radiomics.features.length).toBe(result.radiomics.features.length);
    expect(back.riskGroups.survival.os.training!.high.time.length).toBeGreaterThan(0);
    expect(back.combinedModel.formula).toMatch(/^logit\(p\) = .* \* RadScore/);
  });

  it('rejects a wrong schema, a wrong version, a missing field and a wrong type, naming them', () => {
    expect(problemsOf('{"schema": 1')[0]).toMatch(/^not JSON/);
    expect(problemsOf({ ...clone(), schema: 'other-tool' })).toEqual(['wrong schema: "schema" is "other-tool", expected "webradiomics-model" (not a WebRadiomics model file)']);
    expect(problemsOf({ ...clone(), schemaVersion: 2 })).toEqual(['unsupported schemaVersion 2: this tool reads version 1']);
    const m = clone();
    delete m.radiomics.features[1].sd;
    m.combinedModel.intercept = '0.5';
    m.provenance.syntheticData = 'yes';
    m.riskGroups.method = 'x-tile';
    expect(problemsOf(m)).toEqual([
      'wrong type at "provenance.syntheticData": expected boolean, got string "yes"',
      'missing field "radiomics.features[1].sd"',
      'wrong type at "combinedModel.intercept": expected number, got string "0.5"',
      'wrong value at "riskGroups.method": expected one of "median", "youden", "maxstat", got "x-tile"',
    ]);
  });

  it('consistency checks: SD > 0, categorical levels, terms matching the clinical variables', () => {
    const m = clone();
    m.radiomics.features[0].sd = 0;
    m.combinedModel.terms.pop();
    const p = problemsOf(m);
    expect(p[0]).toMatch(/^"radiomics.features\[0\].sd" must be > 0/);
    expect(p[1]).toMatch(/^"combinedModel.terms" \(.*\) do not match the design terms of "clinicalVariables"/);
  });
});

describe('scoring', () => {
  const parsed = parseModelFile(text);
  it('reproduces the built model for every validation patient (probability, rad-score, risk group)', () => {
    const v = result.validation!;
    v.ids.forEach((id, k) => {
      const s = scorePatient(parsed, patientInput(id));
      if (!s.ok) throw new Error(JSON.stringify(s.errors));
      expect(Math.abs(s.radScore - v.radScore[k])).toBeLessThan(1e-12);
      expect(Math.abs(s.linearPredictor - v.linearPredictor[k])).toBeLessThan(1e-12);
      expect(Math.abs(s.probability - v.probability.combined[k])).toBeLessThan(1e-12);
      expect(s.riskGroup).toBe(v.riskGroup[k] === 1 ? 'high' : 'low');
      const sum = s.contributions.reduce((a, c) => a + c.logit, parsed.combinedModel.intercept);
      expect(Math.abs(sum - s.linearPredictor)).toBeLessThan(1e-12);
      const feat = s.featureContributions.reduce((a, c) => a + c.radScoreContribution, parsed.radiomics.intercept);
      expect(Math.abs(feat - s.radScore)).toBeLessThan(1e-12);
    });
  });

  it('nomogram points add up to the model probability', () => {
    const s = scorePatient(parsed, patientInput(result.validation!.ids[0]));
    if (!s.ok) throw new Error('scoring failed');
    const total = s.contributions.reduce((a, c) => a + (c.points ?? NaN), 0);
    expect(Math.abs(nomogramProbability(parsed.nomogram!, total) - s.probability)).toBeLessThan(1e-12);
    const widest = Math.max(...parsed.nomogram!.variables.map((v) => Math.max(...v.axis.map((a) => a.points))));
    expect(Math.abs(widest - 100)).toBeLessThan(1e-9);
  });

  it('refuses missing and out-of-range values with the reason, computing nothing', () => {
    const p = patientInput(result.validation!.ids[0]);
    const feature = parsed.radiomics.features[0].name;
    delete p.features[feature];
    const clinicalVar = parsed.clinicalVariables[0];
    p.clinical[clinicalVar.variable] = clinicalVar.type === 'categorical' ? 'unknown-level' : -1;
    const s = scorePatient(parsed, p);
    expect(s.ok).toBe(false);
    if (s.ok) return;
    expect(s.errors[0]).toEqual({ field: feature, reason: `radiomic feature ${feature} is missing` });
    expect(s.errors[1].field).toBe(clinicalVar.variable);
    expect(s.errors[1].reason).toMatch(clinicalVar.type === 'categorical' ? /is not one of/ : /outside the allowed range/);
    const q = patientInput(result.validation!.ids[0]);
    q.clinical[clinicalVar.variable] = null as unknown as string;
    const s2 = scorePatient(parsed, q);
    expect(!s2.ok && s2.errors[0].reason).toMatch(/is missing/);
  });

  it('warns when a feature lies outside its training range', () => {
    const p = patientInput(result.validation!.ids[0]);
    const f = parsed.radiomics.features[0];
    p.features[f.name] = f.trainingRange[1] + 10 * f.sd;
    const s = scorePatient(parsed, p);
    expect(s.ok && s.warnings[0]).toMatch(/outside the training range/);
  });

  it('a model with a numeric, log-transformed predictor: range checks and transform', () => {
    const m: ModelFile = clone();
    m.clinicalVariables = [{ variable: 'AFP', label: 'AFP', unit: 'ng/mL', type: 'numeric', transform: 'log10', min: 0, max: 1e6 }];
    m.combinedModel.terms = [{ variable: 'AFP', term: 'log10(AFP)', coefficient: -0.5 }];
    m.nomogram = null;
    const parsedLog = parseModelFile(m);
    const p = patientInput(result.validation!.ids[0]);
    const ok = scorePatient(parsedLog, { ...p, clinical: { AFP: 1000 } });
    expect(ok.ok && ok.contributions[1].logit).toBeCloseTo(-1.5, 12);
    const zero = scorePatient(parsedLog, { ...p, clinical: { AFP: 0 } });
    expect(!zero.ok && zero.errors[0].reason).toBe('AFP = 0 must be > 0 for the log10 transform');
    const high = scorePatient(parsedLog, { ...p, clinical: { AFP: 2e6 } });
    expect(!high.ok && high.errors[0].reason).toBe('AFP = 2000000 ng/mL is outside the allowed range [0, 1000000]');
    const text2 = scorePatient(parsedLog, { ...p, clinical: { AFP: '12 ng' } });
    expect(!text2.ok && text2.errors[0].reason).toBe('AFP = "12 ng" is not a number');
  });
});

describe('demo model', () => {
  it('is the fixture-checked workflow, flagged synthetic, and parses', async () => {
    const { buildDemoModel } = await import('../../src/core/model/demo-model.js');
    const demo = buildDemoModel({ toolVersion: '0.1.0', createdAt: META.createdAt });
    expect(demo.result.radiomics).toEqual(result.radiomics);
    const parsed = parseModelFile(serialiseModelFile(demo.modelFile));
    expect(parsed.provenance.syntheticData).toBe(true);
    expect(parsed.provenance.intendedUse).toMatch(/not for clinical decisions/);
    expect(parsed.performance.validation!.combined.auc).toBeGreaterThan(0.6);
  });
});
