// Grey level size zone counts (IBSI 1 section 3.8), GPU twin of computeGlszm (src/core/matrices/glszm.ts), from
// the labels and sizes of zones.wgsl. The twin's matrix is as wide as the largest zone, unknown when the case is
// recorded: zones of size <= columns go to the dense matrix, larger ones to an overflow list of
// (row, size) pairs. At most N / (columns + 1) zones can be larger than `columns` (N = ROI voxels), so an overflow
// list of that capacity never drops a zone; the wrapper assembles the twin's exact matrix after read-back.

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
  ng: u32,
  columns: u32,
  per_slice: u32,
  overflow_capacity: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> levels: array<u32>;
@group(0) @binding(2) var<storage, read> labels: array<u32>;
@group(0) @binding(3) var<storage, read> sizes: array<u32>;
@group(0) @binding(4) var<storage, read_write> counts: array<atomic<u32>>;
@group(0) @binding(5) var<storage, read_write> overflow: array<u32>;
// [0] largest zone, [1] zones sent to the overflow list, [2 + m] ROI voxels of matrix m
@group(0) @binding(6) var<storage, read_write> zone_meta: array<atomic<u32>>;

var<workgroup> group_largest: atomic<u32>;
var<workgroup> group_voxels: atomic<u32>;

// One invocation handles voxels of one slice (slice grid-stride, common.wgsl; dispatch (groups_x, nz)); each
// zone is counted once, by its root voxel. The workgroup folds its largest zone and voxel count before the
// global atomics.
@compute @workgroup_size(WORKGROUP_SIZE)
fn size_zones(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
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
    let size = sizes[v];
    let row = m * params.ng + a - 1u;
    if (size <= params.columns) {
      atomicAdd(&counts[row * params.columns + size - 1u], 1u);
    } else {
      let slot = atomicAdd(&zone_meta[1], 1u);
      if (slot < params.overflow_capacity) {
        overflow[2u * slot] = row;
        overflow[2u * slot + 1u] = size;
      }
    }
    atomicMax(&group_largest, size);
    atomicAdd(&group_voxels, size);
  }
  workgroupBarrier();
  if (lid == 0u) {
    atomicMax(&zone_meta[0], atomicLoad(&group_largest));
    atomicAdd(&zone_meta[2u + m], atomicLoad(&group_voxels));
  }
}
