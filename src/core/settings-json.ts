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
      checkKeys(p, v, UNION_KEYS[p], problems);
      out[k] = v;
    } else if (FREE.includes(p) || !isMap(base[k]) || !isMap(v)) {
      out[k] = v;
    } else out[k] = merge(p, base[k] as Raw, v, problems);
  }
  return out;
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
