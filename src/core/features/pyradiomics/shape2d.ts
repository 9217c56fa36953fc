/**
 * PyRadiomics shape2D class (radiomics/shape2D.py): 2D shape of a single-slice ROI (force2D, size 1 along
 * force2Ddimension). No IBSI equivalents (IBSI morphology is 3D).
 *
 * Outline by marching squares on the slice padded by one pixel (mesh/marching-squares.ts): perimeter P, enclosed
 * mesh surface A; MaximumDiameter = largest distance between outline vertices; PCA of the pixel centres (mm) with
 * the population covariance, eigenvalues lambda_major >= lambda_minor. The slice's axes are PyRadiomics' remaining
 * array axes in (z, y, x) order: rows first.
 */
import { latticeDiameters } from '../../mesh/lattice-diameters.js';
import { marchingSquares } from '../../mesh/marching-squares.js';
import type { Mask } from '../../volume.js';
import type { PyradiomicsFeature } from './common.js';

export interface Shape2dCoefficients {
  perimeter: number;
  surface: number;
  pixelSurface: number;
  diameter: number;
  /** lambda_major, lambda_minor */
  lambda: [number, number];
}

/** Coefficients of the single slice of `mask` perpendicular to `axis` (0 = x, 1 = y, 2 = z). */
export function shape2dCoefficients(mask: Mask, axis: 0 | 1 | 2): Shape2dCoefficients {
  const [rowAxis, colAxis] = ([2, 1, 0] as const).filter((a) => a !== axis);
  const rows = mask.dims[rowAxis];
  const cols = mask.dims[colAxis];
  const stride = [1, mask.dims[0], mask.dims[0] * mask.dims[1]];
  const slice = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) slice[r * cols + c] = mask.data[r * stride[rowAxis] + c * stride[colAxis]] ? 1 : 0;
  const spacing: [number, number] = [mask.spacing[rowAxis], mask.spacing[colAxis]];
  const outline = marchingSquares(slice, rows, cols, spacing);
  const lattice3 = new Int32Array((outline.lattice.length / 2) * 3);
  for (let v = 0; v < outline.lattice.length / 2; v++) {
    lattice3[3 * v] = outline.lattice[2 * v];
    lattice3[3 * v + 1] = outline.lattice[2 * v + 1];
  }
  const diameter = latticeDiameters(lattice3, [spacing[0] / 2, spacing[1] / 2, 1]).sameZ;
  let n = 0;
  let mr = 0;
  let mc = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!slice[r * cols + c]) continue;
      n++;
      mr += r * spacing[0];
      mc += c * spacing[1];
    }
  }
  mr /= n;
  mc /= n;
  let a = 0;
  let b = 0;
  let d = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!slice[r * cols + c]) continue;
      const u = r * spacing[0] - mr;
      const v = c * spacing[1] - mc;
      a += u * u;
      b += u * v;
      d += v * v;
    }
  }
  a /= n;
  b /= n;
  d /= n;
  const mean = (a + d) / 2;
  const root = Math.sqrt(((a - d) / 2) ** 2 + b * b);
  return {
    perimeter: outline.perimeter,
    surface: outline.area,
    pixelSurface: n * spacing[0] * spacing[1],
    diameter,
    lambda: [Math.max(mean + root, 0), Math.max(mean - root, 0)],
  };
}

const sphericity = (c: Shape2dCoefficients) => (2 * Math.sqrt(Math.PI * c.surface)) / c.perimeter;

/** Alphabetical, as PyRadiomics reports them. */
export const SHAPE2D_PYRADIOMICS_FEATURES: readonly PyradiomicsFeature<Shape2dCoefficients>[] = [
  /** sqrt(lambda_minor / lambda_major) */
  { name: 'Elongation', compute: (c) => Math.sqrt(c.lambda[1] / c.lambda[0]) },
  /** 4 sqrt(lambda_major) */
  { name: 'MajorAxisLength', compute: (c) => 4 * Math.sqrt(c.lambda[0]) },
  /** largest distance between outline vertices */
  { name: 'MaximumDiameter', compute: (c) => c.diameter },
  /** enclosed area of the outline */
  { name: 'MeshSurface', compute: (c) => c.surface },
  /** 4 sqrt(lambda_minor) */
  { name: 'MinorAxisLength', compute: (c) => 4 * Math.sqrt(c.lambda[1]) },
  /** outline length */
  { name: 'Perimeter', compute: (c) => c.perimeter },
  /** P / A */
  { name: 'PerimeterSurfaceRatio', compute: (c) => c.perimeter / c.surface },
  /** pixels x pixel area */
  { name: 'PixelSurface', compute: (c) => c.pixelSurface },
  /** P / (2 sqrt(pi A)) (deprecated) */
  { name: 'SphericalDisproportion', deprecated: true, compute: (c) => 1 / sphericity(c) },
  /** 2 sqrt(pi A) / P */
  { name: 'Sphericity', compute: sphericity },
];
