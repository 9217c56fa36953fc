/**
 * Boundary extension for convolutional filters (IBSI 2, section "padding"). A filter that reaches past the edge of
 * the grid reads an extended signal x^[i] for i < 0 or i >= n:
 *   zero     x^[i] = 0                                   (constant 0)
 *   nearest  x^[i] = x[clamp(i, 0, n - 1)]                (edge voxel repeated)
 *   periodic x^[i] = x[i mod n]                           (wrap)
 *   mirror   x^[i] = x[r] with r = i mod 2n, r >= n -> 2n - 1 - r   (symmetric: ... c b a | a b c ...)
 * numpy.pad names: constant, edge, wrap, symmetric.
 */
export type PaddingMode = 'zero' | 'nearest' | 'periodic' | 'mirror';

export const PADDING_MODES: readonly PaddingMode[] = ['zero', 'nearest', 'periodic', 'mirror'];

/** Index into [0, n) that the extended signal reads at i, or -1 where the extension is zero. */
export function paddedIndex(i: number, n: number, mode: PaddingMode): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case 'zero':
      return -1;
    case 'nearest':
      return i < 0 ? 0 : n - 1;
    case 'periodic':
      return ((i % n) + n) % n;
    case 'mirror': {
      const p = 2 * n;
      const r = ((i % p) + p) % p;
      return r < n ? r : p - 1 - r;
    }
  }
}

/**
 * Writes the extended line x^[-left .. n - 1 + right] into out[0 .. left + n + right - 1]; `line(k)` reads the
 * original sample k (0 <= k < n).
 */
export function fillPaddedLine(
  out: Float64Array,
  n: number,
  left: number,
  right: number,
  mode: PaddingMode,
  line: (k: number) => number,
): void {
  for (let i = -left; i < n + right; i++) {
    const k = paddedIndex(i, n, mode);
    out[i + left] = k < 0 ? 0 : line(k);
  }
}
