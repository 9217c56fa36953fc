/** Image decoding in Node (CLI, tests) with itk-wasm's Node pipelines. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { niftiReadImageNode, nrrdReadImageNode } from '@itk-wasm/image-io';
import type { Volume } from '../core/volume.js';
import { detectImageFormat, ImageReadError } from './image-format.js';
import { itkImageToVolume } from './itk-to-volume.js';

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
  const absolute = path.resolve(file);
  const read = format === 'nifti' ? niftiReadImageNode : nrrdReadImageNode;
  let image;
  try {
    ({ image } = await read(absolute));
  } catch {
    image = undefined;
  }
  return itkImageToVolume(file, image);
}
