/**
 * Local intensity features (IBSI 1 section 3.2, family code 9ST6).
 *
 * Notation: S(v) = the voxels of the whole image (inside or outside the ROI) whose centres lie within
 * r = (3 / (4 pi))^(1/3) cm ~ 6.2 mm of the centre of voxel v (a 1 cm^3 sphere, in world distances: voxel
 * spacing applied); voxels beyond the image border do not exist and are not counted.
 * Local mean m(v) = mean of the intensities in S(v), centre included.
 *   Local intensity peak  = max m(v) over the ROI voxels v holding the maximum ROI intensity
 *   Global intensity peak = max m(v) over all ROI voxels
 * The sphere is evaluated as a stack of x-runs: for each (dy, dz) offset the x-extent is an interval, so with
 * prefix sums along x each ROI voxel costs one lookup per (dy, dz) row, about pi (r / s)^2 instead of the
 * 4/3 pi (r / s)^3 voxels of the sphere. The reference CSV gives no aggregation code for this family, so
 * records carry an empty one.
 */
import { maskBounds } from '../mesh/marching-cubes.js';
import type { Mask, Volume } from '../volume.js';
import type { FeatureInfo, FeatureRecord } from './types.js';

/** Radius (mm) of the sphere of volume 1 cm^3. */
export const PEAK_SPHERE_RADIUS_MM = 10 * Math.cbrt(3 / (4 * Math.PI));

export const LOCAL_INTENSITY_FEATURES: readonly FeatureInfo[] = [
  /** max m(v) over ROI voxels v with the maximum ROI intensity */
  { name: 'Local intensity peak', code: 'VJGA' },
  /** max m(v) over all ROI voxels */
  { name: 'Global intensity peak', code: '0F91' },
];

/** (dy, dz, half-width in x) of every row of the sphere. */
function sphereRows(spacing: [number, number, number], radius: number): Int32Array {
  const [sx, sy, sz] = spacing;
  const r2 = radius * radius * (1 + 1e-12);
  const ry = Math.floor(radius / sy);
  const rz = Math.floor(radius / sz);
  const rows: number[] = [];
  for (let dz = -rz; dz <= rz; dz++) {
    for (let dy = -ry; dy <= ry; dy++) {
      const rest = r2 - (dy * sy) ** 2 - (dz * sz) ** 2;
      if (rest < 0) continue;
      rows.push(dy, dz, Math.floor(Math.sqrt(rest) / sx));
    }
  }
  return Int32Array.from(rows);
}

export interface LocalIntensityPeaks {
  local: number;
  global: number;
}

/** Local and global intensity peaks of the ROI; NaN for both when the ROI is empty. */
export function localIntensityPeaks(image: Volume, mask: Mask, radius = PEAK_SPHERE_RADIUS_MM): LocalIntensityPeaks {
  const [nx, ny] = image.dims;
  const data = image.data;
  const bounds = maskBounds(mask.data, image.dims);
  if (!bounds) return { local: NaN, global: NaN };
  // only the ROI's bounding box grown by the radius (clipped to the image) can fall inside a sphere
  const reach = image.spacing.map((s) => Math.floor(radius / s));
  const lo = bounds.lo.map((v, k) => Math.max(0, v - reach[k]));
  const hi = bounds.hi.map((v, k) => Math.min(image.dims[k] - 1, v + reach[k]));
  const bx = hi[0] - lo[0] + 1;
  const by = hi[1] - lo[1] + 1;
  const bz = hi[2] - lo[2] + 1;
  // prefix[(x + 1) + (bx + 1) * row] = sum of the first x + 1 intensities of the box row
  const stride = bx + 1;
  const prefix = new Float64Array(stride * by * bz);
  for (let z = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const src = lo[0] + nx * (lo[1] + y + ny * (lo[2] + z));
      const dst = stride * (y + by * z);
      let acc = 0;
      for (let x = 0; x < bx; x++) {
        acc += data[src + x];
        prefix[dst + x + 1] = acc;
      }
    }
  }
  const rows = sphereRows(image.spacing, radius);
  /** mean intensity of the sphere around box voxel (x, y, z) */
  const localMean = (x: number, y: number, z: number): number => {
    let sum = 0;
    let count = 0;
    for (let r = 0; r < rows.length; r += 3) {
      const yy = y + rows[r];
      const zz = z + rows[r + 1];
      if (yy < 0 || yy >= by || zz < 0 || zz >= bz) continue;
      const x0 = Math.max(0, x - rows[r + 2]);
      const x1 = Math.min(bx - 1, x + rows[r + 2]);
      const base = stride * (yy + by * zz);
      sum += prefix[base + x1 + 1] - prefix[base + x0];
      count += x1 - x0 + 1;
    }
    return sum / count;
  };

  let maxIntensity = -Infinity;
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i] && data[i] > maxIntensity) maxIntensity = data[i];
  let local = -Infinity;
  let global = -Infinity;
  for (let z = bounds.lo[2]; z <= bounds.hi[2]; z++) {
    for (let y = bounds.lo[1]; y <= bounds.hi[1]; y++) {
      for (let x = bounds.lo[0]; x <= bounds.hi[0]; x++) {
        const i = x + nx * (y + ny * z);
        if (!mask.data[i]) continue;
        const m = localMean(x - lo[0], y - lo[1], z - lo[2]);
        if (m > global) global = m;
        if (data[i] === maxIntensity && m > local) local = m;
      }
    }
  }
  return { local, global };
}

/** Local intensity records (family "local intensity"; the reference gives no aggregation code). */
export function localIntensityFeatureRecords(image: Volume, mask: Mask): FeatureRecord[] {
  const peaks = localIntensityPeaks(image, mask);
  const values = [peaks.local, peaks.global];
  return LOCAL_INTENSITY_FEATURES.map((f, k) => ({
    name: f.name,
    family: 'local intensity',
    ibsi_code: f.code,
    aggregation_code: '',
    aggregation: '3D',
    value: values[k],
  }));
}
