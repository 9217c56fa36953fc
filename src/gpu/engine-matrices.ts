/**
 * The GPU matrix provider of the extraction (src/core/extract/matrix-plan.ts): every matrix request of every image
 * of a case, recorded into ONE CaseRunner case (one submit, one read-back), returned in the CPU twins' layouts.
 *
 * Every request family runs on the GPU in the twin's own terms and layout:
 * - IBSI GLCM / GLRLM / GLSZM / GLDZM / NGTDM / NGLDM and PyRadiomics' GLRLM / GLSZM: the kernels' own settings;
 * - PyRadiomics' GLCM (glcmOffsets: one matrix per offset, any distances, symmetric or not): the GLCM kernel's
 *   offsets form, all offsets in one dispatch;
 * - NGTDM / NGLDM with explicit offsets (PyRadiomics' angles, gapped distances such as [2], force2D in any plane)
 *   and PyRadiomics' isolated voxels (NGTDM column W = 0): the kernels take the offsets as a list.
 *
 * A request beyond the device's limits (GpuLimitError) is computed by its CPU twin; `cpu` in the run lists which
 * and why. When the whole case does not fit, its requests are run in chunks: all requests that fit one by one in
 * one submit, else one submit each.
 */
import { computeImageMatricesCpu, emptyResults, MATRIX_FAMILIES, singleRequest, type MatrixFamily, type MatrixImage, type MatrixResults } from '../core/extract/matrix-plan.js';
import type { GreyLevels } from '../core/discretise.js';
import type { CaseFamilies, CaseImage, CaseImageResult, CaseRunner } from './case-runner.js';
import { GpuLimitError } from './device.js';

type GpuFamily = 'glcm' | 'glcmOffsets' | 'glrlm' | 'glszm' | 'gldzm' | 'ngtdm' | 'ngldm';

/** One request as the GPU computes it: a CaseFamilies entry of its image. */
interface Unit {
  image: number;
  /** the grid the GPU reads */
  grey: GreyLevels;
  family: MatrixFamily;
  index: number;
  gpuFamily: GpuFamily;
  gpuSettings: object;
}

/** A request the GPU does not compute, and why. */
interface CpuUnit {
  image: number;
  family: MatrixFamily;
  index: number;
  reason: string;
}

export interface GpuMatrixRun {
  results: MatrixResults[];
  /** matrices computed on the GPU */
  gpuMatrices: number;
  /** matrices computed by their CPU twins, with the reason */
  cpu: { family: MatrixFamily; reason: string }[];
  /** runs (submits) the case took: 1 normally, more when chunked, 0 when nothing was asked */
  runs: number;
}

/** How the GPU computes request `index` of `family` on image `image`: the twin's settings, as they are. */
function unitFor(images: readonly MatrixImage[], image: number, family: MatrixFamily, index: number): Unit {
  return { image, grey: images[image].grey, family, index, gpuFamily: family, gpuSettings: images[image].requests[family][index] };
}

function settingsKey(settings: object): string {
  return JSON.stringify(settings, (_k, v: unknown) => (v instanceof Int32Array ? Array.from(v) : v));
}

/** The CaseImages of `units` (one per image they touch, equal settings computed once) and where each unit's matrix lands. */
function caseOf(units: readonly Unit[]): { cases: CaseImage[]; at: { caseIndex: number; slot: number }[] } {
  const byImage = new Map<GreyLevels, { families: Required<Pick<CaseFamilies, GpuFamily>>; keys: Map<string, number>; caseIndex: number }>();
  const cases: CaseImage[] = [];
  const at = units.map((u) => {
    let c = byImage.get(u.grey);
    if (!c) {
      c = { families: { glcm: [], glcmOffsets: [], glrlm: [], glszm: [], gldzm: [], ngtdm: [], ngldm: [] }, keys: new Map(), caseIndex: cases.length };
      byImage.set(u.grey, c);
      cases.push({ grey: u.grey, families: c.families });
    }
    const key = `${u.gpuFamily}:${settingsKey(u.gpuSettings)}`;
    let slot = c.keys.get(key);
    if (slot === undefined) {
      const list = c.families[u.gpuFamily] as object[];
      slot = list.length;
      list.push(u.gpuSettings);
      c.keys.set(key, slot);
    }
    return { caseIndex: c.caseIndex, slot };
  });
  return { cases, at };
}

/** Runs `units` in one case (one submit); their matrices in the twins' layouts. */
async function runUnits(runner: CaseRunner, units: readonly Unit[]): Promise<unknown[]> {
  const { cases, at } = caseOf(units);
  runner.check(cases);
  const results: CaseImageResult[] = await runner.run(cases);
  return units.map((u, k) => {
    const r = results[at[k].caseIndex];
    return (r[u.gpuFamily] as unknown[])[at[k].slot];
  });
}

/**
 * Computes every request of `images` on the GPU through `runner` (one submit for the case), the requests it does
 * not serve by their CPU twins. Throws what the device throws other than GpuLimitError (e.g. a lost device).
 */
export async function computeMatricesGpu(runner: CaseRunner, images: readonly MatrixImage[]): Promise<GpuMatrixRun> {
  const units: Unit[] = [];
  const cpuUnits: CpuUnit[] = [];
  images.forEach((m, image) => {
    for (const family of MATRIX_FAMILIES) {
      for (let index = 0; index < m.requests[family].length; index++) units.push(unitFor(images, image, family, index));
    }
  });
  const results = images.map(() => emptyResults());
  const place = (u: { image: number; family: MatrixFamily; index: number }, value: unknown) => {
    (results[u.image][u.family] as unknown[])[u.index] = value;
  };
  let runs = 0;
  if (units.length > 0) {
    let values: unknown[] | null = null;
    try {
      values = await runUnits(runner, units);
      runs++;
    } catch (e) {
      if (!(e instanceof GpuLimitError)) throw e;
    }
    if (values) units.forEach((u, k) => place(u, values![k]));
    else runs += await runChunked(runner, units, cpuUnits, place);
  }
  for (const u of cpuUnits) place(u, (computeImageMatricesCpu(singleRequest(images[u.image], u.family, u.index))[u.family] as unknown[])[0]);
  return { results, gpuMatrices: units.length - cpuUnits.length, cpu: cpuUnits.map((u) => ({ family: u.family, reason: u.reason })), runs };
}

/** The case did not fit as a whole: the units that fit one by one in one submit, or else one submit each. */
async function runChunked(
  runner: CaseRunner,
  units: readonly Unit[],
  cpuUnits: CpuUnit[],
  place: (u: Unit, value: unknown) => void,
): Promise<number> {
  const fitting: Unit[] = [];
  for (const u of units) {
    try {
      runner.check(caseOf([u]).cases);
      fitting.push(u);
    } catch (e) {
      if (!(e instanceof GpuLimitError)) throw e;
      cpuUnits.push({ image: u.image, family: u.family, index: u.index, reason: `beyond this GPU's limits: ${e.message}` });
    }
  }
  if (fitting.length === 0) return 0;
  try {
    const values = await runUnits(runner, fitting);
    fitting.forEach((u, k) => place(u, values[k]));
    return 1;
  } catch (e) {
    if (!(e instanceof GpuLimitError)) throw e;
  }
  let runs = 0;
  for (const u of fitting) {
    try {
      place(u, (await runUnits(runner, [u]))[0]);
      runs++;
    } catch (e) {
      if (!(e instanceof GpuLimitError)) throw e;
      cpuUnits.push({ image: u.image, family: u.family, index: u.index, reason: `beyond this GPU's limits: ${e.message}` });
    }
  }
  return runs;
}
