/**
 * Flood fill within one slice: the 4-connected region of pixels that share the seed pixel's label becomes
 * `label`. Clicking inside a closed outline fills it; clicking on a label replaces that connected piece.
 */
import type { EditRecorder } from './history.js';
import { sliceIndices, type SliceLayout } from './slice-layout.js';

/** Fills from pixel (x, y) of `slice`; returns the number of pixels filled. */
export function fillSlice(rec: EditRecorder, l: SliceLayout, slice: number, x: number, y: number, label: number): number {
  if (x < 0 || y < 0 || x >= l.width || y >= l.height) return 0;
  const idx = sliceIndices(l, slice);
  const w = l.width;
  const seedValue = rec.data[idx[y * w + x]];
  if (seedValue === label) return 0;
  const seen = new Uint8Array(idx.length);
  const stack = [y * w + x];
  seen[y * w + x] = 1;
  let filled = 0;
  const visit = (q: number) => {
    if (seen[q] || rec.data[idx[q]] !== seedValue) return;
    seen[q] = 1;
    stack.push(q);
  };
  while (stack.length > 0) {
    const p = stack.pop()!;
    rec.set(idx[p], label);
    filled++;
    const px = p % w;
    const py = (p - px) / w;
    if (px > 0) visit(p - 1);
    if (px < w - 1) visit(p + 1);
    if (py > 0) visit(p - w);
    if (py < l.height - 1) visit(p + w);
  }
  return filled;
}
