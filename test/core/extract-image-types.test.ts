/** A PyRadiomics-style extraction with derived image types (original + LoG + wavelet) through the filter provider. */
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPyradiomics } from '../../src/core/extract.js';
import { pyradiomicsFilterProvider } from '../../src/core/filters/pyradiomics/provider.js';
import { pyradiomicsDefaults } from '../../src/core/settings.js';
import type { Volume } from '../../src/core/volume.js';
import { readImageFile } from '../../src/io/read-image-node.js';
import { sharedPath } from '../helpers/refdata.js';

describe('PyRadiomics-style extraction of brain1 with LoG and wavelet image types', () => {
  let image: Volume;
  let labels: Volume;
  beforeAll(async () => {
    image = await readImageFile(sharedPath('refdata/pyradiomics/brain1/brain1_image.nrrd'));
    labels = await readImageFile(sharedPath('refdata/pyradiomics/brain1/brain1_label.nrrd'));
  });

  it('names every feature as PyRadiomics does, per image type, and the original features are unchanged', () => {
    const settings = pyradiomicsDefaults();
    settings.featureClasses = { firstorder: null, glcm: null };
    const original = extractPyradiomics(image, labels, settings);
    settings.imageTypes = { Original: {}, LoG: {}, Wavelet: {} };
    settings.filter = { sigma: [1, 3] };
    const all = extractPyradiomics(image, labels, settings, { filters: pyradiomicsFilterProvider });
    const types = [...new Set(all.features.map((f) => f.imageType))];
    expect(types).toEqual([
      'original',
      'log-sigma-1-0-mm-3D',
      'log-sigma-3-0-mm-3D',
      'wavelet-LLH',
      'wavelet-LHL',
      'wavelet-LHH',
      'wavelet-HLL',
      'wavelet-HLH',
      'wavelet-HHL',
      'wavelet-HHH',
      'wavelet-LLL',
    ]);
    const perType = original.features.length;
    expect(all.features.length).toBe(perType * types.length);
    expect(all.features.find((f) => f.name === 'wavelet-HLH_glcm_Contrast')).toBeDefined();
    expect(all.features.find((f) => f.name === 'log-sigma-3-0-mm-3D_firstorder_Mean')).toBeDefined();
    for (const f of original.features) {
      expect(all.features.find((g) => g.name === f.name)!.value).toBe(f.value);
    }
    // derived images differ from the original
    const mean = (t: string) => all.features.find((f) => f.name === `${t}_firstorder_Mean`)!.value;
    expect(mean('wavelet-LLL')).not.toBeCloseTo(mean('original'), 3);
  });

  it('refuses derived image types without the filter stage, naming it', () => {
    const settings = pyradiomicsDefaults();
    settings.imageTypes = { Original: {}, Wavelet: {} };
    expect(() => extractPyradiomics(image, labels, settings)).toThrow(/Wavelet needs the filter stage/);
  });
});
