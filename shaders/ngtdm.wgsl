// Neighbourhood grey tone difference sums (IBSI 1 section 3.10), GPU twin of src/core/matrices/ngtdm.ts, which
// keeps integers so that this kernel can match it exactly: for an ROI voxel of level i with W > 0 ROI neighbours
// of level sum S, counts[m][i][W] += 1 and abs_diff[m][i][W] += |iW - S|; with count_isolated, a voxel with W = 0
// adds 1 to counts[m][i][0] (PyRadiomics). The neighbours are the voxels at the given offsets: the Chebyshev ball
// (in the slice for 2D) or any list, e.g. PyRadiomics' angles of distances [2] (a shell with a gap).
// abs_diff entries are u64 as (low, high) u32 pairs: the carry of each atomicAdd is detected from its old value.

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
  ng: u32,
  offset_count: u32,
  per_slice: u32,
  width: u32,
  count_isolated: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> levels: array<u32>;
// (dx, dy, dz, 0) per neighbour
@group(0) @binding(2) var<storage, read> offsets: array<vec4<i32>>;
@group(0) @binding(3) var<storage, read_write> counts: array<atomic<u32>>;
@group(0) @binding(4) var<storage, read_write> abs_diff: array<atomic<u32>>;

// per-workgroup matrix: counts in [0, E), low words of abs_diff in [E, 2E), E = ng * width. The wrapper bounds the
// voxels per workgroup so that a local abs_diff sum cannot pass 2^32.
override USE_LOCAL: bool = false;
override LOCAL_WORDS: u32 = 1u;
var<workgroup> local_sums: array<atomic<u32>, LOCAL_WORDS>;

fn add_u64(entry: u32, value: u32) {
  let old = atomicAdd(&abs_diff[2u * entry], value);
  if (old > 0xffffffffu - value) {
    atomicAdd(&abs_diff[2u * entry + 1u], 1u);
  }
}

// One invocation handles voxels of one slice (slice grid-stride, common.wgsl; dispatch (groups_x, nz)).
@compute @workgroup_size(WORKGROUP_SIZE)
fn tone_differences(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  for (var e = lid; e < LOCAL_WORDS; e += WORKGROUP_SIZE) {
    atomicStore(&local_sums[e], 0u);
  }
  workgroupBarrier();
  let plane = params.dims.x * params.dims.y;
  let matrix_words = params.ng * params.width;
  let base = select(0u, wid.y * matrix_words, params.per_slice == 1u);
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let a = levels[i + wid.y * plane];
    if (a == 0u) {
      continue;
    }
    let p = coords_of(i, wid.y, params.dims);
    var w = 0u;
    var s = 0u;
    for (var o = 0u; o < params.offset_count; o++) {
      let q = p + offsets[o].xyz;
      if (!in_image(q, params.dims)) {
        continue;
      }
      let b = levels[index_of(q, params.dims)];
      if (b != 0u) {
        w++;
        s += b;
      }
    }
    if (w == 0u && params.count_isolated == 0u) {
      continue;
    }
    let e = (a - 1u) * params.width + w;
    let d = max(a * w, s) - min(a * w, s);
    if (USE_LOCAL) {
      atomicAdd(&local_sums[e], 1u);
      atomicAdd(&local_sums[matrix_words + e], d);
    } else {
      atomicAdd(&counts[base + e], 1u);
      add_u64(base + e, d);
    }
  }
  workgroupBarrier();
  if (USE_LOCAL) {
    for (var e = lid; e < matrix_words; e += WORKGROUP_SIZE) {
      let c = atomicLoad(&local_sums[e]);
      if (c != 0u) {
        atomicAdd(&counts[base + e], c);
        add_u64(base + e, atomicLoad(&local_sums[matrix_words + e]));
      }
    }
  }
}
