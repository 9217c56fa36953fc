/**
 * The IBSI profile: every enabled IBSI 1 family with IBSI names, codes and aggregation codes, from one prepared
 * case. Morphology uses the morphological mask, the other families the intensity mask; the grey levels are
 * discretised once and shared by the intensity histogram and every texture family.
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
import { computeGlcm } from '../matrices/glcm.js';
import { computeGldzm } from '../matrices/gldzm.js';
import { computeGlrlm } from '../matrices/glrlm.js';
import { computeGlszm } from '../matrices/glszm.js';
import { computeNgldm } from '../matrices/ngldm.js';
import { computeNgtdm } from '../matrices/ngtdm.js';
import { withSliceAxis } from '../matrices/permute.js';
import { cropVolume } from '../preprocess/crop.js';
import type { ExtractionSettings, IbsiClass } from '../settings.js';
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

export function ibsiRecords(c: PreparedCase, s: ExtractionSettings, warnings: string[]): IbsiRecord[] {
  const classes = s.featureClasses as Partial<Record<IbsiClass, string[] | null>>;
  const on = (k: IbsiClass) => classes[k] !== undefined;
  const image = cropVolume(c.image, c.morphBox);
  const mask = cropVolume(c.mask, c.morphBox);
  const intensityMask = cropVolume(c.intensityMask, c.morphBox);
  const out: [IbsiClass, FeatureRecord[]][] = [];
  const t = s.texture;
  const distance = t.distances[0];
  if (on('morphology')) out.push(['morphology', morphologyFeatureRecords({ mask, image, intensityMask })]);
  if (on('local-intensity')) out.push(['local-intensity', localIntensityFeatureRecords(c.image, c.intensityMask)]);
  const values = roiIntensities(image, intensityMask);
  if (on('intensity-statistics')) out.push(['intensity-statistics', intensityStatisticsFeatureRecords(values)]);
  if (on('intensity-volume-histogram')) out.push(['intensity-volume-histogram', intensityVolumeHistogramFeatureRecords(values, s.ivhDiscretisation)]);
  const textures: IbsiClass[] = ['intensity-histogram', 'glcm', 'glrlm', 'glszm', 'gldzm', 'ngtdm', 'ngldm'];
  if (textures.some(on)) {
    const grey3d: GreyLevels = discretise(image, intensityMask, ibsiDiscretisation(s));
    const sliceAxis = (2 - t.force2Ddimension) as 0 | 1 | 2;
    const grey2d = withSliceAxis(grey3d, sliceAxis);
    const greyFor = (d: '2d' | '3d') => (d === '3d' ? grey3d : grey2d);
    if (on('intensity-histogram')) {
      const ng = s.discretisation.kind === 'fixed-bin-count' ? s.discretisation.bins : undefined;
      out.push(['intensity-histogram', intensityHistogramFeatureRecords(roiGreyLevels(grey3d), ng)]);
    }
    const matrix = (cls: IbsiClass, f: (a: (typeof t.matrixAggregations)[number]) => FeatureRecord[]) => {
      if (on(cls)) out.push([cls, t.matrixAggregations.flatMap(f)]);
    };
    const zone = (cls: IbsiClass, f: (a: (typeof t.zoneAggregations)[number]) => FeatureRecord[]) => {
      if (on(cls)) out.push([cls, t.zoneAggregations.flatMap(f)]);
    };
    matrix('glcm', (a) => {
      const d = aggregationDimension(a);
      return glcmFeatureRecords(computeGlcm(greyFor(d), { dimension: d, distance }), a);
    });
    matrix('glrlm', (a) => {
      const d = aggregationDimension(a);
      return glrlmFeatureRecords(computeGlrlm(greyFor(d), { dimension: d }), a);
    });
    zone('glszm', (a) => {
      const d = zoneAggregationDimension(a);
      return glszmFeatureRecords(computeGlszm(greyFor(d), { dimension: d }), a);
    });
    zone('gldzm', (a) => {
      const d = zoneAggregationDimension(a);
      return gldzmFeatureRecords(computeGldzm(greyFor(d), { dimension: d }), a);
    });
    zone('ngtdm', (a) => {
      const d = zoneAggregationDimension(a);
      return ngtdmFeatureRecords(computeNgtdm(greyFor(d), { dimension: d, distance }), a);
    });
    zone('ngldm', (a) => {
      const d = zoneAggregationDimension(a);
      return ngldmFeatureRecords(computeNgldm(greyFor(d), { dimension: d, distance, alpha: t.gldmAlpha }), a);
    });
  }
  const records: IbsiRecord[] = [];
  for (const [cls, list] of out) {
    for (const r of select(cls, list, classes[cls] ?? null)) records.push({ ...r, imageType: 'original' });
  }
  const undefinedByFamily = new Map<string, string[]>();
  for (const r of records) {
    if (!Number.isNaN(r.value)) continue;
    const key = `${r.family}${r.aggregation_code ? ` (${r.aggregation_code})` : ''}`;
    undefinedByFamily.set(key, [...(undefinedByFamily.get(key) ?? []), 'table_feature' in r && r.table_feature ? String(r.table_feature) : r.name]);
  }
  for (const [family, names] of undefinedByFamily) warnings.push(`${family}: undefined for this ROI (NaN): ${names.join(', ')}`);
  return records;
}
