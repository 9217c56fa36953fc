import { describe, expect, it } from 'vitest';
import { LOCAL_INTENSITY_FEATURES, localIntensityFeatureRecords, localIntensityPeaks } from '../../src/core/features/local-intensity.js';
import type { Mask, Volume } from '../../src/core/volume.js';
import { loadPhantom } from '../helpers/phantom.js';
import { ibsiPhantomReference, sig3 } from '../helpers/refdata.js';

describe('local intensity on the IBSI 1 digital phantom', () => {
  it('matches every IBSI reference value to 3 significant digits', async () => {
    const { image, mask } = await loadPhantom();
    const refs = ibsiPhantomReference().filter((r) => r.family === 'local intensity');
    expect(refs.length).toBe(2);
    const records = localIntensityFeatureRecords(image, mask);
    expect(records.length).toBe(LOCAL_INTENSITY_FEATURES.length);
    for (const ref of refs) {
      const rec = records.find((r) => r.ibsi_code === ref.ibsi_code);
      expect(rec, `${ref.feature} has no computed value`).toBeDefined();
      expect(rec!.name).toBe(ref.feature);
      expect(rec!.aggregation_code).toBe(ref.aggregation_code);
      expect(sig3(rec!.value), ref.feature).toBe(sig3(ref.reference_value));
    }
  });
});

function grid(dims: [number, number, number], spacing: [number, number, number], fill: (x: number, y: number, z: number) => number) {
  const n = dims[0] * dims[1] * dims[2];
  const data = new Float64Array(n);
  for (let z = 0, i = 0; z < dims[2]; z++) for (let y = 0; y < dims[1]; y++) for (let x = 0; x < dims[0]; x++, i++) data[i] = fill(x, y, z);
  const geometry = { dims, spacing, origin: [0, 0, 0] as [number, number, number], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  return { image: { ...geometry, data } as Volume, geometry };
}

describe('local intensity peaks on hand-made images', () => {
  it('averages the 1 cm^3 sphere (r = 6.2 mm) including voxels outside the ROI', () => {
    // 4 mm voxels: the sphere holds the centre, 6 face neighbours (4 mm) and 12 edge neighbours (5.66 mm), not
    // the 8 corner neighbours (6.93 mm > 6.2 mm)
    const { image, geometry } = grid([5, 5, 5], [4, 4, 4], (x, y, z) => (x === 2 && y === 2 && z === 2 ? 27 : 0));
    const mask: Mask = { ...geometry, data: new Uint8Array(125) };
    mask.data[2 + 5 * (2 + 5 * 2)] = 1;
    expect(localIntensityPeaks(image, mask).local).toBeCloseTo(27 / 19, 12);
    // 10 mm voxels: the sphere holds only the centre voxel
    const coarse = grid([3, 3, 3], [10, 10, 10], () => 5);
    const one: Mask = { ...coarse.geometry, data: new Uint8Array(27).fill(1) };
    expect(localIntensityPeaks(coarse.image, one)).toEqual({ local: 5, global: 5 });
  });

  it('clips the sphere at the image border and returns NaN for an empty ROI', () => {
    const { image, geometry } = grid([2, 1, 1], [2, 2, 2], (x) => (x === 0 ? 1 : 3));
    const mask: Mask = { ...geometry, data: Uint8Array.from([1, 0]) };
    expect(localIntensityPeaks(image, mask)).toEqual({ local: 2, global: 2 });
    const empty: Mask = { ...geometry, data: new Uint8Array(2) };
    const peaks = localIntensityPeaks(image, empty);
    expect(Number.isNaN(peaks.local) && Number.isNaN(peaks.global)).toBe(true);
  });
});
