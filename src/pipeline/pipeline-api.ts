/**
 * What the pipeline worker offers the page: decode with itk-wasm (served by the app itself) and extract,
 * with one WebGPU device per worker, re-acquired after a device loss.
 */
import { acquireGpu, type GpuAcquisition } from '../gpu/device.js';
import { readImageBytes, useLocalPipelines } from '../io/read-image-browser.js';
import { ImageReadError } from '../io/image-format.js';
import { InputError, type BackendChoice } from './extract-case.js';
import { runCase, type CaseRun } from './case-run.js';
import type { RoiLabel } from './case-settings.js';
import type { ExtractionSettings } from '../core/settings.js';
import { browserRunner, useLocalDicomPipelines } from '../io/dicom/runner-browser.js';
import type { DicomInput, ProgressCallback } from '../io/dicom/import-study.js';
import type { MaskChoice } from '../io/dicom/load-mask.js';
import type { Phase } from '../core/dicom/phase-guess.js';
import { StudySession, type StudyMaskSource } from './study-session.js';
import { clinicSummary } from '../core/clinic/summary.js';
import { readModel, scoreCase, type ClinicResult, type ScoreCaseFailure, type ScoreCaseProgress } from './score-case.js';
import { resolveScoreImages, type ScoreRequest } from './score-request.js';
import { benchPage, type BenchPageOptions, type BenchReport } from '../bench/gpu-page.js';
import { extractCohortFiles, type CohortProgress, type CohortRequest, type CohortTableResult } from './cohort-browser.js';
import { openCohortCache } from './cohort-cache.js';

export interface FileInput {
  name: string;
  bytes: Uint8Array;
}

let acquisition: Promise<GpuAcquisition> | undefined;

function workerGpu(): Promise<GpuAcquisition> {
  acquisition ??= acquireGpu(typeof navigator !== 'undefined' ? navigator.gpu : undefined).then((got) => {
    if (got.ok) {
      got.gpu.device.lost.then(() => {
        acquisition = undefined;
      });
    }
    return got;
  });
  return acquisition;
}

async function decode(file: FileInput) {
  try {
    return await readImageBytes(file.name, file.bytes);
  } catch (e) {
    if (e instanceof ImageReadError) throw new InputError(e.message);
    throw e;
  }
}

// One imported DICOM study per worker: its bytes stay here, the page gets summaries.
const study = new StudySession({ run: browserRunner, decodeLabelMap: readImageBytes });
// The cohort extraction in flight (one at a time), for cancelCohort.
let cohortAbort: AbortController | undefined;

export const pipelineApi = {
  /** `dicomPipelinesBaseUrl` defaults to the sibling folder `dicom` of the image-io pipelines (itk/dicom). */
  init(pipelinesBaseUrl: string, dicomPipelinesBaseUrl?: string): void {
    useLocalPipelines(pipelinesBaseUrl);
    useLocalDicomPipelines(dicomPipelinesBaseUrl ?? new URL('../dicom', `${pipelinesBaseUrl.replace(/\/$/, '')}/`).href);
  },

  /** Reads the tags of every file and sorts them into series (nothing is decoded yet). */
  importStudy(files: DicomInput[], onProgress?: ProgressCallback) {
    return study.import(files, onProgress);
  },

  /** The user's choice of phase for a series; returns the updated summary. */
  setSeriesPhase(seriesUid: string, phase: Phase) {
    return study.setPhase(seriesUid, phase);
  },

  /** Decodes one series of the imported study (the only one when `seriesUid` is omitted), with its warnings. */
  decodeSeries(seriesUid: string | undefined, onProgress?: ProgressCallback) {
    return study.decode(seriesUid, onProgress);
  },

  /** A SEG / RTSTRUCT of the study (by path) or a separate SEG / RTSTRUCT / NIfTI / NRRD file, on the series' grid. */
  decodeMask(seriesUid: string | undefined, source: StudyMaskSource, choice?: MaskChoice) {
    return study.mask(seriesUid, source, choice);
  },

  /** One NIfTI / NRRD file decoded to a volume (e.g. to draw an ROI on it in the clinic page). */
  decodeImage(file: FileInput) {
    return decode(file);
  },

  /** Features of a series of the imported study within a mask. */
  extractSeries(seriesUid: string | undefined, source: StudyMaskSource, options: { backend: BackendChoice; choice?: MaskChoice; settings?: ExtractionSettings }) {
    return study.extract(seriesUid, source, options.choice ?? {}, { backend: options.backend, settings: options.settings }, workerGpu);
  },

  /**
   * Applies a model file to one patient (clinic workflow): decode, extract each sequence with the model's settings,
   * score (score-case.ts, the same code as `webradiomics score`). Input problems come back as { ok: false, step }.
   */
  async scoreCase(request: ScoreRequest, onProgress?: (p: ScoreCaseProgress) => void): Promise<ClinicResult | ScoreCaseFailure> {
    const read = readModel(request.model);
    if (!read.ok) return read;
    const images = await resolveScoreImages(request, decode, study);
    if (!Array.isArray(images)) return images;
    const result = await scoreCase(read.model, images, request.clinical, { backend: request.backend, onProgress }, workerGpu);
    if (!result.ok) return result;
    return { ...result, summary: clinicSummary(result.assessment, result.sequences, result.features) };
  },

  /** Kernel timings on this device's GPU and CPU for the benchmark page (bench/gpu-page.ts). */
  benchKernels(options: BenchPageOptions): Promise<BenchReport> {
    return benchPage(workerGpu, options);
  },

  /** The full engine on one image + mask (pipeline/case-run.ts); settings from pipeline/case-settings.ts, as plain data. */
  async extractCase(image: FileInput, mask: FileInput, options: { settings: ExtractionSettings; roi?: RoiLabel; backend: BackendChoice }): Promise<CaseRun> {
    const [imageVolume, maskVolume] = [await decode(image), await decode(mask)];
    return runCase(
      { image: imageVolume, mask: maskVolume, imageName: image.name, maskName: mask.name },
      { settings: options.settings, roi: options.roi ?? 'settings-label', backend: options.backend },
      workerGpu,
    );
  },

  /**
   * Cohort extraction (research page): manifest + picked folder files -> the feature table CSV the CLI writes
   * (cohort-browser.ts). Progress after every case; cancelCohort() stops it after the case in flight. With
   * `keepOnDevice` (the user's consent) finished cases are kept in this browser and a later run reuses them.
   */
  async extractCohort(request: CohortRequest, onProgress?: (p: CohortProgress) => void): Promise<CohortTableResult> {
    cohortAbort?.abort();
    const abort = new AbortController();
    cohortAbort = abort;
    // IndexedDB is opened (and so created) only with the user's consent (request.keepOnDevice)
    const cache = request.keepOnDevice ? await openCohortCache() : undefined;
    try {
      return await extractCohortFiles(request, { decode, dicomRunner: browserRunner, getGpu: workerGpu, onProgress, signal: abort.signal, cache });
    } finally {
      cache?.close();
      if (cohortAbort === abort) cohortAbort = undefined;
    }
  },

  /** Stops the cohort extraction in flight after its current case (it then rejects with an AbortError). */
  cancelCohort(): void {
    cohortAbort?.abort();
  },
};

export type PipelineApi = typeof pipelineApi;
