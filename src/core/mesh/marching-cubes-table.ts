/**
 * Marching-cubes case table, derived at start-up from the cube's geometry instead of a hand-typed 256-row table.
 *
 * Cube corners are numbered n = a + 2b + 4c for the corner at offset (a, b, c), a, b, c in {0, 1}. The 12 cube
 * edges are numbered by axis: x edges 0..3 (index b + 2c), y edges 4..7 (a + 2c), z edges 8..11 (a + 2b).
 * A case is the 8-bit set of inside corners (bit n set when corner n is inside the ROI).
 *
 * How a case is triangulated:
 *  1. On each of the 6 cube faces, walking the face's corners counter-clockwise as seen from outside the cube,
 *     an edge where the walk goes from inside to outside is an "exit", from outside to inside an "entry".
 *     Each exit is joined to an entry by a directed segment (exit -> entry). A face has 0, 2 or 4 crossings.
 *  2. Faces with 4 crossings (inside corners on one diagonal) are ambiguous. The decision uses the face's corners
 *     only, so both cubes sharing the face draw the same segments in opposite directions: that is what makes the
 *     mesh watertight and consistently oriented without any look-up beyond the cube.
 *       'separate': each inside corner is cut off on its own (inside connects only through face edges, i.e. the
 *                   6-connected reading of the ROI);
 *       'join':     the two inside corners connect across the face (each outside corner is cut off).
 *  3. Every crossing is an exit on one of its two faces and an entry on the other, so segments chain into closed
 *     loops. Each loop is triangulated so that the enclosed ROI volume is
 *     largest. Why: the trilinear interpolant of the mask exceeds 0.5 at the centre of a face with 3 inside corners,
 *     so the true iso-surface bulges away from the inside corners; the volume-maximising triangulation follows it.
 *     This choice reproduces the IBSI digital-phantom consensus (mesh volume 556, area 388), whereas a
 *     minimal-area triangulation gives 549 and 387.
 * Interior ambiguities (tunnels through the cube) are not modelled: each loop is its own disc.
 */

export type FaceAmbiguity = 'separate' | 'join';

export interface MarchingCubesTable {
  ambiguity: FaceAmbiguity;
  /** triangles of each case as cube-edge triplets; offsets[c]..offsets[c+1] (in edges, 3 per triangle) */
  offsets: Uint16Array;
  edges: Uint8Array;
}

type P3 = [number, number, number];

const cornerPos = (n: number): P3 => [n & 1, (n >> 1) & 1, (n >> 2) & 1];

/** Cube edge joining corners n and m (which differ in exactly one bit). */
function edgeOf(n: number, m: number): number {
  const d = n ^ m;
  const lo = n & m;
  const [a, b, c] = cornerPos(lo);
  if (d === 1) return b + 2 * c;
  if (d === 2) return 4 + a + 2 * c;
  return 8 + a + 2 * b;
}

/** Midpoint of a cube edge in unit-cube coordinates (where a binary mask crosses iso-level 0.5). */
export function edgeMidpoint(e: number): P3 {
  const axis = e >> 2;
  const k = e & 3;
  const p: P3 = [0.5, 0.5, 0.5];
  const others = [0, 1, 2].filter((q) => q !== axis);
  p[others[0]] = k & 1;
  p[others[1]] = (k >> 1) & 1;
  return p;
}

/** The 6 faces, each as 4 corners counter-clockwise seen from outside the cube (right-hand rule gives the outward normal). */
function cubeFaces(): number[][] {
  const faces: number[][] = [];
  for (let axis = 0; axis < 3; axis++) {
    for (const side of [0, 1]) {
      const u = (axis + 1) % 3;
      const v = (axis + 2) % 3;
      const corner = (pu: number, pv: number) => (side << axis) | (pu << u) | (pv << v);
      // (u, v, axis) is a right-handed frame, so (0,0) (1,0) (1,1) (0,1) runs counter-clockwise about +axis.
      const ring = [corner(0, 0), corner(1, 0), corner(1, 1), corner(0, 1)];
      faces.push(side === 1 ? ring : ring.reverse());
    }
  }
  return faces;
}

/** Directed segments (exit edge -> entry edge) of one case on all faces. */
function caseSegments(inside: number, ambiguity: FaceAmbiguity, faces: number[][]): Map<number, number> {
  const next = new Map<number, number>();
  for (const ring of faces) {
    const crossings: { edge: number; exit: boolean }[] = [];
    for (let k = 0; k < 4; k++) {
      const n = ring[k];
      const m = ring[(k + 1) % 4];
      const inN = (inside >> n) & 1;
      const inM = (inside >> m) & 1;
      if (inN !== inM) crossings.push({ edge: edgeOf(n, m), exit: inN === 1 });
    }
    const count = crossings.length;
    for (let k = 0; k < count; k++) {
      if (!crossings[k].exit) continue;
      // crossings alternate exit / entry around the ring: 'join' pairs an exit with the entry that follows it
      // (cutting off the outside corner in between); 'separate' with the entry before it (cutting off the inside corner).
      const step = count === 2 || ambiguity === 'join' ? 1 : count - 1;
      next.set(crossings[k].edge, crossings[(k + step) % count].edge);
    }
  }
  return next;
}

function sub(a: P3, b: P3): P3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

/** Signed volume of the tetrahedron (cube centre, a, b, c): positive when abc faces away from the centre. */
function tetraVolume(a: P3, b: P3, c: P3): number {
  const u = sub(a, [0.5, 0.5, 0.5]);
  const v = sub(b, [0.5, 0.5, 0.5]);
  const w = sub(c, [0.5, 0.5, 0.5]);
  return (u[0] * (v[1] * w[2] - v[2] * w[1]) + u[1] * (v[2] * w[0] - v[0] * w[2]) + u[2] * (v[0] * w[1] - v[1] * w[0])) / 6;
}

/** True when all the given unit-cube points lie in one cube face. */
function onOneFace(...p: P3[]): boolean {
  for (let k = 0; k < 3; k++) {
    const v = p[0][k];
    if (v !== 0.5 && p.every((q) => q[k] === v)) return true;
  }
  return false;
}

/**
 * Volume-maximising triangulation of a closed loop (classic O(k^3) polygon DP over the signed volumes of the
 * tetrahedra the triangles form with the cube centre); keeps the loop's orientation.
 * Diagonals lying in a cube face are excluded: 'join' loops pass 4 vertices of an ambiguous face, and a diagonal
 * (or triangle) in that face would also be drawn by the neighbour cube sharing it, making the surface pinch.
 */
function triangulateLoop(loop: number[]): number[] {
  const k = loop.length;
  if (k === 3) return loop.slice();
  const pts = loop.map(edgeMidpoint);
  const chordOk = (i: number, j: number) => j - i === 1 || (i === 0 && j === k - 1) || !onOneFace(pts[i], pts[j]);
  const cost = Array.from({ length: k }, () => new Float64Array(k));
  const split = Array.from({ length: k }, () => new Int8Array(k).fill(-1));
  for (let len = 2; len < k; len++) {
    for (let i = 0; i + len < k; i++) {
      const j = i + len;
      cost[i][j] = Infinity;
      if (!chordOk(i, j)) continue;
      for (let m = i + 1; m < j; m++) {
        const c = cost[i][m] + cost[m][j] - tetraVolume(pts[i], pts[m], pts[j]);
        // strict < with a small margin keeps the first of equal-volume options (planar loops)
        if (c < cost[i][j] - 1e-12) {
          cost[i][j] = c;
          split[i][j] = m;
        }
      }
    }
  }
  if (split[0][k - 1] < 0) throw new Error(`marching cubes: no valid triangulation of a ${k}-loop`);
  const out: number[] = [];
  const emit = (i: number, j: number) => {
    if (j - i < 2) return;
    const m = split[i][j];
    out.push(loop[i], loop[m], loop[j]);
    emit(i, m);
    emit(m, j);
  };
  emit(0, k - 1);
  return out;
}

/** Triangles (cube-edge triplets) of one case. */
function caseTriangles(inside: number, ambiguity: FaceAmbiguity, faces: number[][]): number[] {
  const next = caseSegments(inside, ambiguity, faces);
  const seen = new Set<number>();
  const tris: number[] = [];
  for (const start of [...next.keys()].sort((a, b) => a - b)) {
    if (seen.has(start)) continue;
    const loop: number[] = [];
    for (let e = start; !seen.has(e); e = next.get(e)!) {
      seen.add(e);
      loop.push(e);
    }
    // loops run exit -> entry, which orients the right-hand normal towards the inside corners; reverse so that
    // normals point out of the ROI (positive signed volume)
    tris.push(...triangulateLoop(loop.reverse()));
  }
  return tris;
}

const cache = new Map<FaceAmbiguity, MarchingCubesTable>();

/** The case table for one ambiguity rule (built once, then cached). */
export function marchingCubesTable(ambiguity: FaceAmbiguity = 'separate'): MarchingCubesTable {
  const hit = cache.get(ambiguity);
  if (hit) return hit;
  const faces = cubeFaces();
  const offsets = new Uint16Array(257);
  const all: number[] = [];
  for (let c = 0; c < 256; c++) {
    offsets[c] = all.length;
    all.push(...caseTriangles(c, ambiguity, faces));
  }
  offsets[256] = all.length;
  const table = { ambiguity, offsets, edges: Uint8Array.from(all) };
  cache.set(ambiguity, table);
  return table;
}
