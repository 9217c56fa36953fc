import { describe, expect, it } from 'vitest';
import { dicomTimeSeconds, guessPhase, guessStudyPhases, userPhase, type PhaseInput } from '../../src/core/dicom/phase-guess.js';

const mr = (seriesDescription: string, extra: Partial<PhaseInput> = {}): PhaseInput => ({ modality: 'MR', seriesDescription, ...extra });

describe('guessPhase from SeriesDescription / ProtocolName', () => {
  const cases: [string, string][] = [
    ['AX T2 HASTE', 't2'],
    ['t2_tse_tra_fs', 't2'],
    ['T2W SPAIR', 't2'],
    ['Ax SSFSE T2', 't2'],
    ['ep2d_diff_b50_800_tra', 'dwi'],
    ['DWI b800', 'dwi'],
    ['DWI AP', 'dwi'],
    ['ep2d_diff_tra_ADC', 'adc'],
    ['Apparent Diffusion Coefficient (mm2/s)', 'adc'],
    ['t1_vibe_fs_tra_pre', 'pre-contrast'],
    ['LAVA unenhanced', 'pre-contrast'],
    ['t1_vibe_fs_tra_arterial', 'arterial'],
    ['AX LAVA Late Arterial', 'arterial'],
    ['HAP', 'arterial'],
    ['t1_vibe portal venous', 'portal-venous'],
    ['LAVA PVP', 'portal-venous'],
    ['THRIVE delayed 3min', 'delayed'],
    ['Equilibrium', 'delayed'],
    ['HBP 20 min', 'delayed'],
    ['T2* GRE', 'unknown'],
  ];
  for (const [description, phase] of cases) {
    it(`"${description}" -> ${phase}`, () => {
      const g = guessPhase(mr(description));
      expect(g.phase).toBe(phase);
      if (phase !== 'unknown') {
        expect(g.basis).toBe('description');
        expect(g.reason).toContain(`SeriesDescription "${description}"`);
      }
    });
  }

  it('falls back to ProtocolName when SeriesDescription says nothing', () => {
    const g = guessPhase(mr('', { protocolName: 'abd_t1_art' }));
    expect(g).toMatchObject({ phase: 'arterial', basis: 'description' });
    expect(g.reason).toContain('ProtocolName "abd_t1_art"');
  });
});

describe('guessPhase from sequence and timing tags', () => {
  it('reads ADC from ImageType, DWI from the b-value or a Siemens sequence name', () => {
    expect(guessPhase(mr('series 7', { imageType: 'DERIVED\\PRIMARY\\DIFFUSION\\ADC' })).phase).toBe('adc');
    expect(guessPhase(mr('series 8', { diffusionBValue: 800 }))).toMatchObject({ phase: 'dwi', basis: 'sequence', reason: 'diffusion b-value 800 s/mm²' });
    expect(guessPhase(mr('series 9', { sequenceName: '*ep_b1000t' })).phase).toBe('dwi');
  });

  it('calls a long-TE spin echo T2, not a short-TE one or an inversion recovery', () => {
    expect(guessPhase(mr('series 3', { scanningSequence: 'SE', echoTime: 90, repetitionTime: 4000 }))).toMatchObject({ phase: 't2', basis: 'sequence' });
    expect(guessPhase(mr('series 3', { scanningSequence: 'SE', echoTime: 12, repetitionTime: 500 })).phase).toBe('unknown');
    expect(guessPhase(mr('series 3', { scanningSequence: 'SE\\IR', echoTime: 90, repetitionTime: 9000 })).phase).toBe('unknown');
  });

  it('uses the delay from contrast start to acquisition', () => {
    const at = (acquisitionTime: string) => guessPhase(mr('t1 vibe', { contrastStartTime: '101500', acquisitionTime }));
    expect(at('101530')).toMatchObject({ phase: 'arterial', basis: 'timing', reason: 'acquired 30 s after contrast start' });
    expect(at('101630.5')).toMatchObject({ phase: 'portal-venous' });
    expect(at('101900')).toMatchObject({ phase: 'delayed' });
  });

  it('reads DICOM TM values', () => {
    expect(dicomTimeSeconds('101530.25')).toBeCloseTo(36930.25, 9);
    expect(dicomTimeSeconds('10:15:30')).toBe(36930);
    expect(dicomTimeSeconds('10')).toBe(36000);
    expect(dicomTimeSeconds('')).toBeUndefined();
    expect(dicomTimeSeconds('abc')).toBeUndefined();
  });
});

describe('guessStudyPhases', () => {
  it('orders otherwise unplaced contrast-enhanced series by acquisition time', () => {
    const enhanced = (acquisitionTime: string) => mr('t1_vibe_dyn', { contrastAgent: 'Gd-EOB', acquisitionTime });
    const guesses = guessStudyPhases([enhanced('102300'), mr('t2_haste'), enhanced('102030'), enhanced('102130'), mr('t1_vibe_dyn')]);
    expect(guesses.map((g) => g.phase)).toEqual(['delayed', 't2', 'arterial', 'portal-venous', 'unknown']);
    expect(guesses[2]).toEqual({ phase: 'arterial', basis: 'timing', reason: 'contrast-enhanced series number 1 of 3 by acquisition time' });
  });

  it('leaves a single unplaced contrast-enhanced series unknown', () => {
    expect(guessStudyPhases([mr('t1 post', { contrastAgent: 'Gd', acquisitionTime: '120000' })])[0].phase).toBe('unknown');
  });

  it("lets the user's choice win", () => {
    expect(userPhase('portal-venous')).toEqual({ phase: 'portal-venous', basis: 'user', reason: 'set by the user' });
  });
});
