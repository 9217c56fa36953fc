import { describe, expect, it } from 'vitest';
import { cohortFileIndex, cohortProgressText, cohortSettings } from '../../src/pipeline/cohort-browser.js';
import { pyradiomicsDefaults } from '../../src/core/settings.js';

const file = (path: string) => ({ path, bytes: new Uint8Array([path.length]) });

describe('cohort-browser: matching manifest paths to picked files', () => {
  const files = [file('cohort/images/P1/AP.nii.gz'), file('cohort/masks/P1.nii.gz'), file('cohort/masks/P2.nii.gz')];
  const find = cohortFileIndex(files);

  it('finds a path with or without the picked folder name, with ./ and backslashes normalised', () => {
    expect(find('images/P1/AP.nii.gz')).toBe(files[0]);
    expect(find('cohort/images/P1/AP.nii.gz')).toBe(files[0]);
    expect(find('./masks/P2.nii.gz')).toBe(files[2]);
    expect(find('masks\\P1.nii.gz')).toBe(files[1]);
  });

  it('does not match a different or partial path', () => {
    expect(find('P1/AP.nii.gz')).toBeUndefined();
    expect(find('images/P1/PVP.nii.gz')).toBeUndefined();
    expect(find('masks/P3.nii.gz')).toBeUndefined();
  });
});

describe('cohort-browser: progress text and settings', () => {
  it('shows cases done / total, elapsed and the ETA until the last case', () => {
    expect(cohortProgressText({ done: 2, total: 6, elapsedMs: 4000, etaMs: 8000, patientId: 'P1', sequence: 'PVP' })).toBe(
      '2 / 6 cases (last: patient P1, PVP), 4 s elapsed, about 8 s left',
    );
    expect(cohortProgressText({ done: 6, total: 6, elapsedMs: 180_000, etaMs: 0, patientId: 'P2', sequence: 'T2' })).toBe('6 / 6 cases (last: patient P2, T2), 3.0 min elapsed');
  });

  it('defaults to PyRadiomics defaults and reads a PyRadiomics parameter file', () => {
    expect(cohortSettings(undefined)).toEqual(pyradiomicsDefaults());
    const s = cohortSettings({ name: 'p.yaml', text: 'setting:\n  binWidth: 15\n' });
    expect(s.profile).toBe('pyradiomics');
    expect(s.discretisation).toEqual({ kind: 'fixed-bin-width', width: 15, convention: 'pyradiomics' });
  });
});
