/**
 * itk-wasm's NIfTI reader turns NaN voxels into 0 (measured: a float32 NIfTI with NaN comes back with 0 there), so a
 * NaN inside a ROI would silently count as intensity 0. This puts the NaN back, from the file's own voxel data, in
 * the same (x fastest) order that itk-wasm returns. NRRD keeps NaN and needs no such step.
 */
import type { Volume } from '../core/volume.js';
import { gunzipAll, gunzipPass, isGzip } from './gzip.js';
import { parseNiftiHeader } from './image-header.js';

const DT_FLOAT32 = 16;
const DT_FLOAT64 = 64;

/** Restores the NaN voxels of a float NIfTI file into `volume` (decoded from `bytes`); returns how many. */
export function restoreNiftiNaN(bytes: Uint8Array, volume: Volume): number {
  if (!(volume.data instanceof Float32Array || volume.data instanceof Float64Array)) return 0;
  const gzip = isGzip(bytes);
  const h = parseNiftiHeader(gzip ? gunzipPass(bytes, 544, true).head : bytes);
  if (!h || (h.datatype !== DT_FLOAT32 && h.datatype !== DT_FLOAT64)) return 0;
  let content = bytes;
  if (gzip) {
    // Only float NIfTI files pay for this second decompression (the header peek above spares the others).
    const { data } = gunzipAll(bytes);
    if (!data) return 0;
    content = data;
  }
  const step = h.datatype === DT_FLOAT32 ? 4 : 8;
  const n = volume.data.length;
  if (h.voxOffset + n * step > content.length) return 0;
  const view = new DataView(content.buffer, content.byteOffset + h.voxOffset, n * step);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = step === 4 ? view.getFloat32(4 * i, h.littleEndian) : view.getFloat64(8 * i, h.littleEndian);
    if (Number.isNaN(v)) {
      volume.data[i] = NaN;
      count++;
    }
  }
  return count;
}
