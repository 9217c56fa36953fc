import { describe, expect, it } from 'vitest';
import { discretise, DiscretisationError } from '../../src/core/discretise.js';
import type { Mask, Volume } from '../../src/core/volume.js';

const image: Volume = { dims: [4, 1, 1], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data: new Float64Array([-20, 5, 30, 61]) } as Volume;
const mask: Mask = { ...image, data: new Uint8Array([1, 1, 1, 1]) } as Mask;

describe('discretise: fixed bin size (IBSI 1 Q3RU)', () => {
  it('bins from the lower bound: floor((x - lower) / w) + 1', () => {
    const g = discretise(image, mask, { kind: 'fixed-bin-size', width: 25, convention: 'ibsi', lowerBound: -20 });
    expect(Array.from(g.levels)).toEqual([1, 2, 3, 4]);
    expect(g.ng).toBe(4);
  });

  it('bins from the ROI minimum when no lower bound is given', () => {
    const g = discretise(image, mask, { kind: 'fixed-bin-size', width: 10, convention: 'ibsi' });
    expect(Array.from(g.levels)).toEqual([1, 3, 6, 9]);
  });

  it('PyRadiomics anchors bins at 0: floor(x / w) - floor(min / w) + 1', () => {
    const g = discretise(image, mask, { kind: 'fixed-bin-size', width: 25, convention: 'pyradiomics' });
    expect(Array.from(g.levels)).toEqual([1, 2, 3, 4]);
  });

  it('refuses a lower bound above the ROI minimum instead of wrapping levels <= 0 in the u32 grid', () => {
    const run = () => discretise(image, mask, { kind: 'fixed-bin-size', width: 25, convention: 'ibsi', lowerBound: 0 });
    expect(run).toThrow(DiscretisationError);
    expect(run).toThrow(/ROI intensity -20 lies below the fixed bin size's lower bound 0/);
  });
});
