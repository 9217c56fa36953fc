// Discretisation (IBSI 1 section 2.7), GPU twin of src/core/discretise.ts. Needs common.wgsl and values.wgsl.
//
// The CPU computes, in f64 with the twin's own formula, the smallest value key at which each level starts
// (src/gpu/discretise-edges.ts). A voxel's level is then base + the number of edges <= its key: a binary search
// with integer comparisons only, so every input type gives exactly the twin's levels.

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
  base: u32,
  edge_count: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(3) var<storage, read> edges: array<vec2<u32>>;
@group(0) @binding(4) var<storage, read_write> levels: array<u32>;

fn key_le(a: vec2<u32>, b: vec2<u32>) -> bool {
  return a.x < b.x || (a.x == b.x && a.y <= b.y);
}

// One invocation maps voxels of one slice (slice grid-stride, common.wgsl; dispatch (groups_x, nz)) to their
// grey level: 0 outside the mask and for NaN, base + (edges <= key) inside.
@compute @workgroup_size(WORKGROUP_SIZE)
fn discretise(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let plane = params.dims.x * params.dims.y;
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let v = i + wid.y * plane;
    var level = 0u;
    let w = value_words(v);
    if (in_mask(v) && is_number(w)) {
      let key = value_key(w);
      var lo = 0u;
      var hi = params.edge_count;
      while (lo < hi) {
        let mid = (lo + hi) / 2u;
        if (key_le(edges[mid], key)) {
          lo = mid + 1u;
        } else {
          hi = mid;
        }
      }
      level = params.base + lo;
    }
    levels[v] = level;
  }
}
