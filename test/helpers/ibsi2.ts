/**
 * IBSI 2 phase 1: the test table, phantoms and reference response maps from ../shared, and the mapping from a test
 * row's parameters to this project's filters. Every parameter is passed explicitly.
 */
import { readFileSync } from 'node:fs';
import { parseCsvRecords } from '../../src/core/csv.js';
import type { Volume } from '../../src/core/volume.js';
import { readImageFile } from '../../src/io/read-image-node.js';
import { gaborFilter } from '../../src/core/filters/gabor.js';
import { laplacianOfGaussian } from '../../src/core/filters/laplacian-of-gaussian.js';
import { lawsFilter } from '../../src/core/filters/laws.js';
import { meanFilter } from '../../src/core/filters/mean.js';
import type { PaddingMode } from '../../src/core/filters/padding.js';
import { separableWavelet } from '../../src/core/filters/separable-wavelet.js';
import { simoncelliWavelet } from '../../src/core/filters/simoncelli.js';
import type { Pooling } from '../../src/core/filters/filter-volume.js';
import { sharedPath } from './refdata.js';

const PHASE1 = sharedPath('refdata/ibsi2/phase1');

export interface Ibsi2Test {
  id: string;
  phantom: string;
  filter: string;
  dimensionality: string;
  padding: string;
  params: Record<string, unknown>;
  map: string | null;
  phantomImage: string;
  tolerance: number;
}

export function ibsi2Tests(): Ibsi2Test[] {
  const text = readFileSync(`${PHASE1}/phase1_tests.csv`, 'utf8');
  return parseCsvRecords(text).map((r) => ({
    id: r.test_id,
    phantom: r.phantom,
    filter: r.filter,
    dimensionality: r.dimensionality,
    padding: r.padding,
    params: JSON.parse(r.params) as Record<string, unknown>,
    map: r.reference_response_map ? `${PHASE1}/${r.reference_response_map}` : null,
    phantomImage: `${PHASE1}/${r.phantom_image}`,
    tolerance: Number(r.voxel_tolerance_abs),
  }));
}

export function ibsi2Test(id: string): Ibsi2Test {
  const t = ibsi2Tests().find((r) => r.id === id);
  if (!t) throw new Error(`no IBSI 2 test ${id}`);
  return t;
}

const cache = new Map<string, Promise<Volume>>();
export function loadImage(file: string): Promise<Volume> {
  let p = cache.get(file);
  if (!p) {
    p = readImageFile(file);
    cache.set(file, p);
  }
  return p;
}

/** "pi/3", "5*pi/4" or a number, in radians. */
function radians(v: unknown): number {
  if (typeof v === 'number') return v;
  const m = /^\s*(?:(\d+(?:\.\d+)?)\s*\*\s*)?pi\s*(?:\/\s*(\d+(?:\.\d+)?))?\s*$/.exec(String(v));
  if (!m) throw new Error(`cannot read angle ${String(v)}`);
  return (Number(m[1] ?? 1) * Math.PI) / Number(m[2] ?? 1);
}

function is2d(t: Ibsi2Test): boolean {
  return t.dimensionality.toUpperCase().startsWith('2D');
}

function pooling(p: Record<string, unknown>): Pooling {
  return (p.pooling as Pooling | undefined) ?? 'max';
}

/** The filter a test row asks for, or null when its parameters are unknown (Riesz, tests 9 and 10). */
export function filterForTest(t: Ibsi2Test): ((v: Volume) => Volume) | null {
  const p = t.params;
  const padding = t.padding as PaddingMode;
  const dimensionality = is2d(t) ? '2d' : '3d';
  switch (t.filter) {
    case 'mean':
      return (v) => meanFilter(v, { supportVoxels: p.support_voxels as number, padding, dimensionality });
    case 'laplacian_of_gaussian':
      return (v) =>
        laplacianOfGaussian(v, {
          sigmaMm: p.sigma_mm as number,
          truncationSigmas: p.truncation_sigmas as number,
          padding,
          dimensionality,
        });
    case 'laws':
      return (v) =>
        lawsFilter(v, {
          kernel: p.kernel as string,
          padding,
          rotationInvariance: p.rotation_invariance ? { pooling: pooling(p) } : null,
          energy: p.energy ? { distanceVoxels: p.energy_distance_delta_voxels as number } : null,
        });
    case 'gabor':
      return (v) =>
        gaborFilter(v, {
          sigmaMm: p.sigma_mm as number,
          lambdaMm: p.lambda_mm as number,
          gamma: p.gamma as number,
          thetaRad: p.theta_rad === undefined ? 0 : radians(p.theta_rad),
          truncationSigmas: 4,
          response: 'modulus',
          padding,
          rotationInvariance: p.rotation_invariance
            ? { deltaThetaRad: radians(p.delta_theta_rad), pooling: pooling(p) }
            : null,
          orthogonalPlanes: p.orthogonal_planes === true,
        });
    case 'separable_wavelet':
      return (v) =>
        separableWavelet(v, {
          wavelet: p.wavelet as string,
          subband: p.subband as string,
          level: p.level as number,
          decimated: p.decimated === true,
          padding,
          rotationInvariance: p.rotation_invariance ? { pooling: pooling(p) } : null,
        });
    case 'simoncelli_wavelet':
      return (v) => simoncelliWavelet(v, { level: p.level as number, padding, dimensionality });
    default:
      return null;
  }
}

export interface MapComparison {
  maxAbsError: number;
  worstIndex: number;
  computed: number;
  reference: number;
}

export function compareToMap(computed: Volume, reference: Volume): MapComparison {
  let maxAbsError = -1;
  let worstIndex = 0;
  const n = reference.data.length;
  if (computed.data.length !== n) throw new Error(`size ${computed.data.length} vs reference ${n}`);
  for (let i = 0; i < n; i++) {
    const e = Math.abs(computed.data[i] - reference.data[i]);
    if (!(e <= maxAbsError)) {
      maxAbsError = e;
      worstIndex = i;
      if (Number.isNaN(e)) break;
    }
  }
  return { maxAbsError, worstIndex, computed: computed.data[worstIndex], reference: reference.data[worstIndex] };
}
