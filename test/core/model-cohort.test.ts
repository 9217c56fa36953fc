import { describe, expect, it } from 'vitest';
import { endpointLabels, endpointValue, loadCohort } from '../../src/core/model/cohort.js';
import { alignFeatures, parseFeatureTable } from '../../src/core/model/feature-table.js';
import { syntheticTpiCohort } from '../../src/core/model/synthetic-cohort.js';

const MANIFEST = `patient_id,sequence,image,mask,series,segment,roi,centre
P1,AP,img/P1/AP,seg/P1_AP.nrrd,1.2.3,1,,A
P1,T2,img/P1/T2,seg/P1_T2.nrrd,,1,,A
P2,AP,img/P2/AP,seg/P2_AP.nrrd,,,tumour,B
P2,T2,img/P2/T2,seg/P2_T2.nrrd,,,tumour,B
`;
const CLINICAL = `patient_id,response,os_time,os_event,pfs_time,pfs_event,AFP,ALBI_grade
P1,PR,20.5,1,8.1,1,1200,1
P2,pd,11,0,3.2,1,35.2,2
`;
const VARIABLES = [
  { name: 'AFP', type: 'numeric' as const, unit: 'ng/mL', min: 0 },
  { name: 'ALBI_grade', type: 'categorical' as const, levels: ['1', '2', '3'] },
];
const load = (manifest: string, clinical: string, exists: (p: string) => boolean = () => true) =>
  loadCohort({ manifest: { text: manifest, file: 'manifest.csv', pathExists: exists }, clinical: { text: clinical, file: 'clinical.csv', variables: VARIABLES } });
const messages = (c: ReturnType<typeof load>) => c.issues.map((i) => `${i.severity}: ${i.message}`);

describe('cohort loading', () => {
  it('joins a valid manifest and clinical table', () => {
    const c = load(MANIFEST, CLINICAL);
    expect(c.ok).toBe(true);
    expect(c.issues).toEqual([]);
    expect(c.sequences).toEqual(['AP', 'T2']);
    expect(c.patients.map((p) => p.id)).toEqual(['P1', 'P2']);
    const [p1, p2] = c.patients;
    expect(p1.images[0]).toMatchObject({ sequence: 'AP', series: '1.2.3', segment: 1, centre: 'A', row: 2 });
    expect(p2.images[0]).toMatchObject({ roi: 'tumour' });
    expect(p2.response).toBe('PD');
    expect(p1.os).toEqual({ time: 20.5, event: 1 });
    expect(p1.clinical).toEqual({ AFP: 1200, ALBI_grade: '1' });
    expect(p1.centre).toBe('A');
  });

  it('missing files name file, row, column and path', () => {
    const c = load(MANIFEST, CLINICAL, (p) => p !== 'seg/P2_T2.nrrd');
    expect(c.ok).toBe(false);
    expect(messages(c)).toContain('error: manifest.csv, row 5, column "mask": mask file or folder not found: seg/P2_T2.nrrd');
  });

  it('unknown ids, duplicated ids, non-numeric values, missing outcomes', () => {
    const manifest = `${MANIFEST}P3,AP,img/P3/AP,seg/P3.nrrd,,,,A\nP1,AP,img/P1/AP2,seg/x.nrrd,,,,A\n`;
    const clinical = `patient_id,response,os_time,os_event,pfs_time,pfs_event,AFP,ALBI_grade
P1,PR,20.5,1,8.1,1,1200,1
P2,,11,0,3.2,1,35.2,2
P2,SD,11,0,3.2,1,35.2,2
P4,XR,abc,2,3,1,12 ng,4
P5,CR,30,0,30,0,5,1
`;
    const m = messages(load(manifest, clinical));
    expect(m).toContain('error: manifest.csv, row 6, column "patient_id": unknown id P3: no row in clinical.csv');
    expect(m).toContain('error: manifest.csv, row 7, column "patient_id": duplicated patient id P1: sequence "AP", reader "1" already listed in row 2');
    expect(m).toContain('error: clinical.csv, row 3, column "response": missing outcome: response of patient P2 is empty (expected CR, PR, SD or PD)');
    expect(m).toContain('error: clinical.csv, row 4, column "patient_id": duplicated patient id P2 (first in row 3)');
    expect(m).toContain('error: clinical.csv, row 5, column "response": response "XR" is not one of CR, PR, SD, PD');
    expect(m).toContain('error: clinical.csv, row 5, column "os_time": "abc" is not a number');
    expect(m).toContain('error: clinical.csv, row 5, column "os_event": "2" is not an event indicator (1 = event, 0 = censored)');
    expect(m).toContain('error: clinical.csv, row 5, column "AFP": "12 ng" is not a number');
    expect(m).toContain('error: clinical.csv, row 5, column "ALBI_grade": "4" is not one of the categories 1, 2, 3');
    expect(m).toContain('warning: clinical.csv, row 6, column "patient_id": patient P5 has no images in manifest.csv; left out');
  });

  it('missing survival is a warning (or an error when required); out-of-range values are errors', () => {
    const clinical = `patient_id,response,os_time,os_event,pfs_time,pfs_event,AFP,ALBI_grade
P1,PR,,1,8.1,1,-5,1
P2,SD,11,0,3.2,1,NA,2
`;
    const c = load(MANIFEST, clinical);
    expect(messages(c)).toContain('warning: clinical.csv, row 2, column "os_time": missing outcome: OS time of patient P1 is empty; the patient is left out of the OS analysis');
    expect(messages(c)).toContain('error: clinical.csv, row 2, column "AFP": -5 is outside the allowed range [0, inf] ng/mL');
    expect(messages(c)).toContain('warning: clinical.csv, row 3, column "AFP": missing value of AFP for patient P2');
    const strict = loadCohort({ manifest: { text: MANIFEST }, clinical: { text: clinical.replace(',-5,', ',5,'), requireSurvival: true } });
    expect(strict.issues.some((i) => i.severity === 'error' && i.message.includes('missing outcome: OS time of patient P1'))).toBe(true);
  });

  it('required columns, empty files, missing sequences and centre conflicts', () => {
    expect(messages(load('patient,image\nP1,a\n', CLINICAL))[0]).toBe('error: manifest.csv, row 1, column "mask": required column is missing (accepted names: mask, mask_path, mask_file, segmentation, label, seg)');
    expect(messages(load(MANIFEST, ''))).toContain('error: clinical.csv: the file is empty (a header row is needed)');
    const noT2 = MANIFEST.split('\n').filter((l) => !l.startsWith('P2,T2')).join('\n');
    expect(messages(load(noT2, CLINICAL))).toContain('error: manifest.csv, column "sequence": patient P2 has no "T2" image although other patients do');
    const clinicalCentre = `patient_id,centre,response\nP1,B,CR\nP2,B,PR\n`;
    const c = loadCohort({ manifest: { text: MANIFEST }, clinical: { text: clinicalCentre } });
    expect(c.issues.map((i) => i.message)).toContain('clinical.csv, row 2, column "centre": centre "B" of patient P1 disagrees with "A" in manifest.csv');
    const badSeg = MANIFEST.replace(',1.2.3,1,', ',1.2.3,0,');
    expect(messages(load(badSeg, CLINICAL))).toContain('error: manifest.csv, row 2, column "segment": segment must be a positive integer, got "0"');
  });

  it('infers variable types when none are declared', () => {
    const c = loadCohort({ manifest: { text: MANIFEST }, clinical: { text: CLINICAL } });
    expect(c.variables).toEqual([
      { name: 'AFP', type: 'numeric' },
      { name: 'ALBI_grade', type: 'numeric' },
    ]);
  });
});

describe('endpoints', () => {
  it('objective response = CR + PR, disease control = CR + PR + SD', () => {
    expect(['CR', 'PR', 'SD', 'PD'].map((r) => endpointValue(r as 'CR', 'objective-response'))).toEqual([1, 1, 0, 0]);
    expect(['CR', 'PR', 'SD', 'PD'].map((r) => endpointValue(r as 'CR', 'disease-control'))).toEqual([1, 1, 1, 0]);
  });
  it('the synthetic cohort round-trips through the CSV parsers: ORR 177/240, DCR 203/240', () => {
    const s = syntheticTpiCohort();
    const c = loadCohort({ manifest: { text: s.manifestCsv }, clinical: { text: s.clinicalCsv, variables: s.variables } });
    expect(c.ok).toBe(true);
    expect(c.issues).toEqual([]);
    expect(c.patients.length).toBe(240);
    expect(c.readers).toEqual(['1', '2']);
    expect(endpointLabels(c.patients, 'objective-response').reduce((a: number, b) => a + b, 0)).toBe(177);
    expect(endpointLabels(c.patients, 'disease-control').reduce((a: number, b) => a + b, 0)).toBe(203);
    const ft = parseFeatureTable(s.featuresCsv);
    expect(ft.ok).toBe(true);
    const aligned = alignFeatures(ft, c.patients.map((p) => p.id));
    expect(aligned.values[0]).toEqual(s.features[0]);
  });
  it('feature table messages', () => {
    const ft = parseFeatureTable('patient_id,f1,f2\nP1,1,x\nP2,,3\nP1,1,2\n', { file: 'features.csv' });
    expect(ft.issues.map((i) => i.message)).toEqual([
      'features.csv, row 2, column "f2": "x" is not a number',
      'features.csv, row 3, column "f1": missing value for patient P2',
      'features.csv, row 4, column "patient_id": duplicated patient id P1 (first in row 2)',
    ]);
    expect(alignFeatures(ft, ['P9']).issues[0].message).toBe('features.csv: patient P9 has no feature row');
  });
});
