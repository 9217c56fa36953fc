/**
 * What the page sends to score a patient, and how the worker turns it into decoded images: each model sequence
 * from a NIfTI / NRRD file or from a series of the imported DICOM study (whose phase guess goes along for the
 * phase check), each with a mask (a file for all sequences or per sequence, or a SEG / RTSTRUCT of the study).
 * Decoding problems come back as a failure at the step where the user fixes them.
 */
import type { Volume } from '../core/volume.js';
import { describeSeries } from '../core/dicom/study.js';
import type { BackendChoice } from './extract-case.js';
import { InputError } from './extract-slice.js';
import type { ScoreCaseFailure, ScoreCaseImage } from './score-case.js';
import type { StudyMaskSource, StudySession } from './study-session.js';

export interface ScoreFile {
  name: string;
  bytes: Uint8Array;
}

export type ScoreImageSource = { file: ScoreFile } | { seriesUid: string };

export interface ScoreRequest {
  /** the model file: JSON text or an already parsed value */
  model: string | unknown;
  images: { sequence: string; source: ScoreImageSource }[];
  /** sequence '' applies to every sequence without its own mask */
  masks: { sequence: string; source: StudyMaskSource }[];
  clinical: Record<string, unknown>;
  backend: BackendChoice;
}

export async function resolveScoreImages(
  request: Pick<ScoreRequest, 'images' | 'masks'>,
  decode: (file: ScoreFile) => Promise<Volume>,
  study: StudySession,
): Promise<ScoreCaseImage[] | ScoreCaseFailure> {
  const out: ScoreCaseImage[] = [];
  for (const { sequence, source } of request.images) {
    const maskEntry = request.masks.find((m) => m.sequence === sequence) ?? request.masks.find((m) => m.sequence === '');
    const label = sequence || 'image';
    if (!maskEntry) return { ok: false, step: 'roi', problems: [`${label}: no ROI (mask) was given`] };
    const maskName = 'file' in maskEntry.source ? maskEntry.source.file.path : maskEntry.source.studyFile;
    try {
      if ('file' in source) {
        let image: Volume;
        try {
          image = await decode(source.file);
        } catch (e) {
          return { ok: false, step: 'study', problems: [`${label}: ${(e as Error).message}`] };
        }
        if (!('file' in maskEntry.source)) return { ok: false, step: 'roi', problems: [`${label}: a mask from the DICOM study needs a series of that study as the image`] };
        const mask = await decode({ name: maskEntry.source.file.path, bytes: maskEntry.source.file.bytes });
        out.push({ sequence, image, mask, imageName: source.file.name, maskName });
      } else {
        let decoded;
        try {
          decoded = await study.decode(source.seriesUid);
        } catch (e) {
          return { ok: false, step: 'study', problems: [`${label}: ${(e as Error).message}`] };
        }
        const loaded = await study.mask(source.seriesUid, maskEntry.source);
        out.push({ sequence, image: decoded.volume, mask: loaded.mask, imageName: describeSeries(decoded.series), maskName, phase: decoded.series.phase });
      }
    } catch (e) {
      if (e instanceof InputError || (e as Error).name === 'InputError') return { ok: false, step: 'roi', problems: [`${label}: ${(e as Error).message}`] };
      throw e;
    }
  }
  return out;
}
