import { describe, expect, it } from 'vitest';
import { calibrationPlot } from '../../src/core/plots/calibration.js';
import { decisionCurvePlot } from '../../src/core/plots/decision-curve.js';
import { rocPlot, rocPoints } from '../../src/core/plots/roc.js';
import { decisionCurve } from '../../src/core/model/evaluate.js';
import { createPrng } from '../../src/core/model/prng.js';
import { hosmerLemeshow } from '../../src/core/stats/calibration.js';
import { aucDelong } from '../../src/core/stats/roc.js';

const prng = createPrng(5);
const y = Array.from({ length: 120 }, () => (prng.float() < 0.4 ? 1 : 0));
const p = y.map((v) => 1 / (1 + Math.exp(-(1.2 * v - 0.6 + prng.normal()))));
const q = y.map((v) => 1 / (1 + Math.exp(-(0.4 * v - 0.2 + prng.normal()))));

describe('ROC plot data', () => {
  it('runs from (0, 0) to (1, 1), non-decreasing, and its area is the AUC (trapezoids = Mann-Whitney)', () => {
    const { fpr, tpr } = rocPoints(p, y);
    expect([fpr[0], tpr[0]]).toEqual([0, 0]);
    expect([fpr[fpr.length - 1], tpr[tpr.length - 1]]).toEqual([1, 1]);
    let area = 0;
    for (let k = 1; k < fpr.length; k++) {
      expect(fpr[k]).toBeGreaterThanOrEqual(fpr[k - 1]);
      expect(tpr[k]).toBeGreaterThanOrEqual(tpr[k - 1]);
      area += ((fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1])) / 2;
    }
    expect(area).toBeCloseTo(aucDelong(p, y).auc, 12);
  });

  it('puts both models and the chance line in one square plot, AUC and CI in the legend', () => {
    const spec = rocPlot([{ label: 'A', color: '#000', scores: p, y }, { label: 'B', color: '#111', scores: q, y }], { id: 'roc', title: 'ROC' });
    const a = aucDelong(p, y);
    expect(spec.series[0].label).toBe(`A (AUC ${a.auc.toFixed(3)}, 95% CI ${a.ciLower.toFixed(3)}-${a.ciUpper.toFixed(3)})`);
    expect(spec.series[2].label).toBe('Chance');
    expect(spec.square).toBe(true);
    expect(spec.data[1].filter((v) => v !== null)).toEqual(rocPoints(p, y).tpr);
  });
});

describe('calibration plot data', () => {
  it('plots the Hosmer-Lemeshow groups: mean predicted vs observed proportion', () => {
    const spec = calibrationPlot([{ label: 'A', color: '#000', p, y }], { id: 'cal', title: 'Calibration' });
    const hl = hosmerLemeshow(p, y, { groups: 10 });
    const xs = spec.data[0].filter((_, i) => spec.data[1][i] !== null);
    expect(xs).toEqual([...hl.table.meanPredicted].sort((a, b) => a - b));
    expect(spec.data[1].filter((v) => v !== null).length).toBe(hl.table.group.length);
    expect(spec.series[0].label).toMatch(/Hosmer-Lemeshow p = /);
    expect(spec.series[1].label).toBe('Ideal');
  });
});

describe('decision curve plot data', () => {
  it('net benefit by hand, treat-all and treat-none on the shared thresholds', () => {
    // 4 patients, 2 events; at pt = 0.5: treated = p >= 0.5 -> rows 0 (event), 1 (no event): NB = 1/4 - 1/4 * 1 = 0
    const dc = decisionCurve([0.9, 0.6, 0.3, 0.2], [1, 0, 1, 0], [0.25, 0.5]);
    expect(dc.netBenefit[1]).toBeCloseTo(0, 15);
    // pt = 0.25: treated rows 0, 1, 2 -> NB = 2/4 - 1/4 * (1/3)
    expect(dc.netBenefit[0]).toBeCloseTo(0.5 - 1 / 12, 15);
    const spec = decisionCurvePlot([{ label: 'A', color: '#000', curve: dc }], { id: 'dca', title: 'DCA' });
    expect(spec.data[0]).toEqual([0.25, 0.5]);
    expect(spec.data[1]).toEqual(dc.netBenefit);
    expect(spec.data[2]).toEqual(dc.treatAll);
    expect(spec.data[3]).toEqual([0, 0]);
    expect(spec.series.map((s) => s.label)).toEqual(['A', 'Treat all', 'Treat none']);
    expect(spec.y.range![0]).toBe(-0.05);
  });
  it('refuses curves on different thresholds', () => {
    expect(() =>
      decisionCurvePlot(
        [{ label: 'A', color: '#000', curve: decisionCurve(p, y, [0.1]) }, { label: 'B', color: '#000', curve: decisionCurve(p, y, [0.2]) }],
        { id: 'x', title: 'x' },
      ),
    ).toThrow(/share their thresholds/);
  });
});
