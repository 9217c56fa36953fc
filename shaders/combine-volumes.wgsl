// Voxel-wise steps around the convolution passes of a filter (src/core/filters/filter-volume.ts poolInto /
// finishPool, laws.ts lawsEnergy). Needs common.wgsl. POOL (override): 0 sum, 1 max, 2 min.

override POOL: u32 = 0u;

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
  sign: f32,
  first: u32,
  factor: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read_write> acc: array<f32>;

// acc = sign * src on the first response, else acc (+ | max | min) sign * src, with the twin's comparisons
// (a NaN response never replaces acc under max / min). One invocation per voxel, dispatch (groups_x, nz).
@compute @workgroup_size(WORKGROUP_SIZE)
fn accumulate(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let plane = params.dims.x * params.dims.y;
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let v = i + wid.y * plane;
    let x = params.sign * src[v];
    if (params.first != 0u) {
      acc[v] = x;
    } else if (POOL == 0u) {
      acc[v] = acc[v] + x;
    } else if (POOL == 1u) {
      acc[v] = select(acc[v], x, x > acc[v]);
    } else {
      acc[v] = select(acc[v], x, x < acc[v]);
    }
  }
}

// acc = factor * acc (mean pooling: factor = 1 / number of responses). Same geometry.
@compute @workgroup_size(WORKGROUP_SIZE)
fn scale(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let plane = params.dims.x * params.dims.y;
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let v = i + wid.y * plane;
    acc[v] = params.factor * acc[v];
  }
}

// acc = |src| (the first step of the Laws energy map). Same geometry.
@compute @workgroup_size(WORKGROUP_SIZE)
fn absolute(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let plane = params.dims.x * params.dims.y;
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let v = i + wid.y * plane;
    acc[v] = abs(src[v]);
  }
}
