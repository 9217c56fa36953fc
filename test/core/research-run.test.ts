import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/core/model/build-model.js';
import { parseModelFile } from '../../src/core/model/model-file-parse.js';
import { parseCsv } from '../../src/core/csv.js';
import { RESEARCH_DEFAULTS } from '../../src/core/research/options.js';
import { inspectCohort, runResearch, type ResearchProgress } from '../../src/core/research/run.js';
import { concordanceIndex } from '../../src/core/stats/concordance.js';
import { syntheticTables } from '../../src/core/research/synthetic-tables.js';
import { loadTableCohort } from '../../src/core/research/tables.js';
import { parsePredictorSpec } from '../../src/core/research/predictors.js';

const progress: ResearchProgress[] = [];
const run = runResearch({ source: { kind: 'synthetic' }, options: RESEARCH_DEFAULTS }, { toolVersion: '9.9.9', createdAt: '2026-02-03T04:05:06.000Z', onProgress: (p) => progress.push(p) });
if (!run.ok) throw new Error('synthetic run failed');
const out = run.output;
const t = syntheticTables();
const input = loadTableCohort({ features: t.features, clinical: t.clinical, repeat: t.repeat, predictors: parsePredictorSpec(t.predictors.text).predictors }).input!;
const ref = buildModel(input, RESEARCH_DEFAULTS);

describe('one research run (the worker and `train` both call this)', () => {
  it('summarises buildModel exactly: AUCs, Youden metrics, DeLong, calibration, survival', () => {
    const s = out.summary;
    expect(s.syntheticData).toBe(true);
    expect(s.version).toBe('9.9.9');
    for (const m of ['clinical', 'radiomic', 'combined'] as const) {
      expect(s.training.models[m].auc).toBe(ref.training.performance[m].auc);
      expect(s.training.models[m].aucCi).toEqual(ref.training.performance[m].aucCi);
      expect(s.validation!.models[m].youden).toEqual(ref.validation!.performance[m].atYouden);
      expect(s.validation!.models[m].hosmerLemeshow).toEqual(ref.validation!.performance[m].hosmerLemeshow);
    }
    expect(s.validation!.delong).toEqual(ref.validation!.comparisons);
    expect(s.training.survival.os!.hazardRatio).toBe(ref.training.survival.os!.hazardRatio);
    expect(s.validation!.survival.pfs!.logrankP).toBe(ref.validation!.survival.pfs!.logrankP);
    expect(s.lasso.features).toEqual(ref.radiomics.features.map(({ name, coefficient }) => ({ name, coefficient })));
  });

  it("Harrell's C of the combined predictor (higher = longer survival) per outcome and set", () => {
    const byId = new Map(input.patients.map((p) => [p.id, p]));
    const ids = ref.validation!.ids;
    const os = ids.map((id) => byId.get(id)!.os!);
    const c = concordanceIndex(os.map((o) => o.time), os.map((o) => o.event), ref.validation!.linearPredictor, { higherIsShorter: false });
    expect(out.summary.validation!.survival.os!.cIndex).toBe(c.c);
    expect(out.summary.validation!.survival.os!.cIndexSe).toBe(c.se);
    expect(c.c).toBeGreaterThan(0.5);
  });

  it('reports progress in order through every fold to done', () => {
    expect(progress.map((p) => p.step)).toEqual(progress.map((_, k) => k));
    expect(progress.filter((p) => /fold \d+ of 10/.test(p.stage)).length).toBe(10);
    expect(progress[progress.length - 1]).toEqual({ stage: 'done', step: 17, steps: 17 });
  });

  it('tables carry the exact values under stable keys', () => {
    const cell = (key: string) => out.tables.flatMap((tb) => tb.rows.flatMap((r) => r.cells)).find((c) => c.key === key)!;
    expect(cell('auc/validation/combined').value).toBe(ref.validation!.performance.combined.auc);
    expect(cell('auc/validation/combined').text).toMatch(/^0\.\d{3} \(0\.\d{3}-0\.\d{3}\)$/);
    expect(cell('hr/pfs/training').value).toBe(ref.training.survival.pfs!.hazardRatio);
    expect(cell('delong/training/clinical-combined').value).toBe(ref.training.comparisons[1].pValue);
    expect(out.tables.map((tb) => tb.id)).toEqual(['baseline', 'clinical', 'radiomics', 'combined', 'performance', 'delong', 'calibration', 'survival']);
  });

  it('figures: ROC, calibration, DCA per set, LASSO path and CV, KM for OS and PFS per set, selected features', () => {
    const ids = out.figures.plots.map((p) => p.spec.id);
    expect(ids.slice(0, 12)).toEqual([
      'roc-training', 'calibration-training', 'decision-curve-training', 'roc-validation', 'calibration-validation', 'decision-curve-validation',
      'lasso-path', 'lasso-cv', 'km-os-training', 'km-pfs-training', 'km-os-validation', 'km-pfs-validation',
    ]);
    expect(ids.filter((i) => i.startsWith('feature-')).length).toBe(ref.radiomics.features.length);
    for (const p of out.figures.plots) {
      expect(p.svg.startsWith('<svg')).toBe(true);
      expect(parseCsv(p.csv).length - 1).toBe(p.spec.data[0].length);
    }
    expect(out.figures.plots.find((p) => p.spec.id === 'km-os-validation')!.spec.table!.rows[1].values).toEqual(ref.validation!.survival.os!.atRiskHigh);
  });

  it('the model file parses, says synthetic, and matches the summary; the report is self-contained and printable', () => {
    const mf = parseModelFile(out.modelFileText);
    expect(mf.provenance.syntheticData).toBe(true);
    expect(mf.provenance.createdAt).toBe('2026-02-03T04:05:06.000Z');
    expect(mf.performance.validation!.combined.auc).toBe(out.summary.validation!.models.combined.auc);
    expect(out.reportHtml).toMatch(/^<!doctype html>/);
    expect(out.reportHtml).toContain('@media print');
    expect(out.reportHtml).toContain('SYNTHETIC DATA');
    expect(out.reportHtml).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect((out.reportHtml.match(/<svg /g) ?? []).length).toBe(out.figures.plots.length + 1);
    const rows = parseCsv(out.scoresCsv.trim());
    expect(rows.length).toBe(241);
    expect(rows[0].slice(0, 3)).toEqual(['patient_id', 'set', 'centre']);
  });

  it('bad input returns the issues instead of building', () => {
    const r = runResearch(
      { source: { kind: 'tables', features: { name: 'f.csv', text: 'id,a\nP1,1\n' }, clinical: { name: 'c.csv', text: 'id,response\nP1,XX\n' } }, options: {} },
      { toolVersion: 'x', createdAt: 'now' },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.message)).toContain('c.csv, row 2, column "response": response "XX" is not one of CR, PR, SD, PD');
    const insp = inspectCohort({ kind: 'synthetic', seed: 3 });
    expect(insp.ok).toBe(true);
    expect(insp.description).toMatch(/^SYNTHETIC cohort .* seed 3/);
  });

  it('a clinical table without survival or centre columns still gives the response models; survival is marked unavailable', () => {
    const rows = parseCsv(t.clinical.text.trim());
    const drop = new Set(['os_time', 'os_event', 'pfs_time', 'pfs_event', 'centre']);
    const keep = rows[0].map((h, k) => (drop.has(h) ? -1 : k)).filter((k) => k >= 0);
    const clinical = { name: 'no-survival.csv', text: `${rows.map((r) => keep.map((k) => r[k]).join(',')).join('\n')}\n` };
    const r = runResearch({ source: { kind: 'tables', features: t.features, clinical, predictorSpec: t.predictors }, options: {} }, { toolVersion: 'x', createdAt: 'now' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.output.summary.training.survival).toEqual({ os: null, pfs: null });
    expect(r.output.figures.plots.some((p) => p.spec.kind === 'kaplan-meier')).toBe(false);
    const surv = r.output.tables.find((tb) => tb.id === 'survival')!;
    expect(surv.rows[0].cells[1].text).toMatch(/^not available/);
    expect(r.output.tables.find((tb) => tb.id === 'baseline')!.rows.some((row) => row.cells[0].text === 'Centre')).toBe(false);
    expect(r.output.reportHtml).toContain('Table 8.');
  });
});

