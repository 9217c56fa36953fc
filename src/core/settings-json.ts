/**
 * The project's own settings file: JSON of ExtractionSettings (settings.ts), as written by settingsToJson.
 *
 *   { "format": "webradiomics-settings", "version": 1, "settings": { "profile": "pyradiomics", ... } }
 *
 * A file may give only some fields; they are laid over the profile's defaults (pyradiomicsDefaults /
 * ibsiDefaults). Every key must exist in the settings type: an unknown key is an error naming its path, never
 * dropped. Fields whose value is a union (discretisation, resampling, re-segmentation ranges, mask rule, IVH,
 * image types, feature classes) are replaced as a whole and then checked by validateSettings.
 */
import { ibsiDefaults, pyradiomicsDefaults, SettingsError, type ExtractionSettings, type ResamplingSettings } from './settings.js';
import { validateSettings } from './settings-validate.js';

export const SETTINGS_FORMAT = 'webradiomics-settings';
export const SETTINGS_VERSION = 1;

type Raw = Record<string, unknown>;
const isMap = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys a replaced (union) value may hold, by path. */
const UNION_KEYS: Record<string, string[]> = {
  discretisation: ['kind', 'width', 'bins', 'convention', 'minimum'],
  resampling: ['spacing', 'interpolator', 'alignment', 'mask', 'rounding', 'padDistance'],
  'resampling.mask': ['kind', 'threshold'],
  'resegmentation.range': ['lower', 'upper', 'mode'],
  'resegmentation.sigma': ['lower', 'upper'],
  ivhDiscretisation: ['kind', 'range', 'width', 'min', 'max', 'bins'],
};
const FREE = ['imageTypes', 'featureClasses', 'filter'];

/** JSON kind of a default value: its type must be kept by a file (null defaults accept anything valid). */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return isMap(v) ? 'object' : typeof v;
}

function checkKeys(path: string, value: unknown, allowed: string[], problems: string[]): void {
  if (!isMap(value)) return;
  for (const k of Object.keys(value)) {
    if (!allowed.includes(k)) problems.push(`${path}.${k}: unknown key (expected ${allowed.join(', ')})`);
    const sub = `${path}.${k}`;
    if (UNION_KEYS[sub]) checkKeys(sub, value[k], UNION_KEYS[sub], problems);
  }
}

function merge(path: string, base: Raw, patch: Raw, problems: string[]): Raw {
  const out: Raw = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const p = path ? `${path}.${k}` : k;
    if (!(k in base)) {
      problems.push(`${p}: unknown key`);
      continue;
    }
    if (UNION_KEYS[p]) {
      if (!isMap(v) && !(v === null && base[k] === null)) {
        problems.push(`${p}: expected an object${base[k] === null ? ' or null' : ''}, got ${JSON.stringify(v)}`);
        continue;
      }
      checkKeys(p, v, UNION_KEYS[p], problems);
      if (isMap(v) && p !== 'resampling') shapeProblems(p, v, problems);
      out[k] = v;
    } else if (FREE.includes(p)) {
      if (isMap(v)) out[k] = v;
      else problems.push(`${p}: expected an object, got ${JSON.stringify(v)}`);
    } else if (isMap(base[k]) && isMap(v)) {
      out[k] = merge(p, base[k] as Raw, v, problems);
    } else {
      const want = kindOf(base[k]);
      if (want !== 'null' && kindOf(v) !== want) problems.push(`${p}: expected ${want === 'array' ? 'an array' : `a ${want}`}, got ${JSON.stringify(v)}`);
      else if (want === 'array' && ARRAY_ELEMENTS[p] && !(v as unknown[]).every((e) => typeof e === ARRAY_ELEMENTS[p])) {
        problems.push(`${p}: expected an array of ${ARRAY_ELEMENTS[p]}s, got ${JSON.stringify(v)}`);
      } else out[k] = v;
    }
  }
  return out;
}

type Field = 'number' | 'number?' | 'string' | 'numbers' | 'object';
/** Members each kind of a replaced (union) value needs, so a partial value is an error here, not a crash later. */
const UNION_SHAPES: Record<string, (v: Raw) => Record<string, Field>> = {
  discretisation: (v): Record<string, Field> =>
    v.kind === 'none' ? {} : v.kind === 'fixed-bin-count' ? { bins: 'number', convention: 'string' } : { width: 'number', convention: 'string', minimum: 'number?' },
  resampling: () => ({ spacing: 'numbers', interpolator: 'string', alignment: 'string', mask: 'object', rounding: 'string', padDistance: 'number' }),
  'resampling.mask': (v): Record<string, Field> => (v.kind === 'partial-volume' ? { threshold: 'number' } : {}),
  'resegmentation.range': () => ({ lower: 'number?', upper: 'number?', mode: 'string' }),
  'resegmentation.sigma': () => ({ lower: 'number?', upper: 'number?' }),
  ivhDiscretisation: (v): Record<string, Field> => (v.kind === 'none' ? { range: 'numbers' } : v.kind === 'fixed-bin-size' ? { width: 'number', min: 'number?', max: 'number?' } : { bins: 'number' }),
};
const KINDS: Record<string, string[]> = {
  discretisation: ['none', 'fixed-bin-width', 'fixed-bin-count'],
  'resampling.mask': ['partial-volume', 'nearest'],
  ivhDiscretisation: ['none', 'fixed-bin-size', 'fixed-bin-number'],
};
/** Arrays whose elements have one type. */
const ARRAY_ELEMENTS: Record<string, 'number' | 'string'> = {
  'texture.matrixAggregations': 'string',
  'texture.zoneAggregations': 'string',
  'texture.distances': 'number',
};

function shapeProblems(path: string, v: Raw, problems: string[]): void {
  if (KINDS[path] && !KINDS[path].includes(v.kind as string)) {
    problems.push(`${path}.kind: expected one of ${KINDS[path].join(', ')}, got ${JSON.stringify(v.kind)}`);
    return;
  }
  const optionalRange = path === 'ivhDiscretisation';
  for (const [k, want] of Object.entries(UNION_SHAPES[path]?.(v) ?? {})) {
    const x = v[k];
    const missing = x === undefined;
    if (missing && (want === 'number?' || optionalRange)) continue;
    const ok =
      want === 'numbers'
        ? Array.isArray(x) && x.every((e) => typeof e === 'number')
        : want === 'object'
          ? isMap(x)
          : want === 'number?'
            ? x === null || typeof x === 'number'
            : typeof x === want;
    if (!ok) problems.push(`${path}.${k}: ${missing ? 'missing' : `expected ${want.replace('?', ' or null').replace('numbers', 'an array of numbers')}, got ${JSON.stringify(x)}`}`);
  }
  const mask = v.mask;
  if (path === 'resampling' && isMap(mask)) shapeProblems('resampling.mask', mask, problems);
}

/** Defaults for a partially given resampling block, per profile. */
function resamplingDefaults(profile: ExtractionSettings['profile']): Omit<ResamplingSettings, 'spacing'> {
  return profile === 'pyradiomics'
    ? { interpolator: 'bspline', alignment: 'pyradiomics', mask: { kind: 'nearest' }, rounding: 'input-type', padDistance: 5 }
    : { interpolator: 'linear', alignment: 'ibsi', mask: { kind: 'partial-volume', threshold: 0.5 }, rounding: 'none', padDistance: 5 };
}

/** ExtractionSettings from a parsed settings object (the `settings` member, or the object itself). */
export function settingsFromObject(value: unknown): ExtractionSettings {
  const problems: string[] = [];
  let raw = value;
  if (isMap(raw) && 'format' in raw) {
    if (raw.format !== SETTINGS_FORMAT) problems.push(`format must be "${SETTINGS_FORMAT}", got ${JSON.stringify(raw.format)}`);
    if (raw.version !== SETTINGS_VERSION) problems.push(`version ${JSON.stringify(raw.version)} is not supported (expected ${SETTINGS_VERSION})`);
    for (const k of Object.keys(raw)) if (!['format', 'version', 'settings'].includes(k)) problems.push(`${k}: unknown key`);
    raw = raw.settings;
  }
  if (!isMap(raw)) throw new SettingsError([...problems, 'settings must be an object']);
  const profile = raw.profile;
  if (profile !== 'ibsi' && profile !== 'pyradiomics') throw new SettingsError([...problems, `profile must be "ibsi" or "pyradiomics", got ${JSON.stringify(profile)}`]);
  const base = (profile === 'pyradiomics' ? pyradiomicsDefaults() : ibsiDefaults()) as unknown as Raw;
  const patch: Raw = { ...raw };
  if (isMap(patch.resampling)) patch.resampling = { ...resamplingDefaults(profile), ...patch.resampling };
  const merged = merge('', base, patch, problems);
  if (isMap(merged.resampling)) shapeProblems('resampling', merged.resampling, problems);
  if (problems.length) throw new SettingsError(problems);
  return validateSettings(merged as unknown as ExtractionSettings);
}

export function parseSettingsJson(text: string): ExtractionSettings {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new SettingsError([`settings file is not valid JSON: ${(e as Error).message}`]);
  }
  return settingsFromObject(value);
}

export function settingsToJson(settings: ExtractionSettings): string {
  return JSON.stringify({ format: SETTINGS_FORMAT, version: SETTINGS_VERSION, settings }, null, 2);
}
