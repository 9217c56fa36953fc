/**
 * Morphological features (IBSI 1 section 3.1, family code HCUG), computed in 3D (aggregation DHQ4).
 *
 * Notation: V = mesh volume, A = mesh surface area (marching cubes at iso 0.5 on the padded morphological mask,
 * see mesh/marching-cubes.ts); N_v,m voxels in the morphological mask with centres X_c; N_v,gl voxels in the
 * intensity mask with intensities X_gl (mean mu); lambda_major >= lambda_minor >= lambda_least are the
 * eigenvalues of the covariance of X_c, semi-axes a = 2 sqrt(lambda_major), b = 2 sqrt(lambda_minor),
 * c = 2 sqrt(lambda_least) (covariance normalised by N - 1, which the IBSI consensus values need);
 * AABB = axis-aligned bounding box of the mesh vertices; convex = convex hull of the mesh vertices. Lengths in mm. Ratios that divide by zero (e.g. a one-voxel ROI has no extent along its axes)
 * are NaN. OMBB and MVEE features are not implemented: IBSI gives no consensus value for MVEE and the phantom
 * reference list holds neither.
 */
import { convexHull } from '../mesh/convex-hull.js';
import { latticeLineExtremes } from '../mesh/lattice-extremes.js';
import { marchingCubes, type MarchingCubesOptions } from '../mesh/marching-cubes.js';
import { boundingBoxExtents, meshArea, meshSignedVolume } from '../mesh/mesh-measures.js';
import type { Mask, Volume } from '../volume.js';
import { ratioOrNaN } from './distribution.js';
import {
  centreOfMassShift,
  ellipsoidSurfaceArea,
  maskPoints,
  principalMoments,
  type CovarianceNormalisation,
} from './morphology-measures.js';
import { spatialAutocorrelation, type AutocorrelationMethod } from './spatial-autocorrelation.js';
import { AGGREGATION_3D, type FeatureInfo, type FeatureRecord } from './types.js';

export interface MorphologyInput {
  /** morphological mask: mesh, voxel volume, PCA, geometric centre */
  mask: Mask;
  /** intensities on the mask's grid */
  image: Volume;
  /** intensity mask (centre of mass, integrated intensity, Moran's I, Geary's C); defaults to `mask` */
  intensityMask?: Mask;
}

export interface MorphologyOptions {
  mesh?: MarchingCubesOptions;
  /**
   * How Moran's I and Geary's C are computed (both exact, see spatial-autocorrelation.ts): 'auto' (default)
   * picks all pairs for small ROIs and FFT correlation for large ones; 'skip' leaves both out of the result.
   */
  spatialAutocorrelation?: AutocorrelationMethod | 'skip';
  /** covariance for the PCA axes: 'sample' (N - 1, IBSI consensus, default) or 'population' (N, PyRadiomics) */
  covariance?: CovarianceNormalisation;
}

/** Base quantities every morphology feature is derived from. */
export interface MorphologyQuantities {
  volume: number;
  area: number;
  voxelVolume: number;
  aabb: [number, number, number];
  convexVolume: number;
  convexArea: number;
  diameter: number;
  /** lambda_major, lambda_minor, lambda_least */
  lambda: [number, number, number];
  comShift: number;
  meanIntensity: number;
  moranI: number;
  gearyC: number;
}

export interface MorphologyFeature extends FeatureInfo {
  compute(q: MorphologyQuantities): number;
}

const semiAxes = (q: MorphologyQuantities) => q.lambda.map((l) => 2 * Math.sqrt(l)) as [number, number, number];

export const MORPHOLOGY_FEATURES: readonly MorphologyFeature[] = [
  /** Volume (mesh): V = |sum_k a_k . (b_k x c_k)| / 6 over mesh triangles */
  { name: 'Volume (mesh)', code: 'RNU0', pyradiomics: 'MeshVolume', compute: (q) => q.volume },
  /** Volume (voxel counting): N_v,m times the voxel volume */
  { name: 'Volume (voxel counting)', code: 'YEKZ', pyradiomics: 'VoxelVolume', compute: (q) => q.voxelVolume },
  /** Surface area (mesh): A = sum_k |ab x ac| / 2 */
  { name: 'Surface area (mesh)', code: 'C0JK', pyradiomics: 'SurfaceArea', compute: (q) => q.area },
  /** Surface to volume ratio: A / V */
  { name: 'Surface to volume ratio', code: '2PR5', pyradiomics: 'SurfaceVolumeRatio', compute: (q) => ratioOrNaN(q.area, q.volume) },
  /** Compactness 1: V / (pi^(1/2) A^(3/2)) */
  { name: 'Compactness 1', code: 'SKGS', pyradiomics: 'Compactness1', compute: (q) => ratioOrNaN(q.volume, Math.sqrt(Math.PI) * q.area ** 1.5) },
  /** Compactness 2: 36 pi V^2 / A^3 */
  { name: 'Compactness 2', code: 'BQWJ', pyradiomics: 'Compactness2', compute: (q) => ratioOrNaN(36 * Math.PI * q.volume ** 2, q.area ** 3) },
  /** Spherical disproportion: A / (36 pi V^2)^(1/3) */
  {
    name: 'Spherical disproportion',
    code: 'KRCK',
    pyradiomics: 'SphericalDisproportion',
    compute: (q) => ratioOrNaN(q.area, Math.cbrt(36 * Math.PI * q.volume ** 2)),
  },
  /** Sphericity: (36 pi V^2)^(1/3) / A */
  { name: 'Sphericity', code: 'QCFX', pyradiomics: 'Sphericity', compute: (q) => ratioOrNaN(Math.cbrt(36 * Math.PI * q.volume ** 2), q.area) },
  /** Asphericity: (A^3 / (36 pi V^2))^(1/3) - 1 */
  { name: 'Asphericity', code: '25C7', compute: (q) => ratioOrNaN(Math.cbrt(q.area ** 3), Math.cbrt(36 * Math.PI * q.volume ** 2)) - 1 },
  /** Centre of mass shift: || CoM_geom - CoM_gl ||_2 */
  { name: 'Centre of mass shift', code: 'KLMA', compute: (q) => q.comShift },
  /** Maximum 3D diameter: largest distance between two mesh vertices (found among convex hull vertices) */
  { name: 'Maximum 3D diameter', code: 'L0JK', pyradiomics: 'Maximum3DDiameter', compute: (q) => q.diameter },
  /** Major axis length: 2a = 4 sqrt(lambda_major) */
  { name: 'Major axis length', code: 'TDIC', pyradiomics: 'MajorAxisLength', compute: (q) => 4 * Math.sqrt(q.lambda[0]) },
  /** Minor axis length: 2b = 4 sqrt(lambda_minor) */
  { name: 'Minor axis length', code: 'P9VJ', pyradiomics: 'MinorAxisLength', compute: (q) => 4 * Math.sqrt(q.lambda[1]) },
  /** Least axis length: 2c = 4 sqrt(lambda_least) */
  { name: 'Least axis length', code: '7J51', pyradiomics: 'LeastAxisLength', compute: (q) => 4 * Math.sqrt(q.lambda[2]) },
  /** Elongation: sqrt(lambda_minor / lambda_major) */
  { name: 'Elongation', code: 'Q3CK', pyradiomics: 'Elongation', compute: (q) => Math.sqrt(ratioOrNaN(q.lambda[1], q.lambda[0])) },
  /** Flatness: sqrt(lambda_least / lambda_major) */
  { name: 'Flatness', code: 'N17B', pyradiomics: 'Flatness', compute: (q) => Math.sqrt(ratioOrNaN(q.lambda[2], q.lambda[0])) },
  /** Volume density (AABB): V / (e_x e_y e_z), e = AABB extents */
  {
    name: 'Volume density (axis-aligned bounding box)',
    code: 'PBX1',
    compute: (q) => ratioOrNaN(q.volume, q.aabb[0] * q.aabb[1] * q.aabb[2]),
  },
  /** Area density (AABB): A / (2 (e_x e_y + e_y e_z + e_z e_x)) */
  {
    name: 'Area density (axis-aligned bounding box)',
    code: 'R59B',
    compute: (q) => ratioOrNaN(q.area, 2 * (q.aabb[0] * q.aabb[1] + q.aabb[1] * q.aabb[2] + q.aabb[2] * q.aabb[0])),
  },
  /** Volume density (AEE): 3V / (4 pi a b c) */
  {
    name: 'Volume density (approximate enclosing ellipsoid)',
    code: '6BDE',
    compute: (q) => {
      const [a, b, c] = semiAxes(q);
      return ratioOrNaN(3 * q.volume, 4 * Math.PI * a * b * c);
    },
  },
  /** Area density (AEE): A / A_aee(a, b, c), A_aee by IBSI's Legendre series to nu = 20 */
  {
    name: 'Area density (approximate enclosing ellipsoid)',
    code: 'RDD2',
    compute: (q) => ratioOrNaN(q.area, ellipsoidSurfaceArea(...semiAxes(q))),
  },
  /** Volume density (convex hull), "solidity": V / V_convex */
  { name: 'Volume density (convex hull)', code: 'R3ER', compute: (q) => ratioOrNaN(q.volume, q.convexVolume) },
  /** Area density (convex hull): A / A_convex */
  { name: 'Area density (convex hull)', code: '7T7F', compute: (q) => ratioOrNaN(q.area, q.convexArea) },
  /** Integrated intensity: V mu, mu the mean intensity in the intensity mask */
  { name: 'Integrated intensity', code: '99N0', compute: (q) => q.volume * q.meanIntensity },
  /** Moran's I index, see spatial-autocorrelation.ts */
  { name: 'Moran’s I index', code: 'N365', compute: (q) => q.moranI },
  /** Geary's C measure, see spatial-autocorrelation.ts */
  { name: 'Geary’s C measure', code: 'NPT7', compute: (q) => q.gearyC },
];

/** Largest distance between two of the given points (indices into x, y, z triplets). */
function maxDistance(points: Float64Array, ids: Uint32Array): number {
  let best = 0;
  for (let i = 0; i < ids.length; i++) {
    const a = 3 * ids[i];
    const x = points[a];
    const y = points[a + 1];
    const z = points[a + 2];
    for (let j = i + 1; j < ids.length; j++) {
      const b = 3 * ids[j];
      const d = (points[b] - x) ** 2 + (points[b + 1] - y) ** 2 + (points[b + 2] - z) ** 2;
      if (d > best) best = d;
    }
  }
  return Math.sqrt(best);
}

/** Intensities of the voxels of `mask`, in voxel order (aligned with maskPoints, NaN kept). */
function maskedIntensities(image: Volume, mask: Mask): Float64Array {
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) n++;
  const out = new Float64Array(n);
  for (let i = 0, o = 0; i < mask.data.length; i++) if (mask.data[i]) out[o++] = image.data[i];
  return out;
}

const EMPTY_ROI: MorphologyQuantities = {
  volume: NaN,
  area: NaN,
  voxelVolume: 0,
  aabb: [NaN, NaN, NaN],
  convexVolume: NaN,
  convexArea: NaN,
  diameter: NaN,
  lambda: [NaN, NaN, NaN],
  comShift: NaN,
  meanIntensity: NaN,
  moranI: NaN,
  gearyC: NaN,
};

/** Base quantities of one ROI; an empty morphological mask gives NaN throughout (voxel volume 0). */
export function morphologyQuantities(input: MorphologyInput, options: MorphologyOptions = {}): MorphologyQuantities {
  const { mask, image } = input;
  const intensityMask = input.intensityMask ?? mask;
  const { dims, spacing } = mask;
  const morphPoints = maskPoints(mask.data, dims, spacing);
  if (morphPoints.length === 0) return EMPTY_ROI;
  const mesh = marchingCubes(mask.data, dims, spacing, options.mesh);
  const hull = convexHull(mesh.vertices, latticeLineExtremes(mesh.lattice));
  const intensityPoints = intensityMask === mask ? morphPoints : maskPoints(intensityMask.data, dims, spacing);
  const intensities = maskedIntensities(image, intensityMask);
  let sum = 0;
  for (const v of intensities) sum += v;
  const method = options.spatialAutocorrelation ?? 'auto';
  const autocorrelation =
    method === 'skip' ? { moranI: NaN, gearyC: NaN } : spatialAutocorrelation(image.data, intensityMask.data, dims, spacing, method);
  return {
    volume: Math.abs(meshSignedVolume(mesh.vertices, mesh.triangles)),
    area: meshArea(mesh.vertices, mesh.triangles),
    voxelVolume: (morphPoints.length / 3) * spacing[0] * spacing[1] * spacing[2],
    aabb: boundingBoxExtents(mesh.vertices),
    convexVolume: Math.abs(meshSignedVolume(mesh.vertices, hull.triangles)),
    convexArea: meshArea(mesh.vertices, hull.triangles),
    diameter: maxDistance(mesh.vertices, hull.vertices),
    lambda: principalMoments(morphPoints, options.covariance ?? 'sample'),
    comShift: centreOfMassShift(morphPoints, intensityPoints, intensities),
    meanIntensity: intensities.length ? sum / intensities.length : NaN,
    moranI: autocorrelation.moranI,
    gearyC: autocorrelation.gearyC,
  };
}

/** Morphology feature records (family "morphology", aggregation DHQ4). */
export function morphologyFeatureRecords(input: MorphologyInput, options: MorphologyOptions = {}): FeatureRecord[] {
  const q = morphologyQuantities(input, options);
  const skip = options.spatialAutocorrelation === 'skip' ? new Set(['N365', 'NPT7']) : new Set<string>();
  return MORPHOLOGY_FEATURES.filter((f) => !skip.has(f.code)).map((f) => ({
    name: f.name,
    family: 'morphology',
    ibsi_code: f.code,
    aggregation_code: AGGREGATION_3D.code,
    aggregation: AGGREGATION_3D.label,
    value: f.compute(q),
  }));
}
