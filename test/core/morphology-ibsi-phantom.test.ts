import { beforeAll, describe, expect, it } from 'vitest';
import { MORPHOLOGY_FEATURES, morphologyFeatureRecords } from '../../src/core/features/morphology.js';
import { marchingCubes } from '../../src/core/mesh/marching-cubes.js';
import { isClosedOriented, meshSignedVolume } from '../../src/core/mesh/mesh-measures.js';
import type { Mask, Volume } from '../../src/core/volume.js';
import { loadPhantom } from '../helpers/phantom.js';
import { ibsiPhantomReference, sig3 } from '../helpers/refdata.js';

let image: Volume;
let mask: Mask;
beforeAll(async () => {
  ({ image, mask } = await loadPhantom());
});

describe('morphology on the IBSI 1 digital phantom', () => {
  it('matches every IBSI reference value to 3 significant digits', () => {
    const refs = ibsiPhantomReference().filter((r) => r.family === 'morphology');
    expect(refs.length).toBe(25);
    const records = morphologyFeatureRecords({ image, mask });
    expect(records.length).toBe(MORPHOLOGY_FEATURES.length);
    for (const ref of refs) {
      const rec = records.find((r) => r.ibsi_code === ref.ibsi_code);
      expect(rec, `${ref.feature} (${ref.ibsi_code}) has no computed value`).toBeDefined();
      expect(rec!.name).toBe(ref.feature);
      expect(rec!.aggregation_code).toBe(ref.aggregation_code);
      expect(sig3(rec!.value), `${ref.feature}: ${rec!.value}`).toBe(sig3(ref.reference_value));
    }
    // every implemented feature has a reference row (the registry holds nothing the phantom does not check)
    for (const rec of records) expect(refs.some((r) => r.ibsi_code === rec.ibsi_code), rec.name).toBe(true);
  });

  it('meshes the phantom into a closed, outward-oriented surface', () => {
    const mesh = marchingCubes(mask.data, mask.dims, mask.spacing);
    expect(isClosedOriented(mesh.triangles, mesh.vertices.length / 3)).toBe(true);
    expect(meshSignedVolume(mesh.vertices, mesh.triangles)).toBeGreaterThan(0);
  });

  it('leaves Moran and Geary out on request and offers PyRadiomics-style PCA normalisation', () => {
    const records = morphologyFeatureRecords({ image, mask }, { spatialAutocorrelation: 'skip', covariance: 'population' });
    expect(records.map((r) => r.ibsi_code)).not.toContain('N365');
    expect(records.length).toBe(23);
    const major = records.find((r) => r.ibsi_code === 'TDIC')!.value;
    // population covariance (1/N) shrinks lengths by sqrt(73/74) against the IBSI consensus value 11.4
    expect(major).toBeCloseTo(11.325082054933189, 9);
  });

  it('gets the same Moran I and Geary C from all pairs and from FFT correlation', () => {
    const direct = morphologyFeatureRecords({ image, mask }, { spatialAutocorrelation: 'direct' });
    const fft = morphologyFeatureRecords({ image, mask }, { spatialAutocorrelation: 'fft' });
    for (const code of ['N365', 'NPT7']) {
      const a = direct.find((r) => r.ibsi_code === code)!.value;
      const b = fft.find((r) => r.ibsi_code === code)!.value;
      expect(Math.abs(a - b) / Math.abs(a)).toBeLessThan(1e-10);
    }
  });
});
