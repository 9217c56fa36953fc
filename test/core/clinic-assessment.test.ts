import { describe, expect, it } from 'vitest';
import { assessPatient, type Assessment } from '../../src/core/clinic/assessment.js';
import { clinicalForm, validateClinical } from '../../src/core/clinic/clinical-form.js';
import { clinicFigures, contributionSvg } from '../../src/core/clinic/result-figures.js';
import { roiThumbnail } from '../../src/core/clinic/roi-thumbnail.js';
import { imageWarnings, missingSequenceMessages, resamplingTarget, unknownSequences } from '../../src/core/clinic/sequence-checks.js';
import { buildDemoModel } from '../../src/core/model/demo-model.js';
import { serialiseModelFile, type ModelFile } from '../../src/core/model/model-file.js';
import { parseModelFile, ModelFileError } from '../../src/core/model/model-file-parse.js';
import { nomogramProbability } from '../../src/core/model/nomogram.js';
import { scorePatient } from '../../src/core/model/scoring.js';
import { logistic } from '../../src/core/stats/distributions.js';
import type { Volume } from '../../src/core/volume.js';

const demo = buildDemoModel({ toolVersion: '0.1.0', createdAt: '2026-01-01T00:00:00.000Z' });
const base = demo.modelFile;
const cohort = demo.cohort;

/** The demo model with a numeric clinical variable (cm, allowed 0.5-30, observed 2-15) added to the combined model. */
function withDiameter(): ModelFile {
  const m: ModelFile = JSON.parse(serialiseModelFile(base));
  m.clinicalVariables.push({ variable: 'max_diameter', label: 'Maximum diameter', unit: 'cm', type: 'numeric', min: 0.5, max: 30, observedRange: [2, 15] });
  m.combinedModel.terms.push({ variable: 'max_diameter', term: 'max_diameter', coefficient: -0.08 });
  return parseModelFile(serialiseModelFile(m));
}

const patient = (k: number) => ({
  features: Object.fromEntries(cohort.featureNames.map((n, j) => [n, cohort.features[k][j]])),
  clinical: { ...cohort.patients[k].clinical } as Record<string, unknown>,
});

describe('clinic: clinical form from the model', () => {
  it('has one field per clinical variable with label, unit, range, levels and observed range', () => {
    const fields = clinicalForm(withDiameter());
    expect(fields.map((f) => f.variable)).toEqual([...base.clinicalVariables.map((p) => p.variable), 'max_diameter']);
    const d = fields.at(-1)!;
    expect(d).toMatchObject({ label: 'Maximum diameter', type: 'numeric', unit: 'cm', min: 0.5, max: 30, levels: null, observedRange: [2, 15], usedAs: 'max_diameter' });
    const cat = fields[0];
    expect(cat.type).toBe('categorical');
    expect(cat.levels).toEqual(base.clinicalVariables[0].levels);
    expect(cat.min).toBeNull();
  });

  it('refuses missing, out-of-range, non-numeric and unknown-category values, each with its reason', () => {
    const m = withDiameter();
    const ok = validateClinical(m, { Child_Pugh: 'A', PVTT: 'absent', max_diameter: ' 7.5 ' });
    expect(ok).toEqual({ ok: true, values: { Child_Pugh: 'A', PVTT: 'absent', max_diameter: 7.5 }, errors: {} });
    const bad = validateClinical(m, { Child_Pugh: 'C', max_diameter: '45' });
    expect(bad.ok).toBe(false);
    expect(bad.errors.Child_Pugh).toBe('Child-Pugh class = "C" is not one of A, B');
    expect(bad.errors.PVTT).toBe('Portal vein tumour thrombus is missing');
    expect(bad.errors.max_diameter).toBe('Maximum diameter = 45 cm is outside the allowed range [0.5, 30]');
    expect(validateClinical(m, { Child_Pugh: 'A', PVTT: 'absent', max_diameter: '7,5cm' }).errors.max_diameter).toBe('Maximum diameter = "7,5cm" is not a number');
    expect(validateClinical(m, { Child_Pugh: 'A', PVTT: 'absent', max_diameter: '' }).errors.max_diameter).toBe('Maximum diameter is missing');
    // the accepted values of the failed validation are kept (nothing entered is lost)
    expect(bad.values).toEqual({});
    expect(validateClinical(m, { Child_Pugh: 'B', PVTT: 'x', max_diameter: 3 }).values).toEqual({ Child_Pugh: 'B', max_diameter: 3 });
  });
});

describe('clinic: assessment', () => {
  const k = 5;
  const a = assessPatient(base, patient(k)) as Assessment;

  it('scores as scorePatient does and adds the calibration and risk context', () => {
    expect(a.ok).toBe(true);
    const s = scorePatient(base, { features: patient(k).features, clinical: patient(k).clinical as Record<string, string> });
    if (!s.ok) throw new Error('scorePatient failed');
    expect(a.probability).toBe(s.probability);
    expect(a.radScore).toBe(s.radScore);
    expect(a.linearPredictor).toBe(s.linearPredictor);
    expect(a.riskGroup).toBe(s.riskGroup);
    expect(a.probability).toBe(logistic(a.linearPredictor));
    expect(a.riskGroup).toBe(a.linearPredictor <= base.riskGroups.cutoff ? 'high' : 'low');
    expect(a.contributions.map((c) => c.name)).toEqual(['Rad-score', ...base.clinicalVariables.map((p) => p.label ?? p.variable)]);
    const sum = a.contributions.reduce((t, c) => t + c.logit, base.combinedModel.intercept);
    expect(sum).toBeCloseTo(a.linearPredictor, 12);
    // the nomogram's points add up to the same probability
    expect(a.totalPoints).toBe(a.contributions.reduce((t, c) => t + c.points!, 0));
    expect(nomogramProbability(base.nomogram!, a.totalPoints!)).toBeCloseTo(a.probability, 12);
    // validation calibration of the demo model: recalibrated p = logistic(a + b lp)
    const cal = base.performance.calibration.validation!;
    expect(a.calibration.set).toBe('validation');
    expect(a.calibration.recalibratedProbability).toBeCloseTo(logistic(cal.calibrationIntercept + cal.calibrationSlope * a.linearPredictor), 14);
    expect(a.calibration.cutoffProbability).toBeCloseTo(logistic(base.riskGroups.cutoff), 14);
    expect(a.calibration.auc.validation!.auc).toBe(base.performance.validation!.combined.auc);
    expect(a.survival.os).toEqual(base.riskGroups.survival.os.validation);
    expect(a.survival.patientGroup).toBe(a.riskGroup);
    expect(a.model.syntheticData).toBe(true);
    expect(a.warnings[0].kind).toBe('synthetic-model');
    expect(a.warnings[0].message).toMatch(/SYNTHETIC.*not for clinical use/);
  });

  it('warns when a feature or a clinical value lies outside the development cohort', () => {
    const m = withDiameter();
    const p = patient(k);
    const f = m.radiomics.features[0];
    p.features[f.name] = f.trainingRange[1] + 10 * Math.abs(f.trainingRange[1]) + 1;
    p.clinical.max_diameter = 22;
    const r = assessPatient(m, p) as Assessment;
    expect(r.ok).toBe(true);
    expect(r.warnings.filter((w) => w.kind === 'feature-range').map((w) => w.subject)).toEqual([f.name]);
    expect(r.warnings.find((w) => w.kind === 'clinical-range')!.message).toBe("Maximum diameter = 22 cm is outside the development cohort's observed range [2, 15] cm: the prediction extrapolates");
    p.clinical.max_diameter = 10;
    expect((assessPatient(m, p) as Assessment).warnings.some((w) => w.kind === 'clinical-range')).toBe(false);
  });

  it('refuses with reasons per field: a missing feature, a missing or out-of-range clinical value', () => {
    const m = withDiameter();
    const p = patient(k);
    delete p.features[m.radiomics.features[1].name];
    p.clinical.max_diameter = 0.1;
    delete p.clinical.PVTT;
    const r = assessPatient(m, p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { field: 'PVTT', reason: 'Portal vein tumour thrombus is missing' },
        { field: 'max_diameter', reason: 'Maximum diameter = 0.1 cm is outside the allowed range [0.5, 30]' },
        { field: m.radiomics.features[1].name, reason: `radiomic feature ${m.radiomics.features[1].name} is missing` },
      ]),
    );
    expect(r.errors).toHaveLength(3);
  });

  it('records the training set observed range of numeric clinical variables in model files (and the parser checks it)', () => {
    const m: ModelFile = JSON.parse(serialiseModelFile(withDiameter()));
    expect(parseModelFile(m).clinicalVariables.at(-1)!.observedRange).toEqual([2, 15]);
    m.clinicalVariables.at(-1)!.observedRange = [15, 2];
    expect(() => parseModelFile(m)).toThrow(ModelFileError);
    (m.clinicalVariables.at(-1) as any).observedRange = [1];
    try {
      parseModelFile(m);
      expect.unreachable();
    } catch (e) {
      expect((e as ModelFileError).problems.join('\n')).toMatch(/clinicalVariables\[2\]\.observedRange/);
    }
  });
});

describe('clinic: image and sequence checks', () => {
  const m: ModelFile = JSON.parse(serialiseModelFile(base));
  m.sequences[0].spacing = [1, 1, 3];
  m.extractionSettings = { profile: 'pyradiomics', resampling: { spacing: [1, 1, 2] } };

  it('names missing and unknown sequences', () => {
    expect(missingSequenceMessages(m, ['AP', 'T2'])).toEqual(['the model needs the PVP sequence (portal venous phase, contrast-enhanced T1-weighted) and none was given']);
    expect(missingSequenceMessages(m, ['AP', 'PVP', 'T2'])).toEqual([]);
    expect(unknownSequences(m, ['AP', 'DWI'])).toEqual(['DWI']);
  });

  it('warns on a phase unlike the model, an unknown phase, spacing unlike the development images or coarser than the resampling target', () => {
    expect(resamplingTarget(m.extractionSettings)).toEqual([1, 1, 2]);
    const ok = imageWarnings(m, { sequence: 'AP', spacing: [1, 1, 2], phase: { phase: 'arterial', basis: 'description', reason: 'SeriesDescription "ART"' }, source: 'series 5' });
    expect(ok.filter((w) => w.kind === 'phase')).toEqual([]);
    const w = imageWarnings(m, { sequence: 'AP', spacing: [1.5, 1.5, 5], phase: { phase: 'portal-venous', basis: 'description', reason: 'SeriesDescription "PV"' }, source: 'series 7' });
    expect(w.map((x) => x.kind)).toEqual(['phase', 'spacing', 'spacing']);
    expect(w[0].message).toBe("AP: series 7 is portal venous phase (guessed from SeriesDescription \"PV\") but the model's AP is arterial phase");
    expect(w[1].message).toMatch(/^AP: voxel spacing 1.5 x 1.5 x 5 mm differs from the development images' 1 x 1 x 3 mm/);
    expect(w[2].message).toMatch(/coarser than the model's resampling target 1 x 1 x 2 mm along x, y, z/);
    const unknown = imageWarnings(m, { sequence: 'T2', spacing: [1, 1, 2], phase: { phase: 'unknown', basis: 'none', reason: '' }, source: 's3' });
    expect(unknown.map((x) => x.message)).toEqual(["T2: the phase of s3 is unknown; the model expects T2-weighted (T2-weighted): check the series"]);
    // NIfTI: no phase, no phase warning
    expect(imageWarnings(m, { sequence: 'T2', spacing: [1, 1, 2], source: 't2.nii.gz' })).toEqual([]);
  });
});

describe('clinic: figures and thumbnail', () => {
  const a = assessPatient(base, patient(3)) as Assessment;

  it('KM plots mark the patient group and the contribution chart has one bar per factor', () => {
    const f = clinicFigures(a, base);
    expect(f.nomogramSvg).toMatch(/^<svg[\s\S]*Nomogram of the combined model[\s\S]*<\/svg>$/);
    expect(clinicFigures(a).nomogramSvg).toBeNull();
    for (const e of ['os', 'pfs'] as const) {
      const spec = f.km[e]!.spec;
      const mine = spec.series.find((s) => s.label.includes("this patient's group"))!;
      expect(mine.label.startsWith(a.riskGroup === 'high' ? 'High risk' : 'Low risk')).toBe(true);
      expect(mine.width).toBe(3.5);
      expect(spec.series.filter((s) => (s.style ?? 'line') === 'line' && s.label.includes('this patient')).length).toBe(1);
      expect(f.km[e]!.svg).toContain('this patient');
    }
    const svg = contributionSvg(a);
    const bars = [...svg.matchAll(/data-logit="([^"]+)"/g)].map((x) => Number(x[1]));
    expect(bars).toEqual(a.contributions.map((c) => c.logit));
  });

  it('thumbnail: the slice with the most ROI voxels, ROI edge in red', () => {
    const dims: [number, number, number] = [40, 40, 3];
    const n = 40 * 40 * 3;
    const img: Volume = { dims, spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data: new Int16Array(n).map((_, i) => i % 40) };
    const mask: Volume = { ...img, data: new Uint8Array(n) };
    for (let y = 10; y < 20; y++) for (let x = 12; x < 22; x++) mask.data[x + 40 * y + 1600] = 1;
    mask.data[5 + 40 * 5] = 1; // one voxel on slice 0
    const t = roiThumbnail(img, mask, 1)!;
    expect(t.slice).toBe(1);
    expect(t.roiVoxelsInSlice).toBe(100);
    expect(t.width).toBe(32);
    expect(t.height).toBe(32);
    const px = (x: number, y: number) => [...t.rgba.slice(4 * (x + t.width * y), 4 * (x + t.width * y) + 4)];
    // crop starts at (0, 0) (centres 16.5 / 14.5, side 32, clamped at the border); (12, 10) is a corner of the ROI: red
    expect(px(12, 10)).toEqual([230, 40, 40, 255]);
    expect(px(16, 15)).toEqual([Math.round((255 * (16 - 0)) / 31), Math.round((255 * 16) / 31), Math.round((255 * 16) / 31), 255]);
    expect(roiThumbnail(img, mask, 2)).toBeNull();
  });
});
