// Steps around the plane FFTs of the Fourier-domain filters (src/gpu/gabor-gpu.ts, simoncelli-gpu.ts). Needs
// common.wgsl. A "plane stack" is a complex buffer [pu, pv, slices] (vec2: re, im; u fastest): plane k holds
// the image plane (u, v) at coordinate slice_start + k along w, extended by radius (ru, rv) with the padding and
// zero-filled up to (pu, pv). Image voxel (i, j, k) in plane coordinates is real_in[i su + j sv + k sw].
// Geometry "slice grid-stride" (common.wgsl) over one plane of the entry's grid, dispatch (groups_x, slices).

struct Params {
  // image size along u, v, w and its strides along them
  size: vec3<u32>,
  strides: vec3<u32>,
  // padded plane (pu, pv) and radius (ru, rv)
  padded: vec2<u32>,
  radius: vec2<u32>,
  groups_x: u32,
  slice_start: u32,
  padding: u32,
  // multiply: spectrum index = spectrum_offset + (element mod spectrum_len)
  spectrum_offset: u32,
  spectrum_len: u32,
  // pool: response weight (mean pooling) and whether this is the first response
  weight: f32,
  first: u32,
}

// RESPONSE: 0 modulus, 1 real part, 2 imaginary part. POOL: 0 sum (weighted), 1 max, 2 min.
override RESPONSE: u32 = 0u;
override POOL: u32 = 0u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> real_in: array<f32>;
@group(0) @binding(2) var<storage, read> complex_in: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read> spectrum: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read_write> complex_out: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read_write> real_out: array<f32>;

// index into [0, n) that the extended line reads at i, or -1 where it is zero (padding.ts paddedIndex):
// 0 zero, 1 nearest, 2 periodic, 3 mirror
fn padded_index(i: i32, n: i32, mode: u32) -> i32 {
  if (i >= 0 && i < n) {
    return i;
  }
  switch mode {
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

// One invocation writes one element (i, j) of plane wid.y of the stack: the extended image sample at
// (i - ru, j - rv) inside n + 2r, zero beyond. Dispatch (groups_x over pu * pv, slices).
@compute @workgroup_size(WORKGROUP_SIZE)
fn embed(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let plane = params.padded.x * params.padded.y;
  let k = wid.y + params.slice_start;
  for (var e = stride_start(wid.x, lid); e < plane; e += params.groups_x * WORKGROUP_SIZE) {
    let i = e % params.padded.x;
    let j = e / params.padded.x;
    var value = 0.0;
    if (i < params.size.x + 2u * params.radius.x && j < params.size.y + 2u * params.radius.y) {
      let mu = padded_index(i32(i) - i32(params.radius.x), i32(params.size.x), params.padding);
      let mv = padded_index(i32(j) - i32(params.radius.y), i32(params.size.y), params.padding);
      if (mu >= 0 && mv >= 0) {
        value = real_in[u32(mu) * params.strides.x + u32(mv) * params.strides.y + k * params.strides.z];
      }
    }
    complex_out[e + wid.y * plane] = vec2<f32>(value, 0.0);
  }
}

// complex_out = complex_in * spectrum (complex product per element; the spectrum repeats every spectrum_len
// elements, e.g. one plane's kernel for every slice). Dispatch (groups_x over pu * pv, slices).
@compute @workgroup_size(WORKGROUP_SIZE)
fn multiply(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let plane = params.padded.x * params.padded.y;
  for (var e = stride_start(wid.x, lid); e < plane; e += params.groups_x * WORKGROUP_SIZE) {
    let g = e + wid.y * plane;
    let a = complex_in[g];
    let b = spectrum[params.spectrum_offset + g % params.spectrum_len];
    complex_out[g] = vec2<f32>(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
  }
}

// One invocation pools one image voxel (i, j) of plane wid.y: r = RESPONSE of the stack at (i + ru, j + rv);
// real_out = weight r (POOL 0) or r on the first response, else real_out + weight r, max or min (a NaN never
// replaces the pooled value, as the twin). Dispatch (groups_x over nu * nv, slices).
@compute @workgroup_size(WORKGROUP_SIZE)
fn pool(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let n = params.size.x * params.size.y;
  let plane = params.padded.x * params.padded.y;
  let k = wid.y + params.slice_start;
  for (var e = stride_start(wid.x, lid); e < n; e += params.groups_x * WORKGROUP_SIZE) {
    let i = e % params.size.x;
    let j = e / params.size.x;
    let c = complex_in[(i + params.radius.x) + (j + params.radius.y) * params.padded.x + wid.y * plane];
    var r = length(c);
    if (RESPONSE == 1u) {
      r = c.x;
    } else if (RESPONSE == 2u) {
      r = c.y;
    }
    let dst = i * params.strides.x + j * params.strides.y + k * params.strides.z;
    if (POOL == 0u) {
      r = params.weight * r;
    }
    if (params.first != 0u) {
      real_out[dst] = r;
    } else if (POOL == 0u) {
      real_out[dst] = real_out[dst] + r;
    } else if (POOL == 1u) {
      real_out[dst] = select(real_out[dst], r, r > real_out[dst]);
    } else {
      real_out[dst] = select(real_out[dst], r, r < real_out[dst]);
    }
  }
}
