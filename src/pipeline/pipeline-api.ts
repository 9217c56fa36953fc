/**
 * What the pipeline worker offers the page: decode with itk-wasm (served by the app itself) and extract,
 * with one WebGPU device per worker, re-acquired after a device loss.
 */
import { acquireGpu, type GpuAcquisition } from '../gpu/device.js';
import { readImageBytes, useLocalPipelines } from '../io/read-image-browser.js';
import { ImageReadError } from '../io/image-format.js';
import { extractSlice, InputError, type BackendChoice, type ExtractionResult } from './extract-slice.js';

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

export const pipelineApi = {
  init(pipelinesBaseUrl: string): void {
    useLocalPipelines(pipelinesBaseUrl);
  },

  async extract(image: FileInput, mask: FileInput, options: { backend: BackendChoice; label?: number }): Promise<ExtractionResult> {
    const [imageVolume, maskVolume] = [await decode(image), await decode(mask)];
    return extractSlice(
      { image: imageVolume, mask: maskVolume, imageName: image.name, maskName: mask.name, label: options.label },
      options.backend,
      workerGpu,
    );
  },
};

export type PipelineApi = typeof pipelineApi;
