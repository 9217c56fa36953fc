/**
 * Measures of closed triangle meshes (IBSI 1 section 3.1): signed volume from tetrahedra with a common apex
 * (RNU0), area as the sum of triangle areas (C0JK), axis-aligned bounding box, and a closedness check.
 */

/**
 * Signed volume sum_k a . (b x c) / 6 over triangles (a, b, c). Positive when normals point outward.
 * The apex is placed at the first vertex rather than at (0, 0, 0) to limit cancellation far from the origin;
 * for a closed mesh the sum does not depend on the apex.
 */
export function meshSignedVolume(vertices: Float64Array, triangles: Uint32Array): number {
  if (triangles.length === 0) return 0;
  const ox = vertices[0];
  const oy = vertices[1];
  const oz = vertices[2];
  let sum = 0;
  for (let t = 0; t < triangles.length; t += 3) {
    const a = 3 * triangles[t];
    const b = 3 * triangles[t + 1];
    const c = 3 * triangles[t + 2];
    const ax = vertices[a] - ox;
    const ay = vertices[a + 1] - oy;
    const az = vertices[a + 2] - oz;
    const bx = vertices[b] - ox;
    const by = vertices[b + 1] - oy;
    const bz = vertices[b + 2] - oz;
    const cx = vertices[c] - ox;
    const cy = vertices[c + 1] - oy;
    const cz = vertices[c + 2] - oz;
    sum += ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
  }
  return sum / 6;
}

/** Surface area: sum over triangles of |ab x ac| / 2. */
export function meshArea(vertices: Float64Array, triangles: Uint32Array): number {
  let sum = 0;
  for (let t = 0; t < triangles.length; t += 3) {
    const a = 3 * triangles[t];
    const b = 3 * triangles[t + 1];
    const c = 3 * triangles[t + 2];
    const ux = vertices[b] - vertices[a];
    const uy = vertices[b + 1] - vertices[a + 1];
    const uz = vertices[b + 2] - vertices[a + 2];
    const vx = vertices[c] - vertices[a];
    const vy = vertices[c + 1] - vertices[a + 1];
    const vz = vertices[c + 2] - vertices[a + 2];
    const x = uy * vz - uz * vy;
    const y = uz * vx - ux * vz;
    const z = ux * vy - uy * vx;
    sum += Math.sqrt(x * x + y * y + z * z);
  }
  return sum / 2;
}

/** Axis-aligned bounding box extents (max - min per axis) of a vertex set; zeros when empty. */
export function boundingBoxExtents(vertices: Float64Array): [number, number, number] {
  if (vertices.length === 0) return [0, 0, 0];
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < vertices.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      const v = vertices[i + k];
      if (v < lo[k]) lo[k] = v;
      if (v > hi[k]) hi[k] = v;
    }
  }
  return [hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]];
}

/**
 * True when every directed edge (a -> b) occurs exactly once and its reverse (b -> a) exactly once: the mesh is
 * closed (watertight) and consistently oriented, the condition IBSI states for a valid signed volume.
 */
export function isClosedOriented(triangles: Uint32Array, vertexCount: number): boolean {
  const directed = new Map<number, number>();
  for (let t = 0; t < triangles.length; t += 3) {
    for (let k = 0; k < 3; k++) {
      const a = triangles[t + k];
      const b = triangles[t + ((k + 1) % 3)];
      if (a === b) return false;
      const key = a * vertexCount + b;
      directed.set(key, (directed.get(key) ?? 0) + 1);
    }
  }
  for (const [key, n] of directed) {
    if (n !== 1) return false;
    const a = Math.floor(key / vertexCount);
    const b = key - a * vertexCount;
    if (directed.get(b * vertexCount + a) !== 1) return false;
  }
  return true;
}
