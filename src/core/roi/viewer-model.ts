/**
 * What a slice viewer needs from a volume and its label mask, in one object the UI holds: layouts for the three
 * orientations, window presets, rendered slices and the voxel readout. The UI only forwards pointer and key
 * events here (and to the editor) and draws what comes back.
 */
import type { Vec3, Volume } from '../volume.js';
import { voxelToWorld } from './coords.js';
import { RoiEditor } from './editor.js';
import { renderSlice, type OverlayStyle, type RenderedSlice } from './render-slice.js';
import { pixelToVoxel, sliceLayout, type Orientation, type SliceLayout } from './slice-layout.js';
import { dragWindow, presetsFor, presetWindow, sortedSample, valueRange, type WindowLevel, type WindowPreset } from './window-level.js';

export interface Readout {
  voxel: Vec3;
  /** LPS mm of the voxel centre */
  world: Vec3;
  value: number;
  label: number;
  /** e.g. "(12, 40, 7)  L 10.5 P -3.2 S 40.0 mm  value 231  label 1" */
  text: string;
}

export class ViewerModel {
  readonly editor: RoiEditor;
  readonly presets: WindowPreset[];
  readonly range: { min: number; max: number };
  private readonly sorted: Float64Array;
  private readonly layouts = new Map<Orientation, SliceLayout>();
  window: WindowLevel;

  constructor(
    readonly volume: Volume,
    labels?: Uint8Array,
    readonly modality?: string,
  ) {
    this.editor = new RoiEditor(volume, labels);
    this.presets = presetsFor(modality);
    this.sorted = sortedSample(volume.data);
    this.range = valueRange(volume.data);
    this.window = presetWindow(this.presets[0], this.sorted);
  }

  layout(o: Orientation): SliceLayout {
    let l = this.layouts.get(o);
    if (!l) {
      l = sliceLayout(this.volume, o);
      this.layouts.set(o, l);
    }
    return l;
  }

  applyPreset(id: string): WindowLevel {
    const p = this.presets.find((x) => x.id === id);
    if (p) this.window = presetWindow(p, this.sorted);
    return this.window;
  }

  dragWindow(dx: number, dy: number): WindowLevel {
    this.window = dragWindow(this.window, dx, dy, this.range.max - this.range.min || 1);
    return this.window;
  }

  render(o: Orientation, slice: number, opacity: number, overlay: OverlayStyle = 'fill'): RenderedSlice {
    return renderSlice(this.layout(o), this.volume.data, this.editor.labels, this.clampSlice(o, slice), this.window, opacity, overlay);
  }

  clampSlice(o: Orientation, slice: number): number {
    return Math.min(this.layout(o).slices - 1, Math.max(0, Math.round(slice)));
  }

  /** The middle slice, where a viewer starts. */
  middleSlice(o: Orientation): number {
    return Math.floor(this.layout(o).slices / 2);
  }

  /** CSS size of a slice fitted into a box of `box` px, keeping the aspect of its mm extent. */
  displaySize(o: Orientation, box: number): { width: number; height: number } {
    const l = this.layout(o);
    const w = l.width * l.pixelWidthMm;
    const h = l.height * l.pixelHeightMm;
    const s = box / Math.max(w, h);
    return { width: Math.round(w * s), height: Math.round(h * s) };
  }

  /** Readout at pixel (x, y) of a slice, or undefined outside the image. */
  readout(o: Orientation, slice: number, x: number, y: number): Readout | undefined {
    const l = this.layout(o);
    if (!(x >= 0 && y >= 0 && x < l.width && y < l.height)) return undefined;
    const voxel = pixelToVoxel(l, Math.floor(x), Math.floor(y), this.clampSlice(o, slice));
    const n = voxel[0] + l.dims[0] * (voxel[1] + l.dims[1] * voxel[2]);
    const world = voxelToWorld(this.volume, voxel);
    const value = this.volume.data[n];
    const label = this.editor.labels[n];
    const text = `(${voxel.join(', ')})  L ${world[0].toFixed(1)} P ${world[1].toFixed(1)} S ${world[2].toFixed(1)} mm  value ${formatValue(value)}  label ${label}`;
    return { voxel, world, value, label, text };
  }
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(5);
}
