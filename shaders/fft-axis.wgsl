// Batched complex FFT along one axis of a complex f32 volume (vec2: re, im), in place. Needs common.wgsl.
// Twin: Fft.transform (src/core/fft/fft.ts):  X[m] = sum_j x[j] exp(-+2 pi i j m / N), the inverse scaled by 1/N.
//
// A line is N elements data[base + j * stride], base = offset + (l mod count0) stride0 + (l div count0) stride1
// for line l. fft_lines and dft_lines transform one line per workgroup at a time in workgroup memory (N vec2 =
// 8 N bytes); fft_line_each one line per invocation, in place in `data` (software adapters). twiddles[k] =
// exp(-2 pi i k / N) from f64 on the CPU; INVERSE uses their conjugates. FFT_N (and LOG2_N) are override
// constants: one pipeline per length.

override FFT_N: u32 = 2u;
override LOG2_N: u32 = 1u;
override INVERSE: u32 = 0u;

struct Params {
  offset: u32,
  stride: u32,
  count0: u32,
  stride0: u32,
  count1: u32,
  stride1: u32,
  groups: u32,
  scale: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> twiddles: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read_write> data: array<vec2<f32>>;

var<workgroup> line: array<vec2<f32>, FFT_N>;

fn cmul(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> {
  return vec2<f32>(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}

fn twiddle(k: u32) -> vec2<f32> {
  let w = twiddles[k];
  return select(w, vec2<f32>(w.x, -w.y), INVERSE != 0u);
}

fn line_base(l: u32) -> u32 {
  return params.offset + (l % params.count0) * params.stride0 + (l / params.count0) * params.stride1;
}

// Radix-2 decimation in time, N a power of two >= 2: the line is loaded in bit-reversed order, then log2 N
// stages of N/2 butterflies (each invocation loops over its share), a barrier after each stage.
@compute @workgroup_size(WORKGROUP_SIZE)
fn fft_lines(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let total = params.count0 * params.count1;
  for (var l = wid.x; l < total; l += params.groups) {
    let base = line_base(l);
    for (var i = lid; i < FFT_N; i += WORKGROUP_SIZE) {
      line[reverseBits(i) >> (32u - LOG2_N)] = data[base + i * params.stride];
    }
    workgroupBarrier();
    for (var half = 1u; half < FFT_N; half *= 2u) {
      let step = FFT_N / (2u * half);
      for (var b = lid; b < FFT_N / 2u; b += WORKGROUP_SIZE) {
        let k = b % half;
        let i0 = (b - k) * 2u + k;
        let t = cmul(twiddle(k * step), line[i0 + half]);
        let a = line[i0];
        line[i0] = a + t;
        line[i0 + half] = a - t;
      }
      workgroupBarrier();
    }
    for (var i = lid; i < FFT_N; i += WORKGROUP_SIZE) {
      data[base + i * params.stride] = line[i] * params.scale;
    }
    workgroupBarrier();
  }
}

// Direct DFT for any N (O(N^2) per line): X[m] = sum_j x[j] w[(j m) mod N], the index kept exact in integers.
// Same geometry; the line is read into workgroup memory first, so the outputs overwrite it in place.
@compute @workgroup_size(WORKGROUP_SIZE)
fn dft_lines(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let total = params.count0 * params.count1;
  for (var l = wid.x; l < total; l += params.groups) {
    let base = line_base(l);
    for (var i = lid; i < FFT_N; i += WORKGROUP_SIZE) {
      line[i] = data[base + i * params.stride];
    }
    workgroupBarrier();
    for (var m = lid; m < FFT_N; m += WORKGROUP_SIZE) {
      var s = vec2<f32>(0.0);
      var k = 0u;
      for (var j = 0u; j < FFT_N; j++) {
        s += cmul(line[j], twiddle(k));
        k += m;
        if (k >= FFT_N) {
          k -= FFT_N;
        }
      }
      data[base + m * params.stride] = s * params.scale;
    }
    workgroupBarrier();
  }
}

// Radix-2 as fft_lines, but one invocation transforms one whole line in place in `data` (bit-reversal swaps,
// then the stages two at a time: the radix-2 stages of half h and 2h fused into one pass over the line, the
// twiddle of the second pair times -i exactly; a last radix-2 stage when log2 N is odd). No workgroup memory and
// no barriers, for software adapters, where a barrier costs more than the arithmetic. Lines walked grid-stride
// over invocations, dispatch (groups, 1).
@compute @workgroup_size(WORKGROUP_SIZE)
fn fft_line_each(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let total = params.count0 * params.count1;
  for (var l = wid.x * WORKGROUP_SIZE + lid; l < total; l += params.groups * WORKGROUP_SIZE) {
    let base = line_base(l);
    let s = params.stride;
    for (var i = 0u; i < FFT_N; i++) {
      let j = reverseBits(i) >> (32u - LOG2_N);
      if (i < j) {
        let t = data[base + i * s];
        data[base + i * s] = data[base + j * s];
        data[base + j * s] = t;
      }
    }
    var half = 1u;
    for (; 4u * half <= FFT_N; half *= 4u) {
      let step1 = FFT_N / (2u * half);
      let step2 = FFT_N / (4u * half);
      for (var g = 0u; g < FFT_N; g += 4u * half) {
        for (var k = 0u; k < half; k++) {
          let w1 = twiddle(k * step1);
          let w2 = twiddle(k * step2);
          // w2 exp(-+i pi / 2): the twiddle of the second pair of the 2h stage
          let w3 = select(vec2<f32>(w2.y, -w2.x), vec2<f32>(-w2.y, w2.x), INVERSE != 0u);
          let i0 = base + (g + k) * s;
          let ia = data[i0];
          let ib = cmul(w1, data[i0 + half * s]);
          let ic = data[i0 + 2u * half * s];
          let id = cmul(w1, data[i0 + 3u * half * s]);
          let a = ia + ib;
          let b = ia - ib;
          let c = cmul(w2, ic + id);
          let d = cmul(w3, ic - id);
          data[i0] = a + c;
          data[i0 + 2u * half * s] = a - c;
          data[i0 + half * s] = b + d;
          data[i0 + 3u * half * s] = b - d;
        }
      }
    }
    if (half < FFT_N) {
      let step = FFT_N / (2u * half);
      for (var k = 0u; k < half; k++) {
        let i0 = base + k * s;
        let t = cmul(twiddle(k * step), data[i0 + half * s]);
        let a = data[i0];
        data[i0] = a + t;
        data[i0 + half * s] = a - t;
      }
    }
    if (params.scale != 1.0) {
      for (var i = 0u; i < FFT_N; i++) {
        data[base + i * s] = data[base + i * s] * params.scale;
      }
    }
  }
}
