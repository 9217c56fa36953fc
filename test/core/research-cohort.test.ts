import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/core/model/build-model.js';
import { buildDemoModel, DEMO_MODEL_OPTIONS } from '../../src/core/model/demo-model.js';
import { TPI_PREDICTORS } from '../../src/core/model/synthetic-cohort.js';
import { defaultPredictors, parsePredictorSpec, predictorSpecJson } from '../../src/core/research/predictors.js';
import { syntheticTables } from '../../src/core/research/synthetic-tables.js';
import { clinicalColumns, loadTableCohort } from '../../src/core/research/tables.js';

const messages = (issues: { severity: string; message: string }[]) => issues.map((i) => `${i.severity}: ${i.message}`);

describe('cohort from a feature table and a clinical table', () => {
  const t = syntheticTables();
  it('the synthetic files, loaded like uploads, give exactly the demo model', () => {
    const spec = parsePredictorSpec(t.predictors.text, t.predictors.name);
    expect(spec.ok).toBe(true);
    expect(spec.syntheticData).toBe(true);
    expect(spec.predictors).toEqual(TPI_PREDICTORS.map((p) => JSON.parse(JSON.stringify(p))));
    const c = loadTableCohort({ features: t.features, clinical: t.clinical, repeat: t.repeat, predictors: spec.predictors });
    expect(c.ok).toBe(true);
    expect(c.issues).toEqual([]);
    expect(c.overview).toMatchObject({ nPatients: 240, nFeatures: 60, nRepeat: 40, centres: ['A', 'B', 'C'], response: { CR: 15, PR: 162, SD: 26, PD: 37 } });
    const demo = buildDemoModel({ toolVersion: 'x', createdAt: '2026-01-01T00:00:00Z' });
    const r = buildModel(c.input!, DEMO_MODEL_OPTIONS);
    expect(r.radiomics).toEqual(demo.result.radiomics);
    expect(r.training.performance).toEqual(demo.result.training.performance);
    expect(r.validation!.survival).toEqual(demo.result.validation!.survival);
  });

  it('infers default candidates from the columns (numbers as is, text as categories)', () => {
    const cols = clinicalColumns(t.clinical);
    expect(cols.map((c) => c.name)).toEqual(['age', 'sex', 'AFP', 'ALBI_grade', 'Child_Pugh', 'BCLC', 'PVTT', 'tumour_number', 'max_diameter', 'extrahepatic_spread', 'ECOG', 'HBV']);
    const d = defaultPredictors(cols);
    expect(d.predictors.find((p) => p.variable === 'sex')).toEqual({ variable: 'sex', type: 'categorical', levels: ['F', 'M'] });
    expect(d.predictors.find((p) => p.variable === 'ALBI_grade')).toEqual({ variable: 'ALBI_grade', type: 'numeric' });
    expect(d.skipped).toEqual([]);
  });

  const FEATURES = 'patient_id,f1,f2\nP1,1,2\nP2,2,3\nP3,3,5\nP9,4,4\n';
  const CLINICAL = 'patient_id,response,os_time,os_event,AFP,site\nP1,PR,10,1,20,A\nP2,SD,12,0,30,A\nP3,CR,14,1,40,B\nP4,PD,9,1,50,B\nP5,PR,1,1,60,A\n';
  const load = (features = FEATURES, clinical = CLINICAL, repeat?: string) =>
    loadTableCohort({ features: { name: 'features.csv', text: features }, clinical: { name: 'clinical.csv', text: clinical }, repeat: repeat ? { name: 'reader2.csv', text: repeat } : null });

  it('names file, row and column: unknown ids, patients without features, bad values', () => {
    const c = load(FEATURES.replace('P2,2,3', 'P2,2,x'), CLINICAL.replace('P5,PR,1,1,60,A', 'P5,PR,1,1,sixty,A'));
    expect(c.ok).toBe(false);
    expect(messages(c.issues)).toEqual(
      expect.arrayContaining([
        'error: features.csv, row 5, column "patient_id": unknown id P9: no row in clinical.csv',
        'error: features.csv, row 3, column "f2": "x" is not a number',
        'warning: clinical.csv, row 5, column "patient_id": patient P4 has no row in features.csv; left out',
        'error: clinical.csv, row 6, column "AFP": "sixty" is not a number',
      ]),
    );
    expect(c.input).toBe(null);
  });

  it('checks the repeat-segmentation table against the feature table', () => {
    const ok = load(FEATURES.replace('P9,4,4\n', ''), CLINICAL, 'patient_id,f1,f2\nP1,1.1,2\nP2,2,3.2\nP3,3,5\nP7,1,1\n');
    expect(messages(ok.issues)).toContain('warning: reader2.csv, row 5, column "patient_id": patient P7 is not in the cohort; the row is ignored');
    expect(ok.input!.repeat).toEqual({ patientIds: ['P1', 'P2', 'P3'], features: [[1.1, 2], [2, 3.2], [3, 5]] });
    const bad = load(FEATURES.replace('P9,4,4\n', ''), CLINICAL, 'patient_id,f1\nP1,1\nP2,2\nP3,3\n');
    expect(messages(bad.issues)).toContain('error: reader2.csv, row 1, column "f2": the repeat-segmentation table lacks 1 feature column(s) of features.csv: f2');
  });

  it('a mostly numeric clinical column stays numeric so that its typos are reported', () => {
    const cols = clinicalColumns({ name: 'clinical.csv', text: CLINICAL.replace(',40,', ',forty,') });
    expect(cols.find((c) => c.name === 'AFP')!.numeric).toBe(true);
    expect(cols.map((c) => c.name)).toEqual(['AFP']); // "site" is the centre column
    expect(clinicalColumns({ name: 'c.csv', text: 'id,response,stage\n1,PR,B\n2,PD,A\n' })).toEqual([{ name: 'stage', numeric: false, levels: ['A', 'B'], nDistinct: 2, missing: 0, min: null, max: null }]);
  });
});

describe('predictor spec file', () => {
  it('round-trips and reports each problem with its field path', () => {
    const text = predictorSpecJson(TPI_PREDICTORS, { syntheticData: true, description: 'demo' });
    expect(parsePredictorSpec(text).predictors).toEqual(JSON.parse(JSON.stringify(TPI_PREDICTORS)));
    const bad = parsePredictorSpec(
      JSON.stringify({ predictors: [{ variable: 'AFP', type: 'numeric', cut: 'high' }, { variable: 'ALBI', type: 'categorical', levels: ['1'] }, { variable: 'AFP', type: 'numeric' }, { type: 'x' }] }),
      'p.json',
    );
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => i.message)).toEqual([
      'p.json: predictors[0].cut: must be a finite number',
      'p.json: predictors[1].levels: a categorical predictor needs "levels": two or more strings, the reference first',
      'p.json: predictors[3].variable: must be a non-empty string (the clinical column name)',
      'p.json: predictors[3].type: must be "numeric" or "categorical"',
    ]);
    expect(parsePredictorSpec('{ nope', 'p.json').issues[0].message).toMatch(/^p\.json: not valid JSON/);
    expect(parsePredictorSpec('[]', 'p.json').issues[0].message).toBe('p.json: predictors: must be a non-empty array of predictors');
  });
});
