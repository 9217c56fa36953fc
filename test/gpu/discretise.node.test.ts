/**
 * GPU discretisation (shaders/discretise.wgsl) against src/core/discretise.ts: the same levels, ng and count,
 * bit for bit, for every typed-array kind, every setting, values on bin edges, NaN, -0 and f64 values f32
 * cannot hold; the same errors as the twin; GpuLimitError for what the GPU path does not take.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discretise, DiscretisationError, type Discretisation } from '../../src/core/discretise.js';
import { GpuLimitError } from '../../src/gpu/device.js';
import { discretiseOnGpu } from '../../src/gpu/discretise.js';
import { planDiscretisation, scanRoi } from '../../src/gpu/discretise-edges.js';
import { rawCaseArbitrary, type RawCase } from './cases.js';
import { firstMismatch } from './compare.js';
import { useNodeGpu } from './node-gpu-setup.js';
import { referenceCases } from './reference-cases.js';

const node = useNodeGpu();

/** GPU vs twin: equal results, or the same DiscretisationError (message included) where the twin throws one. */
async function mismatch({ image, mask, discretisation }: RawCase): Promise<string | null> {
  let expected;
  try {
    expected = discretise(image, mask, discretisation);
  } catch (e) {
    const got = await discretiseOnGpu(node.gpu(), image, mask, discretisation).then(
      () => 'no error',
      (g: Error) => `${g.constructor.name}: ${g.message}`,
    );
    const want = `${(e as Error).constructor.name}: ${(e as Error).message}`;
    return got === want ? null : `twin threw ${want}, GPU gave ${got}`;
  }
  return firstMismatch(await discretiseOnGpu(node.gpu(), image, mask, discretisation), expected);
}

describe('GPU discretisation (Dawn)', () => {
  it('finds a WebGPU adapter (on these machines SwiftShader must be there)', () => {
    expect(node.reason()).toBe('');
  });

  it('equals the twin on the IBSI phantom (none) and on brain1 (every setting)', async () => {
    for (const c of await referenceCases()) {
      expect(await mismatch(c), c.name).toBeNull();
    }
    const brain1 = (await referenceCases())[1];
    const settings: Discretisation[] = [
      { kind: 'fixed-bin-number', bins: 32 },
      { kind: 'fixed-bin-number', bins: 7 },
      { kind: 'fixed-bin-size', width: 25, convention: 'ibsi' },
      { kind: 'fixed-bin-size', width: 3.7, convention: 'pyradiomics' },
      { kind: 'fixed-bin-size', width: 10, convention: 'ibsi', lowerBound: -50 },
    ];
    for (const discretisation of settings) {
      expect(await mismatch({ ...brain1, discretisation }), JSON.stringify(discretisation)).toBeNull();
    }
  });

  it('equals the twin on random volumes of every value type and setting', async () => {
    await fc.assert(
      fc.asyncProperty(rawCaseArbitrary(), async (c) => {
        expect(await mismatch(c)).toBeNull();
      }),
      { numRuns: 100, seed: 20261201 },
    );
  });

  it('is exact where f32 arithmetic is not: values one ulp around every fixed-bin-number edge', async () => {
    // edges of floor(nb (x - min) / (max - min)): x = min + k (max - min) / nb and its f64 neighbours
    const nb = 64;
    const min = 0.1;
    const max = 1234.5678;
    const values: number[] = [min, max];
    for (let k = 1; k < nb; k++) {
      const e = min + (k * (max - min)) / nb;
      values.push(e, e * (1 + 2 ** -52), e * (1 - 2 ** -52), Math.fround(e));
    }
    const n = values.length;
    const geometry = { dims: [n, 1, 1] as [number, number, number], spacing: [1, 1, 1] as [number, number, number], origin: [0, 0, 0] as [number, number, number], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
    const mask = { ...geometry, data: new Uint8Array(n).fill(1) };
    // f32 arithmetic (what a kernel computing the formula would do) gets some of these wrong
    const f = Math.fround;
    const inF32 = (x: number) => Math.min(nb, Math.floor(f(f(nb * f(f(x) - f(min))) / f(f(max) - f(min)))) + 1);
    const twin = discretise({ ...geometry, data: Float32Array.from(values) }, mask, { kind: 'fixed-bin-number', bins: nb }).levels;
    expect(Float32Array.from(values).some((x, i) => inF32(x) !== twin[i])).toBe(true);
    for (const data of [Float64Array.from(values), Float32Array.from(values)]) {
      expect(await mismatch({ image: { ...geometry, data }, mask, discretisation: { kind: 'fixed-bin-number', bins: nb } })).toBeNull();
      expect(await mismatch({ image: { ...geometry, data }, mask, discretisation: { kind: 'fixed-bin-size', width: (max - min) / nb, convention: 'pyradiomics' } })).toBeNull();
    }
  });

  it('throws the twin errors, and GpuLimitError where only the CPU can go', async () => {
    const geometry = { dims: [3, 1, 1] as [number, number, number], spacing: [1, 1, 1] as [number, number, number], origin: [0, 0, 0] as [number, number, number], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
    const image = { ...geometry, data: Float32Array.from([1, 2, Infinity]) };
    const none = { ...geometry, data: new Uint8Array(3) };
    const all = { ...geometry, data: new Uint8Array(3).fill(1) };
    await expect(discretiseOnGpu(node.gpu(), image, none, { kind: 'fixed-bin-number', bins: 8 })).rejects.toThrow(DiscretisationError);
    await expect(discretiseOnGpu(node.gpu(), image, all, { kind: 'fixed-bin-number', bins: 8 })).rejects.toThrow(GpuLimitError);
    const half = { ...image, data: Float32Array.from([1, 2.5, 3]) };
    await expect(discretiseOnGpu(node.gpu(), half, all, { kind: 'none' })).rejects.toThrow(DiscretisationError);
    expect(() => discretise(half, all, { kind: 'none' })).toThrow(DiscretisationError);
    // a lower bound above the ROI minimum would give levels <= 0
    expect(() => planDiscretisation(scanRoi({ ...half, data: Float32Array.from([1, 2, 3]) }, all), { kind: 'fixed-bin-size', width: 1, convention: 'ibsi', lowerBound: 2 })).toThrow(DiscretisationError);
    expect(() => planDiscretisation(scanRoi({ ...half, data: Float32Array.from([0, 1e9, 3]) }, all), { kind: 'fixed-bin-size', width: 1, convention: 'pyradiomics' })).toThrow(GpuLimitError);
  });
});
