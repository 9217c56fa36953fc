/** Extraction settings: defaults, PyRadiomics parameter files, the project's JSON, and every kind of bad key. */
import { describe, expect, it } from 'vitest';
import { parseSettingsJson, settingsFromObject, settingsToJson } from '../../src/core/settings-json.js';
import { parsePyradiomicsParams, pyradiomicsSettings } from '../../src/core/settings-pyradiomics.js';
import { validateSettings } from '../../src/core/settings-validate.js';
import { ibsiDefaults, pyradiomicsDefaults, SettingsError } from '../../src/core/settings.js';

/** The problems a SettingsError lists, or [] when `f` does not throw one. */
function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof SettingsError) return e.problems;
    throw e;
  }
  return [];
}

const PARAMS_YAML = `
imageType:
  Original: {}
  LoG:
    sigma: [2.0, 3.0]
    binWidth: 5
featureClass:
  shape:
  firstorder: []
  glcm:
    - Autocorrelation
    - JointAverage
setting:
  binWidth: 25
  label: 2
  interpolator: 'sitkBSpline'
  resampledPixelSpacing: [1, 1, 0]
  padDistance: 10
  weightingNorm:
  voxelArrayShift: 1000
  normalize: yes
  normalizeScale: 100
  removeOutliers: 3
  resegmentRange: [-3, 3]
  resegmentMode: sigma
  distances: [1, 2]
`;

describe('settings defaults', () => {
  it('validate for both profiles', () => {
    expect(validateSettings(pyradiomicsDefaults()).profile).toBe('pyradiomics');
    expect(validateSettings(ibsiDefaults()).texture.matrixAggregations).toHaveLength(6);
  });

  it('reject an aggregation that PyRadiomics does not compute for its force2D / weightingNorm', () => {
    const s = pyradiomicsDefaults();
    s.texture.weightingNorm = 'manhattan';
    expect(problems(() => validateSettings(s)).join()).toMatch(/3d-merged/);
    s.texture.matrixAggregations = ['3d-merged'];
    expect(problems(() => validateSettings(s))).toEqual([]);
  });

  it('reject PyRadiomics-only settings in the IBSI profile', () => {
    const s = ibsiDefaults();
    s.voxelArrayShift = 2000;
    s.texture.force2D = true;
    const p = problems(() => validateSettings(s));
    expect(p.some((m) => m.includes('voxelArrayShift'))).toBe(true);
    expect(p.some((m) => m.includes('force2D'))).toBe(true);
  });
});

describe('PyRadiomics parameter files', () => {
  it('map every section onto the settings', () => {
    const s = parsePyradiomicsParams(PARAMS_YAML);
    expect(s.profile).toBe('pyradiomics');
    expect(s.label).toBe(2);
    expect(s.discretisation).toEqual({ kind: 'fixed-bin-width', width: 25, convention: 'pyradiomics' });
    expect(s.resampling).toEqual({
      spacing: [1, 1, 0],
      interpolator: 'bspline',
      alignment: 'pyradiomics',
      mask: { kind: 'nearest' },
      rounding: 'input-type',
      padDistance: 10,
    });
    expect(s.normalisation).toEqual({ enabled: true, scale: 100, removeOutliers: 3 });
    expect(s.resegmentation).toEqual({ range: null, sigma: { lower: -3, upper: 3 }, applyToShape: false });
    expect(s.voxelArrayShift).toBe(1000);
    expect(s.texture.distances).toEqual([1, 2]);
    expect(s.texture.matrixAggregations).toEqual(['3d-averaged']);
    expect(s.imageTypes.LoG).toEqual({ discretisation: { kind: 'fixed-bin-width', width: 5, convention: 'pyradiomics' }, filter: { sigma: [2, 3] } });
    expect(s.featureClasses).toEqual({ shape: null, firstorder: null, glcm: ['Autocorrelation', 'JointAverage'] });
  });

  it('select aggregation and zone handling from force2D and weightingNorm', () => {
    const s = pyradiomicsSettings({ setting: { force2D: true, weightingNorm: 'no_weighting', binCount: 32 } });
    expect(s.texture.matrixAggregations).toEqual(['2.5d-merged']);
    expect(s.texture.zoneAggregations).toEqual(['2.5d']);
    expect(s.discretisation).toEqual({ kind: 'fixed-bin-count', bins: 32, convention: 'pyradiomics' });
    expect(s.featureClasses.shape2D).toBeNull();
  });

  it('resample only with both resampledPixelSpacing and an interpolator, as PyRadiomics', () => {
    expect(pyradiomicsSettings({ setting: { resampledPixelSpacing: [2, 2, 2], interpolator: null } }).resampling).toBeNull();
    expect(pyradiomicsSettings({ setting: { resampledPixelSpacing: [2, 2, 2], interpolator: 'sitkLinear' } }).resampling?.interpolator).toBe('linear');
    expect(pyradiomicsSettings({ setting: { resegmentRange: [0] } }).resegmentation.range).toEqual({ lower: 0, upper: null, mode: 'absolute' });
  });

  it('report every unknown or unsupported key with its section, none silently ignored', () => {
    const yaml = `
setting:
  binWidht: 25
  binWidth: -1
  interpolator: sitkGaussian
  label_channel: 2
imageType:
  Original:
  Bogus: {}
  LoG:
    label: 2
featureClass:
  glcm: [Nope, SumVariance]
  texture: []
voxelSetting:
  kernelRadius: 2
extra: 1
`;
    const p = problems(() => parsePyradiomicsParams(yaml));
    const expected = [
      'setting.binWidht: unknown setting',
      'setting.binWidth: must be a number > 0',
      'setting.interpolator: must be sitkNearestNeighbor',
      'setting.label_channel: unsupported',
      'imageType.Bogus: unknown image type',
      'imageType.LoG.label: acts once before filtering',
      'featureClass.glcm: unknown feature Nope',
      'featureClass.glcm: SumVariance is deprecated',
      'featureClass.texture: unknown feature class',
      'voxelSetting: voxel-based extraction is not supported (keys kernelRadius)',
      'extra: unknown section',
    ];
    for (const e of expected) expect(p.some((m) => m.startsWith(e)), `${e}\n in ${p.join('\n')}`).toBe(true);
    expect(p.length).toBe(expected.length);
  });

  it('reports YAML syntax errors as settings errors', () => {
    expect(problems(() => parsePyradiomicsParams('setting: [unclosed'))[0]).toMatch(/not valid YAML/);
  });
});

describe("the project's settings JSON", () => {
  it('round-trips', () => {
    const s = parsePyradiomicsParams(PARAMS_YAML);
    expect(parseSettingsJson(settingsToJson(s))).toEqual(s);
    const i = ibsiDefaults();
    expect(parseSettingsJson(settingsToJson(i))).toEqual(i);
  });

  it('lays a partial file over the profile defaults, with profile defaults for a resampling block', () => {
    const s = settingsFromObject({ profile: 'ibsi', resampling: { spacing: [2, 2, 2] }, texture: { distances: [1] } });
    expect(s.resampling).toEqual({ spacing: [2, 2, 2], interpolator: 'linear', alignment: 'ibsi', mask: { kind: 'partial-volume', threshold: 0.5 }, rounding: 'none', padDistance: 5 });
    expect(s.texture.matrixAggregations).toHaveLength(6);
  });

  it('names the path of unknown keys and rejects invalid combinations', () => {
    const p = problems(() => settingsFromObject({ profile: 'pyradiomics', texture: { distnces: [1] }, resampling: { spacing: [1, 1, 1], interp: 'x' }, colour: 'red' }));
    expect(p).toEqual(expect.arrayContaining(['texture.distnces: unknown key', 'colour: unknown key']));
    expect(p.some((m) => m.startsWith('resampling.interp: unknown key'))).toBe(true);
    expect(problems(() => settingsFromObject({ profile: 'ibsi', discretisation: { kind: 'fixed-bin-width', width: 0, convention: 'ibsi' } }))).toEqual(['bin width must be > 0']);
    expect(problems(() => parseSettingsJson('{"format": "webradiomics-settings", "version": 2, "settings": {"profile": "ibsi"}}'))[0]).toMatch(/version 2/);
    expect(problems(() => parseSettingsJson('{ nope')).length).toBe(1);
  });
});
