/**
 * ROI editing on a label mask (0 = background, 1.. = labels) with undo/redo. Every operation is one undo step;
 * a brush stroke (pointer down .. up) is one step however many dabs it takes.
 */
import type { Geometry } from '../volume.js';
import { brushDab, brushLine, type BrushOptions } from './brush.js';
import { fillSlice } from './fill.js';
import { EditRecorder, UndoHistory, type MaskDiff } from './history.js';
import { interpolateSlices } from './interpolate.js';
import { peritumoralRing, type RingOptions } from './ring.js';
import type { SliceLayout } from './slice-layout.js';
import { labelStats, type LabelStats } from './stats.js';

export class RoiEditor {
  readonly history: UndoHistory;
  private stroke?: { rec: EditRecorder; last: [number, number]; layout: SliceLayout; slice: number; options: BrushOptions };
  /** bumped by every change of the labels, for views to redraw */
  version = 0;

  constructor(
    readonly geometry: Geometry,
    readonly labels: Uint8Array = new Uint8Array(geometry.dims[0] * geometry.dims[1] * geometry.dims[2]),
    history?: UndoHistory,
  ) {
    if (labels.length !== geometry.dims[0] * geometry.dims[1] * geometry.dims[2]) throw new Error(`the mask has ${labels.length} voxels, the grid ${geometry.dims.join('x')}`);
    this.history = history ?? new UndoHistory();
  }

  private commit(rec: EditRecorder, what: string): MaskDiff | null {
    const diff = rec.finish(what);
    if (diff) this.history.push(diff);
    this.version++;
    return diff;
  }

  /** Starts a brush (or eraser) stroke with a first dab at pixel (x, y). */
  beginStroke(layout: SliceLayout, slice: number, x: number, y: number, options: BrushOptions): void {
    if (this.stroke) this.endStroke();
    const rec = new EditRecorder(this.labels);
    brushDab(rec, layout, slice, x, y, options);
    this.stroke = { rec, last: [x, y], layout, slice, options };
    this.version++;
  }

  /** Continues the stroke to pixel (x, y), dabbing along the way. */
  moveStroke(x: number, y: number): void {
    const s = this.stroke;
    if (!s) return;
    brushLine(s.rec, s.layout, s.slice, s.last, [x, y], s.options);
    s.last = [x, y];
    this.version++;
  }

  endStroke(): MaskDiff | null {
    const s = this.stroke;
    this.stroke = undefined;
    if (!s) return null;
    return this.commit(s.rec, s.options.erase ? 'erase' : 'brush');
  }

  fill(layout: SliceLayout, slice: number, x: number, y: number, label: number): MaskDiff | null {
    const rec = new EditRecorder(this.labels);
    fillSlice(rec, layout, slice, x, y, label);
    return this.commit(rec, 'fill');
  }

  /** Interpolates `label` between drawn slices of the layout's slice axis; returns the slices filled. */
  interpolate(layout: SliceLayout, label: number): number[] {
    const rec = new EditRecorder(this.labels);
    const slices = interpolateSlices(rec, layout, label);
    this.commit(rec, 'interpolate');
    return slices;
  }

  /**
   * Writes the peritumoral ring of the ROI as `ringLabel` (replacing an earlier ring of that label); voxels of
   * other labels are left alone. Returns the ring's voxel count.
   */
  ring(options: RingOptions, ringLabel: number): number {
    const rec = new EditRecorder(this.labels);
    for (let n = 0; n < this.labels.length; n++) if (this.labels[n] === ringLabel) rec.set(n, 0);
    let count = 0;
    for (const n of peritumoralRing(this.geometry, this.labels, options)) {
      if (this.labels[n] !== 0) continue;
      rec.set(n, ringLabel);
      count++;
    }
    this.commit(rec, 'ring');
    return count;
  }

  /** Sets every voxel of `label` to 0. */
  clearLabel(label: number): MaskDiff | null {
    const rec = new EditRecorder(this.labels);
    for (let n = 0; n < this.labels.length; n++) if (this.labels[n] === label) rec.set(n, 0);
    return this.commit(rec, 'clear');
  }

  undo(): MaskDiff | undefined {
    if (this.stroke) this.endStroke();
    const d = this.history.undo(this.labels);
    this.version++;
    return d;
  }

  redo(): MaskDiff | undefined {
    const d = this.history.redo(this.labels);
    this.version++;
    return d;
  }

  stats(): LabelStats[] {
    return labelStats(this.geometry, this.labels);
  }
}
