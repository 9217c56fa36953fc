/** Random grey-level volumes for GPU-vs-twin property tests (shared by the Node and browser GPU tests). */
import fc from 'fast-check';
import type { Discretisation, GreyLevels } from '../../src/core/discretise.js';
import type { Mask, Vec3, Volume, VoxelArray } from '../../src/core/volume.js';

export function greyLevelsArbitrary(maxSide = 24, maxLevels = 64): fc.Arbitrary<GreyLevels> {
  return fc
    .record({
      nx: fc.integer({ min: 1, max: maxSide }),
      ny: fc.integer({ min: 1, max: maxSide }),
      nz: fc.integer({ min: 1, max: Math.max(1, maxSide / 2) }),
      ng: fc.integer({ min: 1, max: maxLevels }),
      roiFraction: fc.double({ min: 0.05, max: 1, noNaN: true }),
      seed: fc.integer(),
    })
    .map(({ nx, ny, nz, ng, roiFraction, seed }) => {
      const n = nx * ny * nz;
      const levels = new Uint32Array(n);
      let state = seed >>> 0 || 1;
      const next = () => {
        // xorshift32: deterministic per seed, so failures reproduce
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return (state >>> 0) / 4294967296;
      };
      let count = 0;
      for (let i = 0; i < n; i++) {
        if (next() < roiFraction) {
          levels[i] = 1 + Math.floor(next() * ng);
          count++;
        }
      }
      return { dims: [nx, ny, nz], spacing: [1, 1, 1], levels, ng, count } as GreyLevels;
    });
}

/** Deterministic xorshift32 stream for a seed. */
export function randomStream(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** Grey-level volumes whose zones are worst cases for connected-component labelling. */
export function adversarialZoneVolumes(): GreyLevels[] {
  const make = (nx: number, ny: number, nz: number, level: (x: number, y: number, z: number) => number): GreyLevels => {
    const levels = new Uint32Array(nx * ny * nz);
    let count = 0;
    let ng = 1;
    for (let z = 0; z < nz; z++) {
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          const v = level(x, y, z);
          levels[x + nx * (y + ny * z)] = v;
          if (v) count++;
          if (v > ng) ng = v;
        }
      }
    }
    return { dims: [nx, ny, nz], spacing: [1, 1, 1], levels, ng, count };
  };
  return [
    // one serpentine zone through every row: the longest label chains
    make(33, 17, 3, (x, y) => (y % 2 === 0 || (y % 4 === 1 ? x === 32 : x === 0) ? 1 : 2)),
    // checkerboard: 26-connected it is one zone per level, 6-connected every voxel is its own zone
    make(12, 11, 7, (x, y, z) => 1 + ((x + y + z) % 2)),
    // a full block: one zone as large as the ROI (exercises the GLSZM overflow list)
    make(20, 20, 5, () => 3),
    // concentric shells: distances up to the bound ceil(shortest side / 2)
    make(15, 13, 9, (x, y, z) => 1 + (Math.min(x, y, z, 14 - x, 12 - y, 8 - z) % 3)),
  ];
}

export type ValueKindName = 'Uint8Array' | 'Int8Array' | 'Uint16Array' | 'Int16Array' | 'Uint32Array' | 'Int32Array' | 'Float32Array' | 'Float64Array';

const KINDS: Record<ValueKindName, { make: (n: number) => VoxelArray; lo: number; hi: number; float: boolean }> = {
  Uint8Array: { make: (n) => new Uint8Array(n), lo: 0, hi: 255, float: false },
  Int8Array: { make: (n) => new Int8Array(n), lo: -128, hi: 127, float: false },
  Uint16Array: { make: (n) => new Uint16Array(n), lo: 0, hi: 65535, float: false },
  Int16Array: { make: (n) => new Int16Array(n), lo: -1024, hi: 3071, float: false },
  Uint32Array: { make: (n) => new Uint32Array(n), lo: 0, hi: 4294967295, float: false },
  Int32Array: { make: (n) => new Int32Array(n), lo: -2147483648, hi: 2147483647, float: false },
  Float32Array: { make: (n) => new Float32Array(n), lo: -2000, hi: 2000, float: true },
  Float64Array: { make: (n) => new Float64Array(n), lo: -2000, hi: 2000, float: true },
};

export interface RawCase {
  image: Volume;
  mask: Mask;
  discretisation: Discretisation;
}

/**
 * Raw intensity volumes of every typed-array kind with a discretisation setting. Values sit on a lattice of
 * width / steps so that many fall exactly on (or, after f32 rounding, next to) bin edges; float kinds get NaN and
 * -0 voxels, f64 ones values that f32 cannot hold. Returns cases the twin accepts (non-empty ROI, levels >= 1).
 */
export function rawCaseArbitrary(maxSide = 14): fc.Arbitrary<RawCase> {
  return fc
    .record({
      kind: fc.constantFrom(...(Object.keys(KINDS) as ValueKindName[])),
      nx: fc.integer({ min: 1, max: maxSide }),
      ny: fc.integer({ min: 1, max: maxSide }),
      nz: fc.integer({ min: 1, max: Math.max(1, maxSide / 2) }),
      roiFraction: fc.double({ min: 0.1, max: 1, noNaN: true }),
      spread: fc.double({ min: 0, max: 1, noNaN: true }),
      bins: fc.integer({ min: 1, max: 80 }),
      steps: fc.integer({ min: 1, max: 7 }),
      setting: fc.constantFrom('fbn', 'fbs-pyradiomics', 'fbs-ibsi', 'fbs-ibsi-lower', 'none'),
      seed: fc.integer(),
    })
    .map(({ kind, nx, ny, nz, roiFraction, spread, bins, steps, setting, seed }) => {
      const next = randomStream(seed);
      const spec = KINDS[kind];
      const n = nx * ny * nz;
      const data = spec.make(n);
      const maskData = new Uint8Array(n);
      // a value window inside the type's range, then a lattice of `bins * steps` points across it
      const span = (spec.hi - spec.lo) * spread * spread;
      const lo = spec.lo + Math.floor(next() * (spec.hi - spec.lo - span));
      const width = Math.max(span / bins, 1e-3);
      for (let i = 0; i < n; i++) {
        let x = lo + (Math.floor(next() * (bins * steps + 1)) * width) / steps;
        if (setting === 'none') x = 1 + Math.floor(next() * bins);
        if (!spec.float) x = Math.min(spec.hi, Math.max(spec.lo, Math.round(x)));
        else if (kind === 'Float64Array' && setting !== 'none' && next() < 0.2) x += next() * 1e-7;
        if (spec.float && next() < 0.03) x = NaN;
        if (spec.float && setting !== 'none' && lo <= 0 && lo + span >= 0 && next() < 0.05) x = -0;
        data[i] = x;
        maskData[i] = next() < roiFraction ? 1 : 0;
      }
      maskData[Math.floor(next() * n)] = 1;
      const first = maskData.findIndex((m, i) => m !== 0 && !Number.isNaN(data[i]));
      if (first < 0) {
        data[0] = 1;
        maskData[0] = 1;
      }
      let min = Infinity;
      for (let i = 0; i < n; i++) if (maskData[i] && data[i] < min) min = data[i];
      const geometry = { dims: [nx, ny, nz] as Vec3, spacing: [1, 1, 1] as Vec3, origin: [0, 0, 0] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
      const discretisation: Discretisation =
        setting === 'fbn'
          ? { kind: 'fixed-bin-number', bins }
          : setting === 'none'
            ? { kind: 'none' }
            : setting === 'fbs-pyradiomics'
              ? { kind: 'fixed-bin-size', width, convention: 'pyradiomics' }
              : setting === 'fbs-ibsi'
                ? { kind: 'fixed-bin-size', width, convention: 'ibsi' }
                : { kind: 'fixed-bin-size', width, convention: 'ibsi', lowerBound: min - Math.floor(next() * 3) * width - next() * width };
      return { image: { ...geometry, data }, mask: { ...geometry, data: maskData }, discretisation };
    });
}
