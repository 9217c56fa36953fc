// Decimation of a decimated wavelet level (src/core/filters/separable-wavelet.ts): keep the samples 0, step,
// 2 step ... of every axis. Needs common.wgsl.

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
  src_dims: vec3<u32>,
  step: vec3<u32>,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read_write> dst: array<f32>;

// One invocation per output voxel of slice wid.y of the output grid `dims`; dispatch (groups_x, output nz).
@compute @workgroup_size(WORKGROUP_SIZE)
fn decimate(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let plane = params.dims.x * params.dims.y;
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let p = coords_of(i, wid.y, params.dims) * vec3<i32>(params.step);
    dst[i + wid.y * plane] = src[index_of(p, params.src_dims)];
  }
}
