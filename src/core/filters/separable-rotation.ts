/**
 * Rotation-invariant separable filtering: the filter (one chain of 1D passes per axis) is applied in every
 * orientation of rightAngleRotations and the responses are pooled voxel by voxel.
 *
 * Rotated filters that coincide (symmetric kernels such as L5, or a mirrored antisymmetric kernel such as E5,
 * which equals -E5) are computed once: each pass is brought to a canonical sign (first non-zero tap positive) and
 * responses are cached by the canonical passes, the sign being applied afterwards. This is exact.
 */
import { applySeparable, reversedPass, type AxisPass } from './axis-pass.js';
import { finishPool, poolInto, type Pooling } from './filter-volume.js';
import type { PaddingMode } from './padding.js';
import { rightAngleRotations, type GridRotation } from './rotations.js';

export type AxisChains = AxisPass[][];

/** The chains of the filter rotated by r: the chain of axis a moves to axis perm[a], mirrored when flip[a]. */
export function rotateChains(chains: AxisChains, r: GridRotation): AxisChains {
  const out: AxisChains = chains.map(() => []);
  for (let a = 0; a < chains.length; a++) {
    out[r.perm[a]] = r.flip[a] ? chains[a].map(reversedPass) : chains[a];
  }
  return out;
}

function canonical(chains: AxisChains): { chains: AxisChains; sign: number; key: string } {
  let sign = 1;
  const parts: string[] = [];
  const out = chains.map((chain, a) =>
    chain.map((p) => {
      let first = 0;
      for (const v of p.taps) {
        if (v !== 0) {
          first = v;
          break;
        }
      }
      const taps = first < 0 ? p.taps.map((v) => -v) : p.taps;
      if (first < 0) sign = -sign;
      parts.push(`${a}:${p.left}:${p.dilation}:${Array.from(taps, (v) => v.toPrecision(15)).join(',')}`);
      return { taps, left: p.left, dilation: p.dilation };
    }),
  );
  return { chains: out, sign, key: parts.join('|') };
}

/** Pooled response of the filter over all right-angle rotations in its dimensionality (chains.length = 2 or 3). */
export function rotationPooledSeparable(
  src: Float64Array,
  dims: readonly [number, number, number],
  chains: AxisChains,
  padding: PaddingMode,
  pooling: Pooling,
): Float64Array {
  const rotations = rightAngleRotations(chains.length as 2 | 3);
  const cache = new Map<string, Float64Array>();
  const acc = new Float64Array(src.length);
  const signed = new Float64Array(src.length);
  rotations.forEach((r, k) => {
    const c = canonical(rotateChains(chains, r));
    let resp = cache.get(c.key);
    if (!resp) {
      resp = applySeparable(src, dims, c.chains, padding);
      cache.set(c.key, resp);
    }
    if (c.sign > 0) signed.set(resp);
    else for (let i = 0; i < resp.length; i++) signed[i] = -resp[i];
    poolInto(acc, signed, pooling, k === 0);
  });
  finishPool(acc, pooling, rotations.length);
  return acc;
}

/**
 * The distinct filters among the right-angle rotations of `chains` (canonical sign, as rotationPooledSeparable
 * caches them), each with the signs of the rotations it stands for: sum_k pool(sign_k r_k) needs each distinct
 * response once. Used by the GPU runner (src/gpu/filter-gpu.ts); `count` is the number of rotations.
 */
export function distinctRotatedChains(chains: AxisChains): { filters: { chains: AxisChains; signs: number[] }[]; count: number } {
  const rotations = rightAngleRotations(chains.length as 2 | 3);
  const byKey = new Map<string, { chains: AxisChains; signs: number[] }>();
  for (const r of rotations) {
    const c = canonical(rotateChains(chains, r));
    const entry = byKey.get(c.key);
    if (entry) entry.signs.push(c.sign);
    else byKey.set(c.key, { chains: c.chains, signs: [c.sign] });
  }
  return { filters: [...byKey.values()], count: rotations.length };
}
