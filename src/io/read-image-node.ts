/**
 * Image decoding in Node (CLI, tests) with itk-wasm's Node pipelines, in one long-lived worker thread
 * (see itk-node-worker.js for why). The worker is unref'd: it never keeps a process alive.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Image } from 'itk-wasm';
import type { Volume } from '../core/volume.js';
import { detectImageFormat, ImageReadError, undecodableReason, type ImageFormat } from './image-format.js';
import { itkImageToVolume } from './itk-to-volume.js';
import { restoreNiftiNaN } from './nifti-nan.js';

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (image: Image | undefined) => void; reject: (e: Error) => void }>();

function decoder(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./itk-node-worker.js', import.meta.url));
  w.on('message', ({ id, image }: { id: number; image: Image | null }) => {
    pending.get(id)?.resolve(image ?? undefined);
    pending.delete(id);
    if (pending.size === 0) w.unref();
  });
  w.on('error', (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker = undefined;
  });
  // The thread keeps the process alive only while a decode is pending (ref in decode(), unref when none is left).
  // A 'message' listener alone refs a worker for good: the process then hung after an error that skipped
  // closeImageReader() (the image decoded, then the mask file was empty).
  w.unref();
  worker = w;
  return w;
}

function decode(absolutePath: string, format: ImageFormat): Promise<Image | undefined> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const w = decoder();
    w.ref();
    w.postMessage({ id, path: absolutePath, format });
  });
}

/** Ends the decoder thread and releases its wasm memory (which never shrinks while it lives). */
export async function closeImageReader(): Promise<void> {
  const w = worker;
  worker = undefined;
  await w?.terminate();
}

export async function readImageFile(file: string): Promise<Volume> {
  const name = path.basename(file);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ImageReadError(file, code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(e)})`);
  }
  const format = detectImageFormat(name, bytes);
  // itk-wasm's Node pipelines crash on relative paths: always pass an absolute one.
  const image = await decode(path.resolve(file), format);
  if (!image?.data) throw new ImageReadError(file, undecodableReason(bytes));
  const volume = itkImageToVolume(file, image);
  if (format === 'nifti') restoreNiftiNaN(bytes, volume);
  return volume;
}
