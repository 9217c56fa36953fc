/**
 * WebGPU in Node through Dawn (npm package `webgpu`), for the CLI, the benchmark and Node tests.
 * Kept out of the browser bundle: only Node entry points import it.
 *
 * On machines without a GPU, VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json gives Dawn the
 * SwiftShader Vulkan driver that Debian's chromium ships; WEBRADIOMICS_DAWN_BACKEND=opengles selects Dawn's
 * OpenGL ES backend in compatibility mode instead (Mesa llvmpipe, with EGL_PLATFORM=surfaceless).
 */
import { acquireGpu, type GpuAcquisition } from './device.js';

let acquisition: Promise<GpuAcquisition> | undefined;
/**
 * The Dawn instance must outlive its devices, but adapters and devices hold no JS reference to it: once
 * collected, its native destructor frees state the device still uses (measured: heap corruption, aborts in
 * pthread code a few dispatches later). Held here for the life of the process.
 */
let instance: GPU | undefined;

export function acquireNodeGpu(): Promise<GpuAcquisition> {
  acquisition ??= (async (): Promise<GpuAcquisition> => {
    let mod: typeof import('webgpu');
    try {
      mod = await import('webgpu');
    } catch (e) {
      return { ok: false, reason: `the 'webgpu' package could not be loaded: ${String(e)}` };
    }
    Object.assign(globalThis, mod.globals);
    const backend = process.env.WEBRADIOMICS_DAWN_BACKEND;
    // one instance for the process: a device lost and acquired again comes from the same one
    const gpu = (instance ??= mod.create(backend ? [`backend=${backend}`] : []));
    const options: GPURequestAdapterOptions =
      backend === 'opengles' ? ({ featureLevel: 'compatibility' } as GPURequestAdapterOptions) : { powerPreference: 'high-performance' };
    const result = await acquireGpu(gpu, options);
    if (!result.ok) return { ok: false, reason: `${result.reason} (Dawn found no usable GPU driver)` };
    // a lost device (driver reset, destroy) is replaced by a new one on the next call
    void result.gpu.device.lost.then(() => {
      acquisition = undefined;
    });
    return result;
  })();
  return acquisition;
}

/** The Dawn instance in use, if any (exposed so that its lifetime is explicit). */
export function nodeGpuInstance(): GPU | undefined {
  return instance;
}
