/**
 * The result tables of a research run, laid out like the study's tables, as data: the app renders them with lit,
 * the report as HTML, from this one source. A cell may carry its exact value and a key ("auc/validation/combined")
 * that tests and scripts use to find it.
 */
import type { Characteristics } from './characteristics.js';
import { f2, f3, medianText, pText, percent, sig4, withCi } from './format.js';
import { MODEL_LABELS, MODEL_NAMES, type ResearchSummary, type SetSummary, type SurvivalSummary } from './summary.js';

export interface TableCell {
  text: string;
  value?: number | null;
  key?: string;
}

export interface ResultTable {
  id: string;
  title: string;
  header: string[];
  rows: { cells: TableCell[]; group?: boolean }[];
  notes?: string[];
}

const t = (text: string): TableCell => ({ text });
const v = (text: string, value: number | null, key?: string): TableCell => ({ text, value, ...(key ? { key } : {}) });
const SETS = ['training', 'validation'] as const;

function setsOf(s: ResearchSummary): { name: (typeof SETS)[number]; set: SetSummary }[] {
  return SETS.filter((k) => s[k] !== null).map((k) => ({ name: k, set: s[k]! }));
}

function characteristicsTable(c: Characteristics): ResultTable {
  const hasVal = c.nValidation > 0;
  return {
    id: 'baseline',
    title: 'Table 1. Baseline characteristics of the training and validation sets',
    header: ['Characteristic', `Training set (n = ${c.nTraining})`, ...(hasVal ? [`Validation set (n = ${c.nValidation})`, 'p'] : [])],
    rows: c.rows.map((r) => ({
      group: r.level === null && r.training === '',
      cells: [t(r.level === null ? r.variable : `  ${r.level}`), t(r.training), ...(hasVal ? [t(r.validation ?? ''), v(r.pValue === null ? '' : pText(r.pValue), r.pValue)] : [])],
    })),
    notes: ['Numbers: median (interquartile range), Mann-Whitney U test; categories: n (%), Pearson chi-square test.'],
  };
}

function clinicalTable(s: ResearchSummary): ResultTable {
  const multi = new Map((s.clinical.multivariate ?? []).map((m) => [m.variable, m]));
  const rows: ResultTable['rows'] = [];
  for (const u of s.clinical.univariate) {
    const m = multi.get(u.variable);
    u.terms.forEach((term, k) => {
      rows.push({
        cells: [
          t(term),
          v(withCi(u.oddsRatio[k], u.orCiLower[k], u.orCiUpper[k]), u.oddsRatio[k]),
          v(k === 0 ? pText(u.pValue) : '', k === 0 ? u.pValue : null),
          t(m ? withCi(m.oddsRatio[k], m.orCiLower[k], m.orCiUpper[k]) : ''),
          v(m && k === 0 ? pText(m.pValue) : '', m && k === 0 ? m.pValue : null),
        ],
      });
    });
  }
  return {
    id: 'clinical',
    title: 'Table 2. Univariate and multivariate logistic regression of clinical variables (training set)',
    header: ['Variable', 'Univariate OR (95% CI)', 'p', 'Multivariate OR (95% CI)', 'p'],
    rows,
    notes: [
      `Independent predictors (clinical model): ${s.clinical.selected.join(', ')}.`,
      'p of a variable is the Wald test of all its terms.',
      ...(s.clinical.note ? [s.clinical.note] : []),
    ],
  };
}

function radiomicsTable(s: ResearchSummary): ResultTable {
  return {
    id: 'radiomics',
    title: 'Table 3. Radiomic features selected by LASSO and the rad-score',
    header: ['Feature', 'Coefficient (standardised)'],
    rows: [
      ...s.lasso.features.map((f) => ({ cells: [t(f.name), v(sig4(f.coefficient), f.coefficient)] })),
      { cells: [t('Intercept'), v(sig4(s.lasso.intercept), s.lasso.intercept)] },
    ],
    notes: [
      `Rad-score = intercept + sum of coefficient x z-scored feature (training mean and SD).`,
      `Reduction: ${s.cohort.nFeatures} features -> ${s.reduction.map((r) => `${r.step}: ${r.kept}`).join(' -> ')}; LASSO ${s.lasso.nfolds}-fold CV (${s.lasso.typeMeasure}), ${s.lasso.rule} = ${sig4(s.lasso.lambda)}.`,
    ],
  };
}

function combinedTable(s: ResearchSummary): ResultTable {
  return {
    id: 'combined',
    title: 'Table 4. The combined clinical-radiomic model (multivariate logistic regression, training set)',
    header: ['Term', 'Coefficient', 'OR (95% CI)', 'p'],
    rows: s.combinedModel.terms.map((c) => ({ cells: [t(c.term), v(sig4(c.coefficient), c.coefficient), v(withCi(c.oddsRatio, c.orCi[0], c.orCi[1]), c.oddsRatio), v(pText(c.pValue), c.pValue)] })),
    notes: [s.combinedModel.formula],
  };
}

function performanceTable(s: ResearchSummary): ResultTable {
  const rows: ResultTable['rows'] = [];
  for (const { name, set } of setsOf(s)) {
    rows.push({ group: true, cells: [t(`${name === 'training' ? 'Training' : 'Validation'} set (n = ${set.n}, ${set.events} with ${s.endpoint.positive})`), t(''), t(''), t(''), t(''), t(''), t('')] });
    for (const m of MODEL_NAMES) {
      const p = set.models[m];
      const y = p.youden;
      rows.push({
        cells: [
          t(MODEL_LABELS[m]),
          v(withCi(p.auc, p.aucCi[0], p.aucCi[1]), p.auc, `auc/${name}/${m}`),
          v(percent(y.accuracy), y.accuracy, `accuracy/${name}/${m}`),
          v(percent(y.sensitivity), y.sensitivity, `sensitivity/${name}/${m}`),
          v(percent(y.specificity), y.specificity, `specificity/${name}/${m}`),
          v(percent(y.ppv), y.ppv, `ppv/${name}/${m}`),
          v(percent(y.npv), y.npv, `npv/${name}/${m}`),
        ],
      });
    }
  }
  return {
    id: 'performance',
    title: 'Table 5. Predictive performance of the clinical, radiomic and combined models',
    header: ['Model', 'AUC (95% CI)', 'Accuracy', 'Sensitivity', 'Specificity', 'PPV', 'NPV'],
    rows,
    notes: ['AUC 95% CI by DeLong. Accuracy, sensitivity, specificity, PPV and NPV at the Youden threshold of the training set, applied unchanged to the validation set.'],
  };
}

function delongTable(s: ResearchSummary): ResultTable {
  const rows: ResultTable['rows'] = [];
  for (const { name, set } of setsOf(s)) {
    for (const c of set.delong) {
      rows.push({ cells: [t(name === 'training' ? 'Training' : 'Validation'), t(`${MODEL_LABELS[c.model1 as keyof typeof MODEL_LABELS]} vs ${MODEL_LABELS[c.model2 as keyof typeof MODEL_LABELS]}`), v(f3(c.difference), c.difference), v(f3(c.z), c.z), v(pText(c.pValue), c.pValue, `delong/${name}/${c.model1}-${c.model2}`)] });
    }
  }
  return { id: 'delong', title: 'Table 6. Comparison of AUCs (paired DeLong test)', header: ['Set', 'Comparison', 'AUC difference', 'z', 'p'], rows };
}

function calibrationTable(s: ResearchSummary): ResultTable {
  const rows: ResultTable['rows'] = [];
  for (const { name, set } of setsOf(s)) {
    for (const m of MODEL_NAMES) {
      const p = set.models[m];
      const hl = p.hosmerLemeshow;
      rows.push({
        cells: [
          t(name === 'training' ? 'Training' : 'Validation'),
          t(MODEL_LABELS[m]),
          v(hl ? `${f3(hl.chisq)} (${hl.df})` : 'NA', hl?.chisq ?? null),
          v(hl ? pText(hl.pValue) : 'NA', hl?.pValue ?? null, `hl/${name}/${m}`),
          v(f3(p.calibrationIntercept), p.calibrationIntercept),
          v(f3(p.calibrationSlope), p.calibrationSlope),
          v(f3(p.brier), p.brier),
        ],
      });
    }
  }
  return {
    id: 'calibration',
    title: 'Table 7. Calibration',
    header: ['Set', 'Model', 'Hosmer-Lemeshow chi-square (df)', 'p', 'Calibration intercept', 'Calibration slope', 'Brier score'],
    rows,
    notes: ['Hosmer-Lemeshow test with 10 groups by predicted probability; intercept and slope of the logistic recalibration glm(y ~ logit(p)).'],
  };
}

function survivalRow(s: SurvivalSummary, set: string): TableCell[] {
  const key = `${s.endpoint.toLowerCase()}/${set}`;
  return [
    t(`${s.endpoint}, ${set}`),
    t(`${s.nLow} / ${s.nHigh}`),
    t(`${s.eventsLow} / ${s.eventsHigh}`),
    t(medianText(s.medianLow)),
    t(medianText(s.medianHigh)),
    v(withCi(s.hazardRatio, s.hrCi[0], s.hrCi[1]), s.hazardRatio, `hr/${key}`),
    v(pText(s.coxP), s.coxP, `coxp/${key}`),
    v(pText(s.logrankP), s.logrankP, `logrank/${key}`),
    v(s.cIndex === null ? 'NA' : `${f3(s.cIndex)} (${f3(s.cIndexSe)})`, s.cIndex, `cindex/${key}`),
  ];
}

function survivalTable(s: ResearchSummary): ResultTable {
  const rows: ResultTable['rows'] = [];
  for (const ep of ['os', 'pfs'] as const) {
    for (const { name, set } of setsOf(s)) {
      const sv = set.survival[ep];
      if (sv) rows.push({ cells: survivalRow(sv, name) });
      else rows.push({ cells: [t(`${ep.toUpperCase()}, ${name}`), t('not available (no outcome data, no event, or an empty risk group)'), t(''), t(''), t(''), t(''), t(''), t(''), t('')] });
    }
  }
  return {
    id: 'survival',
    title: 'Table 8. Survival of the high- and low-risk groups',
    header: ['Outcome, set', 'n (low / high)', 'Events (low / high)', 'Median, low risk (95% CI)', 'Median, high risk (95% CI)', 'HR high vs low (95% CI)', 'Cox p', 'Log-rank p', "Harrell's C (SE)"],
    rows,
    notes: [
      `Risk groups by the ${s.cutoff.method} cut-off of the combined linear predictor on the training set (${f2(s.cutoff.value)}); high risk = predictor ${s.cutoff.highRisk === 'below' ? '<=' : '>'} cut-off.`,
      "Cox regression with Efron ties; medians in months (NR: not reached). Harrell's C of the continuous combined predictor (higher = longer survival).",
    ],
  };
}

export function resultTables(s: ResearchSummary, c: Characteristics): ResultTable[] {
  return [characteristicsTable(c), clinicalTable(s), radiomicsTable(s), combinedTable(s), performanceTable(s), delongTable(s), calibrationTable(s), survivalTable(s)];
}
