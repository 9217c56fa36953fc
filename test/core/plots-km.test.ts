import { describe, expect, it } from 'vitest';
import { kaplanMeierPlot, kmSteps } from '../../src/core/plots/kaplan-meier.js';
import { summariseCurve } from '../../src/core/model/risk-survival.js';
import { kaplanMeier } from '../../src/core/stats/kaplan-meier.js';

// times 1, 2, 2+, 3, 4+ (+ censored): S = 4/5 = 0.8 at 1; 0.8 (1 - 1/4) = 0.6 at 2; 0.6 (1 - 1/2) = 0.3 at 3; 0.3 to 4.
const curve = summariseCurve(kaplanMeier([1, 2, 2, 3, 4], [1, 1, 0, 1, 0]));

describe('Kaplan-Meier plot data', () => {
  it('the step vertices of the curve, by hand', () => {
    const s = kmSteps(curve);
    expect(s.x).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
    const r = (v: (number | null)[]) => v.map((x) => (x === null ? null : Math.round(x * 1e12) / 1e12));
    expect(r(s.surv)).toEqual([1, 1, 0.8, 0.8, 0.6, 0.6, 0.3, 0.3, 0.3]);
    // censoring marks sit on the curve after the jump at the censored times (2 and 4)
    expect(r(s.censored)).toEqual([null, null, null, null, 0.6, null, null, null, 0.3]);
  });

  it('CI limits step with the curve (R survfit log CI) and start at 1', () => {
    const s = kmSteps(curve);
    expect(s.upper[0]).toBe(1);
    expect(s.lower[0]).toBe(1);
    expect(s.lower[2]).toBe(curve.lower[0]);
    expect(s.upper[4]).toBe(curve.upper[1]);
    // before each jump the previous limit holds
    expect(s.lower[3]).toBe(curve.lower[0]);
  });

  it('two groups share one table with a band per group and the numbers-at-risk table', () => {
    const other = summariseCurve(kaplanMeier([0.5, 5], [1, 0]));
    const spec = kaplanMeierPlot(
      [
        { label: 'Low risk (n = 5)', tableLabel: 'Low risk', color: '#2f6db5', curve },
        { label: 'High risk (n = 2)', tableLabel: 'High risk', color: '#c0392b', curve: other },
      ],
      { id: 'km', title: 'OS' },
      { times: [0, 2, 4], counts: [[5, 4, 1], [2, 1, 1]] },
    );
    expect(spec.data.length).toBe(1 + 8);
    expect(spec.series.map((s) => s.style ?? 'line')).toEqual(['line', 'band-limit', 'band-limit', 'points', 'line', 'band-limit', 'band-limit', 'points']);
    expect(spec.bands).toEqual([
      { upper: 2, lower: 3, fill: 'rgba(47, 109, 181, 0.15)' },
      { upper: 6, lower: 7, fill: 'rgba(192, 57, 43, 0.15)' },
    ]);
    expect(spec.x.range).toEqual([0, 5]);
    expect(spec.table!.rows.map((r) => r.label)).toEqual(['Low risk', 'High risk']);
    // the low-risk curve's values in row order are exactly its step vertices
    expect(spec.data[1].filter((v) => v !== null)).toEqual(kmSteps(curve).surv);
    const x = spec.data[0];
    for (let i = 1; i < x.length; i++) expect(x[i]).toBeGreaterThanOrEqual(x[i - 1]);
  });
});
