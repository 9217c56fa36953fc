/**
 * One slice as RGBA pixels for a canvas: windowed grey values with the label mask blended on top,
 *
 *   rgba = (1 − α) · grey + α · colour(label)   where the label is drawn, α = opacity.
 *
 * Overlay 'fill' draws every labelled pixel; 'outline' only a label's border within the slice: labelled pixels with
 * a 4-neighbour (left, right, up, down on screen) of another label or outside the slice.
 */
import { greyValue, type WindowLevel } from './window-level.js';
import { sliceIndices, type SliceLayout } from './slice-layout.js';

/** RGB per label (1 = ROI, 2 = peritumoral ring, then more); label 0 is not drawn. */
export const LABEL_COLOURS: [number, number, number][] = [
  [0, 0, 0],
  [255, 64, 64],
  [64, 200, 255],
  [255, 210, 0],
  [120, 230, 90],
  [200, 110, 255],
];

export function labelColour(label: number): [number, number, number] {
  return LABEL_COLOURS[((label - 1) % (LABEL_COLOURS.length - 1)) + 1];
}

export type OverlayStyle = 'fill' | 'outline';

export interface RenderedSlice {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

export function renderSlice(
  layout: SliceLayout,
  image: ArrayLike<number>,
  labels: Uint8Array | undefined,
  slice: number,
  window: WindowLevel,
  opacity: number,
  overlay: OverlayStyle = 'fill',
): RenderedSlice {
  const idx = sliceIndices(layout, slice);
  const w = layout.width;
  const h = layout.height;
  const labelAt = (n: number) => (labels ? labels[idx[n]] : 0);
  const border = (n: number, label: number): boolean => {
    const x = n % w;
    const y = (n - x) / w;
    return x === 0 || y === 0 || x === w - 1 || y === h - 1 || labelAt(n - 1) !== label || labelAt(n + 1) !== label || labelAt(n - w) !== label || labelAt(n + w) !== label;
  };
  const rgba = new Uint8ClampedArray(idx.length * 4);
  const a = Math.min(1, Math.max(0, opacity));
  for (let n = 0; n < idx.length; n++) {
    const g = greyValue(image[idx[n]], window);
    let r = g;
    let gg = g;
    let b = g;
    const label = labels ? labels[idx[n]] : 0;
    if (label && a > 0 && (overlay === 'fill' || border(n, label))) {
      const c = labelColour(label);
      r = (1 - a) * g + a * c[0];
      gg = (1 - a) * g + a * c[1];
      b = (1 - a) * g + a * c[2];
    }
    rgba[4 * n] = r;
    rgba[4 * n + 1] = gg;
    rgba[4 * n + 2] = b;
    rgba[4 * n + 3] = 255;
  }
  return { width: layout.width, height: layout.height, rgba };
}
