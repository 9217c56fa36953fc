// Intensity histogram (IBSI 1 section 3.4): n_i = ROI voxels of grey level i, GPU twin of the counts of
// intensityHistogram() in src/core/features/intensity-histogram.ts. Also the value histogram behind the
// exact intensity statistics (src/gpu/roi-values.ts).

struct Params {
  dims: vec3<u32>,
  groups_x: u32,
  ng: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> levels: array<u32>;
@group(0) @binding(2) var<storage, read_write> counts: array<atomic<u32>>;

// per-workgroup histogram when ng fits in workgroup memory (USE_LOCAL), else global atomics
override USE_LOCAL: bool = false;
override LOCAL_WORDS: u32 = 1u;
var<workgroup> local_counts: array<atomic<u32>, LOCAL_WORDS>;

// One invocation counts voxels of one slice (slice grid-stride, common.wgsl; dispatch (groups_x, nz)) into the
// workgroup's histogram, which the workgroup then adds to the global one; or straight into the global one.
@compute @workgroup_size(WORKGROUP_SIZE)
fn histogram(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  for (var e = lid; e < LOCAL_WORDS; e += WORKGROUP_SIZE) {
    atomicStore(&local_counts[e], 0u);
  }
  workgroupBarrier();
  let plane = params.dims.x * params.dims.y;
  for (var i = stride_start(wid.x, lid); i < plane; i += params.groups_x * WORKGROUP_SIZE) {
    let a = levels[i + wid.y * plane];
    if (a != 0u) {
      if (USE_LOCAL) {
        atomicAdd(&local_counts[a - 1u], 1u);
      } else {
        atomicAdd(&counts[a - 1u], 1u);
      }
    }
  }
  workgroupBarrier();
  if (USE_LOCAL) {
    for (var e = lid; e < params.ng; e += WORKGROUP_SIZE) {
      let c = atomicLoad(&local_counts[e]);
      if (c != 0u) {
        atomicAdd(&counts[e], c);
      }
    }
  }
}
