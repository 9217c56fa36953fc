/**
 * Extraction settings from what a user gives (a profile, an optional settings file, an optional label), shared by
 * the CLI `extract` and the app's pipeline worker, so that both read the same files the same way.
 *
 * Settings files:
 *  - YAML (.yaml, .yml): a PyRadiomics parameter file (settings-pyradiomics.ts), profile 'pyradiomics';
 *  - JSON: the project's own settings file (settings-json.ts, `"format": "webradiomics-settings"` or a bare settings
 *    object with `profile`), or a PyRadiomics parameter file written as JSON (sections setting / imageType /
 *    featureClass and no `profile`).
 * Every problem of a file is reported with the file named (SettingsFileError), never dropped.
 */
import { ibsiDefaults, pyradiomicsDefaults, SettingsError, type ExtractionSettings, type Profile } from '../core/settings.js';
import { settingsFromObject } from '../core/settings-json.js';
import { parsePyradiomicsParams, pyradiomicsSettings } from '../core/settings-pyradiomics.js';

export const PROFILES: Profile[] = ['ibsi', 'pyradiomics'];

export interface SettingsFile {
  name: string;
  text: string;
}

/** Which voxels of the mask are the ROI: those equal to settings.label, or every non-zero voxel. */
export type RoiLabel = 'settings-label' | 'non-zero';

export interface CaseSettings {
  settings: ExtractionSettings;
  roi: RoiLabel;
}

/** A settings file that cannot be used: its name and every problem. */
export class SettingsFileError extends Error {
  override name = 'InputError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid settings:\n  - ${problems.join('\n  - ')}`);
  }
}

type Raw = Record<string, unknown>;
const isMap = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const PYRADIOMICS_SECTIONS = ['setting', 'imageType', 'featureClass', 'voxelSetting'];

function extension(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/** A parsed settings file and whether it names the ROI label itself. */
export function readSettingsFile(file: SettingsFile): { settings: ExtractionSettings; setsLabel: boolean } {
  const ext = extension(file.name);
  try {
    if (ext === 'yaml' || ext === 'yml') {
      const settings = parsePyradiomicsParams(file.text);
      return { settings, setsLabel: /^\s*label\s*:/m.test(file.text) };
    }
    if (ext !== 'json') throw new SettingsError([`a settings file is YAML (.yaml, .yml: PyRadiomics parameters) or JSON (.json), not .${ext || '(no extension)'}`]);
    let value: unknown;
    try {
      value = JSON.parse(file.text);
    } catch (e) {
      throw new SettingsError([`not valid JSON: ${(e as Error).message}`]);
    }
    const inner = isMap(value) && 'format' in value ? value.settings : value;
    const pyradiomicsJson = isMap(value) && !('format' in value) && !('profile' in value) && Object.keys(value).some((k) => PYRADIOMICS_SECTIONS.includes(k));
    if (pyradiomicsJson) {
      const setting = (value as Raw).setting;
      return { settings: pyradiomicsSettings(value), setsLabel: isMap(setting) && 'label' in setting };
    }
    return { settings: settingsFromObject(value), setsLabel: isMap(inner) && 'label' in inner };
  } catch (e) {
    if (e instanceof SettingsError) throw new SettingsFileError(file.name, e.problems);
    throw e;
  }
}

export function profileDefaults(profile: Profile): ExtractionSettings {
  return profile === 'pyradiomics' ? pyradiomicsDefaults() : ibsiDefaults();
}

/** A settings file of one profile given together with the other profile. */
export class ProfileMismatchError extends Error {
  override name = 'InputError';
  constructor(
    readonly file: string,
    readonly fileProfile: Profile,
    readonly chosen: Profile,
  ) {
    super(`${file} holds ${profileTitle(fileProfile)} settings, but the ${profileTitle(chosen)} profile was chosen; choose the ${profileTitle(fileProfile)} profile or a settings file of the ${profileTitle(chosen)} profile`);
  }
}

export function profileTitle(p: Profile): string {
  return p === 'pyradiomics' ? 'PyRadiomics' : 'IBSI';
}

/**
 * Settings for one run. A file's settings win over the profile's defaults (`profile`, when given, must agree with the
 * file; without file or profile: IBSI); `label` (the user's explicit choice) wins over both. Without a label anywhere,
 * the IBSI profile takes every non-zero mask voxel (IBSI has no label notion; masks are often 0/1 or 0/255) and the
 * PyRadiomics profile label 1, as PyRadiomics does.
 */
export function caseSettings(options: { profile?: Profile; file?: SettingsFile; label?: number }): CaseSettings {
  const read = options.file ? readSettingsFile(options.file) : { settings: profileDefaults(options.profile ?? 'ibsi'), setsLabel: false };
  const settings = read.settings;
  if (options.file && options.profile && options.profile !== settings.profile) throw new ProfileMismatchError(options.file.name, settings.profile, options.profile);
  if (options.label !== undefined) settings.label = options.label;
  const explicit = options.label !== undefined || read.setsLabel;
  return { settings, roi: settings.profile === 'ibsi' && !explicit ? 'non-zero' : 'settings-label' };
}
