/**
 * Axis permutation of a grey-level volume, so that 2D texture code written for slices along z (IBSI 2D / 2.5D,
 * directions.ts) can serve slices along x or y (PyRadiomics force2Ddimension 2 or 1). The chosen axis becomes z;
 * the other two keep their order. Spacing is permuted with the axes.
 */
import type { GreyLevels } from '../discretise.js';
import type { Vec3 } from '../volume.js';

/** A copy of `grey` whose axis `axis` (0 = x, 1 = y, 2 = z) is the slowest; `grey` itself when axis is 2. */
export function withSliceAxis(grey: GreyLevels, axis: 0 | 1 | 2): GreyLevels {
  if (axis === 2) return grey;
  const order = ([0, 1, 2] as const).filter((a) => a !== axis).concat([axis]) as [number, number, number];
  const [nx, ny] = grey.dims;
  const dims = order.map((a) => grey.dims[a]) as Vec3;
  const spacing = order.map((a) => grey.spacing[a]) as Vec3;
  const stride = [1, nx, nx * ny];
  const s0 = stride[order[0]];
  const s1 = stride[order[1]];
  const s2 = stride[order[2]];
  const levels = new Uint32Array(grey.levels.length);
  let o = 0;
  for (let k = 0; k < dims[2]; k++) {
    for (let j = 0; j < dims[1]; j++) {
      let src = j * s1 + k * s2;
      for (let i = 0; i < dims[0]; i++, src += s0) levels[o++] = grey.levels[src];
    }
  }
  return { dims, spacing, levels, ng: grey.ng, count: grey.count };
}
