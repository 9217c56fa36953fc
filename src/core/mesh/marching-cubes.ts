/**
 * Marching cubes on a binary mask at iso-level 0.5 (IBSI 1 section 3.1, mesh-based representation WRJH).
 *
 * The mask is cropped to its bounding box and padded by one empty voxel on every side, so that the surface is
 * closed where the ROI touches the image border. On a binary mask the iso-surface crosses every cube edge with
 * one inside and one outside end at its midpoint, so vertices lie on a half-voxel lattice; each vertex is shared by
 * all cubes around its edge (one vertex per grid edge). Triangles come from the case table of
 * marching-cubes-table.ts and are oriented with normals pointing out of the ROI (positive signed volume).
 *
 * Output coordinates are in mm on the voxel grid: vertex = (i, j, k) * spacing for continuous voxel indices
 * (i, j, k); the grid's origin and direction are not applied (morphology is invariant to both).
 */
import { marchingCubesTable, type FaceAmbiguity, type MarchingCubesTable } from './marching-cubes-table.js';
import type { Vec3 } from '../volume.js';

export interface TriangleMesh {
  /** x, y, z per vertex (mm, grid-aligned) */
  vertices: Float64Array;
  /** vertex indices, 3 per triangle, counter-clockwise seen from outside */
  triangles: Uint32Array;
  /**
   * Vertex positions in half-voxel units: 2 * (continuous voxel index), exact integers. Lets callers bucket
   * vertices along grid lines without floating-point comparison (e.g. to pre-filter convex hull candidates).
   */
  lattice: Int32Array;
}

export interface MarchingCubesOptions {
  /** rule for faces whose inside corners lie on one diagonal; default 'separate' */
  ambiguity?: FaceAmbiguity;
  /**
   * A case table in this module's corner and edge numbering (see marching-cubes-table.ts), e.g. one transcribed
   * from another implementation to reproduce its triangulation; overrides `ambiguity`.
   */
  table?: MarchingCubesTable;
}

/** Bounding box [lo, hi] (inclusive voxel indices) of the non-zero mask voxels, or null when empty. */
export function maskBounds(mask: ArrayLike<number>, dims: Vec3): { lo: Vec3; hi: Vec3 } | null {
  const [nx, ny, nz] = dims;
  const lo: Vec3 = [nx, ny, nz];
  const hi: Vec3 = [-1, -1, -1];
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (!mask[i]) continue;
        if (x < lo[0]) lo[0] = x;
        if (x > hi[0]) hi[0] = x;
        if (y < lo[1]) lo[1] = y;
        if (y > hi[1]) hi[1] = y;
        if (z < lo[2]) lo[2] = z;
        if (z > hi[2]) hi[2] = z;
      }
    }
  }
  return hi[0] < 0 ? null : { lo, hi };
}

/** Surface mesh of the voxels where mask != 0. An empty mask gives an empty mesh. */
export function marchingCubes(
  mask: ArrayLike<number>,
  dims: Vec3,
  spacing: Vec3,
  options: MarchingCubesOptions = {},
): TriangleMesh {
  const bounds = maskBounds(mask, dims);
  if (!bounds) return { vertices: new Float64Array(0), triangles: new Uint32Array(0), lattice: new Int32Array(0) };
  const { lo, hi } = bounds;
  const [nx, ny] = dims;
  // padded grid: one empty layer on each side of the bounding box
  const px = hi[0] - lo[0] + 3;
  const py = hi[1] - lo[1] + 3;
  const pz = hi[2] - lo[2] + 3;
  const grid = new Uint8Array(px * py * pz);
  for (let z = lo[2]; z <= hi[2]; z++) {
    for (let y = lo[1]; y <= hi[1]; y++) {
      const src = nx * (y + ny * z);
      const dst = px * (y - lo[1] + 1 + py * (z - lo[2] + 1)) + 1 - lo[0];
      for (let x = lo[0]; x <= hi[0]; x++) grid[dst + x] = mask[src + x] ? 1 : 0;
    }
  }

  const table = options.table ?? marchingCubesTable(options.ambiguity ?? 'separate');
  const sxy = px * py;
  // corner n = a + 2b + 4c of the cube at grid point g sits at g + a + b px + c sxy
  // cube edge e starts at corner edgeStart[e] and runs along axis edgeAxis[e]
  const edgeStart = new Int32Array(12);
  const edgeAxis = new Uint8Array(12);
  for (let e = 0; e < 12; e++) {
    const axis = e >> 2;
    const k = e & 3;
    const others = [0, 1, 2].filter((q) => q !== axis);
    edgeStart[e] = (k & 1) * (others[0] === 0 ? 1 : others[0] === 1 ? px : sxy) + ((k >> 1) & 1) * (others[1] === 1 ? px : sxy);
    edgeAxis[e] = axis;
  }

  // vertex id per grid edge (3 per grid point), -1 when not yet created; vertices and triangles in growable
  // typed buffers (no per-vertex objects)
  const vertexOfEdge = new Int32Array(3 * px * py * pz).fill(-1);
  let lat = new Int32Array(3 * 1024);
  let nv = 0;
  let tris = new Uint32Array(3 * 2048);
  let nt = 0;
  const vertexFor = (g: number, e: number): number => {
    const start = g + edgeStart[e];
    const key = 3 * start + edgeAxis[e];
    let v = vertexOfEdge[key];
    if (v < 0) {
      v = nv++;
      vertexOfEdge[key] = v;
      if (3 * nv > lat.length) {
        const grown = new Int32Array(2 * lat.length);
        grown.set(lat);
        lat = grown;
      }
      const x = start % px;
      const y = ((start - x) / px) % py;
      const z = Math.floor(start / sxy);
      // padded index -> voxel index: subtract the pad (1) and add the crop offset; 2x for half-voxel units
      const o = 3 * v;
      lat[o] = 2 * (x - 1 + lo[0]);
      lat[o + 1] = 2 * (y - 1 + lo[1]);
      lat[o + 2] = 2 * (z - 1 + lo[2]);
      lat[o + edgeAxis[e]] += 1;
    }
    return v;
  };

  for (let z = 0; z < pz - 1; z++) {
    for (let y = 0; y < py - 1; y++) {
      let g = px * (y + py * z);
      // corners with a = 0 of this cube are the a = 1 corners of the previous one (bits 1,3,5,7 -> 0,2,4,6)
      let c = (grid[g] << 1) | (grid[g + px] << 3) | (grid[g + sxy] << 5) | (grid[g + px + sxy] << 7);
      for (let x = 0; x < px - 1; x++, g++) {
        const r = g + 1;
        c = ((c >> 1) & 0x55) | (grid[r] << 1) | (grid[r + px] << 3) | (grid[r + sxy] << 5) | (grid[r + px + sxy] << 7);
        if (c === 0 || c === 255) continue;
        const t1 = table.offsets[c + 1];
        if (nt + (t1 - table.offsets[c]) > tris.length) {
          const grown = new Uint32Array(2 * tris.length);
          grown.set(tris);
          tris = grown;
        }
        for (let t = table.offsets[c]; t < t1; t++) tris[nt++] = vertexFor(g, table.edges[t]);
      }
    }
  }

  const lattice = lat.slice(0, 3 * nv);
  const vertices = new Float64Array(lattice.length);
  for (let i = 0; i < lattice.length; i += 3) {
    vertices[i] = 0.5 * lattice[i] * spacing[0];
    vertices[i + 1] = 0.5 * lattice[i + 1] * spacing[1];
    vertices[i + 2] = 0.5 * lattice[i + 2] * spacing[2];
  }
  return { vertices, triangles: tris.slice(0, nt), lattice };
}
