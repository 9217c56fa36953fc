/**
 * Right-angle rotations of the grid, used for rotation-invariant separable filters (IBSI 2: the filter is applied
 * in every orientation of the rotation group of the cube and the responses are pooled).
 *
 * A rotation is written (perm, flip): the filter that acted along axis a now acts along axis perm[a], mirrored when
 * flip[a]. 3D: the 24 proper rotations (det +1) of 3 axes. 2D: the 4 rotations by multiples of 90 degrees in the
 * x-y plane. A separable filter stays separable under these rotations, so each rotated filter is again a set of
 * 1D passes (with reversedPass for mirrored axes).
 */
export interface GridRotation {
  perm: number[];
  flip: boolean[];
}

function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  const out: number[][] = [];
  for (const p of permutations(n - 1)) {
    for (let k = 0; k <= p.length; k++) out.push([...p.slice(0, k), n - 1, ...p.slice(k)]);
  }
  return out;
}

function parity(p: number[]): number {
  let s = 1;
  for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++) if (p[i] > p[j]) s = -s;
  return s;
}

/** All proper right-angle rotations of `axes` axes (24 for 3, 4 for 2), identity first. */
export function rightAngleRotations(axes: 2 | 3): GridRotation[] {
  const out: GridRotation[] = [];
  for (const perm of permutations(axes).sort((a, b) => a.join().localeCompare(b.join()))) {
    for (let mask = 0; mask < 1 << axes; mask++) {
      const flip = Array.from({ length: axes }, (_, a) => ((mask >> a) & 1) === 1);
      const det = parity(perm) * flip.reduce((s, f) => (f ? -s : s), 1);
      if (det > 0) out.push({ perm, flip });
    }
  }
  return out;
}
