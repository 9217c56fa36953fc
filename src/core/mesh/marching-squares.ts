/**
 * Marching squares on a binary 2D mask at iso 0.5: the ROI outline as line segments between edge midpoints, as
 * PyRadiomics' shape2D builds it (radiomics/src/cshape.c calculate_coefficients2D), on the mask padded by one pixel.
 *
 * Pixel (r, c) is row r (first 2D axis), column c (second). A square has corners q0 (r, c), q1 (r, c+1),
 * q2 (r+1, c+1), q3 (r+1, c) and edges e0 = q0q1, e1 = q1q2, e2 = q2q3, e3 = q3q0. Walking q0 -> q1 -> q2 -> q3,
 * each edge where the walk enters the ROI is joined to the next edge where it leaves: a segment from entry to exit.
 * On an ambiguous square (two diagonal corners inside) this cuts off each inside corner separately. With this
 * orientation the signed areas (a x b) / 2 of the segments sum to the enclosed area.
 */

export interface Outline {
  /** summed segment lengths (mm) */
  perimeter: number;
  /** enclosed area (mm^2), from the signed areas of the segments against the origin */
  area: number;
  /** edge-midpoint vertices in half-pixel units (row, column pairs), each once */
  lattice: Int32Array;
}

const MID: readonly [number, number][] = [
  [0, 1],
  [1, 2],
  [2, 1],
  [1, 0],
];
const CORNER: readonly [number, number][] = [
  [0, 0],
  [0, 1],
  [1, 1],
  [1, 0],
];

/** Segments (pairs of edge numbers) of each of the 16 cases. */
const CASES: number[][] = Array.from({ length: 16 }, (_, c) => {
  const entries: number[] = [];
  const order: number[] = [];
  for (let e = 0; e < 4; e++) {
    const a = (c >> e) & 1;
    const b = (c >> ((e + 1) % 4)) & 1;
    if (a !== b) {
      order.push(e);
      if (!a) entries.push(e);
    }
  }
  const segs: number[] = [];
  for (const e of entries) {
    const k = order.indexOf(e);
    segs.push(e, order[(k + 1) % order.length]);
  }
  return segs;
});

/** Outline of the non-zero pixels of mask (rows x cols, row-major), pixel size (rowSpacing, colSpacing). */
export function marchingSquares(mask: ArrayLike<number>, rows: number, cols: number, spacing: [number, number]): Outline {
  const pr = rows + 2;
  const pc = cols + 2;
  const at = (r: number, c: number) => (r >= 1 && c >= 1 && r <= rows && c <= cols && mask[(r - 1) * cols + (c - 1)] ? 1 : 0);
  let perimeter = 0;
  let twiceArea = 0;
  const lattice: number[] = [];
  for (let r = 0; r < pr - 1; r++) {
    for (let c = 0; c < pc - 1; c++) {
      let idx = 0;
      for (let k = 0; k < 4; k++) idx |= at(r + CORNER[k][0], c + CORNER[k][1]) << k;
      if (idx === 0 || idx === 15) continue;
      const segs = CASES[idx];
      for (let t = 0; t < segs.length; t += 2) {
        const a0 = (2 * r + MID[segs[t]][0]) * 0.5 * spacing[0];
        const a1 = (2 * c + MID[segs[t]][1]) * 0.5 * spacing[1];
        const b0 = (2 * r + MID[segs[t + 1]][0]) * 0.5 * spacing[0];
        const b1 = (2 * c + MID[segs[t + 1]][1]) * 0.5 * spacing[1];
        twiceArea += a0 * b1 - b0 * a1;
        perimeter += Math.sqrt((a0 - b0) ** 2 + (a1 - b1) ** 2);
      }
      // each crossing edge once: the square's left edge (e3) and bottom edge (e2)
      if (at(r, c) !== at(r + 1, c)) lattice.push(2 * r + 1, 2 * c);
      if (at(r + 1, c) !== at(r + 1, c + 1)) lattice.push(2 * r + 2, 2 * c + 1);
    }
  }
  return { perimeter, area: twiceArea / 2, lattice: Int32Array.from(lattice) };
}
