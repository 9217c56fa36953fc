/** Shared by test/gpu/pyradiomics-filters.*.test.ts: the random test volume and the error measure. */
import type { Vec3, Volume, VoxelArray } from '../../src/core/volume.js';

/** A deterministic pseudo-random volume (f32 values in [-100, 100)), spacing 1 x 1.5 x 2 mm. */
export function noiseVolume(dims: Vec3, seed: number): Volume {
  const n = dims[0] * dims[1] * dims[2];
  const data = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = Math.fround((s / 2 ** 32) * 200 - 100);
  }
  return { dims, spacing: [1, 1.5, 2], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data };
}

/** max_v |gpu[v] - twin[v]| / (max twin - min twin); Infinity when a NaN appears on one side only. */
export function maxErrorOverRange(gpu: VoxelArray, twin: VoxelArray): number {
  if (gpu.length !== twin.length) return Infinity;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of twin) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const range = hi - lo || 1;
  let worst = 0;
  for (let i = 0; i < twin.length; i++) {
    if (Number.isNaN(gpu[i]) !== Number.isNaN(twin[i])) return Infinity;
    if (Number.isNaN(twin[i])) continue;
    worst = Math.max(worst, Math.abs(gpu[i] - twin[i]) / range);
  }
  return worst;
}
