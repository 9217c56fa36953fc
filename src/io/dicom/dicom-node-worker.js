// Runs @itk-wasm/dicom pipelines in a Node worker thread, the Node twin of running them with webWorker: false in
// the browser's pipeline worker. Each Emscripten module is loaded once and kept: the package's Node functions
// (readDicomTagsNode, ...) load and compile the wasm again on every call (about 70 ms per file against 1-6 ms
// here). Inputs go to the module's in-memory file system and are removed after each run.
// itk-wasm keeps its loader and runner internal; they are reached through the resolved package location.
// Plain JavaScript so that Node, tsx and vitest can all start it without a transform.
import { parentPort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

const itkIndex = import.meta.resolve('itk-wasm');
const dicomIndex = import.meta.resolve('@itk-wasm/dicom');
const { default: loadModule } = await import(new URL('./pipeline/internal/load-emscripten-module-node.js', itkIndex).href);
const { default: runEmscripten } = await import(new URL('./pipeline/internal/run-pipeline-emscripten.js', itkIndex).href);

// GDCM and dcmqi print progress and errors; the module also captures them (stderr), which is what the caller reads.
for (const name of ['log', 'info', 'warn', 'error', 'debug']) console[name] = () => {};

const PIPELINES = new Set(['read-dicom-tags', 'read-image-dicom-file-series', 'read-segmentation']);
const modules = new Map();

function pipelineModule(name) {
  let m = modules.get(name);
  if (!m) {
    m = loadModule(fileURLToPath(new URL(`./pipelines/${name}`, dicomIndex)));
    modules.set(name, m);
  }
  return m;
}

parentPort.on('message', async ({ id, pipeline, args, outputs, inputs }) => {
  if (!PIPELINES.has(pipeline)) {
    parentPort.postMessage({ id, returnValue: -1, stderr: `unknown pipeline ${pipeline}`, outputs: [] });
    return;
  }
  let module;
  try {
    module = await pipelineModule(pipeline);
    const pipelineInputs = inputs.map((i) => (i.type === 'BinaryFile' ? { type: 'BinaryFile', data: { path: i.path, data: i.data } } : i));
    const result = runEmscripten(module, args, outputs.map((type) => ({ type })), pipelineInputs);
    const transfer = [];
    const data = result.outputs.map((o, n) => {
      if (outputs[n] !== 'Image' || !o?.data) return o?.data;
      // Copies into plain ArrayBuffers (the module hands out SharedArrayBuffer views), which can be transferred.
      const image = o.data;
      const pixels = image.data.slice();
      transfer.push(pixels.buffer);
      return { imageType: image.imageType, name: image.name, size: image.size, spacing: image.spacing, origin: image.origin, direction: Array.from(image.direction), data: pixels };
    });
    parentPort.postMessage({ id, returnValue: result.returnValue, stderr: result.stderr, outputs: data }, transfer);
  } catch (e) {
    // A module that threw (a C++ exception arrives as a bare number) may be left in a bad state: load it afresh.
    modules.delete(pipeline);
    const stderr = module?.getModuleStderr?.() ?? '';
    const reason = typeof e === 'number' ? `the pipeline aborted (exception ${e})` : String(e?.message ?? e);
    parentPort.postMessage({ id, returnValue: -1, stderr: `${stderr}\n${reason}`.trim(), outputs: [] });
  } finally {
    if (module) {
      for (const i of inputs) {
        if (i.type !== 'BinaryFile') continue;
        try {
          module.fs_unlink(i.path);
        } catch {
          // not written (the run failed before) or already gone
        }
      }
    }
  }
});
