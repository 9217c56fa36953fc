/**
 * Image decoding in a browser thread (the pipeline worker) with itk-wasm, run in the calling thread
 * (webWorker: false) so that no nested worker pool is created. The pipelines are served by the app itself.
 */
import { niftiReadImage, nrrdReadImage, setPipelinesBaseUrl } from '@itk-wasm/image-io';
import type { Volume } from '../core/volume.js';
import { detectImageFormat, ImageReadError, undecodableReason } from './image-format.js';
import { itkImageToVolume } from './itk-to-volume.js';
import { restoreNiftiNaN } from './nifti-nan.js';

let configured = false;

/** Points @itk-wasm/image-io at the app's own copy of its pipelines (never a CDN). Call once per thread. */
export function useLocalPipelines(baseUrl: string): void {
  setPipelinesBaseUrl(baseUrl);
  configured = true;
}

let counter = 0;

export async function readImageBytes(name: string, bytes: Uint8Array): Promise<Volume> {
  if (!configured) throw new Error('itk-wasm pipelines URL not set: call useLocalPipelines first');
  const format = detectImageFormat(name, bytes);
  // A unique virtual path per call: files with the same name must never overwrite each other.
  const path = `input-${++counter}-${name.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  const file = { path, data: bytes.slice() };
  const read = format === 'nifti' ? niftiReadImage : nrrdReadImage;
  let image;
  try {
    ({ image } = await read(file, { webWorker: false }));
  } catch {
    image = undefined;
  }
  if (!image?.data) throw new ImageReadError(name, undecodableReason(bytes));
  const volume = itkImageToVolume(name, image);
  if (format === 'nifti') restoreNiftiNaN(bytes, volume);
  return volume;
}
