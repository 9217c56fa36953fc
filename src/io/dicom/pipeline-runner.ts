/**
 * The @itk-wasm/dicom pipelines this project calls, behind one small interface so that the browser (itk-wasm
 * `runPipeline` with webWorker: false, inside the pipeline worker) and Node (a worker thread holding the
 * Emscripten modules, dicom-node-worker.js) build the same arguments.
 *
 * The packaged browser `readImageDicomFileSeries` always starts a pool of web workers, which a worker must not do
 * (docs/itk-wasm.md), so the pipelines are run by name with the arguments the package functions would pass
 * (@itk-wasm/dicom 7.6.4: read-dicom-tags, read-image-dicom-file-series, read-segmentation; all with --memory-io).
 *
 * Inputs are written to the module's in-memory file system under the given path. Paths are unique within a call
 * (files of the same name would overwrite each other) and reused between calls (the browser module keeps every
 * file written to it: reuse bounds that memory by the largest call).
 */
import type { Image } from 'itk-wasm';

export type DicomPipeline = 'read-dicom-tags' | 'read-image-dicom-file-series' | 'read-segmentation';

export type RunInput = { type: 'BinaryFile'; path: string; data: Uint8Array } | { type: 'JsonCompatible'; data: unknown };

export type OutputType = 'Image' | 'JsonCompatible';

export interface RunResult {
  /** 0 on success; -1 when the module threw (e.g. a C++ exception surfacing as a bare number) */
  returnValue: number;
  stderr: string;
  /** per requested output: an itk-wasm Image or a JSON value */
  outputs: unknown[];
}

export type PipelineRunner = (pipeline: DicomPipeline, args: string[], outputs: OutputType[], inputs: RunInput[]) => Promise<RunResult>;

export const TAGS_PATH = '/wr-tags.dcm';
export const SEG_PATH = '/wr-seg.dcm';
export function seriesPath(n: number): string {
  return `/wr-series-${n}.dcm`;
}

/** The first meaningful line of a pipeline's error output. */
export function firstLine(stderr: string): string {
  return (
    stderr
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? ''
  );
}

/** read-dicom-tags on one file: [tag, value] pairs, or the pipeline's error. */
export async function readTags(run: PipelineRunner, data: Uint8Array, tags?: string[]): Promise<{ tags?: Map<string, string>; error?: string }> {
  const inputs: RunInput[] = [{ type: 'BinaryFile', path: TAGS_PATH, data }];
  const args = [TAGS_PATH, '0', '--memory-io'];
  if (tags) {
    inputs.push({ type: 'JsonCompatible', data: { tags } });
    args.push('--tags-to-read', '1');
  }
  const r = await run('read-dicom-tags', args, ['JsonCompatible'], inputs);
  if (r.returnValue !== 0) return { error: firstLine(r.stderr) || `read-dicom-tags returned ${r.returnValue}` };
  const pairs = r.outputs[0] as [string, string][];
  return { tags: new Map(pairs.map(([k, v]) => [k.toLowerCase(), v])) };
}

/** read-image-dicom-file-series on the given files (already one series, de-duplicated). */
export async function readSeriesImage(run: PipelineRunner, files: Uint8Array[]): Promise<{ image?: Image; sorted?: string[]; stderr: string; returnValue: number }> {
  const inputs: RunInput[] = files.map((data, n) => ({ type: 'BinaryFile', path: seriesPath(n), data }));
  const args = ['0', '1', '--memory-io', '--input-images', ...inputs.map((i) => (i as { path: string }).path)];
  const r = await run('read-image-dicom-file-series', args, ['Image', 'JsonCompatible'], inputs);
  if (r.returnValue !== 0) return { stderr: r.stderr, returnValue: r.returnValue };
  return { image: r.outputs[0] as Image, sorted: r.outputs[1] as string[], stderr: r.stderr, returnValue: 0 };
}

/** read-segmentation (dcmqi): a label image on the SEG's own grid and the dcmqi JSON description. */
export async function readSegImage(run: PipelineRunner, data: Uint8Array): Promise<{ image?: Image; meta?: unknown; stderr: string; returnValue: number }> {
  const r = await run('read-segmentation', [SEG_PATH, '0', '1', '--memory-io'], ['Image', 'JsonCompatible'], [{ type: 'BinaryFile', path: SEG_PATH, data }]);
  if (r.returnValue !== 0) return { stderr: r.stderr, returnValue: r.returnValue };
  return { image: r.outputs[0] as Image, meta: r.outputs[1], stderr: r.stderr, returnValue: 0 };
}
