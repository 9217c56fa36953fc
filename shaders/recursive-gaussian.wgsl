// ITK's RecursiveGaussianImageFilter along one axis (Deriche's 4th-order IIR), GPU twin of recursiveGaussianAxis
// (src/core/filters/pyradiomics/recursive-gaussian.ts). Needs common.wgsl. Coefficients come from the CPU in f64,
// as f32; the sums run in f32. Two forms of the same filter, picked per pass by the wrapper for f32 accuracy:
//
// recursive_gaussian_direct (sigma below 2 voxels; poles near 0): the twin's recurrences,
//   causal      y+[k] = n0 x'[k] + n1 x'[k-1] + n2 x'[k-2] + n3 x'[k-3] - (d1 y+[k-1] + ... + d4 y+[k-4])
//   anticausal  y-[k] = m1 x'[k+1] + ... + m4 x'[k+4] - (d1 y-[k+1] + ... + d4 y-[k+4])
// recursive_gaussian_sections (poles near 1, where the direct form's f32 coefficients lose the DC gain): the
// parallel form of recursive-gaussian-sections.ts, two complex first-order sections per direction,
//   w+_i[k] = c_i x'[k] + p_i w+_i[k-1],  y+[k] = 2 Re(w+_1[k] + w+_2[k])
//   w-_i[k] = a_i x'[k] + p_i w-_i[k+1],  y-[k] = 2 Re(w-_1[k+1] + w-_2[k+1])
// Both filter the line minus its first sample v1 (x' = x - v1) and add dc v1 back (dc = the gain on a constant
// line), so the recursions carry the line's variation, not its offset. The twin's edge rule (the line continues
// with its edge value forever) then starts the causal recursion at 0 and the anticausal one at its steady
// state for the constant x' = v2 - v1 (v2 the last sample):   out[k] = y+[k] + y-[k] + dc v1.

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
  axis: u32,
  // direct form: n0..n3, d1..d4, m1..m4; steady_m = sum(m) / (1 + sum(d))
  n: vec4<f32>,
  d: vec4<f32>,
  m: vec4<f32>,
  steady_m: f32,
  dc: f32,
  // parallel form: p_1, p_2 as (re, im, re, im); likewise c, a and the anticausal steady states g = a / (1 - p)
  poles: vec4<f32>,
  causal: vec4<f32>,
  anticausal: vec4<f32>,
  anticausal_steady: vec4<f32>,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read_write> dst: array<f32>;

struct Line {
  start: u32,
  stride: u32,
  n: u32,
}

// line l along `axis`; lines are numbered over the two other axes, lower axis fastest
fn line_of(l: u32) -> Line {
  let nx = params.dims.x;
  let plane = nx * params.dims.y;
  if (params.axis == 0u) {
    return Line(l * nx, 1u, nx);
  }
  if (params.axis == 1u) {
    return Line((l % nx) + (l / nx) * plane, nx, params.dims.y);
  }
  return Line(l, plane, params.dims.z);
}

fn line_count() -> u32 {
  let n = select(select(params.dims.z, params.dims.y, params.axis == 1u), params.dims.x, params.axis == 0u);
  return params.dims.x * params.dims.y * params.dims.z / n;
}

fn cmul(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> {
  return vec2<f32>(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}

// One invocation filters one whole line (both directions; dst holds y+ in between). 1D grid-stride over the
// lines, dispatch (groups_x).
@compute @workgroup_size(WORKGROUP_SIZE)
fn recursive_gaussian_direct(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let lines = line_count();
  let c = params;
  for (var l = stride_start(wid.x, lid); l < lines; l += params.groups_x * WORKGROUP_SIZE) {
    let ln = line_of(l);
    let v1 = src[ln.start];
    // histories, index 0 the most recent
    var xh = vec3<f32>(0.0);
    var yh = vec4<f32>(0.0);
    for (var i = 0u; i < ln.n; i++) {
      let k = ln.start + i * ln.stride;
      let x = src[k] - v1;
      var y = x * c.n.x + xh.x * c.n.y + xh.y * c.n.z + xh.z * c.n.w;
      y -= yh.x * c.d.x + yh.y * c.d.y + yh.z * c.d.z + yh.w * c.d.w;
      dst[k] = y;
      xh = vec3<f32>(x, xh.x, xh.y);
      yh = vec4<f32>(y, yh.x, yh.y, yh.z);
    }
    let v2 = src[ln.start + (ln.n - 1u) * ln.stride] - v1;
    var xa = vec4<f32>(v2);
    var ya = vec4<f32>(v2 * c.steady_m);
    let offset = c.dc * v1;
    for (var j = ln.n; j > 0u; j--) {
      let k = ln.start + (j - 1u) * ln.stride;
      var y = xa.x * c.m.x + xa.y * c.m.y + xa.z * c.m.z + xa.w * c.m.w;
      y -= ya.x * c.d.x + ya.y * c.d.y + ya.z * c.d.z + ya.w * c.d.w;
      dst[k] = dst[k] + y + offset;
      xa = vec4<f32>(src[k] - v1, xa.x, xa.y, xa.z);
      ya = vec4<f32>(y, ya.x, ya.y, ya.z);
    }
  }
}

// Same geometry as recursive_gaussian_direct.
@compute @workgroup_size(WORKGROUP_SIZE)
fn recursive_gaussian_sections(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let lines = line_count();
  let p1 = params.poles.xy;
  let p2 = params.poles.zw;
  for (var l = stride_start(wid.x, lid); l < lines; l += params.groups_x * WORKGROUP_SIZE) {
    let ln = line_of(l);
    let v1 = src[ln.start];
    var w1 = vec2<f32>(0.0);
    var w2 = vec2<f32>(0.0);
    for (var i = 0u; i < ln.n; i++) {
      let k = ln.start + i * ln.stride;
      let x = src[k] - v1;
      w1 = params.causal.xy * x + cmul(p1, w1);
      w2 = params.causal.zw * x + cmul(p2, w2);
      dst[k] = 2.0 * (w1.x + w2.x);
    }
    let v2 = src[ln.start + (ln.n - 1u) * ln.stride] - v1;
    w1 = params.anticausal_steady.xy * v2;
    w2 = params.anticausal_steady.zw * v2;
    let offset = params.dc * v1;
    for (var j = ln.n; j > 0u; j--) {
      let k = ln.start + (j - 1u) * ln.stride;
      dst[k] = dst[k] + 2.0 * (w1.x + w2.x) + offset;
      let x = src[k] - v1;
      w1 = params.anticausal.xy * x + cmul(p1, w1);
      w2 = params.anticausal.zw * x + cmul(p2, w2);
    }
  }
}
