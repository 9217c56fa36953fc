/**
 * WebGPU device management: one device per pipeline worker (or CLI process), with the reason kept when none
 * can be had so that the UI and the CLI can say why the CPU twins ran instead.
 */

export interface GpuContext {
  device: GPUDevice;
  /** readable adapter description, e.g. "google swiftshader (SwiftShader driver 5.0.0), software adapter" */
  adapterName: string;
  limits: GPUSupportedLimits;
}

export type GpuAcquisition = { ok: true; gpu: GpuContext } | { ok: false; reason: string };

export function describeAdapter(adapter: GPUAdapter): string {
  const info = adapter.info;
  const parts = [info.vendor, info.architecture].filter((s) => s && s.length > 0);
  let name = parts.join(' ') || 'unknown adapter';
  if (info.description) name += ` (${info.description})`;
  // isFallbackAdapter moved from GPUAdapter to GPUAdapterInfo; read whichever the implementation has.
  const fallback = (info as { isFallbackAdapter?: boolean }).isFallbackAdapter ??
    (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  if (fallback) name += ', software adapter';
  return name;
}

/**
 * Requests an adapter and a device from `gpu` (navigator.gpu in a browser, the `webgpu` package in Node).
 * Asks for the adapter's own storage limits so large cases fit where the hardware allows; otherwise defaults.
 */
export async function acquireGpu(
  gpu: GPU | undefined | null,
  adapterOptions: GPURequestAdapterOptions = { powerPreference: 'high-performance' },
): Promise<GpuAcquisition> {
  if (!gpu) return { ok: false, reason: 'WebGPU is not available in this environment' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter(adapterOptions);
  } catch (e) {
    return { ok: false, reason: `requesting a WebGPU adapter failed: ${String(e)}` };
  }
  if (!adapter) return { ok: false, reason: 'no WebGPU adapter was found' };
  try {
    const device = await adapter.requestDevice({
      label: 'WebRadiomics.device',
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
    return { ok: true, gpu: { device, adapterName: describeAdapter(adapter), limits: device.limits } };
  } catch (e) {
    return { ok: false, reason: `creating a WebGPU device failed: ${String(e)}` };
  }
}

/** Thrown when a case does not fit the device's limits; callers fall back to the CPU twin with this message. */
export class GpuLimitError extends Error {}

export function checkBindingSize(gpu: GpuContext, bytes: number, what: string): void {
  const max = gpu.limits.maxStorageBufferBindingSize;
  if (bytes > max) {
    throw new GpuLimitError(`${what} needs ${(bytes / 2 ** 20).toFixed(1)} MiB, above this GPU's ${(max / 2 ** 20).toFixed(0)} MiB storage buffer limit`);
  }
}
