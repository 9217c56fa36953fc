/**
 * PyRadiomics' marching-cubes case table (radiomics/src/cshape.c, BSD-3; the classic Lorensen-Cline table halved),
 * converted to this module's corner and edge numbering (marching-cubes-table.ts) so that marching-cubes.ts
 * reproduces PyRadiomics' triangulation, and with it its MeshVolume and SurfaceArea, exactly.
 *
 * PyRadiomics works in (z, y, x) order. Its corners p0..p7 sit at (z, y, x) offsets
 *   p0 (0,0,0) p1 (0,0,1) p2 (0,1,1) p3 (0,1,0) p4 (1,0,0) p5 (1,0,1) p6 (1,1,1) p7 (1,1,0)
 * and its 12 edges e0..e11 join p0p1 p1p2 p2p3 p3p0 p4p5 p5p6 p6p7 p7p4 p0p4 p1p5 p2p6 p3p7.
 * It stores only the 128 cases without corner p7; a case with p7 inside uses the triangles of its complement with
 * the volume sign flipped, i.e. the same triangles in reverse orientation. Triangles of the stored cases are
 * oriented so that (a x b) . c is positive in (z, y, x) coordinates for an outward normal; in (x, y, z) coordinates
 * (an odd permutation of the axes) that reverses, so each triangle is written here with two vertices swapped.
 */
import type { MarchingCubesTable } from './marching-cubes-table.js';

/**
 * Triangles of PyRadiomics' stored cases 0..127 (bit k = corner p_k inside), each as a string of edge numbers in
 * hex (a = 10, b = 11), three per triangle, in PyRadiomics' edge numbering.
 */
const PYRADIOMICS_CASES: readonly string[] = [
  '', '083', '190', '183198', '12a', '08312a', '92a029', '2832a8a98', 'b23', 'b2008b', '190b23', 'b2119b98b',
  '3a1ba3', 'a1008a8ba', '9033b9ba9', '98aba8', '478', '043473', '190478', '194147173', '12a478', '34730412a',
  '92a902478', '2a9297273479', '478b23', 'b47b24204', '190478b23', '47b94bb29192', '3a1ba3478', 'ba114b10447b',
  '4789033b9ba9', '47b4b99ba', '954', '954083', '054015', '854835315', '12a954', '08312a954', '2a5542240',
  '2a5325354834', '954b23', 'b2008b954', '054015b23', '215258b28548', '3a1ba3954', '549a1008a8ba', '54050ba5bb03',
  '548a58ba8', '789579', '309539357', '780017715', '157173', '78957912a', '12a309395357', '0288258572a5',
  '2a5253357', '579789b23', '579972209b27', 'b23018178157', '21b17b157', '7895793a1ba3', '5705097b0a10ba0',
  'ba003ba50078570', 'ba557b', '65a', '08365a', '19065a', '18319865a', '165126', '165126083', '965906026',
  '598582526832', 'b2365a', 'b2008b65a', '190b2365a', 'b2119b98b65a', '63b653513', '08b0b50515b6', '63b036065059',
  '65969bb98', '47865a', '04347365a', '19047865a', '19414717365a', '478165126', '043473165126', '478965906026',
  '739479329596269', 'b2347865a', 'b47b2420465a', '190b2347865a', '47b94bb2919265a', '47863b653513',
  '51b5b610b47b04b', '47863b036065059', '65969b4797b9', 'a4964a', 'a4964a083', '01aa60640', '18316886461a',
  '149124264', '149124264083', '024426', '832824426', 'b23a4964a', 'b2008ba4964a', 'b2301aa60640', '64161a148b2118b',
  '964369139b63', '18b081b61149641', '63b036640', '86468b', '67a78a89a', '67a0a709a073', '67a1a7178018', '67a1a7173',
  '126168189678', '269129679309739', '078706602', '273267', 'b2367a78a89a', '207b2709767a9a7', '67a1a7178018b23',
  'b2117ba61167', '896678169b63136', '09167b', '07870603bb60', '67b',
];

// PyRadiomics corner k -> this module's corner (x + 2y + 4z); PyRadiomics edge -> this module's edge.
const CORNER = [0, 1, 3, 2, 4, 5, 7, 6];
const EDGE = [0, 5, 1, 4, 2, 7, 3, 6, 8, 9, 11, 10];

function decode(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(parseInt(ch, 16));
  if (out.length % 3 !== 0) throw new Error(`PyRadiomics case table: bad entry "${s}"`);
  return out;
}

let cached: MarchingCubesTable | null = null;

/** PyRadiomics' triangulation as a full 256-case table in this module's numbering. */
export function pyradiomicsMarchingCubesTable(): MarchingCubesTable {
  if (cached) return cached;
  const offsets = new Uint16Array(257);
  const edges: number[] = [];
  for (let c = 0; c < 256; c++) {
    offsets[c] = edges.length;
    let p = 0;
    for (let k = 0; k < 8; k++) if ((c >> CORNER[k]) & 1) p |= 1 << k;
    const flipped = (p & 0x80) !== 0;
    const tris = decode(PYRADIOMICS_CASES[flipped ? p ^ 0xff : p]);
    for (let t = 0; t < tris.length; t += 3) {
      const a = EDGE[tris[t]];
      const b = EDGE[tris[t + 1]];
      const d = EDGE[tris[t + 2]];
      // (z, y, x) -> (x, y, z) reverses orientation; a complemented case reverses it once more
      if (flipped) edges.push(a, b, d);
      else edges.push(a, d, b);
    }
  }
  offsets[256] = edges.length;
  cached = { ambiguity: 'separate', offsets, edges: Uint8Array.from(edges) };
  return cached;
}
