/**
 * The grey-level grid of the PyRadiomics path as the matrix loops receive it: discretiseRoiPyradiomics' grid,
 * written on first read, and the padded copy built from the ROI's runs (padded-grid.ts), against the grid written
 * voxel by voxel and padGrid; and the GLSZM's zone search, which marks the shared padded grid while it runs and must
 * leave it as it found it for the classes after it.
 */
import { describe, expect, it } from 'vitest';
import { discretiseRoiPyradiomics } from '../../src/core/discretise-pyradiomics.js';
import { glszmPadded } from '../../src/core/matrices/glszm.js';
import { padGrid, padGridFromRuns } from '../../src/core/matrices/padded-grid.js';
import type { Vec3 } from '../../src/core/volume.js';

/** A seeded random ROI on a dims grid as x-runs with integer intensities 0..999 (crop.ts RoiRuns layout). */
function randomRoi(dims: Vec3, seed: number) {
  let state = seed;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const starts: number[] = [];
  const lengths: number[] = [];
  const values: number[] = [];
  const [nx, ny, nz] = dims;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      let inside = false;
      for (let x = 0; x < nx; x++) {
        const take = next() < 0.6;
        if (take) {
          if (!inside) {
            starts.push(x + nx * (y + ny * z));
            lengths.push(0);
          }
          lengths[lengths.length - 1]++;
          values.push(Math.floor(next() * 1000));
        }
        inside = take;
      }
    }
  }
  return { dims, spacing: [1, 1, 2] as Vec3, starts: Int32Array.from(starts), lengths: Int32Array.from(lengths), values: Float64Array.from(values) };
}

describe('PyRadiomics grey-level grid and its padded copy', () => {
  const roi = randomRoi([11, 9, 6], 987654);
  const { grey, roiLevels } = discretiseRoiPyradiomics(roi, { kind: 'fixed-bin-width', width: 25 });

  it('writes the grid on first read: each run voxel holds its level, every other voxel 0', () => {
    const expected = new Uint32Array(11 * 9 * 6);
    for (let r = 0, k = 0; r < roi.starts.length; r++) for (let i = 0; i < roi.lengths[r]; i++) expected[roi.starts[r] + i] = roiLevels[k++];
    expect(roiLevels.length).toBe(roi.values.length);
    expect(Array.from(grey.levels)).toEqual(Array.from(expected));
    expect(grey.levels).toBe(grey.levels); // written once
    expect(grey.ng).toBeGreaterThan(30);
  });

  it('builds the same padded grid from the runs as padGrid from the grid, and a spread copy drops the runs', () => {
    for (const pad of [1, 2]) {
      const fromRuns = padGridFromRuns(grey, pad, roi.starts, roi.lengths);
      const copy = { ...grey };
      expect(copy.runs).toBeUndefined();
      const fromCopy = padGridFromRuns(copy, pad, roi.starts, roi.lengths);
      const scanned = padGrid(grey, pad);
      for (const g of [fromRuns, fromCopy]) {
        expect([g.nx, g.ny, g.nz, g.pad]).toEqual([scanned.nx, scanned.ny, scanned.nz, pad]);
        expect(Array.from(g.levels)).toEqual(Array.from(scanned.levels));
        expect(Array.from(g.roi)).toEqual(Array.from(scanned.roi));
        expect(Array.from(g.sliceStart)).toEqual(Array.from(scanned.sliceStart));
      }
    }
  });

  it('leaves the padded grid unchanged after counting zones on it', () => {
    const g = padGridFromRuns(grey, 1, roi.starts, roi.lengths);
    const before = Array.from(g.levels);
    const m = glszmPadded(g, grey.ng, { dimension: '3d', connectivity: 26 });
    let voxels = 0;
    for (let i = 0; i < grey.ng; i++) for (let j = 0; j < m.nj; j++) voxels += (j + 1) * m.counts[i * m.nj + j];
    expect(voxels).toBe(roi.values.length);
    expect(Array.from(g.levels)).toEqual(before);
    // and a second count on the same grid gives the same matrix
    expect(Array.from(glszmPadded(g, grey.ng, { dimension: '3d', connectivity: 26 }).counts)).toEqual(Array.from(m.counts));
  });
});
