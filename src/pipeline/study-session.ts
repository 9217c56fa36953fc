/**
 * One imported DICOM study, held where decoding runs (the pipeline worker, or the CLI process): the files' bytes,
 * the series list, and the last decoded series. The page sees only summaries and results; the bytes stay here.
 * Shared by the worker (browser runner) and Node (Node runner), so that both take the same path.
 */
import { userPhase, type Phase } from '../core/dicom/phase-guess.js';
import { describeSeries, type SeriesSummary, type StudyImport } from '../core/dicom/study.js';
import { DicomInputError } from '../io/dicom/dicom-error.js';
import { decodeSeries, type DecodedSeries } from '../io/dicom/decode-series.js';
import { importStudy, type DicomInput, type ProgressCallback } from '../io/dicom/import-study.js';
import { loadMask, type LoadedMask, type MaskChoice, type MaskDecoders } from '../io/dicom/load-mask.js';
import { expandZips } from '../io/dicom/zip-input.js';
import type { GpuAcquisition } from '../gpu/device.js';
import { ibsiDefaults, type ExtractionSettings } from '../core/settings.js';
import { InputError, type BackendChoice } from './extract-case.js';
import { runCase, type CaseRun } from './case-run.js';

/** A mask from the imported study (a SEG or RTSTRUCT file in it, by path) or from a separate file. */
export type StudyMaskSource = { studyFile: string } | { file: DicomInput };

async function asInputError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof DicomInputError) throw new InputError(e.message);
    throw e;
  }
}

export class StudySession {
  private files: DicomInput[] = [];
  private study: StudyImport | undefined;
  private decoded: { uid: string; result: DecodedSeries } | undefined;

  constructor(private readonly decoders: MaskDecoders) {}

  /** Files of a folder (relative paths) and/or zip archives of one. */
  async import(files: DicomInput[], onProgress?: ProgressCallback): Promise<StudyImport> {
    this.files = [];
    this.study = undefined;
    this.decoded = undefined;
    const expanded = await asInputError(async () => expandZips(files.map((f) => ({ path: f.path, bytes: f.bytes }))));
    this.files = expanded;
    this.study = await importStudy(this.decoders.run, expanded, onProgress);
    return this.study;
  }

  /** The series with this SeriesInstanceUID; without one, the only series. Otherwise an error listing them. */
  series(uid?: string): SeriesSummary {
    const study = this.study;
    if (!study) throw new InputError('no study imported yet');
    const list = study.series.map((s) => `  ${describeSeries(s)}`).join('\n');
    if (!uid) {
      if (study.series.length === 1) return study.series[0];
      if (study.series.length === 0) {
        const why = study.unreadable.length ? `; ${study.unreadable.length} file(s) unreadable, e.g. ${study.unreadable[0].file}: ${study.unreadable[0].reason}` : '';
        throw new InputError(`the study holds no image series${why}`);
      }
      throw new InputError(`the study holds ${study.series.length} image series; choose one by SeriesInstanceUID:\n${list}`);
    }
    const found = study.series.find((s) => s.seriesInstanceUid === uid.trim());
    if (!found) throw new InputError(`no series ${uid} in the study; it holds:\n${list}`);
    return found;
  }

  /** The user's phase for a series (overrides the guess). */
  setPhase(uid: string, phase: Phase): SeriesSummary {
    const s = this.series(uid);
    s.phase = userPhase(phase);
    return s;
  }

  async decode(uid?: string, onProgress?: ProgressCallback): Promise<DecodedSeries & { series: SeriesSummary }> {
    const series = this.series(uid);
    if (this.decoded?.uid !== series.seriesInstanceUid) {
      const result = await asInputError(() => decodeSeries(this.decoders.run, this.files, series, onProgress));
      this.decoded = { uid: series.seriesInstanceUid, result };
    }
    return { ...this.decoded.result, series };
  }

  private maskFile(source: StudyMaskSource): DicomInput {
    if ('file' in source) return source.file;
    const found = this.files.find((f) => f.path === source.studyFile);
    if (!found) throw new InputError(`no file ${source.studyFile} in the study`);
    return found;
  }

  /** The mask on the grid of the series (decoded first if needed). */
  async mask(uid: string | undefined, source: StudyMaskSource, choice: MaskChoice = {}): Promise<LoadedMask> {
    const { volume, series } = await this.decode(uid);
    const file = this.maskFile(source);
    return asInputError(() =>
      loadMask(this.decoders, file, { geometry: volume, name: describeSeries(series), frameOfReferenceUid: series.frameOfReferenceUid }, choice),
    );
  }

  /**
   * Features of a series within a mask (the mask is 0/1 on the series' grid, so the ROI is label 1 whatever the
   * settings say); IBSI defaults unless settings are given.
   */
  async extract(
    uid: string | undefined,
    source: StudyMaskSource,
    choice: MaskChoice,
    options: { backend: BackendChoice; settings?: ExtractionSettings },
    getGpu: () => Promise<GpuAcquisition>,
  ): Promise<CaseRun & { series: SeriesSummary; mask: Omit<LoadedMask, 'mask'> }> {
    const decoded = await this.decode(uid);
    const loaded = await this.mask(uid, source, choice);
    const settings = { ...(options.settings ?? ibsiDefaults()), label: 1 };
    const result = await runCase(
      { image: decoded.volume, mask: loaded.mask, imageName: describeSeries(decoded.series), maskName: this.maskFile(source).path },
      { settings, roi: 'settings-label', backend: options.backend },
      getGpu,
    );
    const { mask: _mask, ...maskInfo } = loaded;
    return { ...result, warnings: [...decoded.warnings, ...loaded.warnings, ...result.warnings], series: decoded.series, mask: maskInfo };
  }
}
