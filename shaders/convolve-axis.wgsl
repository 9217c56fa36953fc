// One 1D pass of a separable filter, GPU twin of applyAxisPass (src/core/filters/axis-pass.ts). Needs common.wgsl.
//
//   y[i] = sum_{t = 0}^{T - 1} taps[t] * x^[i + dilation * t - left]        (i = 0 .. n - 1 along `axis`)
//
// x^ is the line extended by the padding (src/core/filters/padding.ts): 0 zero, 1 nearest, 2 periodic, 3 mirror.
// The index rules hold for any offset, so kernels longer than the line work as on the CPU. Taps are f32 and the
// sum runs in f32, in the twin's tap order.

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
  axis: u32,
  tap_count: u32,
  left: i32,
  dilation: i32,
  padding: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> taps: array<f32>;
@group(0) @binding(2) var<storage, read> src: array<f32>;
@group(0) @binding(3) var<storage, read_write> dst: array<f32>;

// index into [0, n) that the extended line reads at i, or -1 where the extension is zero
fn padded_index(i: i32, n: i32) -> i32 {
  if (i >= 0 && i < n) {
    return i;
  }
  switch params.padding {
    case 1u: {
      return clamp(i, 0, n - 1);
    }
    case 2u: {
      return ((i % n) + n) % n;
    }
    case 3u: {
      let p = 2 * n;
      let r = ((i % p) + p) % p;
      return select(p - 1 - r, r, r < n);
    }
    default: {
      return -1;
    }
  }
}

// One invocation computes one output voxel of slice wid.y (slice grid-stride, common.wgsl; dispatch
// (groups_x, nz)). Neighbouring invocations are neighbours along x, so every tap reads consecutive words
// whatever the axis.
@compute @workgroup_size(WORKGROUP_SIZE)
fn convolve_axis(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let plane = params.dims.x * params.dims.y;
  let n = i32(select(select(params.dims.z, params.dims.y, params.axis == 1u), params.dims.x, params.axis == 0u));
  let stride = select(select(plane, params.dims.x, params.axis == 1u), 1u, params.axis == 0u);
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let v = i + wid.y * plane;
    let p = coords_of(i, wid.y, params.dims);
    let pos = select(select(p.z, p.y, params.axis == 1u), p.x, params.axis == 0u);
    let line_start = v - u32(pos) * stride;
    var s = 0.0;
    let q0 = pos - params.left;
    let span = params.dilation * i32(params.tap_count - 1u);
    if (q0 >= 0 && q0 + span < n) {
      // every tap inside the line: no extension needed
      var k = line_start + u32(q0) * stride;
      let step = u32(params.dilation) * stride;
      for (var t = 0u; t < params.tap_count; t++) {
        s += taps[t] * src[k];
        k += step;
      }
    } else {
      var q = q0;
      for (var t = 0u; t < params.tap_count; t++) {
        let k = padded_index(q, n);
        if (k >= 0) {
          s += taps[t] * src[line_start + u32(k) * stride];
        }
        q += params.dilation;
      }
    }
    dst[v] = s;
  }
}
