import { describe, expect, it } from 'vitest';
import { ibsiDefaults, pyradiomicsDefaults } from '../../src/core/settings.js';
import type { Volume } from '../../src/core/volume.js';
import { extractCase, InputError } from '../../src/pipeline/extract-case.js';

/** A 6x6x6 ramp with a 4x4x4 ROI: intensities 10 .. 100. */
function ramp(): { image: Volume; mask: Volume } {
  const dims: [number, number, number] = [6, 6, 6];
  const geometry = { dims, spacing: [1, 1, 1] as [number, number, number], origin: [0, 0, 0] as [number, number, number], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const image = new Float64Array(216);
  const mask = new Uint8Array(216);
  for (let z = 0; z < 6; z++)
    for (let y = 0; y < 6; y++)
      for (let x = 0; x < 6; x++) {
        const i = x + 6 * (y + 6 * z);
        image[i] = 10 + 6 * x + 3 * y + 2 * z;
        if (x >= 1 && x <= 4 && y >= 1 && y <= 4 && z >= 1 && z <= 4) mask[i] = 1;
      }
  return { image: { ...geometry, data: image }, mask: { ...geometry, data: mask } };
}

describe('extractCase: a fixed bin width starting above the ROI minimum', () => {
  const { image, mask } = ramp();
  const input = { image, mask, imageName: 'ramp.nii', maskName: 'roi.nii' };
  const noGpu = () => Promise.resolve({ ok: false as const, reason: 'not used' });

  it('bins from the given minimum when it is at or below every ROI intensity', async () => {
    const settings = ibsiDefaults();
    settings.discretisation = { kind: 'fixed-bin-width', width: 10, convention: 'ibsi', minimum: 0 };
    const r = await extractCase(input, { settings, backend: 'cpu' }, noGpu);
    expect(r.features.length).toBeGreaterThan(100);
  });

  it('is refused naming the image, not binned into wrapped grey levels', async () => {
    const settings = ibsiDefaults();
    settings.discretisation = { kind: 'fixed-bin-width', width: 10, convention: 'ibsi', minimum: 30 };
    const run = extractCase(input, { settings, backend: 'cpu' }, noGpu);
    await expect(run).rejects.toBeInstanceOf(InputError);
    await expect(extractCase(input, { settings, backend: 'cpu' }, noGpu)).rejects.toThrow(/^ramp\.nii: ROI intensity 2\d lies below the fixed bin size's lower bound 30/);
  });
});

describe('extractCase: a NaN voxel of the image and a filtered image type', () => {
  it('names the derived image and the cause instead of failing in the discretisation', async () => {
    const { image, mask } = ramp();
    const data = Float32Array.from(image.data);
    data[0] = NaN; // a corner voxel, outside the ROI: the recursive-Gaussian LoG carries it along whole lines
    const settings = pyradiomicsDefaults();
    settings.imageTypes = { Original: {}, LoG: {} };
    settings.filter = { sigma: [1] };
    const input = { image: { ...image, data }, mask, imageName: 'ramp-nan.nii', maskName: 'roi.nii' };
    const noGpu = () => Promise.resolve({ ok: false as const, reason: 'not used' });
    await expect(extractCase(input, { settings, backend: 'cpu' }, noGpu)).rejects.toThrow(
      /^roi\.nii on ramp-nan\.nii: log-sigma-1-0-mm-3D: \d+ of 64 ROI voxels are NaN after filtering: NaN voxels of the image spread through the filter/,
    );
    // without the filtered type the same input extracts (the NaN voxel is outside the ROI)
    settings.imageTypes = { Original: {} };
    const r = await extractCase(input, { settings, backend: 'cpu' }, noGpu);
    expect(r.features.every((f) => f.image_type === 'original')).toBe(true);
    expect(r.features.find((f) => f.name === 'original_firstorder_Mean')!.value).toBeGreaterThan(10);
  });
});
