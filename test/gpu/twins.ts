/**
 * Each GPU family next to its CPU twin, for the GPU-vs-twin tests in Node and in the browser. `expectedCase`
 * computes on the CPU what the case runner must return for one image.
 */
import fc from 'fast-check';
import { discretise, type GreyLevels } from '../../src/core/discretise.js';
import { intensityHistogram } from '../../src/core/features/intensity-histogram.js';
import { sortedCopy } from '../../src/core/features/intensity-statistics.js';
import { roiGreyLevels, roiIntensities } from '../../src/core/features/roi-values.js';
import { computeGlcm, type GlcmSettings } from '../../src/core/matrices/glcm.js';
import { computeGldzm, type GldzmSettings } from '../../src/core/matrices/gldzm.js';
import { computeGlrlm, type GlrlmSettings } from '../../src/core/matrices/glrlm.js';
import { computeGlszm, type GlszmSettings } from '../../src/core/matrices/glszm.js';
import type { Connectivity } from '../../src/core/matrices/neighbourhood.js';
import { computeNgldm, type NgldmSettings } from '../../src/core/matrices/ngldm.js';
import { computeNgtdm, type NgtdmSettings } from '../../src/core/matrices/ngtdm.js';
import type { CaseImage, CaseImageResult } from '../../src/gpu/case-runner.js';
import type { GpuContext } from '../../src/gpu/device.js';
import { glcmOnGpu } from '../../src/gpu/glcm.js';
import { gldzmOnGpu } from '../../src/gpu/gldzm.js';
import { glrlmOnGpu } from '../../src/gpu/glrlm.js';
import { glszmOnGpu, type GlszmGpuSettings } from '../../src/gpu/glszm.js';
import { ngldmOnGpu } from '../../src/gpu/ngldm.js';
import { ngtdmOnGpu } from '../../src/gpu/ngtdm.js';
import { firstMismatch } from './compare.js';

export interface TextureTwin<S> {
  gpu(gpu: GpuContext, grey: GreyLevels, settings: S): Promise<unknown>;
  cpu(grey: GreyLevels, settings: S): unknown;
}

export const TEXTURE_TWINS = {
  glcm: { gpu: glcmOnGpu, cpu: computeGlcm } as TextureTwin<GlcmSettings>,
  glrlm: { gpu: glrlmOnGpu, cpu: computeGlrlm } as TextureTwin<GlrlmSettings>,
  glszm: { gpu: glszmOnGpu, cpu: (g: GreyLevels, s: GlszmGpuSettings) => computeGlszm(g, s) } as TextureTwin<GlszmGpuSettings>,
  gldzm: { gpu: gldzmOnGpu, cpu: computeGldzm } as TextureTwin<GldzmSettings>,
  ngtdm: { gpu: ngtdmOnGpu, cpu: computeNgtdm } as TextureTwin<NgtdmSettings>,
  ngldm: { gpu: ngldmOnGpu, cpu: computeNgldm } as TextureTwin<NgldmSettings>,
};

/** Runs one family on the GPU (one submit, one read-back) and its twin; the first difference or null. */
export async function textureMismatch<S>(gpu: GpuContext, twin: TextureTwin<S>, grey: GreyLevels, settings: S): Promise<string | null> {
  return firstMismatch(await twin.gpu(gpu, grey, settings), twin.cpu(grey, settings));
}

/** The settings every family is checked with on the reference volumes (IBSI defaults, 2D and 3D). */
export const REFERENCE_SETTINGS = {
  glcm: [{ dimension: '3d', distance: 1 }, { dimension: '2d', distance: 1 }] as GlcmSettings[],
  glrlm: [{ dimension: '3d' }, { dimension: '2d' }] as GlrlmSettings[],
  glszm: [{ dimension: '3d' }, { dimension: '2d' }, { dimension: '3d', connectivity: 6 }, { dimension: '2d', connectivity: 4 }] as GlszmGpuSettings[],
  gldzm: [{ dimension: '3d' }, { dimension: '2d' }, { dimension: '3d', connectivity: 18 }] as GldzmSettings[],
  ngtdm: [{ dimension: '3d', distance: 1 }, { dimension: '2d', distance: 1 }] as NgtdmSettings[],
  ngldm: [{ dimension: '3d', distance: 1, alpha: 0 }, { dimension: '2d', distance: 1, alpha: 0 }] as NgldmSettings[],
};

/** What the case runner must return for `input`, computed by the CPU twins. */
export function expectedCase(input: CaseImage): CaseImageResult {
  const grey = 'grey' in input ? input.grey : discretise(input.image, input.mask, input.discretisation);
  const f = input.families;
  const out: CaseImageResult = { grey: { dims: grey.dims, spacing: grey.spacing, ng: grey.ng, count: grey.count } };
  if ('grey' in input || input.readLevels) out.grey = grey;
  if (f.histogram) out.histogram = intensityHistogram(roiGreyLevels(grey), grey.ng).counts;
  if (f.glcm) out.glcm = f.glcm.map((s) => computeGlcm(grey, s));
  if (f.glrlm) out.glrlm = f.glrlm.map((s) => computeGlrlm(grey, s));
  if (f.glszm) out.glszm = f.glszm.map((s: GlszmSettings) => computeGlszm(grey, s));
  if (f.gldzm) out.gldzm = f.gldzm.map((s) => computeGldzm(grey, s));
  if (f.ngtdm) out.ngtdm = f.ngtdm.map((s) => computeNgtdm(grey, s));
  if (f.ngldm) out.ngldm = f.ngldm.map((s) => computeNgldm(grey, s));
  return out;
}

/** Compares a case runner result with expectedCase; `intensities` are compared as sorted values. */
export function caseMismatch(input: CaseImage, actual: CaseImageResult): string | null {
  const expected = expectedCase(input);
  const { intensities, ...rest } = actual;
  if (!('grey' in input) && input.families.intensities) {
    const m = firstMismatch(intensities?.sorted, sortedCopy(roiIntensities(input.image, input.mask)), 'intensities.sorted');
    if (m) return m;
  }
  return firstMismatch(rest, expected);
}

/** Random settings per family (IBSI ranges: 2D and 3D, distances 1-2, all connectivities, alpha 0-2). */
const dimension = fc.constantFrom('2d' as const, '3d' as const);
export const SETTINGS_ARBITRARY = {
  glcm: fc.record({ dimension, distance: fc.integer({ min: 1, max: 2 }) }),
  glrlm: fc.record({ dimension }),
  glszm: dimension.chain((d) =>
    fc.record({
      dimension: fc.constant(d),
      connectivity: fc.constantFrom<Connectivity>(...((d === '3d' ? [6, 18, 26] : [4, 8]) as Connectivity[])),
      denseColumns: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    }),
  ),
  gldzm: dimension.chain((d) =>
    fc.record({ dimension: fc.constant(d), connectivity: fc.constantFrom<Connectivity>(...((d === '3d' ? [6, 18, 26] : [4, 8]) as Connectivity[])) }),
  ),
  ngtdm: fc.record({ dimension, distance: fc.integer({ min: 1, max: 2 }) }),
  ngldm: fc.record({ dimension, distance: fc.integer({ min: 1, max: 2 }), alpha: fc.constantFrom(0, 1, 1.5, 2) }),
};

/** Property: on random grey levels and settings, the family's GPU result equals its twin's bit for bit. */
export function textureProperty<S>(gpu: GpuContext, twin: TextureTwin<S>, settings: fc.Arbitrary<S>, grey: fc.Arbitrary<GreyLevels>): fc.IAsyncProperty<[GreyLevels, S]> {
  return fc.asyncProperty(grey, settings, async (g, s) => {
    const m = await textureMismatch(gpu, twin, g, s);
    if (m) throw new Error(`${JSON.stringify(s)}: ${m}`);
  });
}
