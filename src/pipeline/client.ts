/** The page's one handle on the pipeline worker. */
import * as Comlink from 'comlink';
import type { BackendChoice } from './extract-case.js';
import type { CaseRun } from './case-run.js';
import type { RoiLabel } from './case-settings.js';
import type { FileInput, PipelineApi } from './pipeline-api.js';
import type { ExtractionSettings } from '../core/settings.js';
import { ResearchClient } from './research-client.js';
import type { Phase } from '../core/dicom/phase-guess.js';
import type { StudyImport } from '../core/dicom/study.js';
import type { DicomInput, ImportProgress } from '../io/dicom/import-study.js';
import type { MaskChoice } from '../io/dicom/load-mask.js';
import type { StudyMaskSource } from './study-session.js';
import type { ScoreCaseProgress } from './score-case.js';
import type { ScoreRequest } from './score-request.js';
import type { BenchPageOptions, BenchReport } from '../bench/gpu-page.js';
import type { CohortProgress, CohortRequest, CohortTableResult } from './cohort-browser.js';

export type { BackendChoice, CaseRun, ExtractionSettings, FileInput, RoiLabel };
export type { DicomInput, ImportProgress, MaskChoice, Phase, StudyImport, StudyMaskSource };
export type { ScoreCaseProgress, ScoreRequest };
export type { CohortProgress, CohortRequest, CohortTableResult };

export class PipelineClient {
  private readonly worker: Worker;
  private readonly api: Comlink.Remote<PipelineApi>;
  private readonly ready: Promise<void>;
  /** The modelling worker (research workflow), started on first use. */
  readonly research = new ResearchClient();

  constructor() {
    this.worker = new Worker(new URL('./pipeline.worker.ts', import.meta.url), { type: 'module', name: 'pipeline' });
    this.api = Comlink.wrap<PipelineApi>(this.worker);
    // The itk-wasm pipelines are copied into the build under itk/image-io and itk/dicom (vite.config.ts).
    this.ready = this.api.init(new URL('itk/image-io', document.baseURI).href, new URL('itk/dicom', document.baseURI).href);
  }

  /** The full engine on one image + mask; the files' bytes move to the worker. */
  async extractCase(image: FileInput, mask: FileInput, options: { settings: ExtractionSettings; roi?: RoiLabel; backend: BackendChoice }): Promise<CaseRun> {
    await this.ready;
    return this.api.extractCase(
      Comlink.transfer(image, [image.bytes.buffer]),
      Comlink.transfer(mask, [mask.bytes.buffer]),
      options,
    );
  }

  /** Imports a study (files of a folder, with their relative paths); the bytes move to the worker. */
  async importStudy(files: DicomInput[], onProgress?: (p: ImportProgress) => void): Promise<StudyImport> {
    await this.ready;
    const buffers = [...new Set(files.map((f) => f.bytes.buffer as ArrayBuffer))];
    return this.api.importStudy(Comlink.transfer(files, buffers), onProgress ? Comlink.proxy(onProgress) : undefined);
  }

  async setSeriesPhase(seriesUid: string, phase: Phase) {
    await this.ready;
    return this.api.setSeriesPhase(seriesUid, phase);
  }

  async decodeSeries(seriesUid: string | undefined, onProgress?: (p: ImportProgress) => void) {
    await this.ready;
    return this.api.decodeSeries(seriesUid, onProgress ? Comlink.proxy(onProgress) : undefined);
  }

  async decodeMask(seriesUid: string | undefined, source: StudyMaskSource, choice?: MaskChoice) {
    await this.ready;
    return this.api.decodeMask(seriesUid, source, choice);
  }

  /** Decodes one NIfTI / NRRD file in the worker; the file's bytes move to the worker. */
  async decodeImage(file: FileInput) {
    await this.ready;
    return this.api.decodeImage(Comlink.transfer(file, [file.bytes.buffer]));
  }

  async extractSeries(seriesUid: string | undefined, source: StudyMaskSource, options: { backend: BackendChoice; choice?: MaskChoice; settings?: ExtractionSettings }) {
    await this.ready;
    return this.api.extractSeries(seriesUid, source, options);
  }

  /** Kernel timings on this device (benchmark page), run in the worker. */
  async benchKernels(options: BenchPageOptions): Promise<BenchReport> {
    await this.ready;
    return this.api.benchKernels(options);
  }

  /** Applies a model to one patient in the worker (clinic workflow); file bytes are copied, so a retry can resend them. */
  async scoreCase(request: ScoreRequest, onProgress?: (p: ScoreCaseProgress) => void) {
    await this.ready;
    return this.api.scoreCase(request, onProgress ? Comlink.proxy(onProgress) : undefined);
  }

  /** Cohort extraction in the worker (manifest + picked files); the bytes are copied, so a retry can resend them. */
  async extractCohort(request: CohortRequest, onProgress?: (p: CohortProgress) => void): Promise<CohortTableResult> {
    await this.ready;
    return this.api.extractCohort(request, onProgress ? Comlink.proxy(onProgress) : undefined);
  }

  /** Stops the cohort extraction after the case in flight. */
  async cancelCohort(): Promise<void> {
    await this.ready;
    return this.api.cancelCohort();
  }

  terminate(): void {
    this.research.terminate();
    this.worker.terminate();
  }
}
