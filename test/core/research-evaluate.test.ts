import { describe, expect, it } from 'vitest';
import { decisionCurve } from '../../src/core/model/evaluate.js';
import { createPrng } from '../../src/core/model/prng.js';
import { evaluateScores } from '../../src/core/research/evaluate-scores.js';
import { survivalAnalysis } from '../../src/core/research/survival-analysis.js';
import { hosmerLemeshow } from '../../src/core/stats/calibration.js';
import { fitCox } from '../../src/core/stats/cox.js';
import { concordanceIndex } from '../../src/core/stats/concordance.js';
import { kaplanMeier } from '../../src/core/stats/kaplan-meier.js';
import { logrankTest } from '../../src/core/stats/logrank.js';
import { aucDelong, delongTest, youden } from '../../src/core/stats/roc.js';
import { riskCutoff } from '../../src/core/model/risk-cutoff.js';

const prng = createPrng(9);
const n = 80;
const y = Array.from({ length: n }, () => (prng.float() < 0.5 ? 1 : 0));
const p = y.map((v) => 1 / (1 + Math.exp(-(v - 0.5 + prng.normal()))));
const s = y.map((v) => 2 * v + 3 * prng.normal());
const csv = `patient_id,outcome,prob,score\n${y.map((v, i) => `P${i},${v},${p[i]},${s[i]}`).join('\n')}\n`;

describe('evaluateScores (webradiomics evaluate)', () => {
  const r = evaluateScores('scores.csv', csv);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  const [prob, score] = r.result.scores;
  it('ROC / AUC / DeLong / Youden of each score, as the stats core computes them', () => {
    expect(r.result.scores.map((x) => x.score)).toEqual(['prob', 'score']);
    const a = aucDelong(p, y);
    expect(prob.auc).toBe(a.auc);
    expect(prob.aucCi).toEqual([a.ciLower, a.ciUpper]);
    expect(score.youden.threshold).toBe(youden(s, y).threshold);
    const d = delongTest(p, s, y);
    expect(r.result.delong[0]).toMatchObject({ score1: 'prob', score2: 'score', difference: d.difference, pValue: d.pValue });
    expect(prob.roc[0].threshold).toBe(null); // -Inf in JSON
  });
  it('calibration and decision curve for probabilities only', () => {
    expect(prob.isProbability).toBe(true);
    expect(prob.calibration!.hosmerLemeshow!.pValue).toBe(hosmerLemeshow(p, y, { groups: 10 }).pValue);
    expect(prob.decisionCurve).toEqual(decisionCurve(p, y));
    expect(score.calibration).toBe(null);
    expect(r.result.warnings).toEqual(['score: not a probability (values outside (0, 1)); calibration and decision curve left out']);
  });
  it('names file, row and column of bad values; needs both outcomes', () => {
    const bad = evaluateScores('s.csv', 'outcome,prob\n1,0.2\n2,0.3\n0,abc\n');
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => i.message)).toEqual(['s.csv, row 3, column "outcome": "2" is not 0 or 1', 's.csv, row 4, column "prob": "abc" is not a number']);
    const one = evaluateScores('s.csv', 'outcome,prob\n1,0.2\n1,0.3\n');
    expect(one.issues.at(-1)!.message).toBe('s.csv, column "outcome": ROC analysis needs both outcomes (found 2 of 2 with outcome 1)');
    const none = evaluateScores('s.csv', 'y_true,prob\n1,0.2\n');
    expect(none.issues[0].message).toBe('s.csv, row 1, column "outcome": no outcome column (looked for outcome, y, label, response_binary; name it with --outcome)');
  });
});

const time = Array.from({ length: n }, () => Math.round(prng.exponential() * 200) / 10 + 0.1);
const event = time.map(() => (prng.float() < 0.7 ? 1 : 0) as 0 | 1);
const group = s.map((v) => (v > 0 ? 'B' : 'A'));
const survCsv = `id,time,event,group,score\n${time.map((t, i) => `P${i},${t},${event[i]},${group[i]},${s[i]}`).join('\n')}\n`;

describe('survivalAnalysis (webradiomics survival)', () => {
  it('groups: KM per group, log-rank, Cox HR against the first group', () => {
    const r = survivalAnalysis('s.csv', survCsv, { group: 'group' });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const lr = logrankTest(time, event, group);
    expect(r.result.logrank!.chisq).toBe(lr.chisq);
    expect(r.result.logrank!.pValue).toBe(lr.pValue);
    const cox = fitCox(time, event, [group.map((g) => (g === 'B' ? 1 : 0))], { names: ['group=B'] });
    expect(r.result.cox.hazardRatio[0]).toBe(cox.hazardRatio[0]);
    expect(r.result.cox.reference).toBe('A');
    expect(r.result.cox.terms).toEqual(['group=B']);
    const a = kaplanMeier(time.filter((_, i) => group[i] === 'A'), event.filter((_, i) => group[i] === 'A'));
    expect(r.result.groups[0].km.surv).toEqual(a.surv);
    expect(r.result.groups.map((g) => g.group)).toEqual(['A', 'B']);
    expect(r.result.concordance).toBe(null);
  });
  it('score: continuous Cox and Harrell C; with a cut-off, low and high risk groups', () => {
    const cont = survivalAnalysis('s.csv', survCsv, { score: 'score' });
    if (!cont.ok) throw new Error('failed');
    expect(cont.result.cox.hazardRatio[0]).toBe(fitCox(time, event, [s]).hazardRatio[0]);
    expect(cont.result.concordance!.c).toBe(concordanceIndex(time, event, s).c);
    expect(cont.result.groups).toEqual([]);
    const cut = survivalAnalysis('s.csv', survCsv, { score: 'score', cutoff: 'maxstat' });
    if (!cut.ok) throw new Error('failed');
    const ms = riskCutoff({ score: s, time, event }, 'maxstat');
    expect(cut.result.grouping).toMatchObject({ kind: 'score', cutoff: { method: 'maxstat', value: ms.cutoff, highRisk: 'above' } });
    expect(cut.result.groups.map((g) => [g.group, g.n])).toEqual([['low', s.filter((v) => v <= ms.cutoff).length], ['high', s.filter((v) => v > ms.cutoff).length]]);
    const fixed = survivalAnalysis('s.csv', survCsv, { score: 'score', cutoff: 0, highRisk: 'below' });
    if (!fixed.ok) throw new Error('failed');
    expect(fixed.result.groups.find((g) => g.group === 'high')!.n).toBe(s.filter((v) => v <= 0).length);
  });
  it('reports bad input naming file, row and column', () => {
    const neg = survivalAnalysis('s.csv', 'time,event,group\n1,1,A\n-2,0,B\n', { group: 'group' });
    expect(neg.issues.map((i) => i.message)).toContain('s.csv, row 3, column "time": time -2 is negative');
    const ev = survivalAnalysis('s.csv', 'time,event,group\n1,yes,A\n2,maybe,B\n', { group: 'group' });
    expect(ev.issues.map((i) => i.message)).toContain('s.csv, row 3, column "event": "maybe" is not 0 or 1');
    const one = survivalAnalysis('s.csv', 'time,event,group\n1,1,A\n2,0,A\n', { group: 'group' });
    expect(one.issues.at(-1)!.message).toBe('s.csv: only one group (A): comparing survival needs two or more');
    const missing = survivalAnalysis('s.csv', 'time,event,group\n1,1,A\n,0,B\n3,1,B\n', { group: 'group' });
    expect(missing.ok).toBe(true);
    expect(missing.issues[0].message).toBe('s.csv, row 3, column "time": missing value; the row is left out');
  });
});
