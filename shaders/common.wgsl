// Shared by every kernel: prepended to each kernel's file by src/gpu/kernel.ts (plain string concatenation).
//
// Voxel order as everywhere in the project: index = x + nx * (y + ny * z). Grey levels are u32, 0 outside the ROI.
//
// Geometry "slice grid-stride" of the per-voxel entry points: dispatch (groups_x, nz, k). Workgroup (gx, z, k)
// walks the voxels of slice z at in-slice index i = gx * WORKGROUP_SIZE + local index, stepping by
// groups_x * WORKGROUP_SIZE. Any slice fits in 65535 workgroups, and a workgroup never leaves its slice, so a
// per-workgroup histogram always belongs to one matrix (2D matrices are per slice).

override WORKGROUP_SIZE: u32 = 64;

fn coords_of(i_in_slice: u32, z: u32, dims: vec3<u32>) -> vec3<i32> {
  return vec3<i32>(vec3<u32>(i_in_slice % dims.x, i_in_slice / dims.x, z));
}

fn in_image(p: vec3<i32>, dims: vec3<u32>) -> bool {
  return all(p >= vec3<i32>(0)) && all(p < vec3<i32>(dims));
}

fn index_of(p: vec3<i32>, dims: vec3<u32>) -> u32 {
  return u32(p.x) + dims.x * (u32(p.y) + dims.y * u32(p.z));
}

// first in-slice index of this invocation and the stride of the slice grid-stride loop
fn stride_start(group_x: u32, local_index: u32) -> u32 {
  return group_x * WORKGROUP_SIZE + local_index;
}
