/**
 * Seeded pseudo-random numbers for reproducible splits, folds and synthetic cohorts.
 *
 * Generator: xoshiro128** 1.1 (Blackman & Vigna 2018; 128-bit state, period 2^128 - 1, 32-bit output), state seeded
 * from one integer seed by SplitMix32 (Vigna's 32-bit variant of SplitMix: s += 0x9e3779b9, then the murmur3
 * finaliser), so that every seed, 0 included, gives a well-mixed, non-zero state. The same seed yields the same
 * stream in every JavaScript engine: only 32-bit integer operations (Math.imul, >>>) are used.
 *
 * Derived draws (all documented so that another implementation can reproduce them):
 *   float()      = (a >>> 5) * 2^26 + (b >>> 6)) / 2^53 from two outputs a, b: uniform on [0, 1), 53 bits
 *   int(n)       = unbiased integer in [0, n) by rejection on 32-bit outputs (Lemire-style threshold 2^32 mod n)
 *   normal()     = Box-Muller: sqrt(-2 log(1 - u1)) cos(2 pi u2), one draw per call (no caching)
 *   shuffle(a)   = Fisher-Yates from the last element down: swap a[i] with a[int(i + 1)]
 *
 * This generator is not R's Mersenne-Twister: a seed here does not reproduce R's set.seed() streams.
 */

export interface Prng {
  /** Next 32-bit unsigned output. */
  uint32(): number;
  /** Uniform on [0, 1) with 53 random bits. */
  float(): number;
  /** Uniform integer in [0, n), n a positive integer up to 2^32. */
  int(n: number): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Exponential with rate 1. */
  exponential(): number;
  /** In-place Fisher-Yates shuffle; returns the array. */
  shuffle<T>(a: T[]): T[];
  /** Index drawn with probability proportional to weights. */
  categorical(weights: readonly number[]): number;
}

/** SplitMix32 step: returns the next output and the advanced state. */
function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) >>> 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  z = (z ^ (z >>> 16)) >>> 0;
  return [z, s];
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Folds any finite number or string into a 32-bit seed (integers in [0, 2^32) map to themselves). */
export function seedOf(seed: number | string): number {
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) throw new Error(`seed must be finite, got ${seed}`);
    if (Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32) return seed;
    seed = String(seed);
  }
  // FNV-1a over UTF-16 code units
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Creates a xoshiro128** generator from a seed (number or string). */
export function createPrng(seed: number | string): Prng {
  let sm = seedOf(seed);
  const s = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    const [z, next] = splitmix32(sm);
    s[i] = z;
    sm = next;
  }
  const uint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  const float = (): number => ((uint32() >>> 5) * 67108864 + (uint32() >>> 6)) / 9007199254740992;
  const int = (n: number): number => {
    if (!(Number.isInteger(n) && n > 0 && n <= 2 ** 32)) throw new Error(`int(n) needs an integer 1..2^32, got ${n}`);
    const threshold = (2 ** 32 - n) % n; // values below it would bias the result
    for (;;) {
      const r = uint32();
      if (r >= threshold) return r % n;
    }
  };
  const prng: Prng = {
    uint32,
    float,
    int,
    normal: () => {
      const u1 = float();
      const u2 = float();
      return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    },
    exponential: () => -Math.log(1 - float()),
    shuffle<T>(a: T[]): T[] {
      for (let i = a.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
      }
      return a;
    },
    categorical(weights: readonly number[]): number {
      const total = weights.reduce((x, w) => x + w, 0);
      let u = float() * total;
      for (let k = 0; k < weights.length; k++) {
        u -= weights[k];
        if (u < 0) return k;
      }
      return weights.length - 1;
    },
  };
  return prng;
}
