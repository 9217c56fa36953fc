// Zones (IBSI 1 sections 3.8, 3.9): connected components of ROI voxels of one grey level, GPU twin of
// forEachZone in src/core/matrices/zones.ts. Lock-free union-find (Playne and Hawick, IEEE TPDS 2018): every
// label points to a smaller or equal voxel index, a root points to itself, and roots are merged with atomicMin,
// so each pass finishes in one dispatch whatever the zone shapes; no iteration count is needed. A zone's final
// root is its smallest voxel index (in 2D that voxel lies in the zone's slice).

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
  // 6, 18, 26 (3D) or 4, 8 (2D: the neighbourhood stays in the slice)
  connectivity: u32,
  per_slice: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> levels: array<u32>;
@group(0) @binding(2) var<storage, read_write> labels: array<atomic<u32>>;
@group(0) @binding(3) var<storage, read_write> sizes: array<atomic<u32>>;

fn find_root(x: u32) -> u32 {
  var r = x;
  loop {
    let parent = atomicLoad(&labels[r]);
    if (parent == r) {
      return r;
    }
    r = parent;
  }
}

fn union_zones(x: u32, y: u32) {
  var a = x;
  var b = y;
  loop {
    a = find_root(a);
    b = find_root(b);
    if (a == b) {
      return;
    }
    if (a < b) {
      let t = a;
      a = b;
      b = t;
    }
    // link the larger root under the smaller; if a stopped being a root meanwhile, merge its new parent instead
    let old = atomicMin(&labels[a], b);
    if (old == a) {
      return;
    }
    a = old;
  }
}

// One invocation labels voxels of one slice with their own index (slice grid-stride, common.wgsl;
// dispatch (groups_x, nz)).
@compute @workgroup_size(WORKGROUP_SIZE)
fn init_labels(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let plane = params.dims.x * params.dims.y;
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    atomicStore(&labels[i + wid.y * plane], i + wid.y * plane);
  }
}

// One invocation merges each ROI voxel of its slice (dispatch (groups_x, nz)) with its connected neighbours of the
// same level that come earlier in voxel order (the later voxel of every connected pair does the merge).
@compute @workgroup_size(WORKGROUP_SIZE)
fn merge(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let dims = params.dims;
  let plane = dims.x * dims.y;
  let z_from = select(-1, 0, params.per_slice == 1u);
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let v = i + wid.y * plane;
    let a = levels[v];
    if (a == 0u) {
      continue;
    }
    let p = coords_of(i, wid.y, dims);
    for (var dz = z_from; dz <= 0; dz++) {
      for (var dy = -1; dy <= 1; dy++) {
        for (var dx = -1; dx <= 1; dx++) {
          let before = dz < 0 || (dz == 0 && (dy < 0 || (dy == 0 && dx < 0)));
          let l1 = u32(abs(dx) + abs(dy) + abs(dz));
          let linked = l1 == 1u || (l1 == 2u && params.connectivity >= 8u && params.connectivity != 6u) ||
            (l1 == 3u && params.connectivity == 26u);
          let q = p + vec3<i32>(dx, dy, dz);
          if (!before || !linked || !in_image(q, dims)) {
            continue;
          }
          let w = index_of(q, dims);
          if (levels[w] == a) {
            union_zones(v, w);
          }
        }
      }
    }
  }
}

// One invocation points each ROI voxel of its slice (dispatch (groups_x, nz)) straight at its zone's root and
// adds 1 to the root's zone size.
@compute @workgroup_size(WORKGROUP_SIZE)
fn resolve(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let plane = params.dims.x * params.dims.y;
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let v = i + wid.y * plane;
    if (levels[v] != 0u) {
      let root = find_root(v);
      atomicStore(&labels[v], root);
      atomicAdd(&sizes[root], 1u);
    }
  }
}
