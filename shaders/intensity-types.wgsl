// PyRadiomics' voxel-wise image types (src/core/filters/pyradiomics/intensity.ts), one per TYPE (override):
//   0 square       (c x)^2, c = 1 / sqrt(M)
//   1 squareroot   sign(x) sqrt(|x|) sqrt(M)            (= sqrt(M x) for x > 0, -sqrt(-M x) for x < 0)
//   2 logarithm    sign(x) log(|x| + 1) k, k = M / max |log(|x| + 1)|
//   3 exponential  exp(c x), c = log(M) / M
// M = max |x| over the whole image and the other constants come from the CPU (f64) as `c`. Needs common.wgsl.

override TYPE: u32 = 0u;

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
  c: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read_write> dst: array<f32>;

// One invocation per voxel of slice wid.y (slice grid-stride, common.wgsl); dispatch (groups_x, nz).
@compute @workgroup_size(WORKGROUP_SIZE)
fn intensity_type(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let plane = params.dims.x * params.dims.y;
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let v = i + wid.y * plane;
    let x = src[v];
    var y: f32;
    if (TYPE == 0u) {
      let s = params.c * x;
      y = s * s;
    } else if (TYPE == 1u) {
      y = sign(x) * sqrt(abs(x)) * params.c;
    } else if (TYPE == 2u) {
      y = sign(x) * log(abs(x) + 1.0) * params.c;
    } else {
      y = exp(params.c * x);
    }
    dst[v] = y;
  }
}
