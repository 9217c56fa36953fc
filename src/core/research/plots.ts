/**
 * Every figure of a research run as plot data (../plots) with its SVG and CSV exports: ROC, calibration and
 * decision curves per set; the LASSO coefficient path and CV curve; Kaplan-Meier curves of the risk groups for OS
 * and PFS per set; the distribution of each selected feature by response (training set); and the nomogram (SVG).
 */
import type { BuildModelInput, BuildModelResult, SetResult } from '../model/build-model.js';
import { ENDPOINT_LABELS } from '../model/cohort.js';
import type { RiskGroupSurvival } from '../model/risk-survival.js';
import { calibrationPlot } from '../plots/calibration.js';
import { plotToCsv, tableToCsv } from '../plots/csv.js';
import { decisionCurvePlot } from '../plots/decision-curve.js';
import { featureDistributionPlot } from '../plots/feature-distribution.js';
import { kaplanMeierPlot } from '../plots/kaplan-meier.js';
import { cvCurvePlot, lassoPathPlot } from '../plots/lasso.js';
import { nomogramSvg } from '../plots/nomogram-svg.js';
import { rocPlot } from '../plots/roc.js';
import { plotToSvg } from '../plots/svg.js';
import { PLOT_COLOURS, type PlotSpec } from '../plots/types.js';
import { MODEL_LABELS, MODEL_NAMES } from './summary.js';

export interface ResearchPlot {
  spec: PlotSpec;
  svg: string;
  csv: string;
  /** CSV of the table under the plot (numbers at risk), when there is one. */
  tableCsv?: string;
}

export interface ResearchFigures {
  plots: ResearchPlot[];
  nomogramSvg: string;
}

export function renderPlot(spec: PlotSpec): ResearchPlot {
  return { spec, svg: plotToSvg(spec), csv: plotToCsv(spec), ...(spec.table ? { tableCsv: tableToCsv(spec.table, spec.x.label) } : {}) };
}

const SET_LABEL = { training: 'Training set', validation: 'Validation set' } as const;

function modelPlots(set: SetResult, which: 'training' | 'validation'): PlotSpec[] {
  const n = `${SET_LABEL[which]} (n = ${set.ids.length}, ${set.y.reduce((s, v) => s + v, 0)} responders)`;
  const models = MODEL_NAMES.map((m) => ({ label: MODEL_LABELS[m], color: PLOT_COLOURS[m], name: m }));
  return [
    rocPlot(models.map((m) => ({ ...m, scores: set.probability[m.name], y: set.y })), { id: `roc-${which}`, title: `ROC curves, ${which} set`, subtitle: n }),
    calibrationPlot(models.map((m) => ({ ...m, p: set.probability[m.name], y: set.y })), { id: `calibration-${which}`, title: `Calibration, ${which} set`, subtitle: `${n}; 10 groups by predicted probability` }),
    decisionCurvePlot(models.map((m) => ({ ...m, curve: set.decisionCurves[m.name] })), { id: `decision-curve-${which}`, title: `Decision curves, ${which} set`, subtitle: n }),
  ];
}

function kmPlot(s: RiskGroupSurvival | null, endpoint: 'os' | 'pfs', which: 'training' | 'validation'): PlotSpec | null {
  if (!s) return null;
  const name = endpoint === 'os' ? 'Overall survival' : 'Progression-free survival';
  const p = s.logrankP < 0.001 ? '< 0.001' : `= ${s.logrankP.toFixed(3)}`;
  return kaplanMeierPlot(
    [
      { label: `Low risk (n = ${s.low.n})`, tableLabel: 'Low risk', color: PLOT_COLOURS.low, curve: s.low },
      { label: `High risk (n = ${s.high.n})`, tableLabel: 'High risk', color: PLOT_COLOURS.high, curve: s.high },
    ],
    {
      id: `km-${endpoint}-${which}`,
      title: `${name} by risk group, ${which} set`,
      subtitle: `log-rank p ${p}; HR (high vs low) ${s.hazardRatio.toFixed(3)} (95% CI ${s.hrCiLower.toFixed(3)}-${s.hrCiUpper.toFixed(3)})`,
      timeLabel: 'Time (months)',
    },
    { times: s.atRiskTimes, counts: [s.atRiskLow, s.atRiskHigh] },
  );
}

export function researchFigures(input: BuildModelInput, r: BuildModelResult): ResearchFigures {
  const specs: PlotSpec[] = [...modelPlots(r.training, 'training')];
  if (r.validation) specs.push(...modelPlots(r.validation, 'validation'));
  const selected = r.radiomics.features.map((f) => f.name);
  specs.push(
    lassoPathPlot(
      { lambda: r.cv.fit.lambda, beta: r.cv.fit.beta, names: r.cv.fit.names, lambdaMin: r.cv.lambdaMin, lambda1se: r.cv.lambda1se, selected },
      { id: 'lasso-path', title: 'LASSO coefficient path', subtitle: `${r.cv.fit.names.length} candidate features after reduction; ${selected.length} kept at ${r.lambdaRule}` },
    ),
    cvCurvePlot(
      { lambda: r.cv.lambda, cvm: r.cv.cvm, cvup: r.cv.cvup, cvlo: r.cv.cvlo, nzero: r.cv.nzero, lambdaMin: r.cv.lambdaMin, lambda1se: r.cv.lambda1se, typeMeasure: r.cv.typeMeasure, nfolds: Math.max(...r.cv.foldid) },
      { id: 'lasso-cv', title: 'LASSO cross-validation', subtitle: `lambda.min = ${r.cv.lambdaMin.toPrecision(4)}, lambda.1se = ${r.cv.lambda1se.toPrecision(4)}` },
    ),
  );
  for (const which of ['training', 'validation'] as const) {
    const set = r[which];
    if (!set) continue;
    for (const ep of ['os', 'pfs'] as const) {
      const km = kmPlot(set.survival[ep], ep, which);
      if (km) specs.push(km);
    }
  }
  const labels = ENDPOINT_LABELS[r.endpoint];
  const tr = r.split.train.map((k) => r.rows[k]);
  r.radiomics.features.forEach((f, k) => {
    const values = tr.map((i) => input.features[i][f.column]);
    specs.push(featureDistributionPlot(f.name, values, r.training.y, labels, { id: `feature-${k + 1}`, setLabel: 'Training set' }));
  });
  const outcome = r.endpoint === 'objective-response' ? 'objective response' : 'disease control';
  return {
    plots: specs.map(renderPlot),
    nomogramSvg: nomogramSvg(r.nomogram, { title: 'Nomogram of the combined model', outcome, predictors: r.clinical.selected }),
  };
}
