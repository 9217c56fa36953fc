// The values of an f32 volume at a list of voxels, in the list's order (src/gpu/roi-gather.ts): the ROI values of
// a filtered image, so that only they are read back. Words are copied as they are (NaN payloads included).

struct Params {
  // voxels in the list
  count: u32,
  // first output word of this volume's values
  offset: u32,
  // invocations of the dispatch (groups * WORKGROUP_SIZE): the grid-stride step
  stride: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> volume: array<u32>;
@group(0) @binding(2) var<storage, read> voxels: array<u32>;
@group(0) @binding(3) var<storage, read_write> gathered: array<u32>;

// One invocation copies list entries i, i + stride, ... (1D grid-stride; dispatch (groups, 1, 1)):
// gathered[offset + i] = volume[voxels[i]].
@compute @workgroup_size(WORKGROUP_SIZE)
fn gather(@builtin(global_invocation_id) gid: vec3<u32>) {
  for (var i = gid.x; i < params.count; i += params.stride) {
    gathered[params.offset + i] = volume[voxels[i]];
  }
}
