/** A synthetic volume for the viewer tests and pointer helpers that hit a given image pixel of the canvas. */
import { ViewerModel } from '../../src/core/roi/viewer-model.js';
import type { Volume } from '../../src/core/volume.js';
import type { WrSliceViewer } from '../../src/ui/viewer/wr-slice-viewer.js';

/** 32 x 24 x 10 voxels of 0.8 x 0.8 x 3 mm, value = i + 10 j + 1000 k, origin (−20, 10, 50), axial LPS. */
export function syntheticVolume(): Volume {
  const dims: [number, number, number] = [32, 24, 10];
  const data = new Int16Array(32 * 24 * 10);
  for (let k = 0; k < 10; k++) for (let j = 0; j < 24; j++) for (let i = 0; i < 32; i++) data[i + 32 * (j + 24 * k)] = i + 10 * j + 1000 * k;
  return { dims, spacing: [0.8, 0.8, 3], origin: [-20, 10, 50], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data };
}

export function model(): ViewerModel {
  return new ViewerModel(syntheticVolume(), undefined, 'MR');
}

export function stage(v: WrSliceViewer): HTMLElement {
  return v.shadowRoot!.querySelector('.stage') as HTMLElement;
}

export function canvas(v: WrSliceViewer): HTMLCanvasElement {
  return v.shadowRoot!.querySelector('canvas') as HTMLCanvasElement;
}

/** Client coordinates of the centre of image pixel (x, y). */
export function at(v: WrSliceViewer, x: number, y: number): { clientX: number; clientY: number } {
  const c = canvas(v);
  const r = c.getBoundingClientRect();
  return { clientX: r.left + ((x + 0.5) / c.width) * r.width, clientY: r.top + ((y + 0.5) / c.height) * r.height };
}

export function pointer(v: WrSliceViewer, type: string, x: number, y: number, extra: PointerEventInit = {}): void {
  stage(v).dispatchEvent(new PointerEvent(type, { ...at(v, x, y), bubbles: true, composed: true, pointerId: 1, button: 0, buttons: type === 'pointerup' ? 0 : 1, ...extra }));
}

export function key(v: WrSliceViewer, k: string): void {
  stage(v).dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
}

/** RGBA of canvas pixel (x, y). */
export function pixel(v: WrSliceViewer, x: number, y: number): number[] {
  return Array.from(canvas(v).getContext('2d')!.getImageData(x, y, 1, 1).data);
}

export function countLabel(labels: Uint8Array, label: number): number {
  let n = 0;
  for (const v of labels) n += v === label ? 1 : 0;
  return n;
}
