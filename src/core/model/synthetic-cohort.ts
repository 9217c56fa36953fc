/**
 * Seeded synthetic cohort modelled on the TPI study of domain.md (advanced HCC, TKI + PD-1 inhibitor + TACE/HAIC,
 * baseline MRI): 240 patients from three centres, mRECIST response in the paper's proportions (CR 15, PR 161,
 * SD 26, PD 37 of 239), typical clinical variables, OS and PFS with administrative censoring, and radiomic
 * features with true signal (synthetic-features.ts). It is GENERATED DATA: it resembles the study in its marginal
 * figures only and carries syntheticData = true into any model built on it.
 * The default of 240 is kept for the feature-level demo (its R-checked fixture, the research page); the image
 * cohort (synthetic-image-cohort.ts) is this generator with n = 239, the paper's number, which the ranking below
 * turns into exactly 15 CR / 161 PR / 26 SD / 37 PD.
 *
 * Generation (all draws from one xoshiro128** stream, prng.ts):
 *  - latent traits u_i0..u_i7 ~ N(0, 1); radiomic signal r_i = 0.9 u_i0 + 0.7 u_i1 - 0.5 u_i2;
 *  - clinical variables (AFP log-normal, ALBI grade, Child-Pugh, BCLC, PVTT, tumour number, diameter, extrahepatic
 *    spread, ECOG, HBV, age, sex), of which PVTT, AFP >= 400, ALBI and extrahepatic spread lower response;
 *  - response score s_i = r_i + clinical effect + logistic noise (scale 0.6); patients ranked by s and the top
 *    6.3 % labelled CR, the next 67.4 % PR, the next 10.9 % SD, the rest PD (the paper's proportions);
 *  - PFS ~ Weibull(shape 1.2) with log-hazard 0.8 [PD] + 0.4 [SD] - 0.35 s_i + 0.3 [PVTT] + 0.3 [extrahepatic],
 *    median 13 months in the reference patient; OS = PFS + post-progression time ~ Exponential(median 10
 *    months x exp(0.3 s_i - 0.35 log-hazard)); censoring at an accrual-dependent follow-up U(6, 42) months; times in months
 *    rounded to 0.1.
 */
import type { ClinicalPredictor } from './clinical-model.js';
import type { ClinicalVariableSpec, ResponseCategory } from './cohort-clinical.js';
import { createPrng } from './prng.js';
import { syntheticFeatures } from './synthetic-features.js';

export interface SyntheticPatient {
  id: string;
  centre: string;
  response: ResponseCategory;
  os: { time: number; event: 0 | 1 };
  pfs: { time: number; event: 0 | 1 };
  clinical: Record<string, number | string>;
}

export interface SyntheticCohort {
  seed: number | string;
  patients: SyntheticPatient[];
  /** Latent traits u_i0..u_i7 of each patient (synthetic-images.ts draws the volumes from them). */
  traits: number[][];
  featureNames: string[];
  features: number[][];
  /** Reader-2 features of the first `nRepeat` patients (ICC subset). */
  repeatFeatures: number[][];
  nRepeat: number;
  /** Candidate clinical predictors (encoding, units, allowed ranges). */
  predictors: ClinicalPredictor[];
  /** Clinical CSV column specs. */
  variables: ClinicalVariableSpec[];
  informativeFeatures: string[];
  manifestCsv: string;
  clinicalCsv: string;
  featuresCsv: string;
}

export const TPI_PREDICTORS: ClinicalPredictor[] = [
  { variable: 'AFP', label: 'AFP >= 400 ng/mL', unit: 'ng/mL', type: 'numeric', cut: 400, min: 0, max: 1e7 },
  { variable: 'ALBI_grade', label: 'ALBI grade', type: 'categorical', levels: ['1', '2', '3'] },
  { variable: 'Child_Pugh', label: 'Child-Pugh class', type: 'categorical', levels: ['A', 'B'] },
  { variable: 'BCLC', label: 'BCLC stage', type: 'categorical', levels: ['B', 'C'] },
  { variable: 'PVTT', label: 'Portal vein tumour thrombus', type: 'categorical', levels: ['absent', 'present'] },
  { variable: 'tumour_number', label: 'Tumour number', type: 'categorical', levels: ['single', 'multiple'] },
  { variable: 'max_diameter', label: 'Maximum diameter', unit: 'cm', type: 'numeric', min: 0.5, max: 30 },
  { variable: 'extrahepatic_spread', label: 'Extrahepatic spread', type: 'categorical', levels: ['absent', 'present'] },
  { variable: 'ECOG', label: 'ECOG performance status', type: 'categorical', levels: ['0', '1'] },
  { variable: 'HBV', label: 'HBV infection', type: 'categorical', levels: ['negative', 'positive'] },
];

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

export function syntheticTpiCohort(options: { seed?: number | string; n?: number; nRepeat?: number } = {}): SyntheticCohort {
  const seed = options.seed ?? 2026;
  const n = options.n ?? 240;
  const nRepeat = Math.min(options.nRepeat ?? 40, n);
  const prng = createPrng(seed);
  const traits = Array.from({ length: n }, () => Array.from({ length: 8 }, () => prng.normal()));
  const feats = syntheticFeatures(prng, traits);
  const pick = (weights: number[], labels: string[]) => labels[prng.categorical(weights)];
  const rows = traits.map((u, i) => {
    const centre = pick([110, 75, 55], ['A', 'B', 'C']);
    const pvtt = pick([45, 55], ['absent', 'present']);
    const extra = pick([70, 30], ['absent', 'present']);
    const albi = pick([45, 50, 5], ['1', '2', '3']);
    const afp = round(Math.exp(Math.log(200) + 2.3 * prng.normal() + 0.4 * u[3]), 1);
    const diameter = round(Math.min(25, Math.max(1.5, Math.exp(Math.log(8.5) + 0.45 * prng.normal() + 0.15 * u[4]))), 1);
    const clinical: Record<string, number | string> = {
      age: Math.round(Math.min(85, Math.max(25, 55 + 10 * prng.normal()))),
      sex: pick([85, 15], ['M', 'F']),
      AFP: Math.max(0.5, afp),
      ALBI_grade: albi,
      Child_Pugh: albi === '3' || prng.float() < 0.1 ? 'B' : 'A',
      BCLC: pvtt === 'present' || extra === 'present' ? 'C' : pick([40, 60], ['B', 'C']),
      PVTT: pvtt,
      tumour_number: pick([35, 65], ['single', 'multiple']),
      max_diameter: diameter,
      extrahepatic_spread: extra,
      ECOG: pick([60, 40], ['0', '1']),
      HBV: pick([20, 80], ['negative', 'positive']),
    };
    const clinicalEffect = -0.45 * (pvtt === 'present' ? 1 : 0) - 0.35 * ((clinical.AFP as number) >= 400 ? 1 : 0) - 0.3 * Number(albi !== '1') - 0.25 * (extra === 'present' ? 1 : 0);
    const radiomic = 0.9 * u[0] + 0.7 * u[1] - 0.5 * u[2];
    const v = prng.float();
    const score = radiomic + clinicalEffect + 0.6 * Math.log(v / (1 - v));
    return { id: `TPI${String(i + 1).padStart(3, '0')}`, centre, clinical, score };
  });
  // rank by score: paper proportions CR 15/239, PR 161/239, SD 26/239, rest PD
  const order = rows.map((_, i) => i).sort((a, b) => rows[b].score - rows[a].score);
  const nCr = Math.round((n * 15) / 239);
  const nPr = Math.round((n * 161) / 239);
  const nSd = Math.round((n * 26) / 239);
  const response = new Array<ResponseCategory>(n);
  order.forEach((i, k) => (response[i] = k < nCr ? 'CR' : k < nCr + nPr ? 'PR' : k < nCr + nPr + nSd ? 'SD' : 'PD'));
  const patients: SyntheticPatient[] = rows.map((r, i) => {
    const lh = 0.8 * Number(response[i] === 'PD') + 0.4 * Number(response[i] === 'SD') - 0.35 * r.score + 0.3 * Number(r.clinical.PVTT === 'present') + 0.3 * Number(r.clinical.extrahepatic_spread === 'present');
    const shape = 1.2;
    const scalePfs = 13 / Math.pow(Math.LN2, 1 / shape);
    const pfsTime = scalePfs * Math.pow(prng.exponential() * Math.exp(-lh), 1 / shape);
    const osTime = pfsTime + (10 / Math.LN2) * Math.exp(0.3 * r.score - 0.35 * lh) * prng.exponential();
    const follow = 6 + 36 * prng.float();
    const t = (x: number) => Math.max(0.1, round(Math.min(x, follow), 1));
    return {
      id: r.id,
      centre: r.centre,
      response: response[i],
      pfs: { time: t(pfsTime), event: pfsTime <= follow ? 1 : 0 },
      os: { time: t(osTime), event: osTime <= follow ? 1 : 0 },
      clinical: r.clinical,
    };
  });
  const variables: ClinicalVariableSpec[] = [
    { name: 'age', type: 'numeric', unit: 'years', min: 18, max: 100 },
    { name: 'sex', type: 'categorical', levels: ['M', 'F'] },
    ...TPI_PREDICTORS.map((p) => ({ name: p.variable, type: p.type, unit: p.unit, min: p.min, max: p.max, levels: p.levels, label: p.label })),
  ];
  return {
    seed,
    patients,
    traits,
    featureNames: feats.names,
    features: feats.values,
    repeatFeatures: feats.repeat.slice(0, nRepeat),
    nRepeat,
    predictors: TPI_PREDICTORS,
    variables,
    informativeFeatures: feats.informative,
    ...cohortCsvs(patients, feats.names, feats.values, nRepeat),
  };
}

function cohortCsvs(patients: SyntheticPatient[], names: string[], values: number[][], nRepeat: number) {
  const manifest = ['patient_id,sequence,reader,image,mask,centre'];
  patients.forEach((p, i) => {
    for (const seq of ['AP', 'PVP', 'T2']) {
      const readers = i < nRepeat ? ['1', '2'] : ['1'];
      for (const r of readers) manifest.push(`${p.id},${seq},${r},images/${p.id}/${seq},masks/${p.id}/${seq}_reader${r}.nrrd,${p.centre}`);
    }
  });
  const vars = Object.keys(patients[0].clinical);
  const clinical = [['patient_id', 'centre', 'response', 'os_time', 'os_event', 'pfs_time', 'pfs_event', ...vars].join(',')];
  for (const p of patients) clinical.push([p.id, p.centre, p.response, p.os.time, p.os.event, p.pfs.time, p.pfs.event, ...vars.map((v) => p.clinical[v])].join(','));
  const features = [['patient_id', ...names].join(',')];
  patients.forEach((p, i) => features.push([p.id, ...values[i].map((v) => String(v))].join(',')));
  return { manifestCsv: `${manifest.join('\n')}\n`, clinicalCsv: `${clinical.join('\n')}\n`, featuresCsv: `${features.join('\n')}\n` };
}
