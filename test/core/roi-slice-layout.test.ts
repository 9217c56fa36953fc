/**
 * Slice layouts in the radiological convention, voxel <-> world, window/level and the viewer readout, on small
 * grids whose answers are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { voxelToWorld, worldToVoxel } from '../../src/core/roi/coords.js';
import { extractSlice, pixelToVoxel, sliceLayout, voxelToPixel } from '../../src/core/roi/slice-layout.js';
import { greyValue, MR_PRESETS, percentile, presetWindow, sortedSample } from '../../src/core/roi/window-level.js';
import { renderSlice } from '../../src/core/roi/render-slice.js';
import { ViewerModel } from '../../src/core/roi/viewer-model.js';
import type { Geometry, Vec3, Volume } from '../../src/core/volume.js';

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];

function volume(g: Geometry, value = (i: number, j: number, k: number) => i + 10 * j + 100 * k): Volume {
  const [nx, ny, nz] = g.dims;
  const data = new Float32Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) data[i + nx * (j + ny * k)] = value(i, j, k);
  return { ...g, data };
}

describe('slice layout (radiological convention)', () => {
  const g: Geometry = { dims: [4, 3, 2], spacing: [0.5, 0.7, 3], origin: [0, 0, 0], direction: IDENTITY };

  it('axial: x to the patient left (+L), y to posterior (+P), pixels spacing[x] by spacing[y]', () => {
    const l = sliceLayout(g, 'axial');
    expect([l.uAxis, l.uFlip, l.vAxis, l.vFlip, l.wAxis, l.width, l.height, l.slices]).toEqual([0, false, 1, false, 2, 4, 3, 2]);
    expect([l.pixelWidthMm, l.pixelHeightMm]).toEqual([0.5, 0.7]);
    // slice 1, row 2: voxels (0..3, 2, 1) left to right
    expect(Array.from(extractSlice(l, volume(g).data, 1).subarray(8, 12))).toEqual([120, 121, 122, 123]);
  });

  it('coronal and sagittal show the head at the top (z flipped) with the slice thickness as pixel height', () => {
    const c = sliceLayout(g, 'coronal');
    expect([c.uAxis, c.uFlip, c.vAxis, c.vFlip, c.wAxis, c.width, c.height, c.slices]).toEqual([0, false, 2, true, 1, 4, 2, 3]);
    expect([c.pixelWidthMm, c.pixelHeightMm]).toEqual([0.5, 3]);
    // top row is the highest z
    expect(Array.from(extractSlice(c, volume(g).data, 0).subarray(0, 4))).toEqual([100, 101, 102, 103]);
    const s = sliceLayout(g, 'sagittal');
    expect([s.uAxis, s.uFlip, s.vAxis, s.vFlip, s.wAxis, s.width, s.height, s.slices]).toEqual([1, false, 2, true, 0, 3, 2, 4]);
    expect(Array.from(extractSlice(s, volume(g).data, 2))).toEqual([102, 112, 122, 2, 12, 22]);
  });

  it('a grid stored right-to-left and feet-first is flipped back to the same picture', () => {
    // x runs towards R (−L), z towards I: the same anatomy, mirrored storage
    const flipped: Geometry = { ...g, direction: [-1, 0, 0, 0, 1, 0, 0, 0, -1] };
    const a = sliceLayout(flipped, 'axial');
    expect([a.uFlip, a.vFlip]).toEqual([true, false]);
    const c = sliceLayout(flipped, 'coronal');
    expect([c.uFlip, c.vFlip]).toEqual([true, false]);
    // pixel (0, 0) of axial slice 0 is the voxel at the patient's right: largest i
    expect(pixelToVoxel(a, 0, 0, 0)).toEqual([3, 0, 0]);
  });

  it('a sagittally acquired grid (x along P, y along −S, z along L) still gives an axial view', () => {
    const sag: Geometry = { dims: [5, 6, 7], spacing: [1, 1, 4], origin: [0, 0, 0], direction: [0, 0, 1, 1, 0, 0, 0, -1, 0] };
    const a = sliceLayout(sag, 'axial');
    expect([a.uAxis, a.vAxis, a.wAxis, a.uFlip, a.vFlip, a.width, a.height, a.slices]).toEqual([2, 0, 1, false, false, 7, 5, 6]);
    expect([a.pixelWidthMm, a.pixelHeightMm]).toEqual([4, 1]);
    const s = sliceLayout(sag, 'sagittal');
    // sagittal: screen x = +P = voxel x, screen y = −S = voxel y (no flip), slices along L = voxel z
    expect([s.uAxis, s.vAxis, s.wAxis, s.uFlip, s.vFlip]).toEqual([0, 1, 2, false, false]);
  });

  it('pixelToVoxel and voxelToPixel are inverse for every orientation', () => {
    for (const o of ['axial', 'coronal', 'sagittal'] as const) {
      const l = sliceLayout({ ...g, direction: [0, -1, 0, 1, 0, 0, 0, 0, 1] }, o);
      for (let y = 0; y < l.height; y++)
        for (let x = 0; x < l.width; x++) {
          const v = pixelToVoxel(l, x, y, 1);
          expect(voxelToPixel(l, v)).toEqual({ x, y, slice: 1 });
        }
    }
  });
});

describe('voxel <-> world (LPS mm)', () => {
  it('applies spacing, direction and origin, and inverts', () => {
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const g: Geometry = { dims: [10, 10, 10], spacing: [0.8, 0.9, 2.5], origin: [-12, 20, 30], direction: [c, -s, 0, s, c, 0, 0, 0, 1] };
    const w = voxelToWorld(g, [2, 3, 4]);
    expect(w[0]).toBeCloseTo(-12 + c * 1.6 - s * 2.7, 12);
    expect(w[1]).toBeCloseTo(20 + s * 1.6 + c * 2.7, 12);
    expect(w[2]).toBeCloseTo(40, 12);
    const back = worldToVoxel(g, w);
    for (let a = 0; a < 3; a++) expect(back[a]).toBeCloseTo([2, 3, 4][a], 12);
  });
});

describe('window / level', () => {
  it('maps level − width/2 to 0, level + width/2 to 255, linearly between', () => {
    const w = { width: 200, level: 100 };
    expect([greyValue(-5, w), greyValue(0, w), greyValue(100, w), greyValue(150, w), greyValue(200, w), greyValue(1e6, w)]).toEqual([0, 0, 128, 191, 255, 255]);
  });

  it('MR presets are percentiles of the volume: 0..999 gives auto = 1st..99th percentile', () => {
    const data = Float32Array.from({ length: 1000 }, (_, n) => (n * 7919) % 1000);
    const sorted = sortedSample(data);
    expect(percentile(sorted, 1)).toBeCloseTo(9.99, 10);
    expect(percentile(sorted, 99)).toBeCloseTo(989.01, 10);
    const auto = presetWindow(MR_PRESETS.find((p) => p.id === 'auto')!, sorted);
    expect(auto.width).toBeCloseTo(979.02, 9);
    expect(auto.level).toBeCloseTo(499.5, 9);
    // a constant image still gets a usable window
    expect(presetWindow(MR_PRESETS[0], sortedSample(new Float32Array(10).fill(3)))).toEqual({ width: 1, level: 3 });
  });

  it('blends the overlay with the given opacity', () => {
    const g: Geometry = { dims: [2, 1, 1], spacing: [1, 1, 1], origin: [0, 0, 0], direction: IDENTITY };
    const img = Float32Array.from([0, 255]);
    const labels = Uint8Array.from([1, 0]);
    const r = renderSlice(sliceLayout(g, 'axial'), img, labels, 0, { width: 255, level: 127.5 }, 0.5);
    // label 1 is (255, 64, 64): half of it over black; the second pixel is plain white
    expect(Array.from(r.rgba)).toEqual([128, 32, 32, 255, 255, 255, 255, 255]);
  });
});

describe('outline overlay', () => {
  it('draws only the border of a label within the slice', () => {
    // a 3 x 3 square of label 1 in a 5 x 5 slice: its 8 outer pixels are the outline, the centre is not
    const g: Geometry = { dims: [5, 5, 1], spacing: [1, 1, 1], origin: [0, 0, 0], direction: IDENTITY };
    const img = new Float32Array(25);
    const labels = new Uint8Array(25);
    for (let y = 1; y <= 3; y++) for (let x = 1; x <= 3; x++) labels[x + 5 * y] = 1;
    const layout = sliceLayout(g, 'axial');
    const coloured = (r: { rgba: Uint8ClampedArray }) => Array.from({ length: 25 }, (_, n): number => (r.rgba[4 * n] > 0 ? 1 : 0)).reduce((a, b) => a + b, 0);
    const fill = renderSlice(layout, img, labels, 0, { width: 255, level: 127.5 }, 1, 'fill');
    const outline = renderSlice(layout, img, labels, 0, { width: 255, level: 127.5 }, 1, 'outline');
    expect(coloured(fill)).toBe(9);
    expect(coloured(outline)).toBe(8);
    // the centre pixel: coloured when filled, grey (black) in the outline
    const centre = 4 * (2 + 5 * 2);
    expect(fill.rgba[centre]).toBe(255);
    expect(outline.rgba[centre]).toBe(0);
    // a label touching the slice edge has its edge pixels in the outline
    const edge = new Uint8Array(25).fill(1);
    expect(coloured(renderSlice(layout, img, edge, 0, { width: 255, level: 127.5 }, 1, 'outline'))).toBe(16);
  });
});

describe('viewer readout', () => {
  it('names the voxel, its LPS position, value and label', () => {
    const g: Geometry = { dims: [4, 3, 2], spacing: [0.5, 0.7, 3], origin: [-10, 5, 40], direction: [-1, 0, 0, 0, 1, 0, 0, 0, 1] };
    const labels = new Uint8Array(24);
    labels[3 + 4 * (1 + 3 * 1)] = 2;
    const m = new ViewerModel(volume(g), labels);
    // axial, x flipped: pixel (0, 1) of slice 1 is voxel (3, 1, 1)
    const r = m.readout('axial', 1, 0.4, 1.9)!;
    expect(r.voxel).toEqual([3, 1, 1] as Vec3);
    expect(r.world).toEqual([-11.5, 5.7, 43]);
    expect(r.value).toBe(113);
    expect(r.label).toBe(2);
    expect(r.text).toBe('(3, 1, 1)  L -11.5 P 5.7 S 43.0 mm  value 113  label 2');
    expect(m.readout('axial', 1, 4, 0)).toBeUndefined();
  });
});
