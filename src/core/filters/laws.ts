/**
 * IBSI 2 Laws kernels. A kernel name lists one 1D kernel per axis in x, y(, z) order, e.g. "E5L5S5" = E5 along x,
 * L5 along y, S5 along z; two letters = a 2D filter applied per z-slice. The 1D kernels are normalised to unit
 * L2 norm and applied as convolutions (kernel mirrored), which the reference maps confirm (3.a.1 is not symmetric).
 *
 * Rotation invariance: the response of every right-angle rotation of the kernel (24 in 3D, 4 in 2D) is pooled
 * (max in IBSI 2 tests). Energy map: the mean of |response| over a (2 delta + 1)^D neighbourhood, extended with the
 * same padding. Order: filter -> rotation pooling -> energy.
 */
import type { Volume } from '../volume.js';
import { applySeparable, convolutionPass, type AxisPass } from './axis-pass.js';
import { toFloat64, withData, type Pooling } from './filter-volume.js';
import { meanPass } from './mean.js';
import type { PaddingMode } from './padding.js';
import { rotationPooledSeparable } from './separable-rotation.js';

/** Unnormalised Laws 1D kernels. */
const LAWS_RAW: Record<string, number[]> = {
  L3: [1, 2, 1],
  E3: [-1, 0, 1],
  S3: [-1, 2, -1],
  L5: [1, 4, 6, 4, 1],
  E5: [-1, -2, 0, 2, 1],
  S5: [-1, 0, 2, 0, -1],
  W5: [-1, 2, 0, -2, 1],
  R5: [1, -4, 6, -4, 1],
};

/** The 1D Laws kernel `name` (L3 .. R5) scaled to unit L2 norm. */
export function lawsKernel(name: string): Float64Array {
  const raw = LAWS_RAW[name];
  if (!raw) throw new RangeError(`unknown Laws kernel ${name} (known: ${Object.keys(LAWS_RAW).join(', ')})`);
  const norm = Math.sqrt(raw.reduce((s, v) => s + v * v, 0));
  return Float64Array.from(raw, (v) => v / norm);
}

/** Splits "E5L5S5" into ["E5", "L5", "S5"]. */
export function parseLawsName(name: string): string[] {
  const parts = name.toUpperCase().match(/[LESWR][35]/g) ?? [];
  if (parts.join('') !== name.toUpperCase() || (parts.length !== 2 && parts.length !== 3)) {
    throw new RangeError(`Laws kernel name must be 2 or 3 kernels such as L5S5 or E5L5S5, got ${name}`);
  }
  return parts;
}

export interface LawsFilterOptions {
  /** e.g. "E5L5S5" (3D) or "L5S5" (2D per z-slice) */
  kernel: string;
  padding: PaddingMode;
  /** null: the kernel as named; otherwise pool over right-angle rotations */
  rotationInvariance: { pooling: Pooling } | null;
  /** null: the raw response; otherwise the energy map over a (2 delta + 1)^D window */
  energy: { distanceVoxels: number } | null;
}

export function lawsFilter(image: Volume, o: LawsFilterOptions): Volume {
  const names = parseLawsName(o.kernel);
  const chains = lawsChains(o.kernel);
  const f = toFloat64(image);
  let r = o.rotationInvariance
    ? rotationPooledSeparable(f, image.dims, chains, o.padding, o.rotationInvariance.pooling)
    : applySeparable(f, image.dims, chains, o.padding);
  if (o.energy) r = lawsEnergy(r, image.dims, names.length as 2 | 3, o.energy.distanceVoxels, o.padding);
  return withData(image, r);
}

/** Mean of |x| over a (2 delta + 1)^D window (D = 2: within each z-slice). */
export function lawsEnergy(
  response: Float64Array,
  dims: readonly [number, number, number],
  d: 2 | 3,
  delta: number,
  padding: PaddingMode,
): Float64Array {
  const abs = response.map(Math.abs);
  return applySeparable(abs, dims, lawsEnergyChains(d, delta), padding);
}

/** The passes of the named Laws filter, one chain per axis (x, y(, z)): each 1D kernel as a centred convolution. */
export function lawsChains(kernel: string): AxisPass[][] {
  return parseLawsName(kernel).map((n) => {
    const k = lawsKernel(n);
    return [convolutionPass(k, (k.length - 1) / 2)];
  });
}

/** The box passes of the energy map's (2 delta + 1)^D mean (D = 2: within each z-slice). */
export function lawsEnergyChains(d: 2 | 3, delta: number): AxisPass[][] {
  const box = meanPass(2 * delta + 1);
  return [[box], [box], d === 3 ? [box] : []];
}
