/**
 * Bad input to the extraction, each answered the way its profile defines: PyRadiomics' errors (no label, single
 * voxel, geometry mismatch, ROI too small) and fixed values (flat region), IBSI's NaN for undefined features with a
 * warning, NaN voxels left out of the intensity mask, invalid settings refused.
 */
import { describe, expect, it } from 'vitest';
import { ExtractionError, extractFeatures, extractIbsi, extractPyradiomics } from '../../src/core/extract.js';
import { pyradiomicsSettings } from '../../src/core/settings-pyradiomics.js';
import { ibsiDefaults, pyradiomicsDefaults, SettingsError } from '../../src/core/settings.js';
import type { Vec3, Volume } from '../../src/core/volume.js';

const GEOMETRY = { spacing: [1, 1, 2] as Vec3, origin: [0, 0, 0] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };

function volume(dims: Vec3, f: (x: number, y: number, z: number) => number, Ctor: Float64ArrayConstructor | Int16ArrayConstructor = Float64Array): Volume {
  const data = new Ctor(dims[0] * dims[1] * dims[2]);
  for (let z = 0, i = 0; z < dims[2]; z++) for (let y = 0; y < dims[1]; y++) for (let x = 0; x < dims[0]; x++, i++) data[i] = f(x, y, z);
  return { dims, ...GEOMETRY, data };
}

const DIMS: Vec3 = [8, 8, 6];
const image = volume(DIMS, (x, y, z) => 100 + ((x * 7 + y * 13 + z * 29) % 50), Int16Array);
const cube = volume(DIMS, (x, y, z) => (x >= 2 && x < 6 && y >= 2 && y < 6 && z >= 1 && z < 5 ? 1 : 0));
const values = (r: { features: { name: string; value: number }[] }) => new Map(r.features.map((f) => [f.name, f.value]));

describe('extraction on bad input', () => {
  it('refuses a mask without the label, naming the labels present', () => {
    const none = volume(DIMS, () => 0);
    expect(() => extractPyradiomics(image, none, pyradiomicsDefaults())).toThrow(/nothing is segmented/);
    const other = volume(DIMS, (x, y, z) => (cube.data[x + 8 * (y + 8 * z)] ? 2 : 0));
    expect(() => extractIbsi(image, other, ibsiDefaults())).toThrow(ExtractionError);
    expect(() => extractIbsi(image, other, ibsiDefaults())).toThrow(/label 1 is not present.*labels found: 2/);
  });

  it('refuses a one-voxel ROI in the PyRadiomics profile; IBSI returns NaN for what is undefined, with warnings', () => {
    const one = volume(DIMS, (x, y, z) => (x === 3 && y === 3 && z === 2 ? 1 : 0));
    expect(() => extractPyradiomics(image, one, pyradiomicsDefaults())).toThrow(/single voxel/);
    const r = extractIbsi(image, one, ibsiDefaults());
    const v = values(r);
    expect(v.get('Mean intensity')).toBe(image.data[3 + 8 * (3 + 8 * 2)]);
    const ngtdm = r.features.filter((f) => f.family === 'NGTDM');
    expect(ngtdm.length).toBeGreaterThan(0);
    for (const f of ngtdm) expect(f.value, f.name).toBeNaN();
    expect(r.warnings.some((w) => w.startsWith('NGTDM') && w.includes('Coarseness'))).toBe(true);
    expect(r.features.every((f) => Number.isFinite(f.value) || Number.isNaN(f.value))).toBe(true);
  });

  it('gives PyRadiomics fixed values for a constant ROI and IBSI NaN for its undefined features', () => {
    const flat = volume(DIMS, () => 500, Int16Array);
    const p = values(extractPyradiomics(flat, cube, pyradiomicsDefaults()));
    expect(p.get('original_firstorder_Variance')).toBe(0);
    expect(p.get('original_firstorder_Skewness')).toBe(0);
    expect(p.get('original_firstorder_Kurtosis')).toBe(0);
    expect(p.get('original_glcm_Correlation')).toBe(1);
    expect(p.get('original_glcm_MCC')).toBe(1);
    expect(p.get('original_glcm_Imc1')).toBe(0);
    expect(p.get('original_glcm_JointEntropy')).toBeCloseTo(-3.203426503814918e-16, 30);
    expect(p.get('original_ngtdm_Coarseness')).toBe(1e6);
    expect(p.get('original_ngtdm_Contrast')).toBe(0);
    expect(p.get('original_ngtdm_Busyness')).toBe(0);
    expect(p.get('original_ngtdm_Strength')).toBe(0);
    const i = extractIbsi(flat, cube, ibsiDefaults());
    const coarseness = i.features.filter((f) => f.family === 'NGTDM' && f.name === 'Coarseness');
    for (const f of coarseness) expect(f.value).toBeNaN();
    expect(i.warnings.some((w) => w.includes('Coarseness'))).toBe(true);
    expect(values(i).get('Intensity variance')).toBe(0);
  });

  it('leaves NaN voxels out of the intensity mask with a warning', () => {
    const img = volume(DIMS, (x, y, z) => (x === 2 && y === 2 && z === 1 ? NaN : 100 + x + y + z));
    const r = extractPyradiomics(img, cube, pyradiomicsDefaults());
    expect(r.warnings.some((w) => w.startsWith('1 ROI voxel(s) have no intensity'))).toBe(true);
    const v = values(r);
    let sum = 0;
    let n = 0;
    for (let z = 1; z < 5; z++) for (let y = 2; y < 6; y++) for (let x = 2; x < 6; x++) if (!(x === 2 && y === 2 && z === 1)) (sum += 100 + x + y + z), n++;
    expect(v.get('original_firstorder_Mean')).toBeCloseTo(sum / n, 12);
    // shape keeps the whole ROI
    expect(v.get('original_shape_VoxelVolume')).toBe(64 * 2);
    const all = volume(DIMS, () => NaN);
    expect(() => extractIbsi(all, cube, ibsiDefaults())).toThrow(/every ROI voxel is NaN/);
  });

  it('refuses mismatched geometry unless correctMask resamples the mask onto the image', () => {
    const shifted: Volume = { ...cube, origin: [0.5, 0, 0] };
    expect(() => extractPyradiomics(image, shifted, pyradiomicsDefaults())).toThrow(/geometry mismatch: origin/);
    const smaller = volume([8, 8, 5], (x, y, z) => cube.data[x + 8 * (y + 8 * z)]);
    expect(() => extractIbsi(image, smaller, ibsiDefaults())).toThrow(/geometry mismatch: size/);
    const s = pyradiomicsDefaults();
    s.correctMask = true;
    const r = extractPyradiomics(image, shifted, s);
    expect(r.warnings[0]).toMatch(/mask was resampled onto the image grid/);
    expect(values(r).get('original_shape_VoxelVolume')).toBe(64 * 2);
  });

  it('applies minimumROIDimensions and minimumROISize', () => {
    const sheet = volume(DIMS, (x, y, z) => (z === 2 && x > 1 && x < 6 && y > 1 && y < 6 ? 1 : 0));
    const s = pyradiomicsDefaults();
    s.minimumROIDimensions = 3;
    expect(() => extractPyradiomics(image, sheet, s)).toThrow(/extends in 2 dimension/);
    s.minimumROIDimensions = 2;
    s.minimumROISize = 16;
    expect(() => extractPyradiomics(image, sheet, s)).toThrow(/holds 16 voxels/);
  });

  it('refuses unknown and invalid settings before computing anything', () => {
    expect(() => pyradiomicsSettings({ setting: { binwidth: 25 } })).toThrow(SettingsError);
    expect(() => pyradiomicsSettings({ setting: { binwidth: 25 } })).toThrow(/setting.binwidth: unknown setting/);
    const s = pyradiomicsDefaults();
    s.label = 0;
    expect(() => extractFeatures(image, cube, s)).toThrow(/label must be a positive integer/);
    const f = pyradiomicsDefaults();
    f.featureClasses = { glcm: ['NoSuchFeature'] };
    expect(() => extractPyradiomics(image, cube, f)).toThrow(/unknown feature NoSuchFeature/);
  });
});
