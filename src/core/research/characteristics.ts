/**
 * Baseline characteristics of the training and validation sets (the study's Table 1): response categories, centre
 * and every candidate clinical variable (a dichotomised one by its two sides of the cut). Numbers: median (IQR, R
 * quantile type 7) and the Mann-Whitney p (wilcox.test, normal approximation with continuity correction);
 * categories: n (%) and Pearson's chi-square p (chisq.test(correct = FALSE)). Missing values are counted apart and left out of the tests.
 */
import type { BuildModelInput, BuildModelResult } from '../model/build-model.js';
import { mannWhitneyTest } from '../model/univariate.js';
import { quantileType7 } from '../stats/calibration.js';
import { chiSquareUpper } from '../stats/distributions.js';

export interface CharacteristicRow {
  /** Variable label; level rows repeat it. */
  variable: string;
  /** null on a variable's own row (numbers, or the header of its categories). */
  level: string | null;
  training: string;
  validation: string | null;
  pValue: number | null;
  test: 'Mann-Whitney U' | 'chi-square' | null;
}

export interface Characteristics {
  nTraining: number;
  nValidation: number;
  rows: CharacteristicRow[];
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

function medianIqr(v: number[]): string {
  if (v.length === 0) return 'NA';
  const [q1, m, q3] = quantileType7(v, [0.25, 0.5, 0.75]);
  return `${fmt(m)} (${fmt(q1)}-${fmt(q3)})`;
}

/** Pearson chi-square test of a contingency table (rows: levels, columns: sets); levels absent everywhere are dropped. */
export function chiSquareTest(table: readonly (readonly number[])[]): { chisq: number; df: number; pValue: number } | null {
  const rows = table.filter((r) => r.some((v) => v > 0));
  const nc = rows[0]?.length ?? 0;
  const colSum = Array.from({ length: nc }, (_, j) => rows.reduce((s, r) => s + r[j], 0));
  const cols = colSum.map((s, j) => (s > 0 ? j : -1)).filter((j) => j >= 0);
  if (rows.length < 2 || cols.length < 2) return null;
  const total = colSum.reduce((s, v) => s + v, 0);
  let chisq = 0;
  for (const r of rows) {
    const rs = r.reduce((s, v) => s + v, 0);
    for (const j of cols) {
      const e = (rs * colSum[j]) / total;
      chisq += (r[j] - e) ** 2 / e;
    }
  }
  const df = (rows.length - 1) * (cols.length - 1);
  return { chisq, df, pValue: chiSquareUpper(chisq, df) };
}

export function baselineCharacteristics(input: BuildModelInput, r: BuildModelResult): Characteristics {
  const pts = r.rows.map((i) => input.patients[i]);
  const sets = [r.split.train.map((k) => pts[k]), r.split.test.map((k) => pts[k])];
  const hasVal = sets[1].length > 0;
  const rows: CharacteristicRow[] = [];
  const pct = (k: number, n: number) => `${k} (${n > 0 ? ((100 * k) / n).toFixed(1) : '0.0'}%)`;
  const categorical = (label: string, values: ((p: (typeof pts)[number]) => string | null), levels?: readonly string[]) => {
    const vals = sets.map((s) => s.map(values));
    const lv = levels ? [...levels] : [...new Set(vals.flat().filter((v): v is string => v !== null))].sort();
    const counts = lv.map((l) => vals.map((vs) => vs.filter((v) => v === l).length));
    const test = hasVal ? chiSquareTest(counts) : null;
    rows.push({ variable: label, level: null, training: '', validation: hasVal ? '' : null, pValue: test?.pValue ?? null, test: test ? 'chi-square' : null });
    lv.forEach((l, k) => {
      const nOf = (j: number) => vals[j].filter((v) => v !== null).length;
      rows.push({ variable: label, level: l, training: pct(counts[k][0], nOf(0)), validation: hasVal ? pct(counts[k][1], nOf(1)) : null, pValue: null, test: null });
    });
    const missing = vals.map((vs) => vs.filter((v) => v === null).length);
    if (missing.some((m) => m > 0)) rows.push({ variable: label, level: 'missing', training: String(missing[0]), validation: hasVal ? String(missing[1]) : null, pValue: null, test: null });
  };
  categorical('Response (mRECIST)', (p) => p.response, ['CR', 'PR', 'SD', 'PD']);
  if (pts.some((p) => p.centre !== null)) categorical('Centre', (p) => p.centre);
  for (const pr of input.predictors) {
    // a dichotomised variable is shown by its two sides of the cut, as the model uses it
    const label = pr.cut !== undefined ? `${pr.variable}${pr.unit ? ` (${pr.unit})` : ''}` : `${pr.label ?? pr.variable}${pr.unit ? ` (${pr.unit})` : ''}`;
    const raw = (p: (typeof pts)[number]) => {
      const v = p.clinical[pr.variable];
      return v === null || v === undefined || v === '' ? null : v;
    };
    if (pr.type === 'categorical') {
      categorical(label, (p) => (raw(p) === null ? null : String(raw(p))), pr.levels);
      continue;
    }
    if (pr.cut !== undefined) {
      const cut = pr.cut;
      const side = (p: (typeof pts)[number]) => {
        const v = Number(raw(p));
        return raw(p) === null || !Number.isFinite(v) ? null : v >= cut ? `>= ${cut}` : `< ${cut}`;
      };
      categorical(label, side, [`< ${cut}`, `>= ${cut}`]);
      continue;
    }
    const nums = sets.map((s) => s.map(raw).filter((v): v is number | string => v !== null).map(Number).filter(Number.isFinite));
    const mw = hasVal && nums[0].length > 0 && nums[1].length > 0 ? mannWhitneyTest(nums[0], nums[1]).pValue : null;
    rows.push({ variable: `${label}, median (IQR)`, level: null, training: medianIqr(nums[0]), validation: hasVal ? medianIqr(nums[1]) : null, pValue: mw, test: mw === null ? null : 'Mann-Whitney U' });
  }
  return { nTraining: sets[0].length, nValidation: sets[1].length, rows };
}
