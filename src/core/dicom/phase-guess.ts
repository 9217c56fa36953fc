/**
 * A guess of what a series shows in a liver MRI/CT study: contrast phase (pre-contrast, arterial, portal venous,
 * delayed) or sequence (T2, DWI, ADC), from SeriesDescription / ProtocolName keywords, then sequence tags
 * (ScanningSequence, EchoTime, RepetitionTime, DiffusionBValue, SequenceName), then timing (AcquisitionTime minus
 * ContrastBolusStartTime; or the order of contrast-enhanced series in the study). The user can always override it.
 */

export type Phase = 'pre-contrast' | 'arterial' | 'portal-venous' | 'delayed' | 't2' | 'dwi' | 'adc' | 'unknown';

export const PHASES: Phase[] = ['pre-contrast', 'arterial', 'portal-venous', 'delayed', 't2', 'dwi', 'adc', 'unknown'];

export interface PhaseGuess {
  phase: Phase;
  /** what the guess rests on */
  basis: 'description' | 'sequence' | 'timing' | 'user' | 'none';
  /** a short reason shown to the user, e.g. 'SeriesDescription "AX LAVA ART"' */
  reason: string;
}

export interface PhaseInput {
  modality: string;
  seriesDescription: string;
  protocolName?: string;
  /** (0008,0008), values joined by '\' */
  imageType?: string;
  /** (0018,0020), e.g. 'SE', 'GR', 'EP', 'SE\IR' */
  scanningSequence?: string;
  /** (0018,0024), e.g. '*ep_b800t', '*tse2d1_15' */
  sequenceName?: string;
  /** ms */
  echoTime?: number;
  /** ms */
  repetitionTime?: number;
  /** (0018,9087) s/mm^2 */
  diffusionBValue?: number;
  /** (0018,0010) */
  contrastAgent?: string;
  /** (0018,1042), DICOM TM */
  contrastStartTime?: string;
  /** (0008,0032) or (0008,0031), DICOM TM */
  acquisitionTime?: string;
}

/** Seconds since midnight from a DICOM TM value (HHMMSS.FFFFFF, or the old HH:MM:SS); undefined if unreadable. */
export function dicomTimeSeconds(tm: string | undefined): number | undefined {
  if (!tm) return undefined;
  const t = tm.trim().replace(/:/g, '');
  const m = /^(\d{2})(\d{2})?(\d{2})?(\.\d+)?$/.exec(t);
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) + Number(m[4] ?? 0);
}

interface Rule {
  phase: Phase;
  pattern: RegExp;
  note?: string;
}

// Checked in order on the lower-cased description + protocol name with '_', '-', '.', '/' and '+' as spaces.
// Diffusion first ('DWI AP' is a phase-encoding direction, not arterial), then T2, then contrast phases.
const RULES: Rule[] = [
  { phase: 'adc', pattern: /\badc\b|\bdadc\b|\beadc\b|apparent diffusion/ },
  { phase: 'dwi', pattern: /\bdwi\b|\bdw\b|diffusion|\bdiff\b|\bb ?\d{2,4}\b|\bresolve\b|\btrace(w)?\b|\bzoomit\b/ },
  { phase: 't2', pattern: /\bt2(?! ?\*)(w|wi|fs|tse|frfse)?\b|\bhaste\b|\bssfse\b|\bss ?fse\b|\bfrfse\b|\bmvxd\b/ },
  { phase: 'pre-contrast', pattern: /\bpre\b|\bprecontrast\b|pre contrast|unenhanced|non ?contrast|\bnative\b|\bplain\b|\bnc\b/ },
  { phase: 'delayed', pattern: /\bhbp\b|hepatobiliary|\b(1[0-9]|20) ?min\b/, note: 'hepatobiliary' },
  { phase: 'arterial', pattern: /arter|\bart\b|\bhap\b|\blap\b|\beap\b|\bap\b/ },
  { phase: 'portal-venous', pattern: /portal|venous|\bpv\b|\bpvp\b|\bvp\b|\bven\b/ },
  { phase: 'delayed', pattern: /delay|\bdel\b|equilib|\beq\b|transitional|\blate\b|\b[2-9] ?min\b/ },
];

function keywordText(input: PhaseInput): string {
  return `${input.seriesDescription} ${input.protocolName ?? ''}`.toLowerCase().replace(/[_\-./+,()]+/g, ' ').trim();
}

/** The guess for one series on its own (no study context). */
export function guessPhase(input: PhaseInput): PhaseGuess {
  const imageType = (input.imageType ?? '').toUpperCase().split('\\').map((s) => s.trim());
  if (imageType.includes('ADC')) return { phase: 'adc', basis: 'sequence', reason: `ImageType contains ADC` };
  const text = keywordText(input);
  for (const rule of RULES) {
    const m = rule.pattern.exec(text);
    if (m) {
      const source = input.seriesDescription.trim() ? `SeriesDescription "${input.seriesDescription.trim()}"` : `ProtocolName "${(input.protocolName ?? '').trim()}"`;
      return { phase: rule.phase, basis: 'description', reason: `${source} (${rule.note ?? `"${m[0].trim()}"`})` };
    }
  }
  const seqName = (input.sequenceName ?? '').toLowerCase();
  const bFromName = /ep_b(\d+)/.exec(seqName);
  if ((input.diffusionBValue ?? 0) > 0 || bFromName) {
    const b = input.diffusionBValue ?? Number(bFromName![1]);
    return { phase: 'dwi', basis: 'sequence', reason: `diffusion b-value ${b} s/mm²` };
  }
  if (input.modality === 'MR') {
    const seq = (input.scanningSequence ?? '').toUpperCase().split('\\');
    const te = input.echoTime ?? 0;
    const tr = input.repetitionTime ?? 0;
    if (seq.includes('SE') && !seq.includes('IR') && !seq.includes('EP') && te >= 60 && tr >= 1000) {
      return { phase: 't2', basis: 'sequence', reason: `spin echo with TE ${te} ms, TR ${tr} ms` };
    }
  }
  const timed = timingPhase(input);
  if (timed) return timed;
  return { phase: 'unknown', basis: 'none', reason: 'no phase or sequence keyword, no usable timing tags' };
}

/** Phase from the delay between contrast start and acquisition: < 50 s arterial, < 110 s portal venous, else delayed. */
function timingPhase(input: PhaseInput): PhaseGuess | undefined {
  const start = dicomTimeSeconds(input.contrastStartTime);
  const acquired = dicomTimeSeconds(input.acquisitionTime);
  if (start === undefined || acquired === undefined) return undefined;
  const delay = acquired - start;
  if (delay < 0) return undefined;
  const phase: Phase = delay < 50 ? 'arterial' : delay < 110 ? 'portal-venous' : 'delayed';
  return { phase, basis: 'timing', reason: `acquired ${Math.round(delay)} s after contrast start` };
}

function contrastEnhanced(input: PhaseInput): boolean {
  return (input.contrastAgent ?? '').trim() !== '';
}

/**
 * Guesses for every series of a study. Contrast-enhanced series (ContrastBolusAgent set) that neither keywords
 * nor timing place are ordered by acquisition time: the first is arterial, the second portal venous, later ones
 * delayed (only when at least two such series exist).
 */
export function guessStudyPhases(inputs: PhaseInput[]): PhaseGuess[] {
  const guesses = inputs.map(guessPhase);
  const open = inputs
    .map((input, n) => ({ n, t: dicomTimeSeconds(input.acquisitionTime) }))
    .filter(({ n, t }) => guesses[n].phase === 'unknown' && contrastEnhanced(inputs[n]) && t !== undefined)
    .sort((a, b) => a.t! - b.t!);
  if (open.length >= 2) {
    open.forEach(({ n }, rank) => {
      const phase: Phase = rank === 0 ? 'arterial' : rank === 1 ? 'portal-venous' : 'delayed';
      guesses[n] = { phase, basis: 'timing', reason: `contrast-enhanced series number ${rank + 1} of ${open.length} by acquisition time` };
    });
  }
  return guesses;
}

/** The user's choice, which always wins over a guess. */
export function userPhase(phase: Phase): PhaseGuess {
  return { phase, basis: 'user', reason: 'set by the user' };
}
