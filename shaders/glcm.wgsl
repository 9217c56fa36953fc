// Grey level co-occurrence counts (IBSI 1 section 3.6), GPU twin of src/core/matrices/glcm.ts (IBSI: 13 or 4
// directions times one distance) and of src/core/matrices/glcm-offsets.ts (PyRadiomics: any list of offsets, e.g.
// every offset of Chebyshev norm 1 or 2, one matrix per offset, symmetric or not).
//
// One invocation handles one voxel at one offset. Dispatch: x * y workgroups cover the voxels
// (voxel = global_id.x + global_id.y * params.row_stride), z = offset index. A voxel with grey level a in the ROI
// whose neighbour at offset distance * directions[k] has level b in the ROI adds 1 to (a, b) of its matrix, and
// to (b, a) when symmetric (P + P^T): matrix = k (3D, offsets) or slice * direction_count + k (IBSI 2D).
// Levels are 0 outside the ROI, 1..ng inside. Counts are u32 atomics, so the result is exact.

struct Params {
  dims: vec3<u32>,
  ng: u32,
  direction_count: u32,
  distance: i32,
  per_slice: u32,
  row_stride: u32,
  symmetric: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> levels: array<u32>;
@group(0) @binding(2) var<storage, read> directions: array<vec4<i32>>;
@group(0) @binding(3) var<storage, read_write> counts: array<atomic<u32>>;

override WORKGROUP_SIZE: u32 = 64;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let dims = params.dims;
  let voxel = gid.x + gid.y * params.row_stride;
  let k = gid.z;
  if (voxel >= dims.x * dims.y * dims.z || k >= params.direction_count) {
    return;
  }
  let a = levels[voxel];
  if (a == 0u) {
    return;
  }
  let p = vec3<i32>(vec3<u32>(voxel % dims.x, (voxel / dims.x) % dims.y, voxel / (dims.x * dims.y)));
  let q = p + directions[k].xyz * params.distance;
  if (any(q < vec3<i32>(0)) || any(q >= vec3<i32>(dims))) {
    return;
  }
  let b = levels[u32(q.x) + dims.x * (u32(q.y) + dims.y * u32(q.z))];
  if (b == 0u) {
    return;
  }
  let m = select(k, u32(p.z) * params.direction_count + k, params.per_slice == 1u);
  let base = m * params.ng * params.ng;
  atomicAdd(&counts[base + (a - 1u) * params.ng + (b - 1u)], 1u);
  if (params.symmetric == 1u) {
    atomicAdd(&counts[base + (b - 1u) * params.ng + (a - 1u)], 1u);
  }
}
