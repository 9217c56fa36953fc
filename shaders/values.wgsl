// Raw image values as uploaded: the typed array's own bytes, no CPU conversion. Prepended (after common.wgsl)
// to the kernels that read intensities. VALUE_KIND: 0 u8, 1 i8, 2 u16, 3 i16, 4 u32, 5 i32, 6 f32, 7 f64 (two
// words, low word first). The mask is the Uint8Array of the Mask, four voxels per word.
//
// Values are compared through order-preserving keys, (hi, lo) pairs of u32 that sort like the numbers they encode
// (f64 needs both words; the others use hi only). No floating-point arithmetic happens on the GPU, so the result
// does not depend on f32 rounding: the CPU computes the bin edges in f64 and passes them as keys.

override VALUE_KIND: u32 = 6u;

@group(0) @binding(1) var<storage, read> values: array<u32>;
@group(0) @binding(2) var<storage, read> mask: array<u32>;

fn in_mask(v: u32) -> bool {
  return ((mask[v / 4u] >> (8u * (v % 4u))) & 0xffu) != 0u;
}

// 32-bit word of voxel v for kinds 0-6 (8 and 16-bit kinds widened, signed ones sign-extended)
fn value_word(v: u32) -> u32 {
  switch VALUE_KIND {
    case 0u: { return (values[v / 4u] >> (8u * (v % 4u))) & 0xffu; }
    case 1u: { return bitcast<u32>(bitcast<i32>(values[v / 4u] << (24u - 8u * (v % 4u))) >> 24u); }
    case 2u: { return (values[v / 2u] >> (16u * (v % 2u))) & 0xffffu; }
    case 3u: { return bitcast<u32>(bitcast<i32>(values[v / 2u] << (16u - 16u * (v % 2u))) >> 16u); }
    default: { return values[v]; }
  }
}

// (word 0, word 1) as stored: the widened word for kinds 0-6, (low, high) words for f64
fn value_words(v: u32) -> vec2<u32> {
  if (VALUE_KIND == 7u) {
    return vec2<u32>(values[2u * v], values[2u * v + 1u]);
  }
  return vec2<u32>(value_word(v), 0u);
}

fn is_number(w: vec2<u32>) -> bool {
  if (VALUE_KIND == 6u) {
    return (w.x & 0x7fffffffu) <= 0x7f800000u;
  }
  if (VALUE_KIND == 7u) {
    let h = w.y & 0x7fffffffu;
    return h < 0x7ff00000u || (h == 0x7ff00000u && w.x == 0u);
  }
  return true;
}

// order-preserving (hi, lo) key of the value held in `w`
fn value_key(w: vec2<u32>) -> vec2<u32> {
  switch VALUE_KIND {
    case 1u, 3u, 5u: { return vec2<u32>(w.x ^ 0x80000000u, 0u); }
    case 6u: { return vec2<u32>(select(w.x | 0x80000000u, ~w.x, (w.x >> 31u) == 1u), 0u); }
    case 7u: {
      if ((w.y >> 31u) == 1u) {
        return vec2<u32>(~w.y, ~w.x);
      }
      return vec2<u32>(w.y | 0x80000000u, w.x);
    }
    default: { return vec2<u32>(w.x, 0u); }
  }
}
