// Decodes images with itk-wasm's Node pipelines in a worker thread: decoding stays off the main thread, and
// since wasm memory never shrinks, terminating the worker is the way to give it back after a large study.
// Plain JavaScript so that Node, tsx and vitest can all start it without a transform.
import { parentPort } from 'node:worker_threads';
import { niftiReadImageNode, nrrdReadImageNode } from '@itk-wasm/image-io';

parentPort.on('message', async ({ id, path, format }) => {
  try {
    const read = format === 'nifti' ? niftiReadImageNode : nrrdReadImageNode;
    const { image } = await read(path);
    if (!image || !image.data) {
      parentPort.postMessage({ id, image: null });
      return;
    }
    const { size, spacing, origin, imageType } = image;
    // A copy: the pipeline's array may be a view that cannot be transferred.
    const data = image.data.slice();
    const direction = Array.from(image.direction);
    parentPort.postMessage(
      { id, image: { size, spacing, origin, direction, imageType, data } },
      [data.buffer],
    );
  } catch (e) {
    parentPort.postMessage({ id, image: null, error: String(e) });
  }
});
