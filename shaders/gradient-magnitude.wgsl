// PyRadiomics' gradient image type (SimpleITK GradientMagnitudeImageFilter), GPU twin of pyradiomicsGradient
// (src/core/filters/pyradiomics/gradient.ts):
//   out = sqrt(sum_a d_a^2),   d_a = c_a x[p - e_a] - c_a x[p + e_a]
// with c_a = 0.5 (/ spacing_a when the spacing is used) and the edge voxel repeated at the borders (zero-flux
// Neumann), so axes of length 1 give 0. Needs common.wgsl.

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
  c: vec3<f32>,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read_write> dst: array<f32>;

// One invocation per voxel of slice wid.y (slice grid-stride, common.wgsl); dispatch (groups_x, nz).
@compute @workgroup_size(WORKGROUP_SIZE)
fn gradient_magnitude(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let plane = params.dims.x * params.dims.y;
  let last = vec3<i32>(params.dims) - vec3<i32>(1);
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let p = coords_of(i, wid.y, params.dims);
    var s = 0.0;
    for (var a = 0; a < 3; a++) {
      var e = vec3<i32>(0);
      e[a] = 1;
      let prev = src[index_of(max(p - e, vec3<i32>(0)), params.dims)];
      let next = src[index_of(min(p + e, last), params.dims)];
      let d = params.c[a] * prev - params.c[a] * next;
      s += d * d;
    }
    dst[i + wid.y * plane] = sqrt(s);
  }
}
