import { describe, expect, it } from 'vitest';
import { cvCurvePlot, lassoPathPlot } from '../../src/core/plots/lasso.js';
import { featureDistributionPlot, histogramOutline, sharedHistogram } from '../../src/core/plots/feature-distribution.js';

describe('LASSO plot data', () => {
  const lambda = [1, 0.5, 0.25];
  const beta = [
    [0, 0, 0],
    [0.3, 0, 0],
    [0.5, -0.2, 0],
  ];
  it('coefficient path against log(lambda) increasing, one series per feature ever non-zero', () => {
    const spec = lassoPathPlot({ lambda, beta, names: ['a', 'b', 'c'], lambdaMin: 0.25, lambda1se: 0.5, selected: ['a'] }, { id: 'p', title: 'Path' });
    expect(spec.data[0]).toEqual([Math.log(0.25), Math.log(0.5), Math.log(1)]);
    expect(spec.series.map((s) => s.label)).toEqual(['a', 'b']);
    expect(spec.data[1]).toEqual([0.5, 0.3, 0]);
    expect(spec.data[2]).toEqual([-0.2, 0, 0]);
    expect(spec.series.map((s) => s.legend)).toEqual([true, false]);
    expect(spec.markerLines!.map((m) => [m.label, m.x])).toEqual([['lambda.min', Math.log(0.25)], ['lambda.1se', Math.log(0.5)]]);
  });
  it('CV curve with a one-SE band and the non-zero count as data only', () => {
    const spec = cvCurvePlot({ lambda, cvm: [1.2, 1.0, 1.1], cvup: [1.3, 1.1, 1.25], cvlo: [1.1, 0.9, 0.95], nzero: [0, 1, 2], lambdaMin: 0.5, lambda1se: 1, typeMeasure: 'deviance', nfolds: 10 }, { id: 'cv', title: 'CV' });
    expect(spec.data.slice(1)).toEqual([[1.1, 1.0, 1.2], [1.25, 1.1, 1.3], [0.95, 0.9, 1.1], [2, 1, 0]]);
    expect(spec.bands).toEqual([{ upper: 2, lower: 3, fill: expect.stringMatching(/^rgba\(/) }]);
    expect(spec.series[3].style).toBe('hidden');
    expect(spec.y.label).toBe('Binomial deviance (10-fold CV)');
  });
});

describe('feature distribution plot data', () => {
  it('shares per common bin sum to 1 in each group, Sturges bins, last bin closed', () => {
    const h = sharedHistogram([[0, 1, 2, 3, 4], [4, 4, 4]]);
    expect(h.edges.length - 1).toBe(Math.ceil(Math.log2(8)) + 1);
    expect(h.edges[0]).toBe(0);
    expect(h.edges[h.edges.length - 1]).toBe(4);
    for (const s of h.share) expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    expect(h.share[1][h.share[1].length - 1]).toBe(1);
  });
  it('outline vertices go up, across and down each bin', () => {
    expect(histogramOutline([0, 1, 2], [0.25, 0.75])).toEqual({ x: [0, 0, 1, 1, 2, 2], y: [0, 0.25, 0.25, 0.75, 0.75, 0] });
  });
  it('responders and non-responders on the same x, Mann-Whitney p in the subtitle', () => {
    const spec = featureDistributionPlot('AP_glcm_Contrast', [1, 2, 3, 10, 11, 12], [0, 0, 0, 1, 1, 1], { positive: 'responders', negative: 'non-responders' }, { id: 'f', setLabel: 'Training set' });
    expect(spec.data.length).toBe(3);
    expect(spec.series.map((s) => s.label)).toEqual(['responders (n = 3)', 'non-responders (n = 3)']);
    expect(spec.subtitle).toMatch(/Mann-Whitney p = 0\.0[0-9]{2}$/);
  });
});
