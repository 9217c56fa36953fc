/**
 * The IBSI profile: every enabled IBSI 1 family with IBSI names, codes and aggregation codes, from one prepared
 * case. Morphology uses the morphological mask, the other families the intensity mask; the grey levels are
 * discretised once and shared by the intensity histogram and every texture family; the texture matrices are asked
 * of a MatrixPlan (matrix-plan.ts), so that the CPU twins or the GPU can compute them.
 */
import { discretise, type Discretisation, type GreyLevels } from '../discretise.js';
import { glcmFeatureRecords } from '../features/glcm-extract.js';
import { gldzmFeatureRecords } from '../features/gldzm.js';
import { glrlmFeatureRecords } from '../features/glrlm.js';
import { glszmFeatureRecords } from '../features/glszm.js';
import { intensityHistogramFeatureRecords } from '../features/intensity-histogram.js';
import { intensityStatisticsFeatureRecords } from '../features/intensity-statistics.js';
import { intensityVolumeHistogramFeatureRecords } from '../features/intensity-volume-histogram.js';
import { localIntensityFeatureRecords } from '../features/local-intensity.js';
import { morphologyFeatureRecords } from '../features/morphology.js';
import { ngldmFeatureRecords } from '../features/ngldm.js';
import { ngtdmFeatureRecords } from '../features/ngtdm.js';
import { roiGreyLevels, roiIntensities } from '../features/roi-values.js';
import { aggregationDimension, zoneAggregationDimension, type FeatureRecord } from '../features/types.js';
import { withSliceAxis } from '../matrices/permute.js';
import { cropVolume } from '../preprocess/crop.js';
import type { ExtractionSettings, IbsiClass } from '../settings.js';
import { computeMatricesCpu, MatrixPlan } from './matrix-plan.js';
import type { PreparedCase } from './prepare.js';
import { ExtractionError, type IbsiRecord } from './types.js';

function ibsiDiscretisation(s: ExtractionSettings): Discretisation {
  const d = s.discretisation;
  if (d.kind === 'none') return { kind: 'none' };
  if (d.kind === 'fixed-bin-count') return { kind: 'fixed-bin-number', bins: d.bins };
  const reseg = s.resegmentation.range;
  const lowerBound = d.minimum ?? (reseg && reseg.mode === 'absolute' && reseg.lower !== null ? reseg.lower : undefined);
  return { kind: 'fixed-bin-size', width: d.width, convention: 'ibsi', ...(lowerBound !== undefined ? { lowerBound } : {}) };
}

/** Keeps the records a class's feature list names (IBSI name or code); all when the list is null or empty. */
function select(cls: string, records: FeatureRecord[], names: string[] | null): FeatureRecord[] {
  if (!names || names.length === 0) return records;
  for (const n of names) {
    if (!records.some((r) => r.name === n || r.ibsi_code === n)) throw new ExtractionError(`featureClass ${cls}: unknown IBSI feature ${n}`);
  }
  return records.filter((r) => names.includes(r.name) || names.includes(r.ibsi_code));
}

/**
 * Plans the IBSI records of a prepared case: the non-texture families now, the texture matrices as requests of
 * `plan` (matrix-plan.ts); `finish` (after plan.resolve) returns the records and adds the NaN warnings.
 */
export function ibsiPlan(c: PreparedCase, s: ExtractionSettings, warnings: string[], plan: MatrixPlan): () => IbsiRecord[] {
  const classes = s.featureClasses as Partial<Record<IbsiClass, string[] | null>>;
  const on = (k: IbsiClass) => classes[k] !== undefined;
  const image = cropVolume(c.image, c.morphBox);
  const mask = cropVolume(c.mask, c.morphBox);
  const intensityMask = cropVolume(c.intensityMask, c.morphBox);
  const out: [IbsiClass, () => FeatureRecord[]][] = [];
  const now = (cls: IbsiClass, records: FeatureRecord[]) => out.push([cls, () => records]);
  const t = s.texture;
  const distance = t.distances[0];
  if (on('morphology')) now('morphology', morphologyFeatureRecords({ mask, image, intensityMask }));
  if (on('local-intensity')) now('local-intensity', localIntensityFeatureRecords(c.image, c.intensityMask));
  const values = roiIntensities(image, intensityMask);
  if (on('intensity-statistics')) now('intensity-statistics', intensityStatisticsFeatureRecords(values));
  if (on('intensity-volume-histogram')) now('intensity-volume-histogram', intensityVolumeHistogramFeatureRecords(values, s.ivhDiscretisation));
  const textures: IbsiClass[] = ['intensity-histogram', 'glcm', 'glrlm', 'glszm', 'gldzm', 'ngtdm', 'ngldm'];
  if (textures.some(on)) {
    const grey3d: GreyLevels = discretise(image, intensityMask, ibsiDiscretisation(s));
    const sliceAxis = (2 - t.force2Ddimension) as 0 | 1 | 2;
    const texturesOn = textures.slice(1).some(on);
    const grey2d = texturesOn ? withSliceAxis(grey3d, sliceAxis) : grey3d;
    const imageFor = (d: '2d' | '3d') => plan.image(d === '3d' ? grey3d : grey2d);
    if (on('intensity-histogram')) {
      const ng = s.discretisation.kind === 'fixed-bin-count' ? s.discretisation.bins : undefined;
      now('intensity-histogram', intensityHistogramFeatureRecords(roiGreyLevels(grey3d), ng));
    }
    // one deferred record list per aggregation, flattened in the settings' order when finishing
    const deferred = <A>(cls: IbsiClass, aggregations: readonly A[], f: (a: A) => () => FeatureRecord[]) => {
      if (!on(cls)) return;
      const parts = aggregations.map(f);
      out.push([cls, () => parts.flatMap((p) => p())]);
    };
    deferred('glcm', t.matrixAggregations, (a) => {
      const d = aggregationDimension(a);
      const m = plan.request(imageFor(d), 'glcm', { dimension: d, distance });
      return () => glcmFeatureRecords(m(), a);
    });
    deferred('glrlm', t.matrixAggregations, (a) => {
      const d = aggregationDimension(a);
      const m = plan.request(imageFor(d), 'glrlm', { dimension: d });
      return () => glrlmFeatureRecords(m(), a);
    });
    deferred('glszm', t.zoneAggregations, (a) => {
      const d = zoneAggregationDimension(a);
      const m = plan.request(imageFor(d), 'glszm', { dimension: d });
      return () => glszmFeatureRecords(m(), a);
    });
    deferred('gldzm', t.zoneAggregations, (a) => {
      const d = zoneAggregationDimension(a);
      const m = plan.request(imageFor(d), 'gldzm', { dimension: d });
      return () => gldzmFeatureRecords(m(), a);
    });
    deferred('ngtdm', t.zoneAggregations, (a) => {
      const d = zoneAggregationDimension(a);
      const m = plan.request(imageFor(d), 'ngtdm', { dimension: d, distance });
      return () => ngtdmFeatureRecords(m(), a);
    });
    deferred('ngldm', t.zoneAggregations, (a) => {
      const d = zoneAggregationDimension(a);
      const m = plan.request(imageFor(d), 'ngldm', { dimension: d, distance, alpha: t.gldmAlpha });
      return () => ngldmFeatureRecords(m(), a);
    });
  }
  return () => {
    const records: IbsiRecord[] = [];
    for (const [cls, list] of out) {
      for (const r of select(cls, list(), classes[cls] ?? null)) records.push({ ...r, imageType: 'original' });
    }
    const undefinedByFamily = new Map<string, string[]>();
    for (const r of records) {
      if (!Number.isNaN(r.value)) continue;
      const key = `${r.family}${r.aggregation_code ? ` (${r.aggregation_code})` : ''}`;
      undefinedByFamily.set(key, [...(undefinedByFamily.get(key) ?? []), 'table_feature' in r && r.table_feature ? String(r.table_feature) : r.name]);
    }
    for (const [family, names] of undefinedByFamily) warnings.push(`${family}: undefined for this ROI (NaN): ${names.join(', ')}`);
    return records;
  };
}

/** The records of a prepared case with every matrix from its CPU twin. */
export function ibsiRecords(c: PreparedCase, s: ExtractionSettings, warnings: string[]): IbsiRecord[] {
  const plan = new MatrixPlan();
  const finish = ibsiPlan(c, s, warnings, plan);
  plan.resolve(computeMatricesCpu(plan.images));
  return finish();
}
