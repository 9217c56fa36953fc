// Grey level distance zone counts (IBSI 1 section 3.9), GPU twin of computeGldzm (src/core/matrices/gldzm.ts),
// from the labels and sizes of zones.wgsl and the distances of border-distance.wgsl (joined after this file).
// No distance exceeds ceil(shortest side / 2), which bounds the matrix width; the wrapper crops it to the
// largest distance found.

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
  ng: u32,
  columns: u32,
  per_slice: u32,
  line_groups_x: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> levels: array<u32>;
@group(0) @binding(2) var<storage, read> labels: array<u32>;
@group(0) @binding(3) var<storage, read> sizes: array<u32>;
@group(0) @binding(4) var<storage, read_write> distance: array<u32>;
// 0xffffffff - (smallest distance in the zone), at the zone's root: zeroed buffer + atomicMax gives a minimum
@group(0) @binding(5) var<storage, read_write> zone_far: array<atomic<u32>>;
@group(0) @binding(6) var<storage, read_write> counts: array<atomic<u32>>;
// [0] largest zone distance, [1] zones beyond the bound (always 0), [2 + m] ROI voxels of matrix m
@group(0) @binding(7) var<storage, read_write> zone_meta: array<atomic<u32>>;

// One invocation folds the distances of ROI voxels of one slice into their zone's minimum (slice grid-stride,
// common.wgsl; dispatch (groups_x, nz)).
@compute @workgroup_size(WORKGROUP_SIZE)
fn zone_distance(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let plane = params.dims.x * params.dims.y;
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let v = i + wid.y * plane;
    if (levels[v] != 0u) {
      atomicMax(&zone_far[labels[v]], 0xffffffffu - distance[v]);
    }
  }
}

var<workgroup> group_largest: atomic<u32>;
var<workgroup> group_voxels: atomic<u32>;

// One invocation counts the zones rooted in its slice (dispatch (groups_x, nz)) at (level, zone distance).
@compute @workgroup_size(WORKGROUP_SIZE)
fn distance_zones(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  if (lid == 0u) {
    atomicStore(&group_largest, 0u);
    atomicStore(&group_voxels, 0u);
  }
  workgroupBarrier();
  let plane = params.dims.x * params.dims.y;
  let m = select(0u, wid.y, params.per_slice == 1u);
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let v = i + wid.y * plane;
    let a = levels[v];
    if (a == 0u || labels[v] != v) {
      continue;
    }
    let d = 0xffffffffu - atomicLoad(&zone_far[v]);
    if (d <= params.columns) {
      atomicAdd(&counts[(m * params.ng + a - 1u) * params.columns + d - 1u], 1u);
    } else {
      atomicAdd(&zone_meta[1], 1u);
    }
    atomicMax(&group_largest, d);
    atomicAdd(&group_voxels, sizes[v]);
  }
  workgroupBarrier();
  if (lid == 0u) {
    atomicMax(&zone_meta[0], atomicLoad(&group_largest));
    atomicAdd(&zone_meta[2u + m], atomicLoad(&group_voxels));
  }
}
