/**
 * The DICOM pipeline runner in a browser thread (the pipeline worker): itk-wasm `runPipeline` with
 * webWorker: false, so that no nested worker pool is created and each module is loaded once and kept.
 * The pipelines are served by the app itself (copied into the build under itk/dicom, vite.config.ts).
 */
import { setPipelinesBaseUrl } from '@itk-wasm/dicom';
import { runPipeline, type Image } from 'itk-wasm';
import type { PipelineRunner } from './pipeline-runner.js';

let baseUrl: string | undefined;

/** Points @itk-wasm/dicom at the app's own copy of its pipelines (never a CDN). Call once per thread. */
export function useLocalDicomPipelines(url: string): void {
  baseUrl = url;
  setPipelinesBaseUrl(url);
}

export const browserRunner: PipelineRunner = async (pipeline, args, outputs, inputs) => {
  if (!baseUrl) throw new Error('itk-wasm DICOM pipelines URL not set: call useLocalDicomPipelines first');
  try {
    const r = await runPipeline(
      pipeline,
      args,
      outputs.map((type) => ({ type })),
      inputs.map((i) => (i.type === 'BinaryFile' ? { type: 'BinaryFile', data: { path: i.path, data: i.data } } : { type: 'JsonCompatible', data: i.data as never })),
      { pipelineBaseUrl: baseUrl, webWorker: false },
    );
    const data = r.outputs.map((o) => {
      if (o.type !== 'Image' || !o.data) return o.data;
      // A copy: the output may be a view of the module's memory or a SharedArrayBuffer.
      const image = o.data as Image;
      return { ...image, data: image.data ? (image.data as Uint8Array).slice() : null, direction: Array.from(image.direction as ArrayLike<number>) };
    });
    return { returnValue: r.returnValue, stderr: r.stderr, outputs: data };
  } catch (e) {
    const reason = typeof e === 'number' ? `the pipeline aborted (exception ${e})` : String((e as Error)?.message ?? e);
    return { returnValue: -1, stderr: reason, outputs: [] };
  }
};
