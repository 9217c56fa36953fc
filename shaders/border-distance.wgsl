// Distance of every ROI voxel to the ROI edge (borderDistanceMap in src/core/matrices/zones.ts): the city-block
// distance to the nearest voxel outside the ROI or the image, with 6 (3D) or in-slice 4 (2D) connected steps.
// Joined after gldzm.wgsl, whose `params`, `levels` and `distance` it uses.
//
// The L1 distance transform is separable: two sweeps (forward, backward) along every x line, then every y line,
// then (3D) every z line, each taking d = min(d, neighbour + 1) with the positions just outside the image at
// distance 0. After the x sweeps d is the distance within the row; each later axis adds the best offset along it.

const FAR: u32 = 0x0fffffffu;

// Two sweeps along one line of `len` voxels from `start`, `step` apart; `first` sets 0 outside / FAR inside.
fn sweep(start: u32, step: u32, len: u32, first: bool) {
  var previous = 0u;
  for (var t = 0u; t < len; t++) {
    let v = start + t * step;
    var d = distance[v];
    if (first) {
      d = select(FAR, 0u, levels[v] == 0u);
    }
    d = min(d, previous + 1u);
    distance[v] = d;
    previous = d;
  }
  previous = 0u;
  for (var t = len; t > 0u; t--) {
    let v = start + (t - 1u) * step;
    let d = min(distance[v], previous + 1u);
    distance[v] = d;
    previous = d;
  }
}

// One invocation sweeps x lines (grid-stride over the ny * nz lines; dispatch (line_groups_x)).
@compute @workgroup_size(WORKGROUP_SIZE)
fn distance_x(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let dims = params.dims;
  for (var l = stride_start(wid.x, lid); l < dims.y * dims.z; l += params.line_groups_x * WORKGROUP_SIZE) {
    sweep(l * dims.x, 1u, dims.x, true);
  }
}

// One invocation sweeps y lines (grid-stride over the nx * nz lines; dispatch (line_groups_x)).
@compute @workgroup_size(WORKGROUP_SIZE)
fn distance_y(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let dims = params.dims;
  for (var l = stride_start(wid.x, lid); l < dims.x * dims.z; l += params.line_groups_x * WORKGROUP_SIZE) {
    sweep(l % dims.x + (l / dims.x) * dims.x * dims.y, dims.x, dims.y, false);
  }
}

// One invocation sweeps z lines (grid-stride over the nx * ny lines; dispatch (line_groups_x)); 3D only.
@compute @workgroup_size(WORKGROUP_SIZE)
fn distance_z(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let dims = params.dims;
  for (var l = stride_start(wid.x, lid); l < dims.x * dims.y; l += params.line_groups_x * WORKGROUP_SIZE) {
    sweep(l, dims.x * dims.y, dims.z, false);
  }
}

