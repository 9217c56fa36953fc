/**
 * The DICOM pipeline runner in Node (CLI, tests): one long-lived worker thread (dicom-node-worker.js) that keeps
 * the Emscripten modules loaded. The worker is unref'd: it never keeps a process alive.
 */
import { Worker } from 'node:worker_threads';
import type { PipelineRunner, RunResult } from './pipeline-runner.js';

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (r: RunResult) => void; reject: (e: Error) => void }>();

function runnerThread(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./dicom-node-worker.js', import.meta.url));
  w.unref();
  w.on('message', ({ id, ...result }: { id: number } & RunResult) => {
    pending.get(id)?.resolve(result);
    pending.delete(id);
  });
  w.on('error', (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker = undefined;
  });
  worker = w;
  return w;
}

export const nodeRunner: PipelineRunner = (pipeline, args, outputs, inputs) => {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    runnerThread().postMessage({ id, pipeline, args, outputs, inputs });
  });
};

/** Ends the thread and releases its wasm memory (which never shrinks while it lives). */
export async function closeDicomRunner(): Promise<void> {
  const w = worker;
  worker = undefined;
  await w?.terminate();
}
