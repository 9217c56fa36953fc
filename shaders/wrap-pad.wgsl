// Periodic window copy (PyRadiomics' wavelet grid, src/core/filters/pyradiomics/wavelet.ts). Needs common.wgsl.
//
//   dst[x, y, z] = src[x mod sx, y mod sy, z mod sz]        (dst grid `dims`, src grid `src_dims`)
//
// A larger dst is numpy.pad(..., 'wrap') at the far end of each axis (an odd axis gets voxel 0 again); a smaller
// one is the crop back to the input grid.

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
  src_dims: vec3<u32>,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read_write> dst: array<f32>;

// One invocation per output voxel of slice wid.y of the output grid (slice grid-stride, common.wgsl); dispatch
// (groups_x, output nz).
@compute @workgroup_size(WORKGROUP_SIZE)
fn wrap_pad(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let plane = params.dims.x * params.dims.y;
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let p = vec3<u32>(coords_of(i, wid.y, params.dims)) % params.src_dims;
    dst[i + wid.y * plane] = src[index_of(vec3<i32>(p), params.src_dims)];
  }
}
