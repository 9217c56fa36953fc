/**
 * ROI edits on a label mask: brush footprints in mm on anisotropic grids (counts worked out by hand), flood fill
 * in one slice, mask statistics, and undo/redo as a property: any random sequence of edits, undone, gives back the
 * original mask, and redone, gives back the edited one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brushFootprint } from '../../src/core/roi/brush.js';
import { RoiEditor } from '../../src/core/roi/editor.js';
import { EditRecorder, UndoHistory } from '../../src/core/roi/history.js';
import { sliceLayout, type Orientation } from '../../src/core/roi/slice-layout.js';
import { labelStats } from '../../src/core/roi/stats.js';
import type { Geometry } from '../../src/core/volume.js';

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];

describe('brush footprint (radius in mm)', () => {
  it('isotropic 1 mm, r = 3 mm: the 29 lattice points of the Gauss circle problem', () => {
    expect(brushFootprint(1, 1, 3).length).toBe(29);
    expect(brushFootprint(1, 1, 2).length).toBe(13);
  });

  it('anisotropic pixels give an ellipse in voxels', () => {
    // 1 x 2 mm, r = 2: the row dy = 0 holds |dx| <= 2 (5), rows dy = ±1 only dx = 0 (2)
    expect(brushFootprint(1, 2, 2).sort()).toEqual(
      [[-2, 0], [-1, 0], [0, 0], [1, 0], [2, 0], [0, -1], [0, 1]].sort(),
    );
    // 0.5 x 1.5 mm, r = 1.5: 7 + 2
    expect(brushFootprint(0.5, 1.5, 1.5).length).toBe(9);
    // 0.7 x 0.9 mm, r = 1: the centre, (±1, 0) and (0, ±1): 0.7² + 0.9² = 1.3 > 1 leaves out the diagonals
    expect(brushFootprint(0.7, 0.9, 1).length).toBe(5);
    // a radius that is a whole number of pixels in mm, inexact in binary (2.4 / 0.8 = 2.9999999999999996):
    // the pixels 3 away lie on the circle and belong to it, as in the isotropic r = 3 case
    expect(brushFootprint(0.8, 0.8, 2.4).length).toBe(29);
    // a radius under half a pixel still paints the pixel under the pointer
    expect(brushFootprint(0.7, 0.7, 0.3)).toEqual([[0, 0]]);
  });

  it('a large brush covers π r² / (pw ph) pixels to within 1 %', () => {
    const n = brushFootprint(0.5, 1.25, 20).length;
    const area = (Math.PI * 400) / (0.5 * 1.25);
    expect(Math.abs(n - area) / area).toBeLessThan(0.01);
  });
});

describe('editor operations', () => {
  const g: Geometry = { dims: [20, 16, 6], spacing: [0.5, 1, 2.5], origin: [0, 0, 0], direction: IDENTITY };

  it('a brush stroke is one undo step and paints in the plane of the slice', () => {
    const e = new RoiEditor(g);
    const axial = sliceLayout(g, 'axial');
    e.beginStroke(axial, 2, 5, 5, { radiusMm: 1, label: 1 });
    e.moveStroke(12, 5);
    e.endStroke();
    // a horizontal stroke from x 5 to 12, radius 1 mm: rows 4..6 at x 5..12 (|dy| = 1 mm only at dx = 0), plus
    // |dx| <= 2 pixels (1 mm) around the ends on row 5
    const s = e.stats();
    expect(s).toEqual([{ label: 1, voxels: 8 + 2 + 2 + 8 * 2, volumeMl: (28 * 0.5 * 1 * 2.5) / 1000 }]);
    for (let n = 0; n < e.labels.length; n++) if (e.labels[n]) expect(Math.floor(n / (20 * 16))).toBe(2);
    expect(e.history.steps).toBe(1);
    e.undo();
    expect(e.stats()).toEqual([]);
    e.redo();
    expect(e.stats()[0].voxels).toBe(28);
  });

  it('the eraser clears only its own label', () => {
    const e = new RoiEditor(g);
    const l = sliceLayout(g, 'axial');
    e.beginStroke(l, 0, 4, 4, { radiusMm: 2, label: 2 });
    e.endStroke();
    e.beginStroke(l, 0, 8, 4, { radiusMm: 2, label: 1 });
    e.endStroke();
    const before = e.stats();
    e.beginStroke(l, 0, 5, 4, { radiusMm: 2, label: 1, erase: true });
    e.endStroke();
    const after = e.stats();
    expect(after.find((s) => s.label === 2)).toEqual(before.find((s) => s.label === 2));
    expect(after.find((s) => s.label === 1)!.voxels).toBeLessThan(before.find((s) => s.label === 1)!.voxels);
  });

  it('fill fills the inside of a closed outline in one slice and nothing outside it', () => {
    const e = new RoiEditor(g);
    const cor = sliceLayout(g, 'coronal');
    // a hollow square outline (x 3..9, rows 1..5) in coronal slice 7, drawn directly
    const rec = new EditRecorder(e.labels);
    for (let x = 3; x <= 9; x++) for (const y of [1, 5]) rec.set(cor.dims[0] * 16 * (5 - y) + 7 * 20 + x, 1);
    for (let y = 1; y <= 5; y++) for (const x of [3, 9]) rec.set(cor.dims[0] * 16 * (5 - y) + 7 * 20 + x, 1);
    e.history.push(rec.finish('outline')!);
    expect(e.stats()[0].voxels).toBe(7 * 2 + 3 * 2);
    e.fill(cor, 7, 6, 3, 1);
    // the 5 x 3 inside is filled
    expect(e.stats()[0].voxels).toBe(35);
    e.undo();
    expect(e.stats()[0].voxels).toBe(20);
    // filling the background outside floods the rest of that slice only
    e.fill(cor, 7, 0, 0, 3);
    expect(e.stats().find((s) => s.label === 3)!.voxels).toBe(20 * 6 - 35);
  });

  it('labelStats gives voxels and mL for every label', () => {
    const labels = new Uint8Array(20 * 16 * 6);
    labels.fill(1, 0, 100);
    labels.fill(4, 100, 103);
    expect(labelStats(g, labels)).toEqual([
      { label: 1, voxels: 100, volumeMl: 0.125 },
      { label: 4, voxels: 3, volumeMl: 0.00375 },
    ]);
  });
});

describe('undo/redo (property)', () => {
  const g: Geometry = { dims: [9, 8, 5], spacing: [0.8, 1, 2], origin: [0, 0, 0], direction: IDENTITY };
  const orientation = fc.constantFrom<Orientation>('axial', 'coronal', 'sagittal');
  const edit = fc.oneof(
    fc.record({ op: fc.constant('stroke' as const), o: orientation, s: fc.nat(8), pts: fc.array(fc.tuple(fc.nat(9), fc.nat(9)), { minLength: 1, maxLength: 4 }), r: fc.double({ min: 0.2, max: 3, noNaN: true }), label: fc.integer({ min: 1, max: 3 }), erase: fc.boolean() }),
    fc.record({ op: fc.constant('fill' as const), o: orientation, s: fc.nat(8), x: fc.nat(9), y: fc.nat(9), label: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ op: fc.constant('interpolate' as const), o: orientation, label: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ op: fc.constant('ring' as const), mm: fc.double({ min: 0.5, max: 3, noNaN: true }) }),
    fc.record({ op: fc.constant('undo' as const) }),
  );

  it('undoing every step restores the original mask; redoing restores the edited one', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 360, maxLength: 360, max: 2 }), fc.array(edit, { maxLength: 12 }), (start, edits) => {
        const e = new RoiEditor(g, start.slice());
        for (const ed of edits) {
          if (ed.op === 'undo') {
            e.undo();
            continue;
          }
          if (ed.op === 'ring') {
            e.ring({ mm: ed.mm, roiLabel: 1 }, 2);
            continue;
          }
          const l = sliceLayout(g, ed.o);
          if (ed.op === 'interpolate') e.interpolate(l, ed.label);
          else if (ed.op === 'fill') e.fill(l, ed.s % l.slices, ed.x % l.width, ed.y % l.height, ed.label);
          else {
            const pts = ed.pts.map(([x, y]) => [x % l.width, y % l.height]);
            e.beginStroke(l, ed.s % l.slices, pts[0][0], pts[0][1], { radiusMm: ed.r, label: ed.label, erase: ed.erase });
            for (const p of pts.slice(1)) e.moveStroke(p[0], p[1]);
            e.endStroke();
          }
        }
        const edited = e.labels.slice();
        let undone = 0;
        for (; e.history.canUndo; undone++) e.undo();
        expect(Array.from(e.labels)).toEqual(Array.from(start));
        for (let n = 0; n < undone; n++) e.redo();
        expect(Array.from(e.labels)).toEqual(Array.from(edited));
      }),
      { numRuns: 150, seed: 6 },
    );
  });

  it('the history is bounded in steps and bytes, dropping the oldest steps', () => {
    const data = new Uint8Array(1000);
    const h = new UndoHistory(3, 1_000_000);
    for (let s = 0; s < 5; s++) {
      const rec = new EditRecorder(data);
      rec.set(s, 1);
      h.push(rec.finish('x')!);
    }
    expect(h.steps).toBe(3);
    while (h.canUndo) h.undo(data);
    // steps 0 and 1 fell off: their voxels stay set
    expect(Array.from(data.subarray(0, 5))).toEqual([1, 1, 0, 0, 0]);
    const small = new UndoHistory(100, 6 * 150);
    for (let s = 0; s < 4; s++) {
      const rec = new EditRecorder(data);
      for (let n = 0; n < 100; n++) rec.set(100 * s + n, 7);
      small.push(rec.finish('x')!);
    }
    // 600 bytes per step, 900 allowed: only the last step is kept
    expect(small.steps).toBe(1);
  });
});
