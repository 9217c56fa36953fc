import { describe, expect, it } from 'vitest';
import { extractPyradiomics } from '../../src/core/extract.js';
import { syntheticImageCohort, syntheticImageManifestCsv } from '../../src/core/model/synthetic-image-cohort.js';
import { syntheticPatientImages, SYNTHETIC_SEQUENCES } from '../../src/core/model/synthetic-images.js';
import { fillNormal, normalQuantile } from '../../src/core/model/synthetic-noise.js';
import { createPrng } from '../../src/core/model/prng.js';
import { demoExtractionSettings } from '../../src/core/model/demo-image-model.js';

const c = syntheticImageCohort();

/** Spearman rank correlation (no ties expected in continuous values). */
function spearman(a: number[], b: number[]): number {
  const rank = (x: number[]) => {
    const r = new Array<number>(x.length);
    x.map((v, i) => [v, i])
      .sort((p, q) => p[0] - q[0])
      .forEach(([, i], k) => (r[i] = k));
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  const m = (n - 1) / 2;
  let sab = 0;
  let saa = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - m) * (rb[i] - m);
    saa += (ra[i] - m) ** 2;
  }
  return sab / saa;
}

describe('synthetic image cohort', () => {
  it('has the study design: 239 patients, CR 15 / PR 161 / SD 26 / PD 37, three centres, OS and PFS censored', () => {
    const p = c.cohort.patients;
    expect(p.length).toBe(239);
    const count = (r: string) => p.filter((x) => x.response === r).length;
    expect([count('CR'), count('PR'), count('SD'), count('PD')]).toEqual([15, 161, 26, 37]);
    expect([...new Set(p.map((x) => x.centre))].sort()).toEqual(['A', 'B', 'C']);
    expect(p.some((x) => x.os.event === 0) && p.some((x) => x.os.event === 1)).toBe(true);
    expect(p.some((x) => x.pfs.event === 0) && p.some((x) => x.pfs.event === 1)).toBe(true);
    expect(c.cohort.traits.length).toBe(239);
  });

  it('the manifest has one row per patient and sequence, label 1, relative NIfTI paths', () => {
    const lines = syntheticImageManifestCsv(c.cohort).trimEnd().split('\n');
    expect(lines.length).toBe(1 + 239 * 3);
    expect(lines[0]).toBe('patient_id,sequence,image,mask,segment,centre');
    expect(lines[1]).toBe(`TPI001,AP,images/TPI001/AP.nii.gz,masks/TPI001.nii.gz,1,${c.cohort.patients[0].centre}`);
  });
});

describe('synthetic MR-like volumes', () => {
  it('are deterministic per patient (own seeded stream) and differ between patients and seeds', () => {
    const a = c.images(4);
    const b = syntheticPatientImages(2026, 'TPI005', c.cohort.traits[4], c.cohort.patients[4].clinical.max_diameter as number);
    for (const q of SYNTHETIC_SEQUENCES) expect(b.images[q].data).toEqual(a.images[q].data);
    expect(b.mask.data).toEqual(a.mask.data);
    expect(c.images(5).images.AP.data).not.toEqual(a.images.AP.data);
    const other = syntheticImageCohort({ seed: 7 }).images(4);
    expect(other.images.AP.data).not.toEqual(a.images.AP.data);
    // a fixed digest of one patient's AP volume: any change to the generator or the PRNG shows here
    let h = 0x811c9dc5;
    for (const v of a.images.AP.data) h = Math.imul(h ^ (v & 0xffff), 0x01000193) >>> 0;
    expect(h.toString(16)).toMatchInlineSnapshot(`"465ce254"`);
  });

  it('are small int16 volumes on one grid, with a tumour mask (label 1) inside the field', () => {
    for (const i of [0, 100, 238]) {
      const p = c.images(i);
      for (const v of [...Object.values(p.images), p.mask]) {
        expect(v.dims).toEqual([64, 64, 24]);
        expect(v.spacing).toEqual([1.5, 1.5, 3]);
        expect(v.origin).toEqual([-47.25, -47.25, -34.5]);
      }
      for (const q of SYNTHETIC_SEQUENCES) expect(p.images[q].data).toBeInstanceOf(Int16Array);
      const m = p.mask.data;
      expect(new Set(m)).toEqual(new Set([0, 1]));
      let n = 0;
      for (let z = 0; z < 24; z++)
        for (let y = 0; y < 64; y++)
          for (let x = 0; x < 64; x++) {
            if (!m[x + 64 * (y + 64 * z)]) continue;
            n++;
            expect(x > 0 && x < 63 && y > 0 && y < 63).toBe(true);
          }
      expect(n).toBeGreaterThan(200);
      expect(n).toBeLessThan(20000);
    }
  });

  it('look like liver MR: tumour hyper-enhancing in AP, washing out in PVP, bright in T2 (cohort average)', () => {
    const diff = { AP: 0, PVP: 0, T2: 0 };
    const sample = [0, 10, 50, 100, 150, 200];
    for (const i of sample) {
      const p = c.images(i);
      for (const q of SYNTHETIC_SEQUENCES) {
        let st = 0;
        let nt = 0;
        let sl = 0;
        let nl = 0;
        p.images[q].data.forEach((v, k) => {
          if (p.mask.data[k]) {
            st += v;
            nt++;
            return;
          }
          // liver reference: non-tumour voxels of a central block (the liver ellipsoid covers it)
          const x = (k % 64) - 31.5;
          const y = (Math.floor(k / 64) % 64) - 31.5;
          const z = Math.floor(k / 4096) - 11.5;
          if (Math.abs(x) < 20 && Math.abs(y) < 20 && Math.abs(z) < 6) {
            sl += v;
            nl++;
          }
        });
        diff[q] += (st / nt - sl / nl) / sample.length;
      }
    }
    expect(diff.AP).toBeGreaterThan(200);
    expect(diff.T2).toBeGreaterThan(150);
    expect(diff.PVP).toBeLessThan(-20);
  });

  it('carry the response traits into extracted features: u0 -> AP median (+), u1 -> AP uniformity (+), u2 -> AP minimum (-)', () => {
    const settings = demoExtractionSettings();
    settings.featureClasses = { firstorder: null };
    const idx = Array.from({ length: 40 }, (_, k) => k * 6);
    const value = (f: Record<string, number>[], name: string) => f.map((r) => r[name]);
    const feats = idx.map((i) => {
      const p = c.images(i);
      return Object.fromEntries(extractPyradiomics(p.images.AP, p.mask, settings).features.map((r) => [r.name, r.value]));
    });
    const u = (k: number) => idx.map((i) => c.cohort.traits[i][k]);
    expect(spearman(u(0), value(feats, 'original_firstorder_Median'))).toBeGreaterThan(0.8);
    expect(spearman(u(1), value(feats, 'original_firstorder_Uniformity'))).toBeGreaterThan(0.8);
    expect(spearman(u(2), value(feats, 'original_firstorder_Minimum'))).toBeLessThan(-0.5);
    // nuisance trait u5 (T2 signal) does not drive the AP median
    expect(Math.abs(spearman(u(5), value(feats, 'original_firstorder_Median')))).toBeLessThan(0.4);
  });
});

describe('fast Gaussian noise', () => {
  it('inverts the normal CDF to 2e-7 and draws N(0, 1) two per 32-bit output', () => {
    expect(Math.abs(normalQuantile(0.975) - 1.959963984540054)).toBeLessThan(2e-7);
    expect(normalQuantile(0.5)).toBe(0);
    expect(Math.abs(normalQuantile(0.001) + 3.090232306167813)).toBeLessThan(2e-7);
    expect(Math.abs(normalQuantile(0.9) - 1.2815515655446004)).toBeLessThan(2e-7);
    const z = fillNormal(createPrng(3), new Float64Array(200001));
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(sd - 1)).toBeLessThan(0.01);
    expect(z.filter((v) => v > 1.959963984540054).length / z.length).toBeCloseTo(0.025, 2);
  });
});
