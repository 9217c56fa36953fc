/** The page's one handle on the pipeline worker. */
import * as Comlink from 'comlink';
import type { BackendChoice, ExtractionResult } from './extract-slice.js';
import type { FileInput, PipelineApi } from './pipeline-api.js';
import { ResearchClient } from './research-client.js';
import type { Phase } from '../core/dicom/phase-guess.js';
import type { StudyImport } from '../core/dicom/study.js';
import type { DicomInput, ImportProgress } from '../io/dicom/import-study.js';
import type { MaskChoice } from '../io/dicom/load-mask.js';
import type { StudyMaskSource } from './study-session.js';

export type { BackendChoice, ExtractionResult, FileInput };
export type { DicomInput, ImportProgress, MaskChoice, Phase, StudyImport, StudyMaskSource };

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

  async extract(image: FileInput, mask: FileInput, options: { backend: BackendChoice; label?: number }): Promise<ExtractionResult> {
    await this.ready;
    return this.api.extract(
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

  async extractSeries(seriesUid: string | undefined, source: StudyMaskSource, options: { backend: BackendChoice; choice?: MaskChoice }) {
    await this.ready;
    return this.api.extractSeries(seriesUid, source, options);
  }

  terminate(): void {
    this.research.terminate();
    this.worker.terminate();
  }
}
