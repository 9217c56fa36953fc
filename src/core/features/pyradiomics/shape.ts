/**
 * PyRadiomics shape class (radiomics/shape.py + src/cshape.c), IBSI morphology (HCUG) under PyRadiomics'
 * conventions.
 *
 * Mesh: marching cubes at iso 0.5 on the ROI mask padded by one voxel, with PyRadiomics' own case table
 * (mesh/pyradiomics-mc-table.ts), giving its MeshVolume V and SurfaceArea A exactly. Diameters: largest distances
 * between mesh vertices, overall and within planes of equal z (Slice), y (Column), x (Row). PCA: eigenvalues
 * lambda_major >= lambda_minor >= lambda_least of the population covariance (1/N) of the voxel centres in mm.
 */
import { maskPoints, principalMoments } from '../morphology-measures.js';
import { latticeDiameters } from '../../mesh/lattice-diameters.js';
import { marchingCubes } from '../../mesh/marching-cubes.js';
import { meshArea, meshSignedVolume } from '../../mesh/mesh-measures.js';
import { pyradiomicsMarchingCubesTable } from '../../mesh/pyradiomics-mc-table.js';
import type { Mask } from '../../volume.js';
import type { PyradiomicsFeature } from './common.js';

export interface ShapeCoefficients {
  volume: number;
  area: number;
  voxelVolume: number;
  /** max 3D, Slice (equal z), Column (equal y), Row (equal x) */
  diameters: [number, number, number, number];
  /** lambda_major, lambda_minor, lambda_least */
  lambda: [number, number, number];
}

export function shapeCoefficients(mask: Mask): ShapeCoefficients {
  const { dims, spacing } = mask;
  const mesh = marchingCubes(mask.data, dims, spacing, { table: pyradiomicsMarchingCubesTable() });
  const d = latticeDiameters(mesh.lattice, [spacing[0] / 2, spacing[1] / 2, spacing[2] / 2]);
  const points = maskPoints(mask.data, dims, spacing);
  return {
    volume: meshSignedVolume(mesh.vertices, mesh.triangles),
    area: meshArea(mesh.vertices, mesh.triangles),
    voxelVolume: (points.length / 3) * spacing[0] * spacing[1] * spacing[2],
    diameters: [d.max3d, d.sameZ, d.sameY, d.sameX],
    lambda: principalMoments(points, 'population'),
  };
}

const sphericity = (c: ShapeCoefficients) => Math.cbrt(36 * Math.PI * c.volume * c.volume) / c.area;

/** Alphabetical, as PyRadiomics reports them. */
export const SHAPE_PYRADIOMICS_FEATURES: readonly PyradiomicsFeature<ShapeCoefficients>[] = [
  /** Compactness 1: V / (sqrt(pi) A^(3/2)) (deprecated) */
  { name: 'Compactness1', ibsi: 'SKGS', deprecated: true, compute: (c) => c.volume / (c.area ** 1.5 * Math.sqrt(Math.PI)) },
  /** Compactness 2: 36 pi V^2 / A^3 (deprecated) */
  { name: 'Compactness2', ibsi: 'BQWJ', deprecated: true, compute: (c) => (36 * Math.PI * c.volume ** 2) / c.area ** 3 },
  /** Elongation: sqrt(lambda_minor / lambda_major) */
  { name: 'Elongation', ibsi: 'Q3CK', compute: (c) => Math.sqrt(c.lambda[1] / c.lambda[0]) },
  /** Flatness: sqrt(lambda_least / lambda_major) */
  { name: 'Flatness', ibsi: 'N17B', compute: (c) => Math.sqrt(c.lambda[2] / c.lambda[0]) },
  /** Least axis length: 4 sqrt(lambda_least) */
  { name: 'LeastAxisLength', ibsi: '7J51', compute: (c) => 4 * Math.sqrt(c.lambda[2]) },
  /** Major axis length: 4 sqrt(lambda_major) */
  { name: 'MajorAxisLength', ibsi: 'TDIC', compute: (c) => 4 * Math.sqrt(c.lambda[0]) },
  /** Largest vertex distance in a plane of equal y (no IBSI equivalent) */
  { name: 'Maximum2DDiameterColumn', compute: (c) => c.diameters[2] },
  /** Largest vertex distance in a plane of equal x (no IBSI equivalent) */
  { name: 'Maximum2DDiameterRow', compute: (c) => c.diameters[3] },
  /** Largest vertex distance in a plane of equal z, the axial slice (no IBSI equivalent) */
  { name: 'Maximum2DDiameterSlice', compute: (c) => c.diameters[1] },
  /** Largest distance between two mesh vertices */
  { name: 'Maximum3DDiameter', ibsi: 'L0JK', compute: (c) => c.diameters[0] },
  /** Mesh volume V */
  { name: 'MeshVolume', ibsi: 'RNU0', compute: (c) => c.volume },
  /** Minor axis length: 4 sqrt(lambda_minor) */
  { name: 'MinorAxisLength', ibsi: 'P9VJ', compute: (c) => 4 * Math.sqrt(c.lambda[1]) },
  /** Spherical disproportion: A / (36 pi V^2)^(1/3) (deprecated) */
  { name: 'SphericalDisproportion', ibsi: 'KRCK', deprecated: true, compute: (c) => 1 / sphericity(c) },
  /** Sphericity: (36 pi V^2)^(1/3) / A */
  { name: 'Sphericity', ibsi: 'QCFX', compute: sphericity },
  /** Surface area A */
  { name: 'SurfaceArea', ibsi: 'C0JK', compute: (c) => c.area },
  /** A / V */
  { name: 'SurfaceVolumeRatio', ibsi: '2PR5', compute: (c) => c.area / c.volume },
  /** Number of voxels x voxel volume */
  { name: 'VoxelVolume', ibsi: 'YEKZ', compute: (c) => c.voxelVolume },
];
