/** The page's one handle on the pipeline worker. */
import * as Comlink from 'comlink';
import type { BackendChoice, ExtractionResult } from './extract-slice.js';
import type { FileInput, PipelineApi } from './pipeline-api.js';

export type { BackendChoice, ExtractionResult, FileInput };

export class PipelineClient {
  private readonly worker: Worker;
  private readonly api: Comlink.Remote<PipelineApi>;
  private readonly ready: Promise<void>;

  constructor() {
    this.worker = new Worker(new URL('./pipeline.worker.ts', import.meta.url), { type: 'module', name: 'pipeline' });
    this.api = Comlink.wrap<PipelineApi>(this.worker);
    // The itk-wasm pipelines are copied into the build under itk/image-io (vite.config.ts).
    this.ready = this.api.init(new URL('itk/image-io', document.baseURI).href);
  }

  async extract(image: FileInput, mask: FileInput, options: { backend: BackendChoice; label?: number }): Promise<ExtractionResult> {
    await this.ready;
    return this.api.extract(
      Comlink.transfer(image, [image.bytes.buffer]),
      Comlink.transfer(mask, [mask.bytes.buffer]),
      options,
    );
  }

  terminate(): void {
    this.worker.terminate();
  }
}
