/**
 * PyRadiomics parameter files (YAML or JSON with sections setting / imageType / featureClass, as
 * radiomics/schemas/paramSchema.yaml defines them) -> ExtractionSettings of the PyRadiomics profile.
 *
 * Every key is either mapped, or reported: an unknown key, a key this engine does not support (voxel-based
 * extraction, vector masks), a value of the wrong type or range, a removed feature name. All problems of a file are
 * collected and thrown together as one SettingsError naming section and key; nothing is ignored silently.
 */
import { parseDocument } from 'yaml';
import { PYRADIOMICS_REMOVED } from './features/pyradiomics/common.js';
import { pyradiomicsFeatureNames } from './features/registry.js';
import {
  IMAGE_TYPES,
  PYRADIOMICS_CLASSES,
  SettingsError,
  pyradiomicsDefaults,
  pyradiomicsMatrixAggregation,
  type ExtractionSettings,
  type FilterSettings,
  type ImageTypeName,
  type ImageTypeSettings,
  type InterpolatorName,
  type WeightingNorm,
} from './settings.js';
import { validateSettings } from './settings-validate.js';
import type { Vec3 } from './volume.js';

type Raw = Record<string, unknown>;
const isMap = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** What each `setting` key accepts (paramSchema.yaml); null means "not set" wherever PyRadiomics allows it. */
const CHECKS: Record<string, (v: unknown) => string | null> = {
  minimumROIDimensions: (v) => (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 3 ? null : 'an integer 1..3'),
  minimumROISize: (v) => (v === null || (Number.isInteger(v) && (v as number) > 0) ? null : 'an integer > 0 or null'),
  geometryTolerance: (v) => (v === null || (isNum(v) && v > 0) ? null : 'a number > 0'),
  correctMask: (v) => (typeof v === 'boolean' ? null : 'true or false'),
  additionalInfo: (v) => (typeof v === 'boolean' ? null : 'true or false'),
  label: (v) => (Number.isInteger(v) && (v as number) > 0 ? null : 'an integer > 0'),
  label_channel: (v) => (v === 0 || v === null ? null : 'unsupported: masks are scalar label maps here (only label_channel 0)'),
  binWidth: (v) => (isNum(v) && v > 0 ? null : 'a number > 0'),
  binCount: (v) => (v === null || (Number.isInteger(v) && (v as number) > 0) ? null : 'an integer > 0 or null'),
  normalize: (v) => (typeof v === 'boolean' ? null : 'true or false'),
  normalizeScale: (v) => (isNum(v) && v > 0 ? null : 'a number > 0'),
  removeOutliers: (v) => (v === null || (isNum(v) && v > 0) ? null : 'a number > 0 or null'),
  resampledPixelSpacing: (v) => (v === null || (Array.isArray(v) && v.length === 3 && v.every((x) => isNum(x) && x >= 0)) ? null : '3 numbers >= 0, or null'),
  interpolator: (v) => (v === null || interpolatorName(v) !== undefined ? null : 'sitkNearestNeighbor, sitkLinear, sitkBSpline (or 1, 2, 3), or null'),
  padDistance: (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'an integer >= 0'),
  distances: (v) => (Array.isArray(v) && v.length > 0 && v.every((x) => Number.isInteger(x) && x > 0) ? null : 'a list of integers > 0'),
  force2D: (v) => (typeof v === 'boolean' ? null : 'true or false'),
  force2Ddimension: (v) => (v === 0 || v === 1 || v === 2 ? null : '0, 1 or 2'),
  resegmentRange: (v) => (v === null || (Array.isArray(v) && (v.length === 1 || v.length === 2) && v.every(isNum)) ? null : '1 or 2 numbers, or null'),
  resegmentMode: (v) => (v === 'absolute' || v === 'relative' || v === 'sigma' ? null : 'absolute, relative or sigma'),
  resegmentShape: (v) => (typeof v === 'boolean' ? null : 'true or false'),
  preCrop: (v) => (typeof v === 'boolean' ? null : 'true or false'),
  voxelArrayShift: (v) => (Number.isInteger(v) ? null : 'an integer'),
  symmetricalGLCM: (v) => (typeof v === 'boolean' ? null : 'true or false'),
  weightingNorm: (v) => (v === null || ['manhattan', 'euclidean', 'infinity', 'no_weighting'].includes(v as string) ? null : 'manhattan, euclidean, infinity, no_weighting or null'),
  gldm_a: (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'an integer >= 0'),
  // filter parameters (passed to the filter stage)
  sigma: (v) => (Array.isArray(v) && v.every((x) => isNum(x) && x > 0) ? null : 'a list of numbers > 0'),
  start_level: (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'an integer >= 0'),
  level: (v) => (Number.isInteger(v) && (v as number) > 0 ? null : 'an integer > 0'),
  wavelet: (v) => (typeof v === 'string' ? null : 'a wavelet name'),
  gradientUseSpacing: (v) => (typeof v === 'boolean' ? null : 'true or false'),
  lbp2DRadius: (v) => (isNum(v) && v > 0 ? null : 'a number > 0'),
  lbp2DSamples: (v) => (Number.isInteger(v) && (v as number) >= 1 ? null : 'an integer >= 1'),
  lbp2DMethod: (v) => (['default', 'ror', 'uniform', 'var'].includes(v as string) ? null : 'default, ror, uniform or var'),
  lbp3DLevels: (v) => (Number.isInteger(v) && (v as number) >= 1 ? null : 'an integer >= 1'),
  lbp3DIcosphereRadius: (v) => (isNum(v) && v > 0 ? null : 'a number > 0'),
  lbp3DIcosphereSubdivision: (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'an integer >= 0'),
};

const FILTER_KEYS = ['sigma', 'start_level', 'level', 'wavelet', 'gradientUseSpacing', 'lbp2DRadius', 'lbp2DSamples', 'lbp2DMethod', 'lbp3DLevels', 'lbp3DIcosphereRadius', 'lbp3DIcosphereSubdivision'];
/** Settings that act per image type (feature computation and filters); the rest act once, before filtering. */
const PER_IMAGE_KEYS = ['binWidth', 'binCount', 'voxelArrayShift', 'symmetricalGLCM', 'weightingNorm', 'distances', 'gldm_a', 'force2D', 'force2Ddimension', ...FILTER_KEYS];

function interpolatorName(v: unknown): InterpolatorName | undefined {
  const names: Record<string, InterpolatorName> = { sitkNearestNeighbor: 'nearest', sitkLinear: 'linear', sitkBSpline: 'bspline', '1': 'nearest', '2': 'linear', '3': 'bspline' };
  return typeof v === 'string' || typeof v === 'number' ? names[String(v)] : undefined;
}

function checkSection(section: string, raw: Raw, allowed: readonly string[], problems: string[]): void {
  for (const [key, value] of Object.entries(raw)) {
    const check = CHECKS[key];
    if (!check) problems.push(`${section}.${key}: unknown setting`);
    else if (!allowed.includes(key)) problems.push(`${section}.${key}: acts once before filtering, not per image type; set it in the setting section`);
    else {
      const msg = check(value);
      if (msg) problems.push(`${section}.${key}: ${msg.startsWith('unsupported') ? msg : `must be ${msg}`}, got ${JSON.stringify(value)}`);
    }
  }
}

function filterOf(raw: Raw): FilterSettings {
  const f: Record<string, unknown> = {};
  for (const k of FILTER_KEYS) if (raw[k] !== undefined) f[k] = raw[k];
  return f as FilterSettings;
}

function imageTypeOverrides(raw: Raw): ImageTypeSettings {
  const o: ImageTypeSettings = {};
  if (raw.binCount != null) o.discretisation = { kind: 'fixed-bin-count', bins: raw.binCount as number, convention: 'pyradiomics' };
  else if (raw.binWidth !== undefined) o.discretisation = { kind: 'fixed-bin-width', width: raw.binWidth as number, convention: 'pyradiomics' };
  if (raw.voxelArrayShift !== undefined) o.voxelArrayShift = raw.voxelArrayShift as number;
  const t: Record<string, unknown> = {};
  if (raw.symmetricalGLCM !== undefined) t.symmetricalGLCM = raw.symmetricalGLCM;
  if (raw.weightingNorm !== undefined) t.weightingNorm = (raw.weightingNorm ?? 'none') as WeightingNorm;
  if (raw.distances !== undefined) t.distances = raw.distances;
  if (raw.gldm_a !== undefined) t.gldmAlpha = raw.gldm_a;
  if (raw.force2D !== undefined) t.force2D = raw.force2D;
  if (raw.force2Ddimension !== undefined) t.force2Ddimension = raw.force2Ddimension;
  if (Object.keys(t).length) o.texture = t;
  const f = filterOf(raw);
  if (Object.keys(f).length) o.filter = f;
  return o;
}

/** ExtractionSettings from the three sections of a PyRadiomics parameter object. */
export function pyradiomicsSettings(params: unknown): ExtractionSettings {
  const problems: string[] = [];
  const p: Raw = params === null || params === undefined ? {} : isMap(params) ? params : {};
  if (!isMap(params) && params != null) problems.push('a PyRadiomics parameter file is a mapping with setting / imageType / featureClass');
  for (const section of Object.keys(p)) {
    if (section === 'voxelSetting') problems.push(`voxelSetting: voxel-based extraction is not supported (keys ${Object.keys((p[section] as Raw) ?? {}).join(', ') || 'none'})`);
    else if (!['setting', 'imageType', 'featureClass'].includes(section)) problems.push(`${section}: unknown section (expected setting, imageType, featureClass)`);
  }
  const raw: Raw = isMap(p.setting) ? p.setting : {};
  if (p.setting != null && !isMap(p.setting)) problems.push('setting: must be a mapping');
  checkSection('setting', raw, Object.keys(CHECKS), problems);

  const s = pyradiomicsDefaults();
  const get = <T>(k: string, d: T): T => (raw[k] === undefined ? d : (raw[k] as T));
  s.label = get('label', 1);
  s.geometryTolerance = get<number | null>('geometryTolerance', null) ?? 1e-6;
  s.correctMask = get('correctMask', false);
  s.additionalInfo = get('additionalInfo', false);
  s.minimumROIDimensions = get('minimumROIDimensions', 2);
  s.minimumROISize = get<number | null>('minimumROISize', null);
  s.voxelArrayShift = get('voxelArrayShift', 0);
  s.normalisation = { enabled: get('normalize', false), scale: get('normalizeScale', 1), removeOutliers: get<number | null>('removeOutliers', null) };
  const spacing = get<number[] | null>('resampledPixelSpacing', null);
  const interpolator = get<unknown>('interpolator', 'sitkBSpline');
  s.resampling =
    spacing && interpolator !== null && interpolatorName(interpolator)
      ? { spacing: spacing.slice() as Vec3, interpolator: interpolatorName(interpolator)!, alignment: 'pyradiomics', mask: { kind: 'nearest' }, rounding: 'input-type', padDistance: get('padDistance', 5) }
      : null;
  const range = get<number[] | null>('resegmentRange', null);
  const mode = get<'absolute' | 'relative' | 'sigma'>('resegmentMode', 'absolute');
  const sorted = range ? [...range].sort((a, b) => a - b) : null;
  const bounds = sorted ? { lower: sorted[0], upper: sorted.length > 1 ? sorted[1] : null } : null;
  s.resegmentation = {
    range: bounds && mode !== 'sigma' ? { ...bounds, mode } : null,
    sigma: bounds && mode === 'sigma' ? bounds : null,
    applyToShape: get('resegmentShape', false),
  };
  const binCount = get<number | null>('binCount', null);
  s.discretisation = binCount !== null ? { kind: 'fixed-bin-count', bins: binCount, convention: 'pyradiomics' } : { kind: 'fixed-bin-width', width: get('binWidth', 25), convention: 'pyradiomics' };
  const force2D = get('force2D', false);
  const weightingNorm = (get<string | null>('weightingNorm', null) ?? 'none') as WeightingNorm;
  s.texture = {
    matrixAggregations: [pyradiomicsMatrixAggregation({ force2D, weightingNorm })],
    zoneAggregations: [force2D ? '2.5d' : '3d'],
    force2D,
    force2Ddimension: get('force2Ddimension', 0),
    distances: get('distances', [1]).slice(),
    symmetricalGLCM: get('symmetricalGLCM', true),
    weightingNorm,
    gldmAlpha: get('gldm_a', 0),
  };
  s.filter = filterOf(raw);

  const types = p.imageType;
  if (types != null && !isMap(types)) problems.push('imageType: must be a mapping of image type names');
  if (isMap(types) && Object.keys(types).length) {
    s.imageTypes = {};
    for (const [name, value] of Object.entries(types)) {
      if (!(IMAGE_TYPES as readonly string[]).includes(name)) {
        problems.push(`imageType.${name}: unknown image type (${IMAGE_TYPES.join(', ')})`);
        continue;
      }
      if (value != null && !isMap(value)) problems.push(`imageType.${name}: settings must be a mapping`);
      const v = isMap(value) ? value : {};
      checkSection(`imageType.${name}`, v, PER_IMAGE_KEYS, problems);
      s.imageTypes[name as ImageTypeName] = imageTypeOverrides(v);
    }
  }

  const classes = p.featureClass;
  if (classes != null && !isMap(classes)) problems.push('featureClass: must be a mapping of class names');
  if (isMap(classes) && Object.keys(classes).length) {
    s.featureClasses = {};
    for (const [cls, value] of Object.entries(classes)) {
      if (!(PYRADIOMICS_CLASSES as readonly string[]).includes(cls)) {
        problems.push(`featureClass.${cls}: unknown feature class (${PYRADIOMICS_CLASSES.join(', ')})`);
        continue;
      }
      if (value != null && !(Array.isArray(value) && value.every((x) => typeof x === 'string'))) {
        problems.push(`featureClass.${cls}: must be null or a list of feature names`);
        continue;
      }
      const names = (value as string[] | null) ?? null;
      const known = pyradiomicsFeatureNames(cls as (typeof PYRADIOMICS_CLASSES)[number]);
      for (const n of names ?? []) {
        const removed = PYRADIOMICS_REMOVED[cls]?.[n];
        if (removed) problems.push(`featureClass.${cls}: ${n} is deprecated in PyRadiomics and never computed (${removed})`);
        else if (!known.includes(n)) problems.push(`featureClass.${cls}: unknown feature ${n}`);
      }
      s.featureClasses[cls as (typeof PYRADIOMICS_CLASSES)[number]] = names && names.length ? names.slice() : null;
    }
  } else if (force2D) s.featureClasses.shape2D = null;

  if (problems.length) throw new SettingsError(problems);
  return validateSettings(s);
}

/** Parses a PyRadiomics parameter file (YAML 1.1 as PyYAML reads it; JSON is valid YAML). */
export function parsePyradiomicsParams(text: string): ExtractionSettings {
  const parsed = parseDocument(text, { version: '1.1', logLevel: 'silent' });
  // PyYAML's safe_load refuses what the yaml package only warns about (an unknown !tag): both are errors here
  const problems = [...parsed.errors, ...parsed.warnings].map((e) => `parameter file is not valid YAML: ${e.message}`);
  if (problems.length) throw new SettingsError(problems);
  let doc: unknown;
  try {
    doc = parsed.toJS();
  } catch (e) {
    throw new SettingsError([`parameter file is not valid YAML: ${(e as Error).message}`]);
  }
  return pyradiomicsSettings(doc);
}
