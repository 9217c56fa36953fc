/**
 * Synthetic benchmark cases: a spherical ROI of about `roiVoxels` voxels in a cube with a margin, grey levels
 * 1..ng from smooth structure plus seeded noise (so zones and runs have realistic sizes, neither all 1 nor huge).
 */
import type { GreyLevels } from '../core/discretise.js';
import type { Vec3 } from '../core/volume.js';

export function syntheticGreyLevels(roiVoxels: number, ng: number, seed = 1): GreyLevels {
  const radius = Math.cbrt((3 * roiVoxels) / (4 * Math.PI));
  const side = Math.ceil(2 * radius) + 4;
  const dims: Vec3 = [side, side, side];
  const levels = new Uint32Array(side * side * side);
  const c = (side - 1) / 2;
  let state = seed >>> 0 || 1;
  const noise = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  let count = 0;
  for (let z = 0; z < side; z++) {
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const r2 = (x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2;
        if (r2 > radius * radius) continue;
        const smooth = 0.5 + 0.25 * Math.sin(x / 4) * Math.cos(y / 5) + 0.15 * Math.sin(z / 3);
        const v = Math.min(0.999999, Math.max(0, smooth + 0.1 * (noise() - 0.5)));
        levels[x + side * (y + side * z)] = 1 + Math.floor(v * ng);
        count++;
      }
    }
  }
  return { dims, spacing: [1, 1, 1], levels, ng, count };
}
