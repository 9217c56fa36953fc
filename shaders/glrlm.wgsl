// Grey level run lengths (IBSI 1 section 3.7), GPU twin of src/core/matrices/glrlm.ts. A run is a maximal line
// of ROI voxels of one level along a direction; counts[m][i][j] = runs of level i and length j. Matrix m is the
// direction (3D) or slice * direction_count + direction (2D). Runs are sparse events (one per run, not per
// voxel), so they go straight to global atomics.

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
  ng: u32,
  max_run: u32,
  direction_count: u32,
  per_slice: u32,
  directions: array<vec4<i32>, 13>,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> levels: array<u32>;
@group(0) @binding(2) var<storage, read_write> counts: array<atomic<u32>>;

// All directions in one dispatch (groups_x, nz, direction_count). One invocation takes voxels of slice
// workgroup_id.y (slice grid-stride, common.wgsl) in direction workgroup_id.z: a voxel whose predecessor along
// the direction is outside the image, outside the ROI or of another level starts a run; it walks the run and
// counts its length.
@compute @workgroup_size(WORKGROUP_SIZE)
fn runs(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let dims = params.dims;
  let plane = dims.x * dims.y;
  let k = wid.z;
  let d = params.directions[k].xyz;
  let m = select(k, wid.y * params.direction_count + k, params.per_slice == 1u);
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let a = levels[i + wid.y * plane];
    if (a == 0u) {
      continue;
    }
    let p = coords_of(i, wid.y, dims);
    let prev = p - d;
    if (in_image(prev, dims) && levels[index_of(prev, dims)] == a) {
      continue;
    }
    var length = 1u;
    var q = p + d;
    while (in_image(q, dims) && levels[index_of(q, dims)] == a) {
      length++;
      q += d;
    }
    atomicAdd(&counts[(m * params.ng + a - 1u) * params.max_run + length - 1u], 1u);
  }
}
