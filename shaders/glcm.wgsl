// Grey level co-occurrence counts (IBSI 1 section 3.6), GPU twin of src/core/matrices/glcm.ts.
//
// One invocation handles one voxel in one direction. Dispatch: x * y workgroups cover the voxels
// (voxel = global_id.x + global_id.y * params.row_stride), z = direction index. A voxel with grey level a
// in the ROI whose neighbour at offset distance * direction has level b in the ROI adds 1 to (a, b) and to
// (b, a) of its matrix: matrix = direction (3D) or slice * direction_count + direction (2D).
// Levels are 0 outside the ROI, 1..ng inside. Counts are u32 atomics, so the result is exact.

struct Params {
  dims: vec3<u32>,
  ng: u32,
  direction_count: u32,
  distance: i32,
  per_slice: u32,
  row_stride: u32,
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
  atomicAdd(&counts[base + (b - 1u) * params.ng + (a - 1u)], 1u);
}
