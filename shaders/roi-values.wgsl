// ROI intensities (src/core/features/roi-values.ts) for the intensity statistics of a non-integer image: the raw
// value words of every ROI voxel that holds a number, compacted in no particular order (the CPU sorts them
// anyway). Needs common.wgsl and values.wgsl. Integer images use a value histogram instead (roi-values.ts).

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(3) var<storage, read_write> compacted: array<u32>;
@group(0) @binding(4) var<storage, read_write> total: array<atomic<u32>>;

// words per value: 2 for f64, else 1
override WORDS: u32 = 1u;

var<workgroup> group_count: atomic<u32>;
var<workgroup> group_base: u32;

// One invocation takes voxels of one slice (slice grid-stride, common.wgsl; dispatch (groups_x, nz)) in rounds:
// the workgroup counts its ROI voxels of the round, reserves that many slots with one global atomicAdd, and each
// invocation writes its value at the workgroup's base + its own rank.
@compute @workgroup_size(WORKGROUP_SIZE)
fn compact(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let plane = params.dims.x * params.dims.y;
  let stride = params.groups_x * WORKGROUP_SIZE;
  let rounds = (plane + stride - 1u) / stride;
  for (var r = 0u; r < rounds; r++) {
    if (lid == 0u) {
      atomicStore(&group_count, 0u);
    }
    workgroupBarrier();
    let i = stride_start(wid.x, lid) + r * stride;
    let v = i + wid.y * plane;
    var keep = false;
    var rank = 0u;
    var w = vec2<u32>(0u);
    if (i < plane) {
      w = value_words(v);
      keep = in_mask(v) && is_number(w);
      if (keep) {
        rank = atomicAdd(&group_count, 1u);
      }
    }
    workgroupBarrier();
    if (lid == 0u) {
      group_base = atomicAdd(&total[0], atomicLoad(&group_count));
    }
    let base = workgroupUniformLoad(&group_base);
    if (keep) {
      compacted[WORDS * (base + rank)] = w.x;
      if (WORDS == 2u) {
        compacted[WORDS * (base + rank) + 1u] = w.y;
      }
    }
  }
}
