/** Size of each label of a mask: voxel count and volume (mL = voxels · sx · sy · sz / 1000, spacing in mm). */
import type { Geometry } from '../volume.js';

export interface LabelStats {
  label: number;
  voxels: number;
  volumeMl: number;
}

export function voxelVolumeMl(g: Geometry): number {
  return (g.spacing[0] * g.spacing[1] * g.spacing[2]) / 1000;
}

/** One entry per non-zero label present, ascending. */
export function labelStats(g: Geometry, labels: Uint8Array): LabelStats[] {
  const counts = new Float64Array(256);
  for (let n = 0; n < labels.length; n++) counts[labels[n]]++;
  const ml = voxelVolumeMl(g);
  const out: LabelStats[] = [];
  for (let l = 1; l < 256; l++) if (counts[l] > 0) out.push({ label: l, voxels: counts[l], volumeMl: counts[l] * ml });
  return out;
}
