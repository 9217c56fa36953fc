// Neighbouring grey level dependence counts (IBSI 1 section 3.11), GPU twin of src/core/matrices/ngldm.ts.
// counts[m][i][k]: voxels of level i whose dependence k = 1 + (ROI neighbours with |i - j| <= alpha); one matrix in
// 3D, one per slice in 2D. The neighbours are the voxels at the given offsets: the Chebyshev ball (in the slice for
// 2D) or any list, e.g. PyRadiomics' angles of distances [2] (a shell with a gap).

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
  ng: u32,
  offset_count: u32,
  per_slice: u32,
  alpha: u32,
  max_k: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> levels: array<u32>;
// (dx, dy, dz, 0) per neighbour
@group(0) @binding(2) var<storage, read> offsets: array<vec4<i32>>;
@group(0) @binding(3) var<storage, read_write> counts: array<atomic<u32>>;

// per-workgroup matrix (a workgroup stays in one slice, so in one matrix) when ng * max_k fits
override USE_LOCAL: bool = false;
override LOCAL_WORDS: u32 = 1u;
var<workgroup> local_counts: array<atomic<u32>, LOCAL_WORDS>;

fn dependence(p: vec3<i32>, a: u32) -> u32 {
  var k = 1u;
  for (var o = 0u; o < params.offset_count; o++) {
    let q = p + offsets[o].xyz;
    if (!in_image(q, params.dims)) {
      continue;
    }
    let b = levels[index_of(q, params.dims)];
    if (b != 0u && max(a, b) - min(a, b) <= params.alpha) {
      k++;
    }
  }
  return k;
}

// One invocation handles voxels of one slice (slice grid-stride, common.wgsl; dispatch (groups_x, nz)): counts
// each ROI voxel once at (level, dependence) of its slice's matrix (2D) or of the one 3D matrix.
@compute @workgroup_size(WORKGROUP_SIZE)
fn dependence_counts(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  for (var e = lid; e < LOCAL_WORDS; e += WORKGROUP_SIZE) {
    atomicStore(&local_counts[e], 0u);
  }
  workgroupBarrier();
  let plane = params.dims.x * params.dims.y;
  let matrix_words = params.ng * params.max_k;
  let base = select(0u, wid.y * matrix_words, params.per_slice == 1u);
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let a = levels[i + wid.y * plane];
    if (a == 0u) {
      continue;
    }
    let e = (a - 1u) * params.max_k + dependence(coords_of(i, wid.y, params.dims), a) - 1u;
    if (USE_LOCAL) {
      atomicAdd(&local_counts[e], 1u);
    } else {
      atomicAdd(&counts[base + e], 1u);
    }
  }
  workgroupBarrier();
  if (USE_LOCAL) {
    for (var e = lid; e < matrix_words; e += WORKGROUP_SIZE) {
      let c = atomicLoad(&local_counts[e]);
      if (c != 0u) {
        atomicAdd(&counts[base + e], c);
      }
    }
  }
}
